// File: text/utf8.cpp
#include "text/utf8.hpp"

#include "text/unicode.hpp"

namespace tito::text {

char32_t decode_one(std::string_view s, std::size_t& i) noexcept {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    std::size_t n = sequence_length(b0);
    if (n == 1 || i + n > s.size()) {
        ++i;
        return replacement_char;
    }
    char32_t c = b0 & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return c;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

namespace {

// Length of the valid sequence at s[i], or 0 with `bad` = length of the maximal invalid subpart
// (Unicode "substitution of maximal subparts", as Rust's from_utf8_lossy).
std::size_t valid_length(std::string_view s, std::size_t i, std::size_t& bad) noexcept {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = at(i);
    if (b0 < 0x80) return 1;
    std::size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 3;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 4;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        bad = 1;
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if (i + k >= s.size()) {
            bad = k;
            return 0;
        }
        unsigned char b = at(i + k);
        unsigned char l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
        if (b < l || b > h) {
            bad = k;
            return 0;
        }
    }
    return n;
}

}  // namespace

bool is_valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0, bad = 0;
    while ((i = skip_ascii(s, i)) < s.size()) {
        std::size_t n = valid_length(s, i, bad);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

void append_lossy(std::string& out, std::string_view s) {
    std::size_t i = 0, start = 0, bad = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t n = valid_length(s, i, bad);
        if (n != 0) {
            i += n;
            continue;
        }
        out.append(s.substr(start, i - start));
        out.append("\xEF\xBF\xBD");
        i += bad;
        start = i;
    }
    out.append(s.substr(start));
}

bool is_whitespace(char32_t c) noexcept {
    switch (c) {
        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0:
        case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

bool is_numeric(char32_t c) noexcept {
    if (c < 0x80) return c >= '0' && c <= '9';
    return general_category(c)[0] == 'N';
}

bool is_punctuation(char32_t c) noexcept {
    if (c < 0x80) {
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
               (c >= 0x7B && c <= 0x7E);
    }
    return general_category(c)[0] == 'P';
}

bool is_alphanumeric(char32_t c) noexcept {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    char major = general_category(c)[0];
    return major == 'L' || major == 'N';
}

std::size_t count_chars(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

}  // namespace tito::text
