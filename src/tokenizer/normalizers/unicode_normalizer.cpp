// File: tokenizer/normalizers/unicode_normalizer.cpp
// NFC, NFD, NFKC, NFKD (utf8proc through text::normalize).
#include "text/normalize.hpp"
#include "tokenizer/normalizers/normalizer.hpp"

namespace tito::tokenizer {
namespace {

class unicode_normalizer final : public normalizer {
public:
    explicit unicode_normalizer(text::normal_form f) : form_(f) {}
    void normalize(std::string& s) const override {
        if (text::is_trivially_normalized(s, form_)) return;
        s = text::normalize(s, form_);
    }

private:
    text::normal_form form_;
};

}  // namespace

result<normalizer_ptr> detail::make_unicode_normalizer(std::string_view type) {
    text::normal_form f = type == "NFC"    ? text::normal_form::nfc
                          : type == "NFD"  ? text::normal_form::nfd
                          : type == "NFKC" ? text::normal_form::nfkc
                                           : text::normal_form::nfkd;
    return normalizer_ptr{std::make_unique<unicode_normalizer>(f)};
}

}  // namespace tito::tokenizer
