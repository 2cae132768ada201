// File: text/utf8.hpp
// UTF-8 helpers shared by the tokenizer: decode/encode one code point, lossy repair of invalid
// input (Rust String::from_utf8_lossy semantics: one U+FFFD per maximal invalid subpart), and
// the Unicode character predicates the HF tokenizers crate takes from Rust's `char`.
// Usage:
//   std::size_t i = 0; char32_t c = tito::text::decode_one(s, i);   // advances i
//   std::string fixed = tito::text::to_valid_utf8(bytes);
//   if (tito::text::is_whitespace(c)) ...
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tito::text {

inline constexpr char32_t replacement_char = 0xFFFD;

// Length of the UTF-8 sequence introduced by lead byte b (1 for invalid lead bytes).
inline std::size_t sequence_length(unsigned char b) noexcept {
    if (b < 0x80) return 1;
    if (b < 0xE0) return b < 0xC0 ? 1 : 2;
    if (b < 0xF0) return 3;
    return b < 0xF8 ? 4 : 1;
}

// Index of the first byte >= 0x80 at or after i (s.size() if none); 8 bytes per step.
inline std::size_t skip_ascii(std::string_view s, std::size_t i) noexcept {
    while (i + 8 <= s.size()) {
        std::uint64_t w;
        __builtin_memcpy(&w, s.data() + i, 8);
        if (w & 0x8080808080808080ull) break;
        i += 8;
    }
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
    return i;
}

// Decodes the code point at s[i] (s must be valid UTF-8) and advances i past it.
char32_t decode_one(std::string_view s, std::size_t& i) noexcept;

// Appends the UTF-8 encoding of c to out.
void append_utf8(std::string& out, char32_t c);

// True if s is well-formed UTF-8.
bool is_valid_utf8(std::string_view s) noexcept;

// Appends s to out, replacing each maximal invalid subpart with U+FFFD (from_utf8_lossy).
void append_lossy(std::string& out, std::string_view s);
inline std::string to_valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    append_lossy(out, s);
    return out;
}

// Rust char predicates (Unicode White_Space; general categories via utf8proc).
bool is_whitespace(char32_t c) noexcept;
bool is_numeric(char32_t c) noexcept;      // Nd | Nl | No
bool is_punctuation(char32_t c) noexcept;  // ASCII punctuation or any P* category
bool is_alphanumeric(char32_t c) noexcept;

// Number of code points in s (s valid UTF-8).
std::size_t count_chars(std::string_view s) noexcept;

}  // namespace tito::text
