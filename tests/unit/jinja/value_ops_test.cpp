// Tests for jinja/value_ops.cpp and pystr.cpp: truthiness, equality, str()/repr(), arithmetic,
// slicing, float repr, JSON import.
#include <gtest/gtest.h>

#include "jinja/pystr.hpp"
#include "jinja/value_ops.hpp"
#include "render_util.hpp"

namespace tito::jinja {
namespace {

using test::fails_with;
using test::render;

// dict lookups compare packed key tags (length + first 7 bytes) and confirm longer keys; keys
// that share a prefix or differ only in their last byte must still be told apart.
TEST(value_ops, dict_find_by_tag) {
    std::vector<std::pair<value, value>> items;
    std::vector<std::string> keys;
    for (std::size_t n = 0; n <= 20; ++n) {
        keys.push_back(std::string(n, 'k'));
        if (n > 0) keys.push_back(std::string(n - 1, 'k') + "z");
    }
    for (std::size_t i = 0; i < keys.size(); ++i) items.emplace_back(value::from_string(keys[i]), value::from_int(static_cast<std::int64_t>(i)));
    items.emplace_back(value::from_int(7), value::from_string("int key"));
    value d = value::from_dict(std::move(items));
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const value* v = d.dict_find(keys[i]);
        ASSERT_TRUE(v) << keys[i];
        EXPECT_EQ(v->as_int(), static_cast<std::int64_t>(i)) << keys[i];
        EXPECT_EQ(d.dict().find(keys[i], key_tag(keys[i])), v);
    }
    EXPECT_EQ(d.dict_find(std::string(21, 'k')), nullptr);
    EXPECT_EQ(d.dict_find("kkkkkkkkkkkkkkky"), nullptr);
    EXPECT_EQ(d.dict_find("zkkkkkkkk"), nullptr);
    EXPECT_EQ(d.dict().find(value::from_int(7))->str(), "int key");
}

// Keys of 16..23 bytes are confirmed by two words (bytes 7..14 and the last 8): keys of those
// lengths that differ in one byte only, at every position past the tag, are told apart.
TEST(value_ops, dict_find_16_to_23_byte_keys) {
    for (std::size_t n = 16; n <= 26; ++n) {
        std::vector<std::pair<value, value>> items;
        std::vector<std::string> keys;
        const std::string base = std::string("reasoning_content_and_more").substr(0, n);
        keys.push_back(base);
        for (std::size_t pos = 7; pos < n; ++pos) {
            std::string k = base;
            k[pos] = '#';
            keys.push_back(k);
        }
        for (std::size_t i = 0; i < keys.size(); ++i)
            items.emplace_back(value::from_string(keys[i]), value::from_int(static_cast<std::int64_t>(i)));
        value d = value::from_dict(std::move(items));
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const value* v = d.dict_find(keys[i]);
            ASSERT_TRUE(v) << keys[i];
            EXPECT_EQ(v->as_int(), static_cast<std::int64_t>(i)) << keys[i];
        }
        for (std::size_t pos = 7; pos < n; ++pos) {
            std::string k = base;
            k[pos] = '%';
            EXPECT_EQ(d.dict_find(k), nullptr) << k;
        }
    }
}

TEST(value_ops, float_repr) {
    EXPECT_EQ(py_float_repr(0.1), "0.1");
    EXPECT_EQ(py_float_repr(1e-5), "1e-05");
    EXPECT_EQ(py_float_repr(1e16), "1e+16");
    EXPECT_EQ(py_float_repr(-0.0), "-0.0");
    EXPECT_EQ(py_float_repr(3.0), "3.0");
    EXPECT_EQ(py_float_repr(1e15), "1000000000000000.0");
    EXPECT_EQ(py_float_repr(0.0001), "0.0001");
    EXPECT_EQ(py_float_repr(1.5e-7), "1.5e-07");
    EXPECT_EQ(py_float_repr(1e100), "1e+100");
    EXPECT_EQ(py_float_repr(12345678.9), "12345678.9");
}

TEST(value_ops, str_and_repr) {
    EXPECT_EQ(render("{{ none }} {{ true }} {{ [1, 'a', none, 1.5, true] }} {{ {'a': 1, 'b': 'x'} }} {{ ('a', 'b') }}"),
              "None True [1, 'a', None, 1.5, True] {'a': 1, 'b': 'x'} ('a', 'b')");
    EXPECT_EQ(render("{{ [\"it's\", 'say \"hi\"', 'both \\' \"'] }}"), R"(["it's", 'say "hi"', 'both \' "'])");
    EXPECT_EQ(py_repr_str("\n\t\x01\u200b\u00a0\u00e9"), "'\\n\\t\\x01\\u200b\\xa0\u00e9'");
}

TEST(value_ops, arithmetic) {
    EXPECT_EQ(render("{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 6 / 2 }} {{ 2 ** 10 }} {{ 2 ** -1 }} {{ 7.5 // 2 }} {{ -7.5 % 2 }}"),
              "3 -4 1 2 3.5 3.0 1024 0.5 3.0 0.5");
    EXPECT_EQ(render("{{ 1 + 2.0 }} {{ true + 1 }} {{ 'a' * 3 }} {{ [1] * 2 }} {{ 3 * 'ab' }} {{ 0.1 + 0.2 }} {{ [1] + [2] }}"),
              "3.0 2 aaa [1, 1] ababab 0.30000000000000004 [1, 2]");
    EXPECT_EQ(render("{{ 1 ~ 2 ~ 'a' ~ none ~ u }}"), "12aNone");
    EXPECT_TRUE(fails_with("{{ 'a' + 1 }}", "can only concatenate str (not \"int\") to str"));
    EXPECT_TRUE(fails_with("{{ 1 / 0 }}", "division by zero"));
    EXPECT_TRUE(fails_with("{{ u + 1 }}", "'u' is undefined"));
    EXPECT_TRUE(fails_with("{{ 1 < 'a' }}", "'<' not supported between instances of 'int' and 'str'"));
}

TEST(value_ops, equality_and_membership) {
    EXPECT_EQ(render("{{ 1 == 1.0 }} {{ true == 1 }} {{ [1,2] < [1,3] }} {{ none == none }} {{ 'a' in 'cat' }} {{ 2 in [1,2] }} "
                     "{{ 'k' in {'k':1} }} {{ [1] == (1,) }} {{ {'a': 1, 'b': 2} == {'b': 2, 'a': 1} }}"),
              "True True True True True True True False True");
    EXPECT_TRUE(fails_with("{{ 1 in 'abc' }}", "requires string as left operand"));
}

TEST(value_ops, truthiness) {
    EXPECT_EQ(render("{{ 1 and 2 }} {{ 0 and 2 }} {{ 0 or 'x' }} {{ '' or [] }} {{ not 0 }} {{ not [] }} {{ not {} }} {{ 0.0 or 'f' }}"),
              "2 0 x [] True True True f");
}

TEST(value_ops, slicing_and_indexing) {
    EXPECT_EQ(render("{{ 'hello'[1:3] }} {{ 'hello'[::-1] }} {{ [1,2,3,4][1:] }} {{ [1,2,3,4][:-1] }} {{ [1,2,3,4][::2] }} "
                     "{{ 'héllo'[1:3] }} {{ 'abc'[-1] }} {{ [1,2,3][-2] }} [{{ 'abc'[5:] }}] {{ [1,2,3][10:] }} {{ 'héllo'[::-1] }}"),
              "el olleh [2, 3, 4] [1, 2, 3] [1, 3] él c 2 [] [] olléh");
    EXPECT_EQ(render("[{{ [1][5] }}] {{ [1][5] is defined }} {{ none.x is defined }}"), "[] False False");
    EXPECT_TRUE(fails_with("{{ m.x.y }}", "'dict object' has no attribute 'x'", R"({"m": {}})"));
}

TEST(value_ops, json_import) {
    auto v = parse_json(R"({"a": 1, "b": 2.0, "a": 3, "c": [true, null, "x"]})");
    ASSERT_TRUE(v);
    ASSERT_TRUE(v->is_dict());
    ASSERT_EQ(v->dict().items.size(), 3u);  // duplicate key: first position, last value
    EXPECT_EQ(to_repr(*v), "{'a': 3, 'b': 2.0, 'c': [True, None, 'x']}");
    EXPECT_FALSE(parse_json("{\"a\": }"));
    EXPECT_FALSE(parse_json("[1] x"));
}

TEST(value_ops, int64_overflow_is_an_error_not_a_wrap) {
    EXPECT_TRUE(fails_with("{{ 2 ** 62 * 4 }}", "int64"));
}

}  // namespace
}  // namespace tito::jinja

namespace tito::jinja {
namespace {

TEST(value_ops, hostile_sizes_are_bounded_and_exact) {
    using test::render;
    EXPECT_EQ(render("{{ 1 ** 1000000000000 }} {{ (-1) ** 1000000000001 }} {{ 3 ** 39 }}"), "1 -1 4052555153018976267");
    EXPECT_EQ(render("{{ 'ab'[::9223372036854775807] }} {{ [1,2,3][::-9223372036854775807] }} {{ [1,2,3,4,5][1:4:2] }} {{ [1,2,3,4,5][4:0:-2] }}"),
              "a [3] [2, 4] [5, 3]");
    EXPECT_EQ(render("{{ range(9223372036854775806, 9223372036854775807, 5)|list }}"), "[9223372036854775806]");
    EXPECT_EQ(render("{{ range(0, 10, 3)|list }}{{ range(10, 0, -3)|list }}{{ range(3, 3)|list }}{{ range(5, 2)|list }}"
                     "{{ range(-2, 2)|list }}{{ range(2, -2, -1)|list }}"
                     "{{ range(-9223372036854775807, 9223372036854775807, 9223372036854775807)|list }}"),
              "[0, 3, 6, 9][10, 7, 4, 1][][][-2, -1, 0, 1][2, 1, 0, -1][-9223372036854775807, 0]");
    EXPECT_EQ(render("{{ range(0, 100000)|length }}"), "100000");
    EXPECT_TRUE(test::fails_with("{{ range(0, 100001)|length }}", "MAX_RANGE"));
    EXPECT_TRUE(test::fails_with("{{ 'a' * 100000000000 }}", "too large"));
    EXPECT_TRUE(test::fails_with("{{ range(1000000)|length }}", "MAX_RANGE"));
    EXPECT_TRUE(test::fails_with("{{ 'x'.center(100000000000) }}", "too large"));
    EXPECT_TRUE(test::fails_with("{{ {}|tojson(indent=100000000) }}", "too large"));
}

}  // namespace
}  // namespace tito::jinja
