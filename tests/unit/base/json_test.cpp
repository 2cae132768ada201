// Tests for base/json.hpp: output identical to Python's json.dumps(separators=(',', ':'),
// ensure_ascii=False) for the values the server re-emits.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <cmath>
#include <limits>

#include "base/json.hpp"

namespace {

std::string py_float(double d) {
    std::string s;
    tito::json::append_python_float(s, d);
    return s;
}

TEST(json, floats_follow_python_repr) {
    EXPECT_EQ(py_float(0.1), "0.1");
    EXPECT_EQ(py_float(1e-5), "1e-05");
    EXPECT_EQ(py_float(1e16), "1e+16");
    EXPECT_EQ(py_float(1e15), "1000000000000000.0");
    EXPECT_EQ(py_float(25.0), "25.0");
    EXPECT_EQ(py_float(-0.0), "-0.0");
    EXPECT_EQ(py_float(0.0001), "0.0001");
    EXPECT_EQ(py_float(1.5e300), "1.5e+300");
    EXPECT_EQ(py_float(123456789012345678.0), "1.2345678901234568e+17");
    EXPECT_EQ(py_float(std::numeric_limits<double>::infinity()), "Infinity");
    EXPECT_EQ(py_float(std::nan("")), "NaN");
}

TEST(json, compact_keeps_key_order_raw_utf8_and_last_duplicate) {
    auto v = boost::json::parse(R"({"z": 1, "a": [true, null, 2.50], "s": "é\u2028\n\"\\\u0001", "z": 3})");
    EXPECT_EQ(tito::json::compact(v), "{\"z\":3,\"a\":[true,null,2.5],\"s\":\"é\u2028\\n\\\"\\\\\\u0001\"}");
}

TEST(json, integers_stay_integers) {
    auto v = boost::json::parse(R"([0, -7, 9007199254740993, 18446744073709551615])");
    EXPECT_EQ(tito::json::compact(v), "[0,-7,9007199254740993,18446744073709551615]");
}

}  // namespace
