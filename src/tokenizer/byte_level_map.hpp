// File: tokenizer/byte_level_map.hpp
// The GPT-2 byte <-> printable character table (HF pre_tokenizers/byte_level.rs `bytes_char`).
// Usage:
//   std::string t = byte_level_map::encode(" hi");        // "Ġhi"
//   std::string raw; byte_level_map::decode_token("Ġhi", raw);   // " hi"
#pragma once

#include <string>
#include <string_view>

namespace tito::tokenizer::byte_level_map {

// Appends the byte-level spelling of every byte of s.
void encode_append(std::string_view s, std::string& out);
inline std::string encode(std::string_view s) {
    std::string out;
    out.reserve(s.size() * 2);
    encode_append(s, out);
    return out;
}

// Appends the bytes spelled by `token`; if any character of `token` is not a byte-level character
// the token's own UTF-8 bytes are appended instead (HF ByteLevel decoder).
void decode_token(std::string_view token, std::string& out);

}  // namespace tito::tokenizer::byte_level_map
