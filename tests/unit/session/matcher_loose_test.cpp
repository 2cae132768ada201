// File: unit/session/matcher_loose_test.cpp
// The loose_tool_call matcher (spec 5.4): every pinned pair, checked in both directions.
#include "session/message_matcher.hpp"

#include "unit/session/matcher_fixtures.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tito::session {
namespace {

using test::assistant;
using test::call_spec;
using test::json;
using test::text_args;
using test::tool_call;

bool strict(const boost::json::value& s, const boost::json::value& r) {
    return messages_match(matcher_kind::strict, s, r);
}
bool loose(const boost::json::value& s, const boost::json::value& r) {
    return messages_match(matcher_kind::loose_tool_call, s, r);
}
bool role_content(const boost::json::value& s, const boost::json::value& r) {
    return messages_match(matcher_kind::role_content_only, s, r);
}

struct args_pair {
    const char* name;
    boost::json::value stored;  // the `arguments` values
    boost::json::value replayed;
};

// Loose accepts, strict does not (reference: ..._normalizes_empty_argument_objects and
// ..._normalizes_nested_json_objects...).
TEST(matcher_loose, equivalent_argument_objects_match) {
    const args_pair pairs[] = {
        {"null-empty-string", nullptr, text_args("")},
        {"empty-string-object", text_args(""), json("{}")},
        {"object-json-string", json("{}"), text_args("{}")},
        {"json-whitespace", text_args("{}"), text_args("{ }")},
        {"null-json-string", nullptr, text_args(" {\n} ")},
        {"key-order-spacing", text_args(R"({"city":"Paris","units":"metric"})"),
         text_args(R"({"units": "metric", "city": "Paris"})")},
        {"nested-reordered-numbers",
         text_args(R"({"outer":{"b":2,"a":[1,{"text":"\u00e9"}]},"number":1e0})"),
         json(R"({"number":1.0,"outer":{"a":[1.0,{"text":"é"}],"b":2}})")},
        {"large-finite-numbers", text_args(R"({"value":1e999})"), text_args(R"({"value":10e998})")},
        {"exact-decimals", text_args(R"({"v":[1,1.0,1e0,10e-1]})"), text_args(R"({"v":[1,1,1,1]})")},
        {"object-double-vs-text", json(R"({"v":0.1})"), text_args(R"({"v":0.10})")},
        {"big-integer", text_args(R"({"v":123456789012345678901234567890})"),
         text_args(R"({"v":1.23456789012345678901234567890e29})")},
    };
    for (const auto& p : pairs) {
        const auto s = assistant(p.stored);
        const auto r = assistant(p.replayed);
        EXPECT_FALSE(strict(s, r)) << p.name;
        EXPECT_TRUE(loose(s, r)) << p.name;
        EXPECT_TRUE(loose(r, s)) << p.name << " (reversed)";
    }
}

// Types, values and array order still matter (reference: ..._preserves_json_types_...).
TEST(matcher_loose, different_json_values_do_not_match) {
    const args_pair pairs[] = {
        {"boolean-number", text_args(R"({"value":true})"), text_args(R"({"value":1})")},
        {"null-string", text_args(R"({"value":null})"), text_args(R"({"value":"null"})")},
        {"array-order", text_args(R"({"value":[1,2]})"), text_args(R"({"value":[2,1]})")},
        {"object-array", text_args(R"({"value":{"x":1}})"), text_args(R"({"value":[["x",1]]})")},
        {"number-value", text_args(R"({"value":1})"), text_args(R"({"value":2})")},
        {"bool-number-object-side", json(R"({"value":true})"), text_args(R"({"value":1})")},
        {"near-double", text_args(R"({"v":9007199254740993})"), json(R"({"v":9007199254740992.0})")},
        {"extra-key", text_args(R"({"a":1})"), text_args(R"({"a":1,"b":null})")},
        {"string-escape-vs-other", text_args(R"({"t":"\u00e9"})"), text_args(R"({"t":"e\u0301"})")},
    };
    for (const auto& p : pairs) {
        const auto s = assistant(p.stored);
        const auto r = assistant(p.replayed);
        EXPECT_FALSE(strict(s, r)) << p.name;
        EXPECT_FALSE(loose(s, r)) << p.name;
        EXPECT_FALSE(loose(r, s)) << p.name << " (reversed)";
        EXPECT_TRUE(role_content(s, r)) << p.name;
    }
}

// Not a JSON object (or not valid): RAW, which does not see re-spacing (reference:
// ..._invalid_or_non_object_arguments_use_type_sensitive_raw_comparison).
TEST(matcher_loose, invalid_or_non_object_arguments_fall_back_to_raw) {
    const args_pair pairs[] = {
        {"whitespace-only", text_args(" "), text_args("{}")},
        {"whitespace-only-vs-empty", text_args(" "), text_args("")},
        {"invalid-json", text_args("{invalid}"), text_args("{ invalid }")},
        {"duplicate-keys", text_args(R"({"x":1,"x":2})"), text_args(R"({"x":1, "x":2})")},
        {"nan", text_args(R"({"x":NaN})"), text_args(R"({"x": NaN})")},
        {"positive-infinity", text_args(R"({"x":Infinity})"), text_args(R"({"x": Infinity})")},
        {"negative-infinity", text_args(R"({"x":-Infinity})"), text_args(R"({"x": -Infinity})")},
        {"top-level-array", text_args("[]"), text_args("[ ]")},
        {"top-level-number", text_args("1"), text_args("1.0")},
        {"top-level-string", text_args(R"("x")"), text_args(R"( "x")")},
        {"array-vs-object", json("[]"), json("{}")},
        {"number-vs-string", json("1"), text_args("1")},
        {"array-vs-string", json("[1]"), text_args("[1]")},
        {"huge-exponent", text_args(R"({"v":1e1000000000000000000})"),
         text_args(R"({"v": 1e1000000000000000000})")},
    };
    for (const auto& p : pairs) {
        const auto s = assistant(p.stored);
        const auto r = assistant(p.replayed);
        EXPECT_FALSE(loose(s, r)) << p.name;
        EXPECT_FALSE(loose(r, s)) << p.name << " (reversed)";
    }
}

TEST(matcher_loose, raw_fallback_still_matches_identical_values) {
    // Identical spellings match under strict already; loose keeps them.
    for (const char* a : {" ", "{invalid}", R"({"x":1,"x":2})", R"({"x":NaN})", "[]", "1"}) {
        const auto m = assistant(text_args(a));
        EXPECT_TRUE(loose(m, m)) << a;
    }
    // RAW on an invalid argument next to a changed call elsewhere is still exact.
    auto s = assistant(text_args("{invalid}"));
    auto r = assistant(text_args("{invalid}"));
    test::first_call(r)["index"] = 3;
    EXPECT_TRUE(loose(s, r));
}

// Parsed non-object arguments that Python `==` equates are accepted by strict already (the
// bool/int quirk included), so loose accepts them too; RAW is never reached.
TEST(matcher_loose, strict_equal_non_object_arguments_stay_accepted) {
    const args_pair pairs[] = {
        {"int-float", json("1"), json("1.0")},
        {"bool-int", json("true"), json("1")},
        {"array-spacing", json("[]"), json("[ ]")},
        {"object-bool-int", json(R"({"v":true})"), json(R"({"v":1})")},
    };
    for (const auto& p : pairs) {
        const auto s = assistant(p.stored);
        const auto r = assistant(p.replayed);
        EXPECT_TRUE(strict(s, r)) << p.name;
        EXPECT_TRUE(loose(s, r)) << p.name;
        EXPECT_TRUE(loose(r, s)) << p.name << " (reversed)";
    }
}

TEST(matcher_loose, deep_nesting_is_false_without_raising) {
    const std::string deep(2000, '[');
    const std::string close(2000, ']');
    const auto s = assistant(text_args("{\"x\":" + deep + "0" + close + "}"));
    const auto r = assistant(text_args("{\"x\": " + deep + "0" + close + "}"));
    EXPECT_FALSE(loose(s, r));
    EXPECT_FALSE(loose(r, s));
    EXPECT_TRUE(loose(s, s));  // identical strings: strict compares them as strings
}

TEST(matcher_loose, deep_object_arguments_are_false_without_raising) {
    boost::json::value v = 0;
    for (int i = 0; i < 2000; ++i) v = boost::json::array{std::move(v)};
    boost::json::object args;
    args["x"] = v;
    const auto s = assistant(args);
    EXPECT_FALSE(loose(s, s));  // the reference answers False too (RecursionError caught)
    EXPECT_FALSE(strict(s, s));  // the reference raises here; we answer "not the same"
}

// Reference: ..._does_not_equate_missing_arguments_with_empty_object.
TEST(matcher_loose, missing_arguments_never_equal_empty_ones) {
    const auto missing = test::assistant_with_calls({tool_call({})});
    for (const char* e : {"null", R"("")", "{}", R"("{}")"}) {
        const auto empty = assistant(json(e));
        EXPECT_FALSE(loose(missing, empty)) << e;
        EXPECT_FALSE(loose(empty, missing)) << e;
    }
    EXPECT_TRUE(loose(missing, missing));
}

// Reference: ..._still_compares_call_identity_and_unknown_fields.
TEST(matcher_loose, call_identity_and_unknown_fields_still_compare) {
    const auto make = [](boost::json::value args) {
        auto m = assistant(std::move(args));
        test::first_call(m)["provider"] = "stored";
        test::first_call(m)["function"].as_object()["provider"] = "stored";
        return m;
    };
    const auto stored = make(text_args(R"({"x":1})"));
    EXPECT_TRUE(loose(stored, make(json(R"({"x":1})"))));

    struct edit {
        const char* name;
        void (*apply)(boost::json::object& call);
    };
    const edit edits[] = {
        {"call-id", [](boost::json::object& c) { c["id"] = "call-B"; }},
        {"call-type", [](boost::json::object& c) { c["type"] = "provider-function"; }},
        {"function-name", [](boost::json::object& c) { c["function"].as_object()["name"] = "other"; }},
        {"unknown-call-field", [](boost::json::object& c) { c["provider"] = "other"; }},
        {"unknown-function-field",
         [](boost::json::object& c) { c["function"].as_object()["provider"] = "other"; }},
        {"unknown-call-field-missing", [](boost::json::object& c) { c.erase("provider"); }},
        {"unknown-function-field-missing",
         [](boost::json::object& c) { c["function"].as_object().erase("provider"); }},
        {"extra-call-field", [](boost::json::object& c) { c["extra"] = nullptr; }},
        {"function-not-object", [](boost::json::object& c) { c["function"] = "lookup"; }},
    };
    for (const auto& e : edits) {
        auto replayed = make(json(R"({"x":1})"));
        e.apply(test::first_call(replayed));
        EXPECT_FALSE(loose(stored, replayed)) << e.name;
        EXPECT_FALSE(loose(replayed, stored)) << e.name << " (reversed)";
        EXPECT_TRUE(role_content(stored, replayed)) << e.name;
    }
}

TEST(matcher_loose, index_is_ignored_but_other_keys_use_python_equality) {
    auto s = assistant(text_args(R"({"x":1})"));
    test::first_call(s)["index"] = 0;
    auto r = assistant(json(R"({"x":1})"));
    test::first_call(r)["index"] = 7;
    EXPECT_TRUE(loose(s, r));
    test::first_call(r).erase("index");
    EXPECT_TRUE(loose(s, r));
    EXPECT_TRUE(loose(r, s));
    // Non-argument fields compare with `==`, so 1 == 1.0 there (not RAW).
    auto a = assistant(text_args("{}"));
    test::first_call(a)["seq"] = 1;
    auto b = assistant(json("{}"));
    test::first_call(b)["seq"] = 1.0;
    EXPECT_TRUE(loose(a, b));
}

// Reference: ..._preserves_tool_call_count_and_order.
TEST(matcher_loose, tool_call_count_and_order_matter) {
    const auto call = [](const char* args, const char* id, const char* name, bool as_text) {
        return tool_call({.arguments = as_text ? text_args(args) : json(args), .id = id, .name = name});
    };
    const auto stored = test::assistant_with_calls(
        {call(R"({"x":1})", "call-A", "first", true), call(R"({"x":2})", "call-B", "second", true)});
    const auto same = test::assistant_with_calls(
        {call(R"({"x":1})", "call-A", "first", false), call(R"({"x":2})", "call-B", "second", false)});
    const auto reordered = test::assistant_with_calls(
        {call(R"({"x":2})", "call-B", "second", false), call(R"({"x":1})", "call-A", "first", false)});
    const auto truncated =
        test::assistant_with_calls({call(R"({"x":1})", "call-A", "first", false)});
    EXPECT_TRUE(loose(stored, same));
    EXPECT_FALSE(loose(stored, reordered));
    EXPECT_FALSE(loose(stored, truncated));
    EXPECT_FALSE(loose(truncated, stored));
}

// Reference: ..._does_not_relax_reasoning_content.
TEST(matcher_loose, reasoning_and_content_are_not_relaxed) {
    auto s = assistant(text_args(R"({"x":1})"));
    s.as_object()["reasoning_content"] = "kept";
    const auto r = assistant(json(R"({"x":1})"));
    EXPECT_FALSE(loose(s, r));
    EXPECT_FALSE(loose(r, s));
    EXPECT_TRUE(role_content(s, r));
    auto c = assistant(json(R"({"x":1})"));
    c.as_object()["content"] = "other";
    EXPECT_FALSE(loose(s, c));
    auto n = assistant(json(R"({"x":1})"));
    n.as_object()["content"] = nullptr;  // "" vs null: still the same
    EXPECT_TRUE(loose(assistant(text_args(R"({"x":1})")), n));
}

TEST(matcher_loose, malformed_tool_calls_fall_back_to_raw) {
    const auto m = [](const char* tool_calls) {
        return json(std::string(R"({"role":"assistant","tool_calls":)") + tool_calls + "}");
    };
    EXPECT_TRUE(loose(m(R"("x")"), m(R"("x")")));
    EXPECT_FALSE(loose(m(R"("x")"), m(R"(["x"])")));
    EXPECT_FALSE(loose(m("{}"), m("[]")));  // {} is not empty; [] is
    EXPECT_TRUE(loose(m("null"), m("[]")));
    EXPECT_TRUE(loose(m("1"), m("1.0")));  // strict: 1 == 1.0
    EXPECT_TRUE(loose(m("[1]"), m("[true]")));  // strict: 1 == True
    EXPECT_FALSE(loose(m(R"(["a"])"), m(R"(["b"])")));
    EXPECT_TRUE(loose(m(R"(["a", 1])"), m(R"(["a", 1])")));
    // Elements that are not objects go through RAW only when strict already failed.
    EXPECT_FALSE(loose(m(R"([1, "x"])"), m(R"([true, "y"])")));
}

}  // namespace
}  // namespace tito::session
