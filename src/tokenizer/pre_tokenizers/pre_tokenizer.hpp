// File: tokenizer/pre_tokenizers/pre_tokenizer.hpp
// Pre-tokenizer stage: splits (and may rewrite) the pieces produced by normalization (HF
// `PreTokenizer`). Built from the "pre_tokenizer" object of tokenizer.json by
// make_pre_tokenizer(), keyed by "type"; unknown types/options are load errors naming them.
// Implementations are immutable and thread-safe.
// Usage:
//   TITO_TRY(auto p, make_pre_tokenizer(obj));   // {"type": "WhitespaceSplit"}
//   pre_tokenized pt{"a b", true}; p->pre_tokenize(pt);   // pt.strings() == {"a", "b"}
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
    virtual void pre_tokenize(pre_tokenized& pt) const = 0;
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

// Replaces every piece by the ranges `fn(text, piece, out)` appends to out (no text copied).
template <class F>
void split_each(pre_tokenized& pt, F&& fn) {
    pt.materialize();
    thread_local std::vector<piece_span> out;
    out.clear();
    for (const auto& p : pt.pieces) fn(pt.view(p), p, out);
    pt.pieces.swap(out);
}

// Rebuilds the buffer: `fn(text, at_origin, rewritten)` appends the new text of one piece.
template <class F>
void rewrite_each(pre_tokenized& pt, F&& fn) {
    pt.materialize();
    std::string text;
    text.reserve(pt.text.size() + 16);
    std::vector<piece_span> spans;
    spans.reserve(pt.pieces.size());
    std::string piece;
    for (const auto& p : pt.pieces) {
        piece.clear();
        fn(pt.view(p), p.at_origin, piece);
        if (piece.empty()) continue;
        auto b = static_cast<std::uint32_t>(text.size());
        text.append(piece);
        spans.push_back(piece_span{b, static_cast<std::uint32_t>(text.size()), p.at_origin});
    }
    pt.text.swap(text);
    pt.pieces.swap(spans);
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
