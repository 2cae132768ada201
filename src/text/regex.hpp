// File: text/regex.hpp
// The one regex wrapper of the project: PCRE2 (UTF + UCP, JIT compiled once at construction),
// fed with Oniguruma-syntax patterns as found in tokenizer.json (translated where PCRE2 differs).
// Matching keeps no state in the object: match data lives in a per-thread scratch block, so one
// compiled regex is shared by all threads.
// Usage:
//   auto re = tito::text::regex::compile(R"(\p{L}+|\s+)");  // result<regex>
//   std::vector<tito::text::match> found;
//   re->find_all("hello world", found);   // {0,5} {5,6} {6,11}
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace tito::text {

struct match {
    std::size_t begin;
    std::size_t end;
};

// Rewrites the Oniguruma (Ruby syntax, UTF-8) constructs whose meaning differs in PCRE2:
// \s \S (Onig: White_Space), \w \W (Onig: Letter|Mark|Number|Pc), \h \H (Onig: hex digit),
// \p{Gc} \P{Gc} (extended to the characters assigned up to Unicode 16.0, as in Oniguruma).
// Without `with_delta` the \p{Gc} extensions are left out (used when the subject has no
// character assigned after Unicode 14, where both translations match identically).
std::string translate_oniguruma(std::string_view pattern, bool with_delta = true);

class regex {
public:
    // Compiles an Oniguruma-syntax pattern. Error (errc::tokenizer_load) names the pattern.
    static result<regex> compile(std::string_view oniguruma_pattern);

    // Replaces `out` with the non-overlapping matches in `subject` (valid UTF-8), in order, with
    // Oniguruma find_iter semantics: an empty match right after the previous match is skipped and
    // the search advances by one code point.
    void find_all(std::string_view subject, std::vector<match>& out) const;

    const std::string& pattern() const noexcept { return pattern_; }

private:
    struct compiled;
    explicit regex(std::shared_ptr<const compiled> c, std::string pattern)
        : code_(std::move(c)), pattern_(std::move(pattern)) {}
    std::shared_ptr<const compiled> code_;
    std::string pattern_;
};

}  // namespace tito::text
