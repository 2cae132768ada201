// File: tokenizer/decoders/byte_level.cpp
// ByteLevel: byte-level characters back to bytes, all tokens fused, invalid UTF-8 -> U+FFFD.
#include "text/utf8.hpp"
#include "tokenizer/byte_level_map.hpp"
#include "tokenizer/decoders/decoder.hpp"

namespace tito::tokenizer {
namespace {

class byte_level final : public decoder {
public:
    void decode_chain(std::vector<std::string>& tokens) const override {
        std::string bytes;
        for (const auto& t : tokens) byte_level_map::decode_token(t, bytes);
        tokens.clear();
        tokens.push_back(text::is_valid_utf8(bytes) ? std::move(bytes) : text::to_valid_utf8(bytes));
    }
};

}  // namespace

result<decoder_ptr> detail::make_byte_level_decoder() { return decoder_ptr{std::make_unique<byte_level>()}; }

}  // namespace tito::tokenizer
