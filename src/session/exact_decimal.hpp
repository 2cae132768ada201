// File: session/exact_decimal.hpp
// Exact decimal value of a JSON number literal, in a unique normal form, so two spellings of
// the same number compare equal with `==` ("1", "1.0", "1e0", "10e-1" are one value; so are
// "1e999" and "10e998"). This is what Python's `decimal.Decimal(text)` keeps, including its
// exactness limits: a literal Decimal could only store by rounding or clamping (adjusted
// exponent above 999999999999999999, exponent below -1999999999999999997) is rejected, as
// Python's exact constructor raises InvalidOperation for it (spec 5.4, CANON).
// Usage:
//   auto a = parse_exact_decimal("10e-1");   // {digits "1", exponent 0}
//   auto b = parse_exact_decimal("1.000");
//   assert(a && b && *a == *b);
//   parse_exact_decimal("NaN");              // nullopt: not a JSON number
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tito::session {

// value = (negative ? -1 : 1) * digits * 10^exponent.
// Normal form: `digits` has no leading or trailing zeros; zero is {false, "", 0} (Python's
// Decimal("-0") == Decimal("0"), so zero carries no sign).
struct exact_decimal {
    bool negative = false;
    std::string digits;
    std::int64_t exponent = 0;

    bool is_zero() const noexcept { return digits.empty(); }
    friend bool operator==(const exact_decimal&, const exact_decimal&) = default;
};

// Parses exactly one RFC 8259 number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, no
// surrounding whitespace). nullopt for anything else and for values outside Decimal's exact
// range (see the banner).
std::optional<exact_decimal> parse_exact_decimal(std::string_view text);

// "0", or "[-]<digits>e<exponent>" (e.g. "-15e-1"); injective, for diagnostics and hashing.
std::string to_string(const exact_decimal& d);

}  // namespace tito::session
