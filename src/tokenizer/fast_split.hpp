// File: tokenizer/fast_split.hpp
// A hand-written matcher for the split regex of the Llama 3 / Qwen2 / Qwen3 tokenizers,
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|
//   \s*[\r\n]+|\s+(?!\S)|\s+            (Qwen spells the digits alternative \p{N})
// giving the same matches as text::regex on that pattern at a fraction of the cost (no
// backtracking engine: each alternative is one forward scan). The character classes come from a
// text::class_map, which text::regex fills itself, so \p{L}, \p{N} and \s agree by construction;
// tests compare both on the golden inputs and on random strings. Other patterns get no matcher.
// Usage:
//   if (auto f = fast_split::recognize(pattern_text)) f->find_matches("Hello world", found);
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "text/class_map.hpp"
#include "text/regex.hpp"

namespace tito::tokenizer {

class fast_split {
public:
    // A matcher when `oniguruma_pattern` is one of the patterns above, else nullopt.
    static std::optional<fast_split> recognize(std::string_view oniguruma_pattern);

    // Replaces `out` with the matches in `s` (valid UTF-8), as text::regex::find_all would.
    void find_matches(std::string_view s, std::vector<text::match>& out) const;

private:
    fast_split(std::shared_ptr<const text::class_map> classes, unsigned max_digits)
        : classes_(std::move(classes)), max_digits_(max_digits) {}
    std::shared_ptr<const text::class_map> classes_;
    unsigned max_digits_;
};

}  // namespace tito::tokenizer
