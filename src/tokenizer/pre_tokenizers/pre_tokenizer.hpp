// File: tokenizer/pre_tokenizers/pre_tokenizer.hpp
// Pre-tokenizer stage: splits (and may rewrite) the pieces produced by normalization (HF
// `PreTokenizer`). Built from the "pre_tokenizer" object of tokenizer.json by
// make_pre_tokenizer(), keyed by "type"; unknown types/options are load errors naming them.
// Implementations are immutable and thread-safe.
// Usage:
//   TITO_TRY(auto p, make_pre_tokenizer(obj));   // {"type": "WhitespaceSplit"}
//   std::vector<normalized_string> v{{"a b", true}}; p->pre_tokenize(v);   // "a", "b"
#pragma once

#include <memory>
#include <vector>

#include "base/result.hpp"
#include "tokenizer/json_util.hpp"
#include "tokenizer/normalized_string.hpp"

namespace tito::tokenizer {

class pre_tokenizer {
public:
    virtual ~pre_tokenizer() = default;
    virtual void pre_tokenize(std::vector<normalized_string>& pieces) const = 0;
};

using pre_tokenizer_ptr = std::unique_ptr<const pre_tokenizer>;

// Parses one pre-tokenizer object; a null JSON value yields nullptr (no pre-tokenizer).
result<pre_tokenizer_ptr> make_pre_tokenizer(detail::json obj);

namespace detail {
result<pre_tokenizer_ptr> make_split(json obj);
result<pre_tokenizer_ptr> make_byte_level_pre_tokenizer(json obj);
result<pre_tokenizer_ptr> make_metaspace(json obj);
result<pre_tokenizer_ptr> make_digits(json obj);
result<pre_tokenizer_ptr> make_punctuation(json obj);
result<pre_tokenizer_ptr> make_whitespace();
result<pre_tokenizer_ptr> make_whitespace_split();
result<pre_tokenizer_ptr> make_pre_tokenizer_sequence(json obj);

// Replaces every piece by the pieces `fn(piece, out)` appends to out.
template <class F>
void split_each(std::vector<normalized_string>& pieces, F&& fn) {
    std::vector<normalized_string> out;
    out.reserve(pieces.size() * 4);
    for (const auto& p : pieces) fn(p, out);
    pieces.swap(out);
}

// Matches of a per-character predicate, one match per matching character (HF Pattern for Fn(char)).
template <class Pred>
void char_matches(std::string_view s, Pred&& pred, std::vector<text::match>& out);
}  // namespace detail

}  // namespace tito::tokenizer

#include "text/utf8.hpp"

template <class Pred>
void tito::tokenizer::detail::char_matches(std::string_view s, Pred&& pred, std::vector<text::match>& out) {
    out.clear();
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t start = i;
        char32_t c = text::decode_one(s, i);
        if (pred(c)) out.push_back({start, i});
    }
}
