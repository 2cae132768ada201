// File: tokenizer/pre_tokenizers/punctuation.cpp
// Punctuation: splits on punctuation characters with the configured behavior.
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

class punctuation final : public pre_tokenizer {
public:
    explicit punctuation(split_behavior b) : behavior_(b) {}
    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
            detail::char_matches(s, text::is_punctuation, found);
            split_pieces(s, p, found, behavior_, false, out);
        });
    }

private:
    split_behavior behavior_;
};

}  // namespace

result<pre_tokenizer_ptr> detail::make_punctuation(json obj) {
    TITO_TRY(auto name, get_opt_string(obj, "behavior", "Punctuation pre_tokenizer"));
    TITO_TRY(auto b, parse_split_behavior(name.value_or("Isolated")));
    return pre_tokenizer_ptr{std::make_unique<punctuation>(b)};
}

}  // namespace tito::tokenizer
