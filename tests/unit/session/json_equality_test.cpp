// File: unit/session/json_equality_test.cpp
// python_equal (Python `==` on json.loads output, spec 5.2) and raw_equal (RAW, spec 5.4).
#include "session/json_equality.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace tito::session {
namespace {

using boost::json::value;

value j(std::string_view s) { return boost::json::parse(s); }

bool py(std::string_view a, std::string_view b) { return python_equal(j(a), j(b)); }
bool raw(std::string_view a, std::string_view b) { return raw_equal(j(a), j(b)); }

TEST(python_equal, objects_are_unordered_arrays_ordered) {
    EXPECT_TRUE(py(R"({"a":1,"b":[1,2]})", R"({"b":[1,2],"a":1})"));
    EXPECT_FALSE(py("[1,2]", "[2,1]"));
    EXPECT_FALSE(py(R"({"a":1})", R"({"a":1,"b":2})"));
    EXPECT_FALSE(py(R"({"a":1,"c":2})", R"({"a":1,"b":2})"));
    EXPECT_FALSE(py("[1]", "[1,1]"));
    EXPECT_TRUE(py("[]", "[]"));
    EXPECT_TRUE(py("{}", "{}"));
    EXPECT_FALSE(py("{}", "[]"));
    EXPECT_TRUE(py("null", "null"));
}

TEST(python_equal, strings_exact) {
    EXPECT_TRUE(py(R"("x")", R"("x")"));
    EXPECT_FALSE(py(R"("x")", R"("x ")"));
    EXPECT_FALSE(py(R"("Text")", R"("text")"));
    EXPECT_FALSE(py(R"("\u00e9")", R"("e\u0301")"));
    EXPECT_FALSE(py(R"("1")", "1"));
    EXPECT_FALSE(py(R"("")", "null"));
    EXPECT_FALSE(py(R"("null")", "null"));
}

TEST(python_equal, numbers_by_value_across_int_and_float) {
    EXPECT_TRUE(py("1", "1.0"));
    EXPECT_TRUE(py("[1, 2.5]", "[1.0, 2.5]"));
    EXPECT_TRUE(py("0", "-0.0"));
    EXPECT_TRUE(py("-0.0", "0.0"));
    EXPECT_FALSE(py("1", "1.5"));
    EXPECT_FALSE(py("1", "2"));
    EXPECT_TRUE(py("18446744073709551615", "18446744073709551615"));
    EXPECT_TRUE(py("-9223372036854775808", "-9223372036854775808"));
    EXPECT_TRUE(py("-9223372036854775808", "-9223372036854775808.0"));
    EXPECT_TRUE(py("9223372036854775808", "9223372036854775808.0"));  // uint64 vs 2^63
    EXPECT_FALSE(py("-1", "18446744073709551615"));
    EXPECT_TRUE(py("9223372036854775807", "9223372036854775807"));
}

TEST(python_equal, int_float_comparison_is_exact) {
    // Python compares int and float without rounding the int: 2**53 + 1 != 2.0**53.
    EXPECT_FALSE(py("9007199254740993", "9007199254740992.0"));
    EXPECT_TRUE(py("9007199254740992", "9007199254740992.0"));
    EXPECT_FALSE(py("18446744073709551615", "18446744073709551616.0"));
    const value nan = std::nan("");
    EXPECT_FALSE(python_equal(nan, nan));
    EXPECT_FALSE(python_equal(value(0), nan));
    const value inf = std::numeric_limits<double>::infinity();
    EXPECT_TRUE(python_equal(inf, inf));
    EXPECT_FALSE(python_equal(value(std::int64_t{1}), inf));
}

TEST(python_equal, bool_is_an_int) {
    EXPECT_TRUE(py("true", "1"));
    EXPECT_TRUE(py("1", "true"));
    EXPECT_TRUE(py("true", "1.0"));
    EXPECT_TRUE(py("false", "0"));
    EXPECT_TRUE(py("false", "-0.0"));
    EXPECT_FALSE(py("true", "2"));
    EXPECT_FALSE(py("false", "null"));
    EXPECT_FALSE(py("false", R"("")"));
    EXPECT_FALSE(py("true", "false"));
    EXPECT_TRUE(py(R"({"a":[true,0]})", R"({"a":[1,false]})"));
}

value nested_arrays(std::size_t depth) {
    value v = 0;
    for (std::size_t i = 0; i < depth; ++i) v = boost::json::array{std::move(v)};
    return v;
}

TEST(python_equal, nesting_beyond_the_limit_is_unequal) {
    EXPECT_TRUE(python_equal(nested_arrays(json_depth_limit), nested_arrays(json_depth_limit)));
    EXPECT_FALSE(python_equal(nested_arrays(json_depth_limit + 1),
                              nested_arrays(json_depth_limit + 1)));
    EXPECT_FALSE(python_equal(nested_arrays(2000), nested_arrays(2000)));
}

TEST(python_equal_without_key, ignores_the_key_on_either_side) {
    const auto a = j(R"({"id":"x","index":0})").as_object();
    const auto b = j(R"({"index":91,"id":"x"})").as_object();
    const auto c = j(R"({"id":"x"})").as_object();
    const auto d = j(R"({"id":"y","index":0})").as_object();
    EXPECT_TRUE(python_equal_without_key(a, b, "index"));
    EXPECT_TRUE(python_equal_without_key(a, c, "index"));
    EXPECT_TRUE(python_equal_without_key(c, a, "index"));
    EXPECT_FALSE(python_equal_without_key(a, d, "index"));
    EXPECT_FALSE(python_equal_without_key(a, c, "id"));
    EXPECT_FALSE(python_equal(j(R"({"id":"x","index":0})"), j(R"({"id":"x"})")));
}

TEST(raw_equal, types_must_be_identical) {
    EXPECT_FALSE(raw("1", "1.0"));
    EXPECT_FALSE(raw("true", "1"));
    EXPECT_FALSE(raw("false", "0"));
    EXPECT_FALSE(raw("[1]", "[1.0]"));
    EXPECT_FALSE(raw(R"({"a":1})", R"({"a":true})"));
    EXPECT_FALSE(raw("null", R"("")"));
    EXPECT_FALSE(raw(R"("")", "{}"));
    EXPECT_FALSE(raw("{}", R"("{}")"));
    EXPECT_TRUE(raw("1", "1"));
    EXPECT_TRUE(raw("1.5", "1.5"));
    EXPECT_TRUE(raw("-0.0", "0.0"));  // same type, `==`
    EXPECT_TRUE(raw("9223372036854775807", "9223372036854775807"));
    EXPECT_TRUE(raw(R"(" ")", R"(" ")"));
    EXPECT_FALSE(raw(R"(" ")", R"("  ")"));
    EXPECT_TRUE(raw("null", "null"));
}

TEST(raw_equal, containers_pairwise) {
    EXPECT_TRUE(raw(R"({"a":[1,{"b":null}],"c":"x"})", R"({"c":"x","a":[1,{"b":null}]})"));
    EXPECT_FALSE(raw("[1,2]", "[2,1]"));
    EXPECT_FALSE(raw(R"({"a":1})", R"({"b":1})"));
    EXPECT_FALSE(raw(R"({"a":1})", R"({"a":1,"b":1})"));
    EXPECT_FALSE(raw(R"({"x":1})", R"([["x",1]])"));
    EXPECT_FALSE(raw(R"({"x":[1,true]})", R"({"x":[1,1]})"));
}

TEST(raw_equal, int64_and_uint64_are_one_python_type) {
    const value small_unsigned = std::uint64_t{5};
    const value small_signed = std::int64_t{5};
    EXPECT_TRUE(raw_equal(small_unsigned, small_signed));
    EXPECT_TRUE(python_equal(small_unsigned, small_signed));
}

TEST(raw_equal, nesting_beyond_the_limit_is_unequal) {
    EXPECT_TRUE(raw_equal(nested_arrays(json_depth_limit), nested_arrays(json_depth_limit)));
    EXPECT_FALSE(raw_equal(nested_arrays(2000), nested_arrays(2000)));
}

}  // namespace
}  // namespace tito::session
