// Tests for jinja/filters.cpp and filters_seq.cpp; expected strings were checked against Python
// Jinja2 3.1.6 set up as transformers does.
#include <gtest/gtest.h>

#include "render_util.hpp"

namespace tito::jinja {
namespace {

using test::fails_with;
using test::render;

TEST(filters, length_trim_string_case) {
    EXPECT_EQ(render("{{ 'x'|length }} {{ [1,2]|length }} {{ {'a':1}|length }} {{ u|length }} {{ 'héllo'|count }}"), "1 2 1 0 5");
    EXPECT_EQ(render("[{{ ' x '|trim }}] [{{ none|trim }}] [{{ 'xxhixx'|trim('x') }}] [{{ '\u3000x\u00a0'|trim }}]"), "[x] [None] [hi] [x]");
    EXPECT_EQ(render("{{ 5|string }} {{ [1]|string }} {{ 'AbC'|lower }} {{ 'abc'|upper }} {{ 'hELLO'|capitalize }} {{ 'a b'|title }}"),
              "5 [1] abc ABC Hello A B");
}

TEST(filters, default) {
    EXPECT_EQ(render("{{ u|default('d') }}|{{ none|default('d') }}|{{ ''|default('d', true) }}|{{ u|d }}|{{ 0|default(5, boolean=true) }}"),
              "d|None|d||5");
}

TEST(filters, numbers) {
    EXPECT_EQ(render("{{ '3.5'|float }} {{ 'x'|float }} {{ '42'|int }} {{ '4.7'|int }} {{ 4.7|int }} {{ 'x'|int(7) }} {{ true|int }}"),
              "3.5 0.0 42 4 4 7 1");
    EXPECT_EQ(render("{{ -3|abs }} {{ 2.567|round(2) }} {{ 2.5|round }} {{ 3.5|round }} {{ 7|round }} {{ 2.1|round(method='ceil') }}"),
              "3 2.57 2.0 4.0 7 3.0");
}

TEST(filters, indent_replace_center_escape_format) {
    EXPECT_EQ(render("{{ 'a\\nb\\n\\nc'|indent(2) }}|{{ 'a\\nb'|indent(2, true) }}|{{ 'a\\n\\nb'|indent(2, blank=true) }}"),
              "a\n  b\n\n  c|  a\n  b|a\n  \n  b");
    EXPECT_EQ(render("{{ 'hello'|replace('l','L') }} {{ 'aaa'|replace('a','b',2) }} [{{ 'hi'|center(6) }}] {{ '<a&>'|e }}"),
              "heLLo bba [  hi  ] &lt;a&amp;&gt;");
    EXPECT_EQ(render("{{ 'x %s y %d'|format('s', 3) }} {{ '%05.1f|%-3s|%x'|format(2.25, 'a', 255) }}"), "x s y 3 002.2|a  |ff");
}

TEST(filters, safe_markup_escapes_plain_strings_on_plus) {
    EXPECT_EQ(render("{{ 'a'|safe + '<b>' }} {{ '<b>' + 'a'|safe }} {{ 'a'|safe ~ '<b>' }} {{ '<'|safe + '<'|safe }}"),
              "a&lt;b&gt; &lt;b&gt;a a<b> <<");
}

TEST(filters, sequences) {
    EXPECT_EQ(render("{{ [3,1,2]|sort }} {{ ['b','A','c']|sort }} {{ [3,1,2]|sort(reverse=true) }} {{ [{'n':2},{'n':1}]|sort(attribute='n') }}"),
              "[1, 2, 3] ['A', 'b', 'c'] [3, 2, 1] [{'n': 1}, {'n': 2}]");
    EXPECT_EQ(render("{{ [1,2,1,'a','A']|unique|list }} {{ {'b':1,'a':2}|dictsort }} {{ [1,2,3]|join(',') }} {{ [1,2,3]|first }} {{ [1,2,3]|last }}"),
              "[1, 2, 'a'] [('a', 2), ('b', 1)] 1,2,3 1 3");
    EXPECT_EQ(render("{{ [1,2,3]|reverse|list }} {{ 'abc'|reverse }} {{ [1,2,3]|sum }} {{ [1,5,3]|max }} {{ [4,2,8]|min }} {{ 'ab'|list }}"),
              "[3, 2, 1] cba 6 5 2 ['a', 'b']");
    EXPECT_EQ(render("{% for k, v in d|items %}{{ k }}:{{ v }},{% endfor %} {% for k, v in d|dictsort(by='value', reverse=true) %}{{ k }}{% endfor %}",
                     R"({"d": {"x": 2, "y": 1, "z": 3}})"),
              "x:2,y:1,z:3, zxy");
}

TEST(filters, map_select_reject) {
    const char* ctx = R"({"users": [{"name": "a", "active": true}, {"name": "b", "active": false}]})";
    EXPECT_EQ(render("{{ users|map(attribute='name')|list }} {{ users|selectattr('active')|map(attribute='name')|join(',') }} "
                     "{{ users|rejectattr('active')|list|length }} {{ users|selectattr('name', 'equalto', 'b')|list }} "
                     "{{ users|map(attribute='x', default='D')|list }}", ctx),
              "['a', 'b'] a 1 [{'name': 'b', 'active': False}] ['D', 'D']");
    EXPECT_EQ(render("{{ [1,2,3,4]|select('odd')|list }} {{ [1,2,3,4]|reject('odd')|list }} {{ ['a','b']|map('upper')|list }}"),
              "[1, 3] [2, 4] ['A', 'B']");
    // select/map on a falsy value yield nothing instead of raising (Jinja checks `if value:`).
    EXPECT_EQ(render("{{ none|selectattr('type', 'equalto', 'x')|list|length }}"), "0");
}

TEST(filters, map_is_a_generator) {
    EXPECT_TRUE(fails_with("{{ [1]|map('string')|tojson }}", "generator is not JSON serializable"));
    EXPECT_TRUE(fails_with("{{ [1]|map('string')|length }}", "has no len()"));
}

TEST(filters, unknown_filter_raises_only_when_reached) {
    EXPECT_EQ(render("{% if false %}{{ 1|from_json }}{% endif %}ok"), "ok");
    EXPECT_TRUE(fails_with("{% if true %}{{ 1|from_json }}{% endif %}ok", "No filter named 'from_json'"));
}

}  // namespace
}  // namespace tito::jinja
