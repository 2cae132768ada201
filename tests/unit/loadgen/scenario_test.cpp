// File: tests/unit/loadgen/scenario_test.cpp
// The session script: request bodies grow append-only, the reply is appended as returned,
// tool calls get tool results, other replies get a new user message.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "scenario.hpp"

namespace tito::loadgen {
namespace {

boost::json::array messages_of(const std::string& body) {
    return boost::json::parse(body).as_object().at("messages").as_array();
}

TEST(scenario_test, filler_text_has_the_exact_size_and_varies_by_seed) {
    for (std::size_t n : {0, 1, 5, 64, 1000}) EXPECT_EQ(filler_text(n, 3).size(), n);
    EXPECT_NE(filler_text(200, 1), filler_text(200, 2));
    EXPECT_EQ(filler_text(200, 1), filler_text(200, 1));
}

TEST(scenario_test, first_turn_is_system_and_user_with_tools) {
    scenario sc;
    sc.system_chars = 10;
    sc.user_chars = 20;
    sc.template_kwargs = R"({"enable_thinking":false})";
    conversation c{sc, 0};
    auto body = boost::json::parse(c.request_body()).as_object();
    auto& m = body.at("messages").as_array();
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].at("role"), "system");
    EXPECT_EQ(m[1].at("role"), "user");
    EXPECT_EQ(m[1].at("content").as_string().size(), 20u);
    EXPECT_EQ(body.at("tools").as_array()[0].at("function").at("name"), "bench_tool");
    EXPECT_EQ(body.at("chat_template_kwargs").at("enable_thinking"), false);
}

TEST(scenario_test, tool_call_reply_is_appended_and_answered_by_a_tool_result) {
    scenario sc;
    conversation c{sc, 1};
    const std::string before = c.request_body();
    ASSERT_TRUE(c.apply_reply(
        R"({"choices":[{"index":0,"message":{"role":"assistant","content":"","reasoning_content":null,)"
        R"("tool_calls":[{"id":"call_1","index":0,"type":"function","function":{"name":"bench_tool","arguments":"{}"}}]},)"
        R"("finish_reason":"tool_calls"}]})"));
    auto m0 = messages_of(before);
    auto m = messages_of(c.request_body());
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[0], m0[0]);  // append-only
    EXPECT_EQ(m[1].at("role"), "assistant");
    EXPECT_TRUE(m[1].at("reasoning_content").is_null());
    EXPECT_EQ(m[1].at("tool_calls").as_array()[0].at("id"), "call_1");
    EXPECT_EQ(m[2].at("role"), "tool");
    EXPECT_EQ(m[2].at("tool_call_id"), "call_1");
    EXPECT_EQ(m[2].at("name"), "bench_tool");
    EXPECT_EQ(c.turns_done(), 1u);
}

TEST(scenario_test, text_reply_is_followed_by_a_user_message) {
    scenario sc;
    sc.tools = false;
    conversation c{sc, 2};
    ASSERT_TRUE(c.apply_reply(R"({"choices":[{"message":{"role":"assistant","content":"hi","tool_calls":null}}]})"));
    auto body = boost::json::parse(c.request_body()).as_object();
    EXPECT_FALSE(body.contains("tools"));
    auto& m = body.at("messages").as_array();
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(m[1].at("content"), "hi");
    EXPECT_EQ(m[2].at("role"), "user");
    EXPECT_NE(m[2].at("content"), m[0].at("content"));
}

TEST(scenario_test, a_body_without_a_message_is_rejected_and_changes_nothing) {
    scenario sc;
    conversation c{sc, 3};
    const auto before = c.request_body();
    EXPECT_FALSE(c.apply_reply("not json"));
    EXPECT_FALSE(c.apply_reply(R"({"error":"x"})"));
    EXPECT_FALSE(c.apply_reply(R"({"choices":[]})"));
    EXPECT_EQ(c.request_body(), before);
    EXPECT_EQ(c.turns_done(), 0u);
}

}  // namespace
}  // namespace tito::loadgen
