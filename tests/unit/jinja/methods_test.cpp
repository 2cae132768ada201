// Tests for jinja/methods.cpp: Python str/list/dict methods, and the immutable sandbox.
#include <gtest/gtest.h>

#include "render_util.hpp"

namespace tito::jinja {
namespace {

using test::fails_with;
using test::render;

TEST(methods, split_family) {
    EXPECT_EQ(render("{{ ' a b  c '.split() }} {{ 'a,b,,c'.split(',') }} {{ 'a,b,c'.split(',', 1) }} {{ 'a,b,c'.rsplit(',', 1) }}"),
              "['a', 'b', 'c'] ['a', 'b', '', 'c'] ['a', 'b,c'] ['a,b', 'c']");
    EXPECT_EQ(render("{{ 'a\\nb\\r\\nc'.splitlines() }} {{ 'x</think>y'.split('</think>')[0] }} {{ 'a b'.split(none, 1) }}"),
              "['a', 'b', 'c'] x ['a', 'b']");
    EXPECT_TRUE(fails_with("{{ 'a'.split('') }}", "empty separator"));
}

TEST(methods, strip_family) {
    EXPECT_EQ(render("[{{ '  x  '.strip() }}|{{ 'xxhixx'.strip('x') }}|{{ '  x'.lstrip() }}|{{ 'x\\n\\n'.rstrip('\\n') }}]"), "[x|hi|x|x]");
    // str.strip() removes U+3000 and U+00A0 but not U+200B (zero width space is not whitespace).
    EXPECT_EQ(render("[{{ '\u3000x\u00a0'.strip() }}|{{ '\u200bx'.strip() }}]"), "[x|\u200bx]");
    // Nothing to strip: the string itself comes back (no copy), with and without chars, and
    // stays a plain str that compares and concatenates as before.
    EXPECT_EQ(render("{% set s = 'abc' %}[{{ s.strip() }}|{{ s.lstrip('x') }}|{{ s.rstrip('\\n') }}|{{ s.strip() == s }}|"
                     "{{ s.strip() + '!' }}|{{ ''.strip() }}|{{ s.strip() is string }}]"),
              "[abc|abc|abc|True|abc!||True]");
}

TEST(methods, predicates_and_search) {
    EXPECT_EQ(render("{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith(('x','c')) }} {{ 'abcabc'.find('c') }} {{ 'abcabc'.count('bc') }} "
                     "{{ 'héllo'.find('l') }} {{ 'abc'.find('z') }}"),
              "True True 2 2 2 -1");
    EXPECT_EQ(render("{{ '42'.isdigit() }} {{ 'ab'.isalpha() }} {{ '  '.isspace() }} {{ 'AB'.isupper() }} {{ 'ab'.islower() }}"),
              "True True True True True");
}

TEST(methods, transforms) {
    EXPECT_EQ(render("{{ 'aaa'.replace('a','b',2) }} {{ 'Hello World'.upper() }} {{ 'hello world'.title() }} {{ '-'.join(['a','b']) }} "
                     "{{ '7'.zfill(3) }} [{{ 'x'.center(5) }}] {{ 'a=b=c'.partition('=') }} {{ 'abc'.removeprefix('a') }}"),
              "bba HELLO WORLD Hello World a-b 007 [  x  ] ('a', '=', 'b=c') bc");
    EXPECT_EQ(render("{{ 'straße'.upper() }} {{ 'ÀB'.lower() }}"), "STRASSE àb");
}

TEST(methods, dict_methods_and_attribute_order) {
    const char* ctx = R"({"d": {"a": 1, "b": [1, 2]}, "e": {"items": "I"}})";
    EXPECT_EQ(render("{{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 5) }} {{ d.items()|list }} {{ d.keys()|list }} {{ d.values()|list }}", ctx),
              "1 None 5 [('a', 1), ('b', [1, 2])] ['a', 'b'] [1, [1, 2]]");
    // Attribute lookup prefers the Python attribute (the method); subscripts prefer the key.
    EXPECT_EQ(render("{{ e.items is callable }} {{ e['items'] }}", ctx), "True I");
}

TEST(methods, list_methods) {
    EXPECT_EQ(render("{{ [1,2,1].count(1) }} {{ [1,2,3].index(2) }}"), "2 1");
}

TEST(methods, sandbox_blocks_mutation) {
    EXPECT_TRUE(fails_with("{% set l = [] %}{{ l.append(1) }}", "access to attribute 'append' of 'list' object is unsafe"));
    EXPECT_TRUE(fails_with("{% set d = {} %}{{ d.update({'a': 1}) }}", "unsafe"));
    EXPECT_TRUE(fails_with("{% set l = [1] %}{% set x = l.pop(0) %}", "unsafe"));
    EXPECT_EQ(render("{% set l = [] %}{{ l.append is defined }}"), "False");
}

}  // namespace
}  // namespace tito::jinja
