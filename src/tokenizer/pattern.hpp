// File: tokenizer/pattern.hpp
// A Split/Replace pattern from tokenizer.json: {"String": literal} or {"Regex": oniguruma}.
// Literals are searched directly (same result as HF's escaped regex); regexes go through
// text::regex, or tokenizer::fast_split when the regex is one it implements. Immutable and
// shareable across threads.
// Usage:
//   TITO_TRY(auto p, pattern::make(spec));
//   std::vector<text::match> m; p.find_matches("a b", m);   // literal " " -> {1,2}
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "text/regex.hpp"
#include "tokenizer/fast_split.hpp"
#include "tokenizer/json_util.hpp"

namespace tito::tokenizer {

class pattern {
public:
    static result<pattern> make(const detail::pattern_spec& spec);
    void find_matches(std::string_view s, std::vector<text::match>& out) const;

private:
    std::string literal_;
    std::optional<text::regex> regex_;
    std::optional<fast_split> fast_;
};

}  // namespace tito::tokenizer
