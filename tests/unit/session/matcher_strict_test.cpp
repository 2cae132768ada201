// File: unit/session/matcher_strict_test.cpp
// The strict matcher (spec 5.3), every example of the spec plus the reference's pinned cases.
#include "session/message_matcher.hpp"

#include "unit/session/matcher_fixtures.hpp"

#include <gtest/gtest.h>

namespace tito::session {
namespace {

using test::assistant;
using test::json;
using test::text_args;

bool strict(const boost::json::value& stored, const boost::json::value& replayed) {
    return messages_match(matcher_kind::strict, stored, replayed);
}

bool strict(const char* stored, const char* replayed) {
    return strict(json(stored), json(replayed));
}

TEST(matcher_strict, identical_messages_match) {
    EXPECT_TRUE(strict(R"({"role":"user","content":"q"})", R"({"role":"user","content":"q"})"));
    auto m = assistant(text_args(R"({"city":"Paris"})"));
    EXPECT_TRUE(strict(m, m));
    EXPECT_TRUE(strict("{}", "{}"));
}

TEST(matcher_strict, null_empty_string_and_absent_content_are_the_same) {
    const char* variants[] = {R"({"role":"assistant","content":null})",
                              R"({"role":"assistant","content":""})",
                              R"({"role":"assistant","content":[]})", R"({"role":"assistant"})"};
    for (const char* a : variants)
        for (const char* b : variants) EXPECT_TRUE(strict(a, b)) << a << " vs " << b;
}

TEST(matcher_strict, other_falsy_values_are_not_empty) {
    const char* base = R"({"role":"user"})";
    for (const char* c : {R"({"role":"user","content":" "})", R"({"role":"user","content":"\n"})",
                          R"({"role":"user","content":{}})", R"({"role":"user","content":0})",
                          R"({"role":"user","content":false})",
                          R"({"role":"user","content":[null]})",
                          R"({"role":"user","content":[""]})"}) {
        EXPECT_FALSE(strict(base, c)) << c;
        EXPECT_FALSE(strict(c, base)) << c;
    }
}

TEST(matcher_strict, empty_tool_calls_and_absent_are_the_same) {
    const char* variants[] = {R"({"role":"assistant","content":"x","tool_calls":[]})",
                              R"({"role":"assistant","content":"x","tool_calls":null})",
                              R"({"role":"assistant","content":"x","tool_calls":""})",
                              R"({"role":"assistant","content":"x"})"};
    for (const char* a : variants)
        for (const char* b : variants) EXPECT_TRUE(strict(a, b)) << a << " vs " << b;
}

TEST(matcher_strict, tool_call_index_is_dropped) {
    auto stored = assistant(text_args(R"({"city":"Paris"})"));
    test::first_call(stored)["index"] = 0;
    auto renumbered = assistant(text_args(R"({"city":"Paris"})"));
    test::first_call(renumbered)["index"] = 91;
    auto without = assistant(text_args(R"({"city":"Paris"})"));
    EXPECT_TRUE(strict(stored, renumbered));
    EXPECT_TRUE(strict(stored, without));
    EXPECT_TRUE(strict(without, stored));
}

TEST(matcher_strict, only_the_top_level_index_of_a_call_is_dropped) {
    auto stored = assistant(text_args("{}"));
    test::first_call(stored)["function"].as_object()["index"] = 0;
    auto replayed = assistant(text_args("{}"));
    EXPECT_FALSE(strict(stored, replayed));
    // A call that is only an index is still a call: [{}] is not [].
    EXPECT_FALSE(strict(R"({"role":"assistant","tool_calls":[{"index":0}]})",
                        R"({"role":"assistant","tool_calls":[]})"));
    EXPECT_TRUE(strict(R"({"role":"assistant","tool_calls":[{"index":0}]})",
                       R"({"role":"assistant","tool_calls":[{}]})"));
    // Non-object elements are compared as they are.
    EXPECT_TRUE(strict(R"({"tool_calls":["x",1]})", R"({"tool_calls":["x",1.0]})"));
    EXPECT_FALSE(strict(R"({"tool_calls":["x"]})", R"({"tool_calls":[{"index":0}]})"));
    EXPECT_FALSE(strict(R"({"tool_calls":"malformed"})", R"({"tool_calls":["malformed"]})"));
    EXPECT_TRUE(strict(R"({"tool_calls":"malformed"})", R"({"tool_calls":"malformed"})"));
}

TEST(matcher_strict, reasoning_content) {
    EXPECT_TRUE(strict(R"({"role":"assistant","reasoning_content":null})", R"({"role":"assistant"})"));
    EXPECT_TRUE(strict(R"({"role":"assistant","reasoning_content":""})", R"({"role":"assistant"})"));
    EXPECT_FALSE(strict(R"({"role":"assistant","reasoning_content":"x"})", R"({"role":"assistant"})"));
    EXPECT_FALSE(strict(R"({"role":"assistant"})", R"({"role":"assistant","reasoning_content":"x"})"));
    EXPECT_FALSE(strict(R"({"role":"assistant","reasoning_content":"x"})",
                        R"({"role":"assistant","reasoning_content":"y"})"));
}

TEST(matcher_strict, extra_keys_are_ignored) {
    EXPECT_TRUE(strict(R"({"role":"tool","content":"ok","tool_call_id":"A","name":"n"})",
                       R"({"role":"tool","content":"ok","tool_call_id":"B",
                           "provider_specific_fields":{"x":1}})"));
    // The reference's pinned case: index 0 vs 91, reasoning null vs absent, different metadata.
    auto stored = assistant(text_args(R"({"city":"Paris"})"));
    test::first_call(stored)["index"] = 0;
    stored.as_object()["reasoning_content"] = nullptr;
    stored.as_object()["wire_metadata"] = json(R"({"source":"stored"})");
    auto replayed = assistant(text_args(R"({"city":"Paris"})"));
    test::first_call(replayed)["index"] = 91;
    replayed.as_object()["wire_metadata"] = json(R"({"source":"replayed"})");
    EXPECT_TRUE(strict(stored, replayed));
}

TEST(matcher_strict, arguments_are_compared_raw) {
    const auto a = assistant(text_args(R"({"a":1})"));
    const auto b = assistant(text_args(R"({"a": 1})"));
    const auto c = assistant(json(R"({"a":1})"));
    EXPECT_FALSE(strict(a, b));
    EXPECT_FALSE(strict(a, c));
    EXPECT_FALSE(strict(b, c));
    // But Python `==` inside an object argument: 1 == 1.0 == true, keys unordered.
    EXPECT_TRUE(strict(assistant(json(R"({"a":1,"b":2})")), assistant(json(R"({"b":2,"a":1.0})"))));
    EXPECT_TRUE(strict(assistant(json(R"({"a":true})")), assistant(json(R"({"a":1})"))));
    // The empty-argument spellings all differ under strict.
    for (const char* x : {"null", R"("")", "{}", R"("{}")", R"("{ }")"}) {
        for (const char* y : {"null", R"("")", "{}", R"("{}")", R"("{ }")"}) {
            if (std::string_view(x) == y) continue;
            EXPECT_FALSE(strict(assistant(json(x)), assistant(json(y)))) << x << " vs " << y;
        }
    }
}

TEST(matcher_strict, every_template_key_is_compared) {
    EXPECT_FALSE(strict(R"({"role":"user","content":"q"})", R"({"role":"system","content":"q"})"));
    EXPECT_FALSE(strict(R"({"role":"user","content":"q"})", R"({"content":"q"})"));
    EXPECT_FALSE(strict(R"({"role":"user","content":"q"})", R"({"role":"user","content":"q "})"));
    EXPECT_FALSE(strict(assistant(text_args("{}")), json(R"({"role":"assistant","content":""})")));
    auto other_id = assistant(text_args("{}"));
    test::first_call(other_id)["id"] = "call-B";
    EXPECT_FALSE(strict(assistant(text_args("{}")), other_id));
}

TEST(matcher_strict, content_parts_use_python_equality) {
    EXPECT_TRUE(strict(R"({"role":"user","content":[{"type":"text","text":"a"}]})",
                       R"({"role":"user","content":[{"text":"a","type":"text"}]})"));
    EXPECT_FALSE(strict(R"({"role":"user","content":["a","b"]})",
                        R"({"role":"user","content":["b","a"]})"));
}

TEST(matcher_strict, non_object_messages_never_match) {
    EXPECT_FALSE(strict("[]", "[]"));
    EXPECT_FALSE(strict("null", "null"));
    EXPECT_FALSE(strict(R"("user")", R"("user")"));
    EXPECT_FALSE(strict(R"({"role":"user"})", R"([{"role":"user"}])"));
}

}  // namespace
}  // namespace tito::session
