// Tests for jinja/lexer.cpp: token kinds, whitespace control (trim_blocks, lstrip_blocks, '-', '+'),
// trailing newline, raw blocks, string escapes, bracket balancing before '}}'.
#include <gtest/gtest.h>

#include "jinja/lexer.hpp"
#include "render_util.hpp"

namespace tito::jinja {
namespace {

std::vector<token_kind> kinds(std::string_view src) {
    auto toks = tokenize(src);
    EXPECT_TRUE(toks.has_value());
    std::vector<token_kind> out;
    if (toks) for (const auto& t : *toks) out.push_back(t.kind);
    return out;
}

TEST(lexer, token_kinds) {
    using k = token_kind;
    EXPECT_EQ(kinds("a{{ x.y(1, 'a', 2.5) }}b"),
              (std::vector<k>{k::data, k::variable_begin, k::name, k::op, k::name, k::op, k::integer, k::op, k::string,
                              k::op, k::floating, k::op, k::variable_end, k::data, k::eof}));
    EXPECT_EQ(kinds("{% if a // b ** 2 %}"),
              (std::vector<k>{k::block_begin, k::name, k::name, k::op, k::name, k::op, k::integer, k::block_end, k::eof}));
}

TEST(lexer, positions_are_one_based) {
    auto toks = tokenize("ab\n  {{ x }}");
    ASSERT_TRUE(toks);
    EXPECT_EQ((*toks)[1].kind, token_kind::variable_begin);
    EXPECT_EQ((*toks)[1].where.line, 2u);
    EXPECT_EQ((*toks)[1].where.column, 3u);
    EXPECT_EQ((*toks)[2].where.column, 6u);
}

TEST(lexer, dict_literal_closing_braces_are_not_variable_end) {
    EXPECT_EQ(test::render("{{ {'a': {'b': 1}} }}"), "{'a': {'b': 1}}");
}

TEST(lexer, string_escapes) {
    EXPECT_EQ(unescape_string_literal(R"(a\tb\n\\ \' \" \x41\u00e9\101 \q)"), "a\tb\n\\ ' \" A\xc3\xa9" "A \\q");
}

TEST(lexer, trailing_newline_dropped_once) {
    EXPECT_EQ(test::render("x\n"), "x");
    EXPECT_EQ(test::render("x\n\n"), "x\n");
    EXPECT_EQ(test::render("a\r\nb"), "a\nb");
}

TEST(lexer, trim_and_lstrip_blocks) {
    EXPECT_EQ(test::render("  {% if true %}\n  yes\n  {% endif %}\nend"), "  yes\nend");
    EXPECT_EQ(test::render("{% for i in [1,2] %}\n  {{ i }}\n{% endfor %}\n{%+ if true %}x{% endif %}\n   {{ 'v' }}\n\t{% if true %}t{% endif %}\n"),
              "  1\n  2\nx   v\nt");
    EXPECT_EQ(test::render("a\n    {{ 'x' }}\n    {% if true %}y{% endif %}  \n"), "a\n    x\ny  ");
}

TEST(lexer, minus_markers_and_comments) {
    EXPECT_EQ(test::render("a  {%- if true -%}  b  {%- endif -%}  c\n{{- ' d ' -}}\n e {# comment #}\n f {#- c -#} g\n  {#+ x #}  h"),
              "abc d e  fg\n    h");
    EXPECT_EQ(test::render("a\n{# c #}\nb\n  {# d #}\nc"), "a\nb\nc");
}

TEST(lexer, raw_blocks) {
    EXPECT_EQ(test::render("{% raw %}{{ not rendered }}{% endraw %}\n  {%- raw %} a {% endraw -%}  \nb"), "{{ not rendered }} a b");
}

TEST(lexer, errors) {
    EXPECT_FALSE(tokenize("{{ x "));
    EXPECT_FALSE(tokenize("{# never closed"));
    EXPECT_FALSE(tokenize("{{ 'unterminated }}"));
    EXPECT_FALSE(tokenize("{{ x) }}"));
}

}  // namespace
}  // namespace tito::jinja
