// File: tokenizer/normalized_string.hpp
// The unit of text flowing through normalizers, pre-tokenizers and the model, and the one split
// routine every splitting stage shares (HF `NormalizedString::split` + `SplitDelimiterBehavior`).
//
// Design note: the public API returns ids only (no offsets), so unlike HF we do not carry an
// alignment table. The only offset fact any stage reads is whether a piece starts at original
// offset 0 (Metaspace prepend_scheme "first"), kept as `at_origin`.
// Usage:
//   std::vector<normalized_string> out;
//   split_pieces(piece, matches, split_behavior::isolated, /*invert=*/false, out);
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "text/regex.hpp"

namespace tito::tokenizer {

struct normalized_string {
    std::string text;
    bool at_origin = true;  // starts at byte 0 of the original input
};

enum class split_behavior { removed, isolated, merged_with_previous, merged_with_next, contiguous };

result<split_behavior> parse_split_behavior(std::string_view name);

// Splits `piece` around `matches` (sorted, non-overlapping byte ranges of piece.text) following
// `behavior`; `invert` swaps the roles of matches and gaps. Appends the non-empty parts to `out`.
void split_pieces(const normalized_string& piece, std::span<const text::match> matches,
                  split_behavior behavior, bool invert, std::vector<normalized_string>& out);

}  // namespace tito::tokenizer
