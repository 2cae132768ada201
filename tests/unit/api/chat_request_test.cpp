// Tests for api/chat_request.hpp with a known history: when the client's list opens with the text
// the session's latest record sent, those messages become null placeholders and are not parsed;
// everything else the normalization gives (body, kwargs, verbatim members, errors) is what it gives
// without the history. Any difference in the text, or a list that would not go upstream as sent,
// reads the whole body.
#include <gtest/gtest.h>

#include <string>

#include "../chat/chat_test_support.hpp"
#include "api/chat_request.hpp"
#include "base/json.hpp"

namespace tito::api {
namespace {

using chat::test::qwen_family;

const std::string sys = R"({"role":"system","content":"You are a careful assistant. )" + std::string(200, 'x') + R"("})";
const std::string user = R"({"role":"user","content":"What is the weather in \"Paris\"?\nSearch first."})";
const std::string asst = R"({"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function","function":{"name":"search","arguments":"{\"q\": 1}"}}]})";
const std::string tool = R"({"role":"tool","tool_call_id":"c1","content":"sunny"})";

std::string body_of(const std::string& messages, const std::string& extra = "") {
    return R"({"model":"qwen3","messages":)" + messages + R"(,"stream":false)" + extra + "}";
}

normalized_chat normalize(const std::string& body, const known_history* known) {
    auto n = normalize_chat_request(body, *qwen_family("qwen3"), chat_flags{}, known);
    EXPECT_TRUE(n) << body;
    return std::move(*n);
}

TEST(chat_request, a_known_opening_becomes_placeholders_and_the_rest_is_parsed) {
    const std::string previous = "[" + sys + "," + user + "]";
    const std::string list = "[" + sys + "," + user + "," + asst + "," + tool + "]";
    const known_history known{previous, 2};
    auto with = normalize(body_of(list), &known);
    auto without = normalize(body_of(list), nullptr);
    EXPECT_EQ(with.placeholders, 2u);
    EXPECT_EQ(without.placeholders, 0u);
    ASSERT_EQ(with.messages().size(), 4u);
    EXPECT_TRUE(with.messages()[0].is_null());
    EXPECT_TRUE(with.messages()[1].is_null());
    for (std::size_t i = 2; i < 4; ++i) EXPECT_EQ(json::compact(with.messages()[i]), json::compact(without.messages()[i]));
    EXPECT_EQ(with.messages_text(), list);
    EXPECT_EQ(without.messages_text(), list);
    EXPECT_EQ(with.kwargs(), without.kwargs());
    EXPECT_EQ(with.client_stream, without.client_stream);
    // Every other member is the same, in the same order.
    with.body.erase("messages");
    without.body.erase("messages");
    EXPECT_EQ(json::compact(with.body), json::compact(without.body));
}

TEST(chat_request, any_difference_reads_the_whole_body) {
    const std::string previous = "[" + sys + "," + user + "]";
    const known_history known{previous, 2};
    auto placeholders = [&](const std::string& body) { return normalize(body, &known).placeholders; };
    // The same list again (a retry): no element follows the known ones.
    EXPECT_EQ(placeholders(body_of(previous)), 0u);
    // An edited known message.
    std::string edited = user;
    edited.replace(edited.find("Paris"), 5, "Lyon!");
    EXPECT_EQ(placeholders(body_of("[" + sys + "," + edited + "," + asst + "]")), 0u);
    // Respelled (whitespace), so not sent as is.
    EXPECT_EQ(placeholders(body_of("[" + sys + ", " + user + "," + asst + "]")), 0u);
    // The rest would be re-serialized (a float repr writes otherwise), so the list would not go
    // upstream as sent; a float as repr writes it goes as sent.
    EXPECT_EQ(placeholders(body_of("[" + sys + "," + user + R"(,{"role":"user","content":"x","w":0.50}])")), 0u);
    EXPECT_EQ(placeholders(body_of("[" + sys + "," + user + R"(,{"role":"user","content":"x","w":0.5}])")), 2u);
    // Two "messages" members.
    EXPECT_EQ(placeholders(body_of("[" + sys + "," + user + "," + asst + "]", R"(,"messages":[])")), 0u);
    // The same list: placeholders.
    EXPECT_EQ(placeholders(body_of("[" + sys + "," + user + "," + asst + "]")), 2u);
}

TEST(chat_request, errors_after_the_known_opening_are_the_same) {
    const std::string previous = "[" + sys + "," + user + "]";
    const known_history known{previous, 2};
    for (const std::string& body : {body_of("[" + sys + "," + user + ",5]"),
                                    body_of("[" + sys + "," + user + "," + asst + "]", R"(,"chat_template_kwargs":3)"),
                                    body_of("[" + sys + "," + user + "," + asst + ",]")}) {
        auto with = normalize_chat_request(body, *qwen_family("qwen3"), chat_flags{}, &known);
        auto without = normalize_chat_request(body, *qwen_family("qwen3"), chat_flags{}, nullptr);
        ASSERT_FALSE(with) << body;
        ASSERT_FALSE(without) << body;
        EXPECT_EQ(with.error().code(), errc::bad_request);
        EXPECT_EQ(with.error().message(), without.error().message()) << body;
    }
}


TEST(chat_request, a_list_nested_too_deep_for_the_matchers_is_not_a_known_history) {
    auto nested = [](std::size_t n) {
        return "[" + sys + R"(,{"role":"user","content":)" + std::string(n, '[') + "1" + std::string(n, ']') + "}]";
    };
    EXPECT_TRUE(normalize(body_of(nested(100)), nullptr).history_recordable);
    EXPECT_TRUE(normalize(body_of("[" + sys + "]"), nullptr).history_recordable);
    EXPECT_TRUE(normalize(R"({"messages":[{"role":"user","content":"hi"}]})", nullptr).history_recordable);  // short body
    EXPECT_FALSE(normalize(body_of(nested(420)), nullptr).history_recordable);
    // A body that nests past the parser's limit is a 400, not a crash.
    const std::string deep = R"({"messages":[)" + sys + "," + std::string(300000, '[');
    auto n = normalize_chat_request(deep, *qwen_family("qwen3"), chat_flags{}, nullptr);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code(), errc::bad_request);
    const std::string previous = "[" + sys + "]";
    const known_history known{previous, 1};
    auto k = normalize_chat_request(deep, *qwen_family("qwen3"), chat_flags{}, &known);
    ASSERT_FALSE(k);
    EXPECT_EQ(k.error().message(), n.error().message());
}

}  // namespace
}  // namespace tito::api
