// File: tokenizer/normalizers/byte_level.cpp
// ByteLevel normalizer: every byte becomes its GPT-2 byte-level character.
#include "tokenizer/byte_level_map.hpp"
#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {
namespace {

class byte_level final : public normalizer {
public:
    void normalize(std::string& s) const override { s = byte_level_map::encode(s); }
};

}  // namespace

result<normalizer_ptr> detail::make_byte_level_normalizer() {
    return normalizer_ptr{std::make_unique<byte_level>()};
}

}  // namespace tito::tokenizer
