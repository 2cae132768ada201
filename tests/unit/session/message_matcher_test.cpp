// File: unit/session/message_matcher_test.cpp
// Matcher selection, role_content_only (spec 5.5), and the contract shared by all built-ins
// (5.1): monotonic strict => loose_tool_call => role_content_only, inputs never modified,
// non-objects never match.
#include "session/message_matcher.hpp"

#include "base/json.hpp"
#include "unit/session/matcher_fixtures.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tito::session {
namespace {

using test::assistant;
using test::json;
using test::text_args;

constexpr matcher_kind all_kinds[] = {matcher_kind::strict, matcher_kind::loose_tool_call,
                                      matcher_kind::role_content_only};

bool role_content(const boost::json::value& s, const boost::json::value& r) {
    return messages_match(matcher_kind::role_content_only, s, r);
}

TEST(parse_matcher_kind, built_in_names) {
    for (matcher_kind k : all_kinds) {
        auto parsed = parse_matcher_kind(to_string(k));
        ASSERT_TRUE(parsed) << to_string(k);
        EXPECT_EQ(*parsed, k);
    }
    EXPECT_EQ(to_string(matcher_kind::strict), "strict");
    EXPECT_EQ(to_string(matcher_kind::loose_tool_call), "loose_tool_call");
    EXPECT_EQ(to_string(matcher_kind::role_content_only), "role_content_only");
}

TEST(parse_matcher_kind, anything_else_is_a_config_error_naming_the_built_ins) {
    for (const char* name : {"Strict", "LOOSE_TOOL_CALL", "role-content-only", "", " strict",
                             "strict ", "operator.eq", "my_pkg.matchers.custom"}) {
        auto parsed = parse_matcher_kind(name);
        ASSERT_FALSE(parsed) << name;
        EXPECT_EQ(parsed.error().code(), errc::config);
        const std::string message = parsed.error().message();  // error() is a copy
        EXPECT_NE(message.find("strict"), std::string::npos) << message;
        EXPECT_NE(message.find("loose_tool_call"), std::string::npos) << message;
        EXPECT_NE(message.find("role_content_only"), std::string::npos) << message;
        EXPECT_NE(message.find(std::string("'") + name + "'"), std::string::npos) << message;
    }
}

boost::json::value projected(const char* field, const char* value_json) {
    boost::json::object m;
    m["role"] = "user";
    m["content"] = "same";
    if (value_json == nullptr)
        m.erase(field);
    else
        m[field] = json(value_json);
    return m;
}

TEST(matcher_role_content_only, empty_values_are_one_class_for_role_and_content) {
    const char* empties[] = {nullptr, "null", R"("")", "[]"};
    for (const char* field : {"role", "content"})
        for (const char* a : empties)
            for (const char* b : empties)
                EXPECT_TRUE(role_content(projected(field, a), projected(field, b)))
                    << field << ": " << (a ? a : "absent") << " vs " << (b ? b : "absent");
}

TEST(matcher_role_content_only, no_other_normalization) {
    struct row {
        const char* field;
        const char* stored;
        const char* replayed;
    };
    const row rows[] = {
        {"role", R"("assistant")", R"("user")"},
        {"content", R"("text")", R"(" text")"},
        {"content", R"("Text")", R"("text")"},
        {"content", R"("\u00e9")", R"("e\u0301")"},
        {"content", R"("{\"x\":1}")", R"("{\"x\": 1}")"},
        {"content", R"(["a","b"])", R"(["b","a"])"},
        {"content", R"(" ")", R"("")"},
        {"content", "{}", "null"},
    };
    for (const auto& r : rows) {
        EXPECT_FALSE(role_content(projected(r.field, r.stored), projected(r.field, r.replayed)))
            << r.field << ": " << r.stored << " vs " << r.replayed;
        EXPECT_FALSE(role_content(projected(r.field, r.replayed), projected(r.field, r.stored)));
    }
    // Python equality inside content parts still applies.
    EXPECT_TRUE(role_content(projected("content", R"([{"type":"text","n":1}])"),
                             projected("content", R"([{"n":1.0,"type":"text"}])")));
}

TEST(matcher_role_content_only, every_other_field_is_ignored_even_malformed) {
    const auto stored = json(R"({
        "role":"assistant","content":"","reasoning_content":"stored reasoning",
        "tool_calls":[{"id":"A","type":"function","function":{"name":"lookup","arguments":"{\"x\":1}"}}],
        "name":"stored-name","tool_call_id":"A","current_date":"2026-01-01",
        "current_location":"Paris","tools":[{"name":"stored"}],
        "response_format":{"type":"json_object"},"unknown":{"stored":true}})");
    const auto replayed = json(R"({
        "role":"assistant","content":null,"reasoning_content":null,
        "tool_calls":"malformed and deliberately not parsed",
        "name":"replayed-name","tool_call_id":"B","current_date":"2030-12-31",
        "current_location":"Tokyo","tools":null,"response_format":"text","unknown":["replayed"]})");
    EXPECT_TRUE(role_content(stored, replayed));
    EXPECT_TRUE(role_content(replayed, stored));
    EXPECT_FALSE(messages_match(matcher_kind::strict, stored, replayed));
    EXPECT_FALSE(messages_match(matcher_kind::loose_tool_call, stored, replayed));
}

// A table of messages close to each other in every way the matchers distinguish.
std::vector<boost::json::value> monotonicity_table() {
    std::vector<boost::json::value> t = {
        json(R"({"role":"user","content":"same"})"),
        json(R"({"role":"user","content":"different"})"),
        json(R"({"role":"user","content":"same","name":"n"})"),
        json(R"({"role":"user","content":[{"type":"text","text":"same"}]})"),
        json(R"({"role":"user"})"),
        json(R"({"role":"user","content":null})"),
        json(R"({"role":"assistant","content":"","tool_calls":"malformed"})"),
        json(R"({"role":"assistant","content":"","tool_calls":["malformed"]})"),
        json(R"({"role":"assistant","content":"","tool_calls":[]})"),
        json(R"({"role":"assistant","content":null})"),
        json(R"({"role":"assistant","content":"","tool_calls":[1]})"),
        json(R"({"role":"assistant","content":"","tool_calls":[true]})"),
    };
    for (const char* args : {R"({"x":1})", R"({"x": 1})", R"({"x":1.0})", R"({"x":true})", "{}", "",
                             " ", "{invalid}", R"({"x":1,"x":1})", "[]"})
        t.push_back(assistant(text_args(args)));
    for (const char* args : {R"({"x":1})", R"({"x":1.0})", R"({"x":true})", "{}", "null", "[]", "1",
                             "true"})
        t.push_back(assistant(json(args)));
    auto indexed = assistant(text_args(R"({"x":1})"));
    test::first_call(indexed)["index"] = 0;
    t.push_back(indexed);
    auto reasoning = assistant(text_args(R"({"x":1})"));
    reasoning.as_object()["reasoning_content"] = "changed";
    t.push_back(reasoning);
    auto reasoning_null = assistant(json(R"({"x":1})"));
    reasoning_null.as_object()["reasoning_content"] = nullptr;
    t.push_back(reasoning_null);
    auto other_id = assistant(json(R"({"x":1})"));
    test::first_call(other_id)["id"] = "call-B";
    t.push_back(other_id);
    t.push_back(test::assistant_with_calls({test::tool_call({})}));
    return t;
}

TEST(message_matcher, built_ins_are_monotonic) {
    const auto table = monotonicity_table();
    std::size_t strict_hits = 0, loose_hits = 0, role_hits = 0;
    for (const auto& s : table) {
        for (const auto& r : table) {
            const bool strict = messages_match(matcher_kind::strict, s, r);
            const bool loose = messages_match(matcher_kind::loose_tool_call, s, r);
            const bool role = messages_match(matcher_kind::role_content_only, s, r);
            EXPECT_TRUE(!strict || loose) << json::compact(s) << " vs " << json::compact(r);
            EXPECT_TRUE(!loose || role) << json::compact(s) << " vs " << json::compact(r);
            // Every built-in is symmetric on this table, like Python `==`.
            EXPECT_EQ(strict, messages_match(matcher_kind::strict, r, s));
            EXPECT_EQ(loose, messages_match(matcher_kind::loose_tool_call, r, s));
            strict_hits += strict;
            loose_hits += loose;
            role_hits += role;
        }
    }
    // The table exercises strictly growing match sets, not just the diagonal.
    EXPECT_GT(strict_hits, table.size());
    EXPECT_GT(loose_hits, strict_hits);
    EXPECT_GT(role_hits, loose_hits);
}

TEST(message_matcher, inputs_are_not_modified) {
    auto stored = assistant(json(R"({"nested":{"b":[2,1],"a":true}})"));
    test::first_call(stored)["index"] = 0;
    test::first_call(stored)["unknown"] = json(R"({"items":[1,2]})");
    auto replayed = assistant(text_args(R"({"nested":{"a":true,"b":[2,1]}})"));
    test::first_call(replayed)["index"] = 5;
    test::first_call(replayed)["unknown"] = json(R"({"items":[1,2]})");
    const std::string stored_before = json::compact(stored);
    const std::string replayed_before = json::compact(replayed);
    for (matcher_kind k : all_kinds) {
        messages_match(k, stored, replayed);
        messages_match(k, replayed, stored);
    }
    EXPECT_EQ(json::compact(stored), stored_before);
    EXPECT_EQ(json::compact(replayed), replayed_before);
    EXPECT_TRUE(messages_match(matcher_kind::loose_tool_call, stored, replayed));
}

TEST(message_matcher, non_object_messages_never_match) {
    const auto user = json(R"({"role":"user","content":"q"})");
    for (matcher_kind k : all_kinds) {
        for (const char* bad : {"null", "[]", R"("user")", "1", "true", "[{\"role\":\"user\"}]"}) {
            EXPECT_FALSE(messages_match(k, json(bad), json(bad))) << bad;
            EXPECT_FALSE(messages_match(k, user, json(bad))) << bad;
            EXPECT_FALSE(messages_match(k, json(bad), user)) << bad;
        }
        EXPECT_TRUE(messages_match(k, user, user));
    }
}

}  // namespace
}  // namespace tito::session
