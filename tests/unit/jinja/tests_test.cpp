// Tests for jinja/tests.cpp (the `is` tests), with Python's type model.
#include <gtest/gtest.h>

#include "render_util.hpp"

namespace tito::jinja {
namespace {

using test::render;

TEST(tests, types) {
    EXPECT_EQ(render("{{ 'a' is string }} {{ 1 is number }} {{ true is number }} {{ 1 is integer }} {{ true is integer }} "
                     "{{ 1.0 is float }} {{ none is none }} {{ true is boolean }} {{ false is false }} {{ 1 is true }}"),
              "True True True True False True True True True False");
}

TEST(tests, containers) {
    EXPECT_EQ(render("{{ {} is mapping }} {{ [] is sequence }} {{ 'x' is iterable }} {{ {} is sequence }} {{ u is iterable }} "
                     "{{ 'x' is mapping }} {{ none is iterable }} {{ 1 is sequence }}"),
              "True True True True True False False False");
}

TEST(tests, defined_and_undefined) {
    EXPECT_EQ(render("{{ x is defined }} {{ x is undefined }} {{ m.a is defined }} {{ m.b is defined }} {{ tools is defined }} {{ tools is none }}",
                     R"({"m": {"a": 1}, "tools": null})"),
              "False True True False True True");
}

// Type tests without arguments are checked inline (eval_test's simple_test path), on every kind
// of operand: a dict entry present or missing, a namespace attribute, the loop variable, a bound
// and an unbound name, a filtered value, a method that is no dict key; `is not` as well.
TEST(tests, simple_tests_on_every_operand_kind) {
    EXPECT_EQ(render("{% set ns = namespace(a=none, s='x') %}{% for i in [1] %}{{ m.a is integer }} {{ m.b is undefined }} "
                     "{{ m.s is string }} {{ m.d is mapping }} {{ m.n is none }} {{ m.f is number }} {{ m.t is boolean }} "
                     "{{ ns.a is none }} {{ ns.s is not string }} {{ ns.q is defined }} {{ loop.index is integer }} "
                     "{{ loop.first is boolean }} {{ i is number }} {{ zz is undefined }} {{ (m.a ~ 'x') is string }} "
                     "{{ m.items is defined }} {{ m.get is mapping }} {{ 'x' is not none }}{% endfor %}",
                     R"({"m": {"a": 1, "s": "t", "d": {}, "n": null, "f": 1.5, "t": true}})"),
              "True True True True True True True True False False True True True True True True False True");
    EXPECT_EQ(render("{% if m.a is defined and m.b is not defined and not (m.n is string) %}yes{% endif %}",
                     R"({"m": {"a": 1, "n": null}})"),
              "yes");
}

TEST(tests, values) {
    EXPECT_EQ(render("{{ 1 is odd }} {{ 2 is even }} {{ 6 is divisibleby 3 }} {{ 'abc' is lower }} {{ 'ABC' is upper }} "
                     "{{ 2 is in [1,2] }} {{ 1 is eq 1 }} {{ 2 is gt 1 }} {{ 2 is lt 1 }} {{ 1 is ne 2 }} {{ 'a' is equalto 'a' }}"),
              "True True True True True True True True False True True");
    EXPECT_EQ(render("{{ range is callable }} {{ 'x' is callable }} {{ 5 is sameas 5 }} {{ none is sameas none }} {{ x is not none }}"),
              "True False True True True");
}

TEST(tests, unknown_test) { EXPECT_TRUE(test::fails_with("{{ 1 is frobbed }}", "No test named 'frobbed'")); }

}  // namespace
}  // namespace tito::jinja
