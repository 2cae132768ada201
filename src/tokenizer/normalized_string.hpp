// File: tokenizer/normalized_string.hpp
// The text flowing through pre-tokenizers to the model: one buffer plus the byte ranges of its
// pieces (HF `PreTokenizedString` over a `NormalizedString`), and the one split routine every
// splitting stage shares (HF `NormalizedString::split` + `SplitDelimiterBehavior`).
//
// Design note: the public API returns ids only (no offsets), so unlike HF we carry no alignment
// table. Splitting stages only refine ranges (no copies); rewriting stages (Metaspace, ByteLevel's
// prefix space) rebuild the buffer. The ByteLevel byte->char mapping is deferred: it sets
// `byte_level` and the BPE model maps (and caches) raw bytes itself; a later stage that needs the
// mapped text calls materialize(). The only offset fact any stage reads is whether a piece starts at
// original offset 0 (Metaspace prepend_scheme "first"), kept as `at_origin`.
// Usage:
//   pre_tokenized pt{"Hello world", true};
//   split_pieces(pt.view(pt.pieces[0]), pt.pieces[0], matches, split_behavior::isolated, false, out);
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "text/regex.hpp"

namespace tito::tokenizer {

struct piece_span {
    std::uint32_t begin;
    std::uint32_t end;
    bool at_origin;  // starts at byte 0 of the original input
};

class pre_tokenized {
public:
    pre_tokenized() = default;
    pre_tokenized(std::string text, bool at_origin);

    std::string_view view(const piece_span& p) const { return std::string_view(text).substr(p.begin, p.end - p.begin); }
    // Applies a deferred ByteLevel mapping to the buffer.
    void materialize();
    // The pieces as strings (mapped if byte_level); for tests and debugging.
    std::vector<std::string> strings() const;

    std::string text;
    std::vector<piece_span> pieces;
    bool byte_level = false;  // pieces hold raw bytes still to be byte-level mapped
};

enum class split_behavior { removed, isolated, merged_with_previous, merged_with_next, contiguous };

result<split_behavior> parse_split_behavior(std::string_view name);

// Splits piece `p` (text `s`) around `matches` (sorted, non-overlapping byte ranges relative to s)
// following `behavior`; `invert` swaps the roles of matches and gaps. Appends the non-empty parts
// to `out` as ranges of the same buffer.
void split_pieces(std::string_view s, const piece_span& p, std::span<const text::match> matches,
                  split_behavior behavior, bool invert, std::vector<piece_span>& out);

}  // namespace tito::tokenizer
