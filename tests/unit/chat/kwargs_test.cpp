// File: unit/chat/kwargs_test.cpp
// chat_template_kwargs merge rules (spec 6.6) and Python repr / == semantics.
#include "chat/kwargs.hpp"
#include "chat/python_values.hpp"

#include <gtest/gtest.h>

#include "base/json.hpp"
#include "chat_test_support.hpp"

using namespace tito::chat;
using tito::chat::test::jo;
using tito::chat::test::js;

TEST(chat_kwargs, python_repr) {
    EXPECT_EQ(py_repr(js("true")), "True");
    EXPECT_EQ(py_repr(js("false")), "False");
    EXPECT_EQ(py_repr(js("null")), "None");
    EXPECT_EQ(py_repr(js("\"x\"")), "'x'");
    EXPECT_EQ(py_repr(js("\"it's\"")), "\"it's\"");
    EXPECT_EQ(py_repr(js("1")), "1");
    EXPECT_EQ(py_repr(js("0.5")), "0.5");
    EXPECT_EQ(py_repr(js("25.0")), "25.0");
    EXPECT_EQ(py_repr(js(R"([1,"a",null])")), "[1, 'a', None]");
    EXPECT_EQ(py_repr(js(R"({"k":true})")), "{'k': True}");
}

TEST(chat_kwargs, python_truthiness) {
    for (const char* f : {"null", "false", "0", "0.0", "\"\"", "[]", "{}"}) EXPECT_FALSE(py_truthy(js(f))) << f;
    for (const char* t : {"true", "1", "-0.5", "\" \"", "[0]", "{\"a\":null}"}) EXPECT_TRUE(py_truthy(js(t))) << t;
}

TEST(chat_kwargs, python_equality) {
    EXPECT_TRUE(py_equal(js("false"), js("0")));
    EXPECT_TRUE(py_equal(js("1"), js("1.0")));
    EXPECT_TRUE(py_equal(js(R"({"a":1,"b":2})"), js(R"({"b":2,"a":1})")));
    EXPECT_FALSE(py_equal(js("false"), js("null")));
    EXPECT_FALSE(py_equal(js("\"false\""), js("false")));
}

TEST(chat_kwargs, server_merge_adds_fixed_and_rejects_conflicts) {
    const auto fixed = jo(R"({"clear_thinking":false})");
    auto ok = merge_server_kwargs(jo(R"({"enable_thinking":false})"), fixed, "qwen3");
    ASSERT_TRUE(ok);
    EXPECT_EQ(tito::json::compact(boost::json::value(*ok)), R"({"enable_thinking":false,"clear_thinking":false})");
    // Python ==: 0 equals False, so no conflict, and the registered value replaces it in place.
    auto zero = merge_server_kwargs(jo(R"({"clear_thinking":0,"x":1})"), fixed, "qwen3");
    ASSERT_TRUE(zero);
    EXPECT_EQ(tito::json::compact(boost::json::value(*zero)), R"({"clear_thinking":false,"x":1})");
    auto bad = merge_server_kwargs(jo(R"({"clear_thinking":true})"), fixed, "glm47");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), tito::errc::config);
    EXPECT_EQ(bad.error().message(),
              "--apply-chat-template-kwargs clear_thinking=True conflicts with the value registered for "
              "--tito-model=glm47: False");
}

TEST(chat_kwargs, family_construction_conflict_message) {
    auto bad = apply_fixed_kwargs(jo(R"({"clear_thinking":"no"})"), jo(R"({"clear_thinking":false})"),
                                  "Qwen3TITOTokenizer", tito::errc::bad_request);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code(), tito::errc::bad_request);
    EXPECT_EQ(bad.error().message(),
              "chat template kwarg clear_thinking='no' conflicts with the value registered for Qwen3TITOTokenizer: False");
}

TEST(chat_kwargs, request_merge_and_aliases) {
    auto m = merge_request_kwargs(jo(R"({"a":1,"b":2})"), jo(R"({"b":3,"c":4})"), {});
    EXPECT_EQ(tito::json::compact(boost::json::value(m)), R"({"a":1,"b":3,"c":4})");
    // DeepSeek-style aliases (pinned example of 6.6 step 3).
    const std::vector<std::string> aliases = {"thinking_mode", "enable_thinking", "thinking"};
    auto d = merge_request_kwargs(jo(R"({"enable_thinking":false,"drop_thinking":false,"thinking":false})"),
                                  jo(R"({"thinking":true})"), aliases);
    EXPECT_EQ(tito::json::compact(boost::json::value(d)), R"({"drop_thinking":false,"thinking":true})");
    auto n = merge_request_kwargs(jo(R"({"enable_thinking":false,"x":1})"), jo(R"({"y":2})"), aliases);
    EXPECT_EQ(tito::json::compact(boost::json::value(n)), R"({"enable_thinking":false,"x":1,"y":2})");
}
