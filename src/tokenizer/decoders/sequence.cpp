// File: tokenizer/decoders/sequence.cpp
// Sequence: applies its decoders in order.
#include "tokenizer/decoders/decoder.hpp"

namespace tito::tokenizer {
namespace {

class sequence final : public decoder {
public:
    explicit sequence(std::vector<decoder_ptr> parts) : parts_(std::move(parts)) {}
    void decode_chain(std::vector<std::string>& tokens) const override {
        for (const auto& p : parts_) p->decode_chain(tokens);
    }

private:
    std::vector<decoder_ptr> parts_;
};

}  // namespace

result<decoder_ptr> detail::make_decoder_sequence(json obj) {
    auto list = get_member(obj, "decoders");
    if (!list || !list->is_array()) return load_error("Sequence decoder: missing 'decoders' array");
    std::vector<decoder_ptr> parts;
    for (json item : list->get_array()) {
        TITO_TRY(auto d, make_decoder(item));
        if (d) parts.push_back(std::move(d));
    }
    return decoder_ptr{std::make_unique<sequence>(std::move(parts))};
}

}  // namespace tito::tokenizer
