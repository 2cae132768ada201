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
