// File: text/unicode.hpp
// Unicode general categories as the HF tokenizers crate sees them (Unicode 16.0): utf8proc's
// tables plus the characters assigned after Unicode 14.0 (the version compiled into PCRE2 10.42),
// from the generated unicode_delta.inc. The delta also feeds the regex translation so that
// \p{L}, \p{N}, ... match the same characters as Oniguruma.
// Usage:
//   std::string_view gc = tito::text::general_category(U'a');   // "Ll"
//   for (auto r : tito::text::unicode_delta()) ...               // {first, last, "Lo"}
#pragma once

#include <span>
#include <string_view>

namespace tito::text {

struct category_range {
    char32_t first;
    char32_t last;
    const char* category;
};

// Ranges assigned in Unicode 16.0 but not in 14.0, sorted by code point.
std::span<const category_range> unicode_delta() noexcept;

// True if s (valid UTF-8) holds a character of unicode_delta() (assigned after Unicode 14.0).
bool contains_unicode_delta(std::string_view s) noexcept;

// True for characters assigned after Unicode 9.0: the HF crate's normalization tables (crate
// unicode-normalization-alignments) are Unicode 9.0, so for NFC/NFD/NFKC/NFKD these characters
// have no decomposition and combining class 0 (generated unicode_after_v9.inc).
bool assigned_after_unicode_9(char32_t c) noexcept;

// Two-letter general category ("Lu", "Nd", "Cn", ...).
std::string_view general_category(char32_t c) noexcept;

}  // namespace tito::text
