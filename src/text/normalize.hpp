// File: text/normalize.hpp
// Unicode normalization forms and lowercase mapping over valid UTF-8 (utf8proc underneath).
// Usage:
//   std::string s = tito::text::normalize(input, tito::text::normal_form::nfc);
//   std::string l = tito::text::lowercase(input);
#pragma once

#include <string>
#include <string_view>

namespace tito::text {

enum class normal_form { nfc, nfd, nfkc, nfkd };

// Returns `s` in the requested normalization form, with the HF crate's Unicode 9.0 normalization
// data (characters assigned later pass through unchanged). `s` must be valid UTF-8.
std::string normalize(std::string_view s, normal_form form);

// True if s is certainly already in `form` (ASCII, or for NFC only characters NFC never touches);
// false means "maybe not".
bool is_trivially_normalized(std::string_view s, normal_form form) noexcept;

// Rust `char::to_lowercase` applied to each character (full mappings, no context: Σ -> σ).
std::string lowercase(std::string_view s);

}  // namespace tito::text
