// File: tokenizer/pre_tokenizers/whitespace.cpp
// Whitespace (keeps runs of word characters and runs of other non-space characters) and
// WhitespaceSplit (splits on Unicode whitespace, removing it).
#include "tokenizer/pre_tokenizers/pre_tokenizer.hpp"

namespace tito::tokenizer {
namespace {

// HF uses the Rust `regex` crate here: \w = Alphabetic | M | Nd | Pc | Join_Control.
constexpr std::string_view word_pattern =
    R"([\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\x{200C}\x{200D}]+|[^\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\x{200C}\x{200D}\s]+)";

class whitespace final : public pre_tokenizer {
public:
    explicit whitespace(text::regex re) : regex_(std::move(re)) {}
    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
            regex_.find_all(s, found);
            split_pieces(s, p, found, split_behavior::removed, true, out);
        });
    }

private:
    text::regex regex_;
};

class whitespace_split final : public pre_tokenizer {
public:
    void pre_tokenize(pre_tokenized& pt) const override {
        thread_local std::vector<text::match> found;
        detail::split_each(pt, [&](std::string_view s, const piece_span& p, std::vector<piece_span>& out) {
            detail::char_matches(s, text::is_whitespace, found);
            split_pieces(s, p, found, split_behavior::removed, false, out);
        });
    }
};

}  // namespace

result<pre_tokenizer_ptr> detail::make_whitespace() {
    TITO_TRY(auto re, text::regex::compile(word_pattern));
    return pre_tokenizer_ptr{std::make_unique<whitespace>(std::move(re))};
}

result<pre_tokenizer_ptr> detail::make_whitespace_split() {
    return pre_tokenizer_ptr{std::make_unique<whitespace_split>()};
}

}  // namespace tito::tokenizer
