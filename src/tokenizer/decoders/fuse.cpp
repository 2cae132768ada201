// File: tokenizer/decoders/fuse.cpp
// Fuse: concatenates all tokens into one.
#include "tokenizer/decoders/decoder.hpp"

namespace tito::tokenizer {
namespace {

class fuse final : public decoder {
public:
    void decode_chain(std::vector<std::string>& tokens) const override {
        std::string all;
        for (const auto& t : tokens) all.append(t);
        tokens.clear();
        tokens.push_back(std::move(all));
    }
};

}  // namespace

result<decoder_ptr> detail::make_fuse_decoder() { return decoder_ptr{std::make_unique<fuse>()}; }

}  // namespace tito::tokenizer
