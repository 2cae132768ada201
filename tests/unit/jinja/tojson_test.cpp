// Tests for jinja/tojson.cpp: Python json.dumps(ensure_ascii, indent, separators, sort_keys).
#include <gtest/gtest.h>

#include "jinja/builtins.hpp"
#include "render_util.hpp"

namespace tito::jinja {
namespace {

using test::render;

std::string dumps(std::string_view json_text, json_options o = {}) {
    auto v = parse_json(json_text);
    EXPECT_TRUE(v);
    std::string out;
    EXPECT_TRUE(dump_json(out, *v, o));
    return out;
}

TEST(tojson, defaults_keep_key_order_and_raw_unicode) {
    EXPECT_EQ(dumps(R"({"b": [1, {"c": null}], "a": true, "f": 2.5, "s": "é\"\n<&>'"})"),
              R"({"b": [1, {"c": null}], "a": true, "f": 2.5, "s": "é\"\n<&>'"})");
}

TEST(tojson, floats_like_python_repr) {
    EXPECT_EQ(dumps("[0.1, 1e-05, 1e16, -0.0, 3.0, 100.0, 1e15, 0.30000000000000004, 2.5e-300, 1.7976931348623157e308, 1e21]"),
              "[0.1, 1e-05, 1e+16, -0.0, 3.0, 100.0, 1000000000000000.0, 0.30000000000000004, 2.5e-300, 1.7976931348623157e+308, 1e+21]");
    EXPECT_EQ(dumps("[9007199254740993, -42, 0]"), "[9007199254740993, -42, 0]");
}

TEST(tojson, indent_separators_sort_keys) {
    EXPECT_EQ(render("{{ d|tojson(indent=2) }}", R"({"d": {"b": [1, {"c": null}], "a": []}})"),
              "{\n  \"b\": [\n    1,\n    {\n      \"c\": null\n    }\n  ],\n  \"a\": []\n}");
    EXPECT_EQ(render("{{ d|tojson(separators=(',', ':')) }} {{ d|tojson(sort_keys=true) }}", R"({"d": {"b": 1, "a": {}}})"),
              R"({"b":1,"a":{}} {"a": {}, "b": 1})");
    EXPECT_EQ(render("{{ 'é😀\x7f'|tojson(ensure_ascii=true) }} {{ 'é\x7f'|tojson }}"), "\"\\u00e9\\ud83d\\ude00\\u007f\" \"é\x7f\"");
}

TEST(tojson, control_characters) {
    EXPECT_EQ(dumps(R"(["\u0007\u001b\b\f\t\r"])"), R"(["\u0007\u001b\b\f\t\r"])");
}

TEST(tojson, non_serializable) {
    EXPECT_TRUE(test::fails_with("{{ u|tojson }}", "Object of type Undefined is not JSON serializable"));
    EXPECT_TRUE(test::fails_with("{{ namespace(a=1)|tojson }}", "not JSON serializable"));
}

TEST(tojson, tuples_are_arrays_and_keys_are_converted) {
    EXPECT_EQ(render("{{ (1, 'a')|tojson }} {{ {1: 'i', true: 'b', none: 'n'}|tojson }}"), R"([1, "a"] {"1": "b", "null": "n"})");
}

// The default-options fast path hands nested cases it does not cover back to the general dumper.
TEST(tojson, nested_cases_outside_the_fast_path) {
    EXPECT_EQ(render("{{ x|tojson }}|{{ {'a': [1, {2: 'x', 'b': none}], 'c': 1.5}|tojson }}", R"({"x": [true, "q"]})"),
              R"([true, "q"]|{"a": [1, {"2": "x", "b": null}], "c": 1.5})");
    EXPECT_TRUE(test::fails_with("{{ {'a': [1, [1, 2]|map('string')]}|tojson }}", "is not JSON serializable"));
}

// tojson inside a string + chain is written into the chain's buffer; the result is a plain str.
TEST(tojson, inside_string_concatenation) {
    EXPECT_EQ(render("{{ '<' + x|tojson + '>' }}{{ x|tojson + '!' }}{% set s = 'k=' + x|tojson %}{{ s|length }}", R"({"x": {"a": "\"q"}})"),
              R"(<{"a": "\"q"}>{"a": "\"q"}!14)");
    EXPECT_TRUE(test::fails_with("{{ 1 + x|tojson }}", "TypeError"));
    EXPECT_EQ(render("{{ ('x'|safe + y|tojson)|string }}", R"({"y": "<"})"), "x&#34;&lt;&#34;");
}

}  // namespace
}  // namespace tito::jinja
