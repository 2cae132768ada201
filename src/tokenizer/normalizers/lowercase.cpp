// File: tokenizer/normalizers/lowercase.cpp
// Lowercase: Rust char::to_lowercase per character.
#include "text/normalize.hpp"
#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {
namespace {

class lowercase final : public normalizer {
public:
    void normalize(std::string& s) const override { s = text::lowercase(s); }
};

}  // namespace

result<normalizer_ptr> detail::make_lowercase() { return normalizer_ptr{std::make_unique<lowercase>()}; }

}  // namespace tito::tokenizer
