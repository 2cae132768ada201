// End-to-end TITO chat turns (spec 3, 4, 7) through real processes: tito-server (qwen3 family,
// the Qwen3 model folder) in front of tito-stub replying with real Qwen3 token ids. The check
// that matters: after a multi-turn session with tools and reasoning, GET /sessions/{id} shows
// accumulated token ids identical to a from-scratch render + encode of the final messages, and
// an empty tito_session_mismatch.
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "support/chat_fixture.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::test {
namespace {

namespace json = boost::json;

class server_chat : public ::testing::Test {
public:
    static void SetUpTestSuite() {
        stub_ = new started(start_stub({"--tokenizer", qwen3_model_dir()}));
        server_ = new started(start_server({"--backend-url", "http://127.0.0.1:" + std::to_string(stub_->port),
                                            "--hf-checkpoint", qwen3_model_dir(), "--tito-model", "qwen3"}));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete stub_;
    }
    static std::uint16_t port() { return server_->port; }
    static started* stub_;
    static started* server_;

    static std::string new_session(http_client& c) { return session_id_of(c.request("POST", "/sessions").body); }
    static json::value chat(http_client& c, const std::string& id, const json::object& body, int want = 200) {
        auto r = c.request("POST", "/sessions/" + id + "/v1/chat/completions", json::serialize(body));
        EXPECT_EQ(r.status, want) << r.body;
        if (r.status != 200) return json::parse(r.body.empty() ? "{}" : r.body);
        return json::parse(r.body);
    }
    // A counter of GET /metrics (0 when absent).
    static long metric(http_client& c, const std::string& name) {
        const auto text = c.request("GET", "/metrics").body;
        const auto at = text.find("\n" + name + " ");
        return at == std::string::npos ? 0 : std::stol(text.substr(at + name.size() + 2));
    }
    static json::object get_session(http_client& c, const std::string& id) {
        auto r = c.request("GET", "/sessions/" + id);
        EXPECT_EQ(r.status, 200) << r.body;
        return json::parse(r.body).as_object();
    }
};
started* server_chat::stub_ = nullptr;
started* server_chat::server_ = nullptr;

// Where two id sequences first differ, with the decoded text around it (for failure messages).
std::string first_difference(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    auto tok = tokenizer::tokenizer::load_file(qwen3_model_dir() + "/tokenizer.json").value();
    auto around = [&](const std::vector<std::uint32_t>& v) {
        const std::size_t lo = i > 12 ? i - 12 : 0, hi = std::min(v.size(), i + 12);
        return tok->decode(std::vector<std::uint32_t>(v.begin() + lo, v.begin() + hi), false);
    };
    return "first difference at " + std::to_string(i) + " of " + std::to_string(a.size()) + "/" +
           std::to_string(b.size()) + "\n actual:   " + json::serialize(json::value(around(a))) +
           "\n expected: " + json::serialize(json::value(around(b)));
}

std::vector<std::uint32_t> ids_of(const json::value& v) {
    std::vector<std::uint32_t> out;
    for (const auto& x : v.as_array()) out.push_back(static_cast<std::uint32_t>(x.as_int64()));
    return out;
}

// The tools as the server renders them: SGLang's Tool dump adds "defer_loading": null at the
// tool level (spec 6.1, pinned SGLang version).
json::array rendered_tools() {
    auto tools = weather_tools();
    for (auto& t : tools) t.as_object()["defer_loading"] = nullptr;
    return tools;
}

// Drives `turns` turns like an agent: after a tool call, answer with a tool result; after text,
// ask a new user question. Returns the client's final message list (ending with an assistant).
json::array drive(http_client& c, const std::string& id, int turns, const json::object& kwargs) {
    json::array messages{json::object{{"role", "system"}, {"content", "You are a careful assistant."}},
                         json::object{{"role", "user"}, {"content", "What is the weather in Paris? Search first."}}};
    for (int k = 0; k < turns; ++k) {
        json::object body{{"model", "qwen3"}, {"messages", messages}, {"tools", weather_tools()}};
        if (!kwargs.empty()) body["chat_template_kwargs"] = kwargs;
        auto reply = server_chat::chat(c, id, body);
        auto msg = reply.at("choices").at(0).at("message");
        messages.push_back(msg);
        const auto& calls = msg.at("tool_calls");
        if (calls.is_array() && !calls.as_array().empty()) {
            messages.push_back(json::object{{"role", "tool"},
                                            {"tool_call_id", calls.at(0).at("id")},
                                            {"content", "{\"result\": \"sunny, 21 C\", \"turn\": " + std::to_string(k) + "}"}});
        } else {
            messages.push_back(json::object{{"role", "user"}, {"content", "Thanks. And turn " + std::to_string(k) + "?"}});
        }
    }
    messages.pop_back();  // the last tool/user message was never sent
    return messages;
}

TEST_F(server_chat, six_turn_session_with_tools_matches_a_from_scratch_render) {
    http_client c{port()};
    const auto id = new_session(c);
    const long reused_before = metric(c, "tito_chat_history_reused_total");
    const auto messages = drive(c, id, 6, {});
    // Turns 2-6 open their list with the text the turn before sent upstream (compact JSON, as
    // Boost.JSON writes it): not parsed or matched again.
    EXPECT_EQ(metric(c, "tito_chat_history_reused_total") - reused_before, 5);
    auto doc = get_session(c, id);
    ASSERT_EQ(doc.at("records").as_array().size(), 6u);
    const auto& meta = doc.at("metadata").as_object();
    ASSERT_TRUE(meta.contains("tito_session_mismatch")) << json::serialize(meta);
    EXPECT_TRUE(meta.at("tito_session_mismatch").as_array().empty()) << json::serialize(meta.at("tito_session_mismatch"));
    EXPECT_EQ(meta.at("max_trim_tokens").as_int64(), 0);
    auto expected = reference_ids(miles_template("qwen3_fixed.jinja"), messages, rendered_tools(),
                                  json::object{{"clear_thinking", false}});
    ASSERT_FALSE(expected.empty());
    ASSERT_EQ(expected.back(), 198u);  // the template's final "\n" after <|im_end|>
    expected.pop_back();
    const auto actual = ids_of(meta.at("accumulated_token_ids"));
    EXPECT_EQ(actual, expected) << first_difference(actual, expected);
    // Each record keeps the normalized request and the unstripped response.
    const auto& rec = doc.at("records").at(5).as_object();
    EXPECT_EQ(rec.at("method").as_string(), "POST");
    EXPECT_EQ(rec.at("path").as_string(), "/v1/chat/completions");
    EXPECT_EQ(rec.at("status_code").as_int64(), 200);
    const auto& req = rec.at("request").as_object();
    EXPECT_FALSE(req.contains("stream"));
    EXPECT_EQ(req.at("logprobs"), json::value(true));
    EXPECT_EQ(req.at("return_meta_info"), json::value(true));
    EXPECT_EQ(req.at("no_stop_trim"), json::value(false));
    EXPECT_EQ(req.at("chat_template_kwargs"), json::value(json::object{{"clear_thinking", false}}));
    EXPECT_TRUE(req.at("input_ids").is_array());
    // Every turn's upstream request (its ids partly copied from the turn before, its history
    // copied from the client's text) lists a prefix of the final ids and of the final messages.
    std::size_t previous_len = 0;
    for (const auto& r : doc.at("records").as_array()) {
        const auto& sent = r.at("request").as_object();
        const auto ids = ids_of(sent.at("input_ids"));
        ASSERT_GT(ids.size(), previous_len);
        ASSERT_LE(ids.size(), actual.size());
        EXPECT_TRUE(std::equal(ids.begin(), ids.end(), actual.begin())) << first_difference(ids, actual);
        previous_len = ids.size();
        const auto& sent_messages = sent.at("messages").as_array();
        ASSERT_LE(sent_messages.size(), messages.size());
        for (std::size_t i = 0; i < sent_messages.size(); ++i) EXPECT_EQ(sent_messages[i], messages[i]) << i;
    }
}

// The comparator renders with the last turn's tools (records share an unchanged list): a session
// whose second turn drops the tools, or sends them with the properties in another order (equal
// for Boost.JSON's ==, rendered differently), no longer matches its first-turn render; one that
// sends the same list does.
TEST_F(server_chat, the_comparator_uses_the_last_turns_tools) {
    http_client c{port()};
    auto reordered = weather_tools();
    auto& props = reordered.at(0).at("function").at("parameters").at("properties").as_object();
    props = json::object{{"limit", props.at("limit")}, {"query", props.at("query")}};
    ASSERT_EQ(json::value(reordered), json::value(weather_tools()));  // equal for ==, not the same text
    enum class second_turn { same, none, reordered };
    for (auto variant : {second_turn::same, second_turn::none, second_turn::reordered}) {
        const auto id = new_session(c);
        json::array messages{json::object{{"role", "user"}, {"content", "What is the weather in Paris?"}}};
        auto reply = chat(c, id, json::object{{"model", "qwen3"}, {"messages", messages}, {"tools", weather_tools()}});
        messages.push_back(reply.at("choices").at(0).at("message"));
        messages.push_back(json::object{{"role", "user"}, {"content", "And in Rome?"}});
        json::object second{{"model", "qwen3"}, {"messages", messages}};
        if (variant == second_turn::same) second["tools"] = weather_tools();
        if (variant == second_turn::reordered) second["tools"] = reordered;
        chat(c, id, second);
        auto doc = get_session(c, id);
        const auto& mismatch = doc.at("metadata").at("tito_session_mismatch").as_array();
        EXPECT_EQ(mismatch.empty(), variant == second_turn::same) << static_cast<int>(variant) << " "
                                                                  << json::serialize(mismatch);
    }
}

TEST_F(server_chat, thinking_off_session_also_matches) {
    http_client c{port()};
    const auto id = new_session(c);
    const json::object kw{{"enable_thinking", false}};
    const auto messages = drive(c, id, 4, kw);
    auto doc = get_session(c, id);
    const auto& meta = doc.at("metadata").as_object();
    EXPECT_TRUE(meta.at("tito_session_mismatch").as_array().empty()) << json::serialize(meta.at("tito_session_mismatch"));
    auto expected = reference_ids(miles_template("qwen3_fixed.jinja"), messages, rendered_tools(),
                                  json::object{{"clear_thinking", false}, {"enable_thinking", false}});
    expected.pop_back();
    const auto actual = ids_of(meta.at("accumulated_token_ids"));
    EXPECT_EQ(actual, expected) << first_difference(actual, expected);
    const auto& req = doc.at("records").at(0).at("request").as_object();
    EXPECT_EQ(req.at("chat_template_kwargs"), json::value(json::object{{"enable_thinking", false}, {"clear_thinking", false}}));
}

TEST_F(server_chat, fake_streaming_is_one_sse_event_plus_done) {
    http_client c{port()};
    const auto id = new_session(c);
    json::object body{{"model", "qwen3"},
                      {"stream", true},
                      {"stream_options", json::object{{"include_usage", true}}},
                      {"messages", json::array{json::object{{"role", "user"}, {"content", "Find the weather."}}}},
                      {"tools", weather_tools()}};
    auto r = c.request("POST", "/sessions/" + id + "/v1/chat/completions", json::serialize(body));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type").value_or(""), "text/event-stream; charset=utf-8");
    EXPECT_EQ(r.header("cache-control").value_or(""), "no-cache");
    EXPECT_EQ(r.header("x-accel-buffering").value_or(""), "no");
    ASSERT_EQ(r.body.rfind("data: ", 0), 0u);
    const auto sep = r.body.find("\n\n");
    ASSERT_NE(sep, std::string::npos);
    EXPECT_EQ(r.body.substr(sep), "\n\ndata: [DONE]\n\n");
    auto chunk = json::parse(r.body.substr(6, sep - 6)).as_object();
    EXPECT_EQ(chunk.at("object").as_string(), "chat.completion.chunk");
    const auto& delta = chunk.at("choices").at(0).at("delta").as_object();
    EXPECT_EQ(delta.at("role").as_string(), "assistant");
    EXPECT_EQ(delta.at("tool_calls").at(0).at("index").as_int64(), 0);
    EXPECT_EQ(delta.at("tool_calls").at(0).at("function").at("name").as_string(), "search");
    EXPECT_EQ(chunk.at("choices").at(0).at("finish_reason").as_string(), "tool_calls");
    EXPECT_TRUE(chunk.contains("usage"));
    EXPECT_EQ(r.body.find("meta_info"), std::string::npos);
    EXPECT_EQ(r.body.find("routed_experts"), std::string::npos);
    EXPECT_EQ(get_session(c, id).at("records").as_array().size(), 1u);
}

TEST_F(server_chat, bad_requests_are_400_and_change_nothing) {
    http_client c{port()};
    const auto id = new_session(c);
    auto path = "/sessions/" + id + "/v1/chat/completions";
    struct bad {
        std::string body;
        std::string error_prefix;
    };
    for (const auto& b : {bad{"{not json", "invalid JSON body: "}, bad{"[1,2]", "invalid JSON body: expected an object"},
                          bad{R"({"messages":[{"role":"user","content":"x"}],"chat_template_kwargs":[1]})",
                              "chat_template_kwargs must be an object"},
                          bad{R"({"messages":"hello"})", "messages must be a list"},
                          bad{R"({"messages":[1]})", "messages[0] must be an object"},
                          bad{R"({"messages":[{"role":"user","content":"x"}],"chat_template_kwargs":{"clear_thinking":true}})",
                              "chat template kwarg clear_thinking=True conflicts with the value registered for "}}) {
        auto r = c.request("POST", path, b.body);
        EXPECT_EQ(r.status, 400) << b.body << " -> " << r.body;
        auto err = json::parse(r.body).at("error").as_string();
        EXPECT_EQ(std::string(err).rfind(b.error_prefix, 0), 0u) << err;
    }
    auto doc = get_session(c, id);
    EXPECT_TRUE(doc.at("records").as_array().empty());
    EXPECT_TRUE(doc.at("metadata").at("accumulated_token_ids").as_array().empty());
}

TEST_F(server_chat, two_step_rollback_is_400_with_the_pinned_message_and_state_unchanged) {
    http_client c{port()};
    const auto id = new_session(c);
    const auto messages = drive(c, id, 3, {});
    ASSERT_EQ(messages.size(), 7u);  // S U A1* T A2* U A3*
    const auto before = get_session(c, id);
    json::array shorter{messages[0], messages[1], messages[2],
                        json::object{{"role", "tool"}, {"tool_call_id", "x"}, {"content", "different"}}};
    auto r = c.request("POST", "/sessions/" + id + "/v1/chat/completions",
                       json::serialize(json::object{{"messages", shorter}, {"tools", weather_tools()}}));
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body).at("error").as_string(),
              "rollback failed: discard_count=2 exceeds max_assistant_rollback_steps=1 (stored has 7 messages, "
              "request has 4 messages)");
    EXPECT_EQ(json::serialize(get_session(c, id)), json::serialize(before));
}

TEST_F(server_chat, resend_of_the_last_turn_rolls_back_one_step_and_regenerates) {
    http_client c{port()};
    const auto id = new_session(c);
    json::array msgs{json::object{{"role", "user"}, {"content", "hello"}}};
    json::object body{{"messages", msgs}};
    chat(c, id, body);
    chat(c, id, body);  // example D: retry of the first turn
    auto doc = get_session(c, id);
    EXPECT_EQ(doc.at("records").as_array().size(), 1u);
    EXPECT_TRUE(doc.at("metadata").at("tito_session_mismatch").as_array().empty());
}


// The client replaces the last assistant reply by a user message: the list opens with the text
// the last turn sent, but the next message does not match the stored reply, so the whole body is
// read, the turn rolls back one step and regenerates; the ids stay exact.
TEST_F(server_chat, a_replaced_last_reply_reads_the_whole_body_and_rolls_back) {
    http_client c{port()};
    const auto id = new_session(c);
    auto messages = drive(c, id, 3, {});
    ASSERT_EQ(messages.size(), 7u);  // S U A1* T A2* U A3*
    messages.back() = json::object{{"role", "user"}, {"content", "Never mind, tell me a joke instead."}};
    const long reused_before = metric(c, "tito_chat_history_reused_total");
    auto reply = chat(c, id, json::object{{"model", "qwen3"}, {"messages", messages}, {"tools", weather_tools()}});
    EXPECT_EQ(metric(c, "tito_chat_history_reused_total"), reused_before);
    messages.push_back(reply.at("choices").at(0).at("message"));
    auto doc = get_session(c, id);
    EXPECT_EQ(doc.at("records").as_array().size(), 3u);
    const auto& meta = doc.at("metadata").as_object();
    EXPECT_TRUE(meta.at("tito_session_mismatch").as_array().empty()) << json::serialize(meta.at("tito_session_mismatch"));
    auto expected = reference_ids(miles_template("qwen3_fixed.jinja"), messages, rendered_tools(),
                                  json::object{{"clear_thinking", false}});
    ASSERT_FALSE(expected.empty());
    expected.pop_back();
    const auto actual = ids_of(meta.at("accumulated_token_ids"));
    EXPECT_EQ(actual, expected) << first_difference(actual, expected);
}

}  // namespace
}  // namespace tito::test
