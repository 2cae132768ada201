// File: unit/chat/messages_test.cpp
// Message normalization (spec 6.1; miles normalize_tool_arguments(.., "dict")).
#include "chat/messages.hpp"

#include <gtest/gtest.h>

#include "base/json.hpp"
#include "chat_test_support.hpp"
#include "jinja/value_ops.hpp"

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

// The one-pass conversion for rendering gives the template the values of the normalized copy:
// py_eq, and -- dict order matters to a template -- the same key order (the normalized message's
// missing "content" goes last), and the same errors.
TEST(chat_messages, template_values_are_those_of_the_normalized_copy) {
    const std::string msgs =
        R"([{"role":"system","content":"s"},{"role":"user","content":"u\n\"q\""},)"
        R"({"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{\"z\": 1, \"a\": [1.5]}"}}]},)"
        R"({"role":"tool","tool_call_id":"a","content":"ok"},{"role":"assistant","content":null,"reasoning_content":"r"}])";
    auto normalized = normalize_messages(ja(msgs));
    ASSERT_TRUE(normalized);
    auto values = normalized_message_values(ja(msgs), {});
    ASSERT_TRUE(values);
    const auto want = tito::jinja::from_json(boost::json::value(*normalized));
    EXPECT_TRUE(tito::jinja::py_eq(*values, want));
    // Key order: the assistant message without content gets it last, as in the copy.
    const auto& third = values->list().items[2];
    std::vector<std::string> keys;
    for (const auto& [k, v] : third.dict().items) keys.emplace_back(k.str());
    EXPECT_EQ(keys, (std::vector<std::string>{"role", "tool_calls", "content"}));
    for (std::string_view bad : {R"([{"role":"user","content":"u"},3])",
                                 R"([{"role":"assistant","tool_calls":[{"function":{"name":"f","arguments":"{x"}}]}])"}) {
        auto a = normalize_messages(ja(bad));
        auto b = normalized_message_values(ja(bad), {});
        ASSERT_FALSE(a);
        ASSERT_FALSE(b);
        EXPECT_EQ(a.error().message(), b.error().message());
    }
}
