// File: tokenizer/pre_tokenizers/digits.cpp
// Digits: isolates numeric characters, one by one or as contiguous runs.
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

class digits final : public pre_tokenizer {
public:
    explicit digits(bool individual) : individual_(individual) {}
    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        auto behavior = individual_ ? split_behavior::isolated : split_behavior::contiguous;
        detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
            detail::char_matches(s, text::is_numeric, found);
            split_pieces(s, p, found, behavior, false, out);
        });
    }

private:
    bool individual_;
};

}  // namespace

result<pre_tokenizer_ptr> detail::make_digits(json obj) {
    TITO_TRY(bool individual, get_bool(obj, "individual_digits", false, "Digits pre_tokenizer"));
    return pre_tokenizer_ptr{std::make_unique<digits>(individual)};
}

}  // namespace tito::tokenizer
