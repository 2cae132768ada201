// File: session/exact_decimal.cpp
// JSON number literal -> exact_decimal normal form, with Python Decimal's exactness limits.
//
// The limits are libmpdec's "max context" (the one `Decimal(str)` converts under):
// emax = 999999999999999999 and etiny = emin - (prec - 1) = -1999999999999999997. Python
// raises InvalidOperation whenever the conversion rounds or clamps; for a literal that is
// exactly: nonzero with adjusted exponent (exponent + digit count - 1) above emax, or any value
// whose exponent (the written one minus the number of fraction digits, before trailing zeros
// are folded in) lies below etiny or, for zero, above emax.
#include "session/exact_decimal.hpp"

namespace tito::session {
namespace {

constexpr std::int64_t decimal_emax = 999'999'999'999'999'999;
constexpr std::int64_t decimal_etiny = -1'999'999'999'999'999'997;
// Written exponents are accumulated up to this magnitude and then saturate: any exponent this
// large is outside [etiny, emax] whatever the digits, and int64 never overflows.
constexpr std::int64_t exponent_saturation = 4'000'000'000'000'000'000;

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::size_t skip_digits(std::string_view s, std::size_t i) noexcept {
    while (i < s.size() && is_digit(s[i])) ++i;
    return i;
}

// Accumulates the exponent digits s[begin, end), saturating at exponent_saturation.
std::int64_t saturating_exponent(std::string_view s, std::size_t begin, std::size_t end) noexcept {
    std::int64_t e = 0;
    for (std::size_t i = begin; i < end; ++i) {
        if (e >= exponent_saturation / 10) return exponent_saturation;
        e = e * 10 + (s[i] - '0');
    }
    return e;
}

bool within_exact_range(std::size_t significant_digits, std::int64_t exponent) noexcept {
    if (exponent < decimal_etiny) return false;
    if (significant_digits == 0) return exponent <= decimal_emax;
    // exponent <= 4e18 + input length, digits <= input length: no overflow.
    return exponent + static_cast<std::int64_t>(significant_digits) - 1 <= decimal_emax;
}

}  // namespace

std::optional<exact_decimal> parse_exact_decimal(std::string_view s) {
    std::size_t i = 0;
    const bool negative = i < s.size() && s[i] == '-';
    if (negative) ++i;
    if (i >= s.size() || !is_digit(s[i])) return std::nullopt;
    const std::size_t int_begin = i;
    i = s[i] == '0' ? i + 1 : skip_digits(s, i);
    const std::string_view int_part = s.substr(int_begin, i - int_begin);

    std::string_view frac_part;
    if (i < s.size() && s[i] == '.') {
        const std::size_t frac_begin = ++i;
        i = skip_digits(s, i);
        if (i == frac_begin) return std::nullopt;
        frac_part = s.substr(frac_begin, i - frac_begin);
    }

    std::int64_t written_exponent = 0;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool exponent_negative = false;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) exponent_negative = s[i++] == '-';
        const std::size_t exp_begin = i;
        i = skip_digits(s, i);
        if (i == exp_begin) return std::nullopt;
        written_exponent = saturating_exponent(s, exp_begin, i);
        if (exponent_negative) written_exponent = -written_exponent;
    }
    if (i != s.size()) return std::nullopt;

    std::string coefficient;
    coefficient.reserve(int_part.size() + frac_part.size());
    coefficient.append(int_part).append(frac_part);
    const std::size_t first_nonzero = coefficient.find_first_not_of('0');
    coefficient.erase(0, first_nonzero == std::string::npos ? coefficient.size() : first_nonzero);
    std::int64_t exponent = written_exponent - static_cast<std::int64_t>(frac_part.size());
    if (!within_exact_range(coefficient.size(), exponent)) return std::nullopt;

    exact_decimal d;
    if (coefficient.empty()) return d;
    const std::size_t last_nonzero = coefficient.find_last_not_of('0');
    exponent += static_cast<std::int64_t>(coefficient.size() - 1 - last_nonzero);
    coefficient.resize(last_nonzero + 1);
    d.negative = negative;
    d.digits = std::move(coefficient);
    d.exponent = exponent;
    return d;
}

std::string to_string(const exact_decimal& d) {
    if (d.is_zero()) return "0";
    std::string out = d.negative ? "-" : "";
    out += d.digits;
    out += 'e';
    out += std::to_string(d.exponent);
    return out;
}

}  // namespace tito::session
