// File: unit/chat/messages_test.cpp
// Message normalization (spec 6.1; miles normalize_tool_arguments(.., "dict")).
#include "chat/messages.hpp"

#include <gtest/gtest.h>

#include "base/json.hpp"
#include "chat_test_support.hpp"

using namespace tito::chat;
using tito::chat::test::ja;

namespace {
std::string norm(std::string_view msgs) {
    auto r = normalize_messages(ja(msgs));
    if (!r) return "error: " + r.error().message();
    return tito::json::compact(boost::json::value(*r));
}
}  // namespace

TEST(chat_messages, assistant_null_or_missing_content_becomes_empty) {
    EXPECT_EQ(norm(R"([{"role":"assistant","content":null}])"), R"([{"role":"assistant","content":""}])");
    EXPECT_EQ(norm(R"([{"role":"assistant","tool_calls":[]}])"), R"([{"role":"assistant","tool_calls":[],"content":""}])");
}

TEST(chat_messages, string_arguments_are_parsed_in_order) {
    EXPECT_EQ(norm(R"([{"role":"assistant","content":"","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{\"z\": 1, \"a\": [1.5, 2.0]}"}}]}])"),
              R"([{"role":"assistant","content":"","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":{"z":1,"a":[1.5,2.0]}}}]}])");
}

TEST(chat_messages, object_arguments_and_other_roles_untouched) {
    const char* m = R"([{"role":"user","content":null},{"role":"tool","content":null,"tool_calls":[{"function":{"arguments":"{"}}]},{"role":"assistant","content":"x","tool_calls":[{"function":{"name":"f","arguments":{"k":"v"}}},{"function":null},{"type":"function"}]}])";
    EXPECT_EQ(norm(m), tito::json::compact(boost::json::value(ja(m))));
}

TEST(chat_messages, invalid_json_arguments_fail) {
    auto r = normalize_messages(ja(R"([{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":"{not json"}}]}])"));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), tito::errc::template_runtime);
}

TEST(chat_messages, input_is_not_modified) {
    auto in = ja(R"([{"role":"assistant","content":null}])");
    auto copy = in;
    ASSERT_TRUE(normalize_messages(in));
    EXPECT_EQ(in, copy);
}
