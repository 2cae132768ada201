// File: text/unicode.cpp
#include "text/unicode.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include <utf8proc.h>

#include "text/utf8.hpp"

namespace tito::text {

namespace {

constexpr category_range delta[] = {
#include "text/unicode_delta.inc"
};

struct code_range {
    char32_t first;
    char32_t last;
};

constexpr code_range after_v9[] = {
#include "text/unicode_after_v9.inc"
};

constexpr std::array<std::string_view, 30> utf8proc_names = {
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"};

bool in_delta(char32_t c) noexcept {
    auto it = std::upper_bound(std::begin(delta), std::end(delta), c,
                               [](char32_t v, const category_range& r) { return v < r.first; });
    return it != std::begin(delta) && c <= (it - 1)->last;
}

}  // namespace

std::span<const category_range> unicode_delta() noexcept { return delta; }

bool contains_unicode_delta(std::string_view s) noexcept {
    static const auto bmp = [] {
        std::vector<std::uint64_t> bits(65536 / 64, 0);
        for (const auto& r : delta)
            for (char32_t c = r.first; c <= r.last && c < 65536; ++c) bits[c >> 6] |= 1ull << (c & 63);
        return bits;
    }();
    for (std::size_t i = 0; (i = skip_ascii(s, i)) < s.size();) {
        char32_t c = decode_one(s, i);
        if (c < 65536 ? ((bmp[c >> 6] >> (c & 63)) & 1) != 0 : in_delta(c)) return true;
    }
    return false;
}

bool assigned_after_unicode_9(char32_t c) noexcept {
    auto it = std::upper_bound(std::begin(after_v9), std::end(after_v9), c,
                               [](char32_t v, const code_range& r) { return v < r.first; });
    return it != std::begin(after_v9) && c <= (it - 1)->last;
}

std::string_view general_category(char32_t c) noexcept {
    auto it = std::upper_bound(std::begin(delta), std::end(delta), c,
                               [](char32_t v, const category_range& r) { return v < r.first; });
    if (it != std::begin(delta) && c <= (it - 1)->last) return (it - 1)->category;
    auto cat = static_cast<std::size_t>(utf8proc_category(static_cast<utf8proc_int32_t>(c)));
    return cat < utf8proc_names.size() ? utf8proc_names[cat] : "Cn";
}

}  // namespace tito::text
