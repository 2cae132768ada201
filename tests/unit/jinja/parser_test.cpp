// Tests for jinja/parser.cpp and parser_expr.cpp: precedence, statements, and syntax errors that
// name the template, line and column.
#include <gtest/gtest.h>

#include "jinja/environment.hpp"
#include "jinja/parser.hpp"
#include "render_util.hpp"

namespace tito::jinja {
namespace {

using test::render;

TEST(parser, precedence) {
    EXPECT_EQ(render("{{ 1 + 2 * 3 }} {{ (1 + 2) * 3 }} {{ - 2 ** 2 }} {{ 2 ** 3 ** 2 }}"), "7 9 4 64");
    EXPECT_EQ(render("{{ not 1 == 2 }} {{ 'a' ~ 'b' + 'c' }} {{ 'x' + 'y' ~ 1 }} {{ [1,2]|length - 1 }} {{ 'a' if 0 else 'b' ~ 'c' }}"),
              "True abc xy1 1 bc");
    EXPECT_TRUE(test::fails_with("{{ 1 + 1 ~ 1 }}", "unsupported operand type(s) for +"));  // ~ binds tighter than +
    EXPECT_EQ(render("{{ x is not defined and not y is defined }}"), "True");
    EXPECT_EQ(render("{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 3 not in [1] }}"), "True False True");
}

TEST(parser, literals) {
    EXPECT_EQ(render("{{ [1, 'a', none, 1.5, true] }} {{ (1,) }} {{ () }} {{ {'a': 1} }} {{ 'a' 'b' }}"),
              "[1, 'a', None, 1.5, True] (1,) () {'a': 1} ab");
    EXPECT_EQ(render("{{ True }} {{ None }} {{ 1_000 }} {{ 1e3 }} {{ 2.5e-3 }}"), "True None 1000 1000.0 0.0025");
}

TEST(parser, statements) {
    EXPECT_EQ(render("{% set a, b = 1, 2 %}{{ a }}{{ b }}{% for a, b in [[1,2],[3,4]] %}{{ a + b }}{% endfor %}"), "1237");
    EXPECT_EQ(render("{% if 0 %}a{% elif 1 %}b{% else %}c{% endif %}"), "b");
    EXPECT_EQ(render("{% for x in [] %}a{% else %}e{% endfor %}"), "e");
    EXPECT_EQ(render("{% generation %}G{% endgeneration %}"), "G");
}

// for_stmt::loop_escapes: only `loop.<attribute>` reads and no macro in the body keep the loop
// object on the stack.
TEST(parser, loop_escapes) {
    auto escapes = [](const char* src) {
        auto p = parse_program(src);
        EXPECT_TRUE(p);
        return static_cast<const for_stmt&>(*p->body.at(0)).loop_escapes;
    };
    EXPECT_FALSE(escapes("{% for x in y %}{{ loop.index }}{% if loop.last %}{{ loop.cycle(1, 2) }}{% endif %}{% endfor %}"));
    EXPECT_FALSE(escapes("{% for x in y %}{% for z in x %}{{ loop.index }}{% endfor %}{% endfor %}"));
    EXPECT_FALSE(escapes("{% for x in y %}{{ 'loop' }}{% endfor %}{{ loop }}"));
    EXPECT_TRUE(escapes("{% for x in y %}{% set l = loop %}{% endfor %}"));
    EXPECT_TRUE(escapes("{% for x in y %}{{ f(loop) }}{% endfor %}"));
    EXPECT_TRUE(escapes("{% for x in y %}{{ loop['index'] }}{% endfor %}"));
    EXPECT_TRUE(escapes("{% for x in y %}{% for z in loop %}{% endfor %}{% endfor %}"));
    EXPECT_TRUE(escapes("{% for x in y %}{% macro m() %}{% endmacro %}{% endfor %}"));
    EXPECT_FALSE(escapes("{% for x in y %}{% else %}{% endfor %}"));
}

TEST(parser, unknown_tag_is_syntax_error) {
    auto t = template_::parse("line one\n  {% frobnicate %}", "tpl.jinja");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().code(), errc::template_syntax);
    EXPECT_EQ(t.error().location().name, "tpl.jinja");
    EXPECT_EQ(t.error().location().line, 2u);
    EXPECT_EQ(t.error().location().column, 6u);
}

TEST(parser, error_locations) {
    auto t = template_::parse("{% for x in y %}\n{{ x + }}\n{% endfor %}", "loc");
    ASSERT_FALSE(t);
    EXPECT_EQ(t.error().location().line, 2u);
    EXPECT_EQ(t.error().location().column, 8u);
    auto u = template_::parse("{% if x %}\nunclosed", "loc2");
    ASSERT_FALSE(u);
    EXPECT_NE(u.error().message().find("endif"), std::string::npos);
    EXPECT_EQ(u.error().location().line, 2u);
}

TEST(parser, unknown_filters_and_tests_outside_if_fail_at_compile_time) {
    for (const char* bad : {"{{ 1|nosuch }}", "{{ x is is y }}", "{% for a in b %}{{ 1|nosuch }}{% endfor %}",
                            "{% if x %}{% for a in b %}{{ 1|nosuch }}{% endfor %}{% endif %}",
                            "{% macro m() %}{{ 1|nosuch }}{% endmacro %}", "{{ 1 is nosuch }}"}) {
        auto t = template_::parse(bad, "u");
        EXPECT_FALSE(t) << bad;
    }
    for (const char* soft : {"{% if x %}{{ 1|nosuch }}{% endif %}", "{% for a in b %}{% if x %}{{ 1|nosuch }}{% endif %}{% endfor %}",
                             "{{ (1|nosuch) if x }}", "{% if 1|nosuch %}{% endif %}", "{% if x %}{% else %}{{ 1|nosuch }}{% endif %}",
                             "{{ 2 if 1 else 3|nosuch }}"}) {
        EXPECT_TRUE(template_::parse(soft, "s")) << soft;
    }
}

TEST(parser, syntax_errors) {
    for (const char* bad : {"{{ }}", "{% set %}", "{% for in x %}{% endfor %}", "{{ a b }}", "{% macro %}",
                            "{{ f(a=1, 2) }}", "{% endif %}", "{{ x is is y }}", "{{ [1, 2 }}"}) {
        auto t = template_::parse(bad, "bad");
        EXPECT_FALSE(t) << bad;
        if (!t) {
            EXPECT_EQ(t.error().code(), errc::template_syntax) << bad;
        }
    }
}

}  // namespace
}  // namespace tito::jinja

namespace tito::jinja {
namespace {

TEST(parser, nesting_is_bounded) {
    std::string deep = "{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}";
    EXPECT_FALSE(template_::parse(deep, "deep"));
    std::string nots = "{{ " ;
    for (int i = 0; i < 5000; ++i) nots += "not ";
    EXPECT_FALSE(template_::parse(nots + "1 }}", "nots"));
    std::string blocks;
    for (int i = 0; i < 2000; ++i) blocks += "{% if 1 %}";
    EXPECT_FALSE(template_::parse(blocks, "blocks"));
    std::string ok = "{{ " + std::string(50, '(') + "1" + std::string(50, ')') + " }}";
    EXPECT_TRUE(template_::parse(ok, "ok"));
}

}  // namespace
}  // namespace tito::jinja
