// File: unit/session/canonical_json_test.cpp
// CANON (spec 5.4): the strict argument-string parser and the conversion of parsed objects,
// and the structural equality of the normal form.
#include "session/canonical_json.hpp"

#include "session/json_equality.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace tito::session {
namespace {

std::optional<canonical_json> text(std::string_view s) { return canonicalize_json_text(s); }
std::optional<canonical_json> parsed(std::string_view s) {
    return canonicalize_json_value(boost::json::parse(s));
}

// Both valid and equal / both valid and different (never vacuously true on two INVALIDs).
bool same(const std::optional<canonical_json>& x, const std::optional<canonical_json>& y) {
    return x && y && *x == *y;
}
bool different(const std::optional<canonical_json>& x, const std::optional<canonical_json>& y) {
    return x && y && !(*x == *y);
}
bool same_text(std::string_view a, std::string_view b) { return same(text(a), text(b)); }

TEST(canonical_json_text, whitespace_key_order_and_number_spelling_do_not_matter) {
    EXPECT_TRUE(same_text("{}", "{ }"));
    EXPECT_TRUE(same_text(" \t\r\n{}\n", "{}"));
    EXPECT_TRUE(same_text(R"({"a":1,"b":2})", R"({"b": 2, "a": 1})"));
    EXPECT_TRUE(same_text(R"({"outer":{"b":2,"a":[1,{"t":"x"}]},"n":1e0})",
                          R"({"n":1.0,"outer":{"a":[1.0,{"t":"x"}],"b":2}})"));
    EXPECT_TRUE(same_text(R"({"v":1e999})", R"({"v":10e998})"));
    EXPECT_TRUE(same_text(R"({"v":-0})", R"({"v":0.0})"));
}

TEST(canonical_json_text, types_values_and_array_order_matter) {
    EXPECT_FALSE(same_text(R"({"v":true})", R"({"v":1})"));
    EXPECT_FALSE(same_text(R"({"v":false})", R"({"v":0})"));
    EXPECT_FALSE(same_text(R"({"v":null})", R"({"v":"null"})"));
    EXPECT_FALSE(same_text(R"({"v":[1,2]})", R"({"v":[2,1]})"));
    EXPECT_FALSE(same_text(R"({"v":{"x":1}})", R"({"v":[["x",1]]})"));
    EXPECT_FALSE(same_text(R"({"v":1})", R"({"v":2})"));
    EXPECT_FALSE(same_text(R"({"v":"1"})", R"({"v":1})"));
    EXPECT_FALSE(same_text(R"({"v":{}})", R"({"v":[]})"));
    EXPECT_FALSE(same_text(R"({"a":1})", R"({"a":1,"b":1})"));
    EXPECT_FALSE(same_text(R"({"a":1})", R"({"b":1})"));
    EXPECT_FALSE(same_text(R"({"v":9007199254740993})", R"({"v":9007199254740992})"));
}

TEST(canonical_json_text, strings_are_compared_decoded) {
    EXPECT_TRUE(same_text(R"({"t":"\u00e9"})", "{\"t\":\"\xC3\xA9\"}"));
    EXPECT_TRUE(same_text(R"({"t":"\ud83d\ude00"})", "{\"t\":\"\xF0\x9F\x98\x80\"}"));
    EXPECT_TRUE(same_text(R"({"t":"\/\"\\\b\f\n\r\t"})", "{\"t\":\"/\\\"\\\\\\b\\f\\n\\r\\t\"}"));
    EXPECT_TRUE(same_text(R"({"\u0061":1})", R"({"a":1})"));
    EXPECT_TRUE(same_text(R"({"t":"\uD800"})", R"({"t":"\ud800"})"));  // lone surrogate kept
    EXPECT_FALSE(same_text(R"({"t":"\ud800"})", R"({"t":"\udc00"})"));
    // High surrogate + non-low escape: two separate code points, as in CPython.
    EXPECT_TRUE(same_text(R"({"t":"\ud800\u0041"})", "{\"t\":\"\xED\xA0\x80" "A\"}"));
    // No Unicode normalization: precomposed e-acute is not e + combining acute.
    EXPECT_FALSE(same_text(R"({"t":"\u00e9"})", R"({"t":"e\u0301"})"));
    EXPECT_FALSE(same_text(R"({"t":"a"})", R"({"t":"a "})"));
}

TEST(canonical_json_text, invalid_inputs) {
    for (const char* s : {"", " ", "{", "}", "{invalid}", "{ invalid }", R"({"x":1,"x":2})",
                          R"({"x":1, "x":2})", R"({"x":{},"\u0078":[]})", R"({"x":NaN})",
                          R"({"x":Infinity})", R"({"x":-Infinity})", R"({"x":-NaN})",
                          R"({"x":1,})", R"({"x":[1,]})", R"({,})", R"({"x" 1})", R"({'x':1})",
                          R"({x:1})", R"({"x":01})", R"({"x":1.})", R"({"x":.5})", R"({"x":+1})",
                          R"({"x":1e})", R"({"x":tru})", R"({"x":True})", R"({"x":nul})",
                          R"({"x":"\x"})", R"({"x":"\u12"})", R"({"x":"\u12G4"})",
                          R"({"x":"\ud800\uZZZZ"})", R"({"x":"unterminated})", "{\"x\":\"a\tb\"}",
                          "{\"x\":\"a\nb\"}", R"({"x":1} {})", R"({"x":1}x)", R"({} [])",
                          "\xEF\xBB\xBF{}", R"({"x":1e1000000000000000000})", "{\"x\"\x0b:1}"})
        EXPECT_FALSE(text(s)) << s;
}

TEST(canonical_json_text, non_object_documents_parse_but_are_not_objects) {
    // CANON requires an object at the top level; the parser itself accepts any value.
    for (const char* s : {"[]", "[ ]", "1", "1.0", "\"x\"", "null", "true"}) {
        auto v = text(s);
        ASSERT_TRUE(v) << s;
        EXPECT_NE(v->type, canonical_json::kind::object) << s;
    }
    EXPECT_TRUE(same_text("[]", "[ ]"));
    EXPECT_TRUE(same_text("1", "1.0"));
}

TEST(canonical_json_text, control_characters_above_0x1f_and_non_ascii_are_allowed) {
    EXPECT_TRUE(text("{\"x\":\"\x7f\"}"));
    EXPECT_TRUE(text("{\"\xE4\xBD\xA0\":\"\xE5\xA5\xBD\"}"));
}

TEST(canonical_json_text, nesting_is_bounded) {
    const auto nested = [](std::size_t depth) {
        return "{\"x\":" + std::string(depth, '[') + "0" + std::string(depth, ']') + "}";
    };
    EXPECT_TRUE(text(nested(json_depth_limit - 1)));  // the object is one level
    EXPECT_FALSE(text(nested(json_depth_limit)));
    EXPECT_FALSE(text(nested(2000)));
    EXPECT_FALSE(text(std::string(100000, '[')));  // no stack overflow
}

TEST(canonical_json_value, parsed_objects_meet_their_text_spellings) {
    auto a = parsed(R"({"number":1.0,"outer":{"a":[1.0,{"text":"é"}],"b":2}})");
    auto b = text(R"({"outer":{"b":2,"a":[1,{"text":"\u00e9"}]},"number":1e0})");
    EXPECT_TRUE(same(a, b));
}

TEST(canonical_json_value, doubles_use_their_shortest_decimal_text) {
    // Python: Decimal(repr(0.1)) == Decimal("0.1"), not the binary expansion.
    EXPECT_TRUE(same(parsed(R"({"v":0.1})"), text(R"({"v":0.1})")));
    EXPECT_TRUE(same(parsed(R"({"v":1e16})"), text(R"({"v":10000000000000000})")));
    EXPECT_TRUE(same(parsed(R"({"v":1e-5})"), text(R"({"v":0.00001})")));
    EXPECT_TRUE(same(parsed(R"({"v":-0.0})"), text(R"({"v":0})")));
    EXPECT_TRUE(different(parsed(R"({"v":0.30000000000000004})"), text(R"({"v":0.3})")));
    // Not the 17-digit text either: Decimal("0.1") != Decimal("0.10000000000000001").
    EXPECT_TRUE(different(parsed(R"({"v":0.1})"), text(R"({"v":0.10000000000000001})")));
    EXPECT_TRUE(same(parsed(R"({"v":1e23})"), text(R"({"v":1e+23})")));
    EXPECT_TRUE(same(parsed(R"({"v":25.0})"), text(R"({"v":25})")));
    EXPECT_TRUE(same(parsed(R"({"v":5e-324})"), text(R"({"v":5e-324})")));
}

TEST(canonical_json_value, integers_are_exact) {
    EXPECT_TRUE(same(parsed(R"({"v":18446744073709551615})"), text(R"({"v":18446744073709551615})")));
    EXPECT_TRUE(same(parsed(R"({"v":-9223372036854775808})"), text(R"({"v":-9223372036854775808})")));
    EXPECT_TRUE(different(parsed(R"({"v":9007199254740993})"), text(R"({"v":9007199254740992})")));
    EXPECT_TRUE(same(parsed(R"({"v":[true,false,null,"s"]})"), text(R"({"v":[true,false,null,"s"]})")));
}

TEST(canonical_json_value, non_finite_doubles_are_invalid) {
    boost::json::object o;
    o["v"] = std::numeric_limits<double>::infinity();
    EXPECT_FALSE(canonicalize_json_value(o));
    o["v"] = -std::numeric_limits<double>::infinity();
    EXPECT_FALSE(canonicalize_json_value(o));
    o["v"] = std::nan("");
    EXPECT_FALSE(canonicalize_json_value(o));
}

TEST(canonical_json_value, nesting_is_bounded) {
    boost::json::value v = 0;
    for (std::size_t i = 0; i < json_depth_limit; ++i) v = boost::json::array{std::move(v)};
    EXPECT_TRUE(canonicalize_json_value(v));
    v = boost::json::array{std::move(v)};
    EXPECT_FALSE(canonicalize_json_value(v));
}

}  // namespace
}  // namespace tito::session
