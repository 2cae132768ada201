// File: tokenizer/byte_level_map.cpp
#include "tokenizer/byte_level_map.hpp"

#include <array>
#include <cstdint>

#include "text/utf8.hpp"

namespace tito::tokenizer::byte_level_map {
namespace {

struct tables {
    std::array<std::string, 256> spelled;   // byte -> UTF-8 of its character
    std::array<std::int16_t, 324> byte_of;  // code point -> byte, -1 if none
    tables() {
        byte_of.fill(-1);
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char32_t c = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + n++);
            text::append_utf8(spelled[b], c);
            byte_of[c] = static_cast<std::int16_t>(b);
        }
    }
};

const tables& get() {
    static const tables t;
    return t;
}

}  // namespace

void encode_append(std::string_view s, std::string& out) {
    const auto& t = get();
    for (char c : s) out.append(t.spelled[static_cast<unsigned char>(c)]);
}

void decode_token(std::string_view token, std::string& out) {
    const auto& t = get();
    std::size_t mark = out.size();
    std::size_t i = 0;
    while (i < token.size()) {
        char32_t c = text::decode_one(token, i);
        if (c >= t.byte_of.size() || t.byte_of[c] < 0) {
            out.resize(mark);
            out.append(token);
            return;
        }
        out.push_back(static_cast<char>(t.byte_of[c]));
    }
}

}  // namespace tito::tokenizer::byte_level_map
