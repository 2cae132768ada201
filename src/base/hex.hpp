// File: base/hex.hpp
// The value of one hexadecimal digit (0-9, a-f, A-F), or -1: for the \uXXXX escapes of the JSON
// readers and the <0xNN> byte tokens of the tokenizer.
#pragma once

namespace tito {

constexpr int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace tito
