// File: unit/session/exact_decimal_test.cpp
// parse_exact_decimal: JSON number grammar, the normal form, and Python Decimal's exact range.
#include "session/exact_decimal.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tito::session {
namespace {

std::string canon(std::string_view s) {
    auto d = parse_exact_decimal(s);
    return d ? to_string(*d) : "INVALID";
}

TEST(exact_decimal, spellings_of_one_value_are_equal) {
    for (const char* s : {"1", "1.0", "1e0", "10e-1", "1E0", "1e+0", "0.1e1", "1.000", "100e-2"})
        EXPECT_EQ(canon(s), "1e0") << s;
    EXPECT_EQ(canon("1e999"), canon("10e998"));
    EXPECT_EQ(canon("1e999"), "1e999");
    EXPECT_EQ(canon("-2.50"), "-25e-1");
    EXPECT_EQ(canon("1200"), "12e2");
    EXPECT_EQ(canon("0.001"), "1e-3");
    EXPECT_EQ(canon("1e-05"), "1e-5");
}

TEST(exact_decimal, zero_has_no_sign) {
    for (const char* s : {"0", "-0", "0.0", "-0.000", "0e5", "-0E-7"}) EXPECT_EQ(canon(s), "0") << s;
    auto z = parse_exact_decimal("-0.0");
    ASSERT_TRUE(z);
    EXPECT_TRUE(z->is_zero());
    EXPECT_FALSE(z->negative);
}

TEST(exact_decimal, big_integers_stay_exact) {
    EXPECT_EQ(canon("123456789012345678901234567890"), "12345678901234567890123456789e1");
    EXPECT_NE(canon("9007199254740993"), canon("9007199254740992"));
    EXPECT_NE(canon("0.30000000000000004"), canon("0.3"));
}

TEST(exact_decimal, rejects_what_is_not_a_json_number) {
    for (const char* s : {"", "-", "+1", "01", "-01", "1.", ".5", "1e", "1e+", "1.e3", "0x10", "NaN",
                          "Infinity", "-Infinity", "1 ", " 1", "1..2", "1e5e5", "--1", "1-", "١"})
        EXPECT_EQ(canon(s), "INVALID") << '"' << s << '"';
}

// Python's Decimal(str) refuses (InvalidOperation) what it cannot hold without rounding or
// clamping; the reference turns that into INVALID. Boundaries checked against CPython 3.11.
TEST(exact_decimal, python_decimal_exponent_limits) {
    EXPECT_EQ(canon("1e999999999999999999"), "1e999999999999999999");
    EXPECT_EQ(canon("1e1000000000000000000"), "INVALID");
    EXPECT_EQ(canon("0.1e1000000000000000000"), "1e999999999999999999");
    EXPECT_EQ(canon("12e999999999999999998"), "12e999999999999999998");
    EXPECT_EQ(canon("12e999999999999999999"), "INVALID");
    EXPECT_EQ(canon("1e-1999999999999999997"), "1e-1999999999999999997");
    EXPECT_EQ(canon("1e-1999999999999999998"), "INVALID");
    EXPECT_EQ(canon("10e-1999999999999999998"), "INVALID");  // would round even though 1e-...97
    EXPECT_EQ(canon("0e999999999999999999"), "0");
    EXPECT_EQ(canon("0e1000000000000000000"), "INVALID");
    EXPECT_EQ(canon("0.0e1000000000000000000"), "0");
    EXPECT_EQ(canon("0e-1999999999999999997"), "0");
    EXPECT_EQ(canon("0e-1999999999999999998"), "INVALID");
    EXPECT_EQ(canon("0.00e-1999999999999999995"), "0");
    EXPECT_EQ(canon("0.00e-1999999999999999996"), "INVALID");
    // Exponents far past int64 saturate instead of overflowing.
    EXPECT_EQ(canon("1e99999999999999999999999999999"), "INVALID");
    EXPECT_EQ(canon("1e-99999999999999999999999999999"), "INVALID");
    EXPECT_EQ(canon("0e99999999999999999999999999999"), "INVALID");
}

}  // namespace
}  // namespace tito::session
