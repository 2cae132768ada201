// Chat turns against scripted upstream answers (spec 3.4-3.9): non-200 passthrough (never
// recorded, never SSE), malformed 200 replies (502 with the reference texts), R3 stripping from
// the client copy only, the routing header, server-owned input_ids, addition-R3 offsets.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <mutex>

#include "support/chat_fixture.hpp"
#include "support/fake_upstream.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace tito::test {
namespace {

namespace json = boost::json;

std::string good_reply(const std::string& meta_extra = "") {
    return R"({"id":"c1","object":"chat.completion","created":7,"model":"m","choices":[{"index":0,)"
           R"("message":{"role":"assistant","content":"fine"},"finish_reason":"stop","meta_info":{)"
           R"("output_token_logprobs":[[-0.5,564],[-0.25,151645]],"completion_tokens":2)" +
           meta_extra + R"(}}],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})";
}

// An upstream whose next answer the test sets.
struct scripted {
    std::mutex mu;
    http::response next = http::json_response(200, good_reply());
    fake_upstream up{[this](const http::request&) {
        std::lock_guard lk{mu};
        return next;
    }};
    void answer(int status, std::string body) {
        std::lock_guard lk{mu};
        next = http::json_response(status, std::move(body));
    }
};

struct env {
    explicit env(std::vector<std::string> extra = {}) {
        std::vector<std::string> args{"--backend-url", s.up.url(), "--hf-checkpoint", qwen3_model_dir(), "--tito-model",
                                      "qwen3"};
        args.insert(args.end(), extra.begin(), extra.end());
        srv = start_server(args);
    }
    scripted s;
    started srv;
    std::string create() {
        http_client cl{srv.port};
        return session_id_of(cl.request("POST", "/sessions").body);
    }
    http_result chat(const std::string& id, json::object body) {
        http_client cl{srv.port};
        return cl.request("POST", "/sessions/" + id + "/v1/chat/completions", json::serialize(body));
    }
    std::size_t records(const std::string& id) {
        http_client cl{srv.port};
        return json::parse(cl.request("GET", "/sessions/" + id).body).at("records").as_array().size();
    }
};

json::object user_turn() {
    return json::object{{"model", "m"}, {"messages", json::array{json::object{{"role", "user"}, {"content", "hi"}}}}};
}

TEST(server_chat_upstream, non_200_passes_through_unrecorded_even_when_streaming) {
    env e;
    const auto id = e.create();
    e.s.answer(400, R"({"error": "context too long", "code": 1.0})");
    auto body = user_turn();
    body["stream"] = true;
    auto r = e.chat(id, body);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.body, R"({"error":"context too long","code":1.0})");
    EXPECT_EQ(r.header("content-type").value_or(""), "application/json");
    EXPECT_EQ(e.records(id), 0u);
}

TEST(server_chat_upstream, malformed_200_replies_are_502_and_unrecorded) {
    env e;
    const auto id = e.create();
    struct bad_case {
        std::string body;
        std::string error;
    };
    const std::vector<bad_case> cases = {
        {"not json", "upstream response is not valid JSON: "},
        {R"({"choices":[]})", "invalid chat completion response: choices must be a non-empty array"},
        {R"({"choices":[{"message":{"role":"assistant","content":"x"}}]})",
         "meta_info and output_token_logprobs must be in choice (requires logprobs=True)"},
        {R"({"choices":[{"message":null,"meta_info":{"output_token_logprobs":[],"completion_tokens":0}}]})",
         "assistant message content is None, when tool call parser failed SGLang should still return an empty "
         "content rather than None. Please check your modified SGLang version."},
        {R"({"choices":[{"message":{"content":""},"meta_info":{"output_token_logprobs":[[-1.0,5]],"completion_tokens":2}}]})",
         "invalid chat completion response: len(output_token_logprobs)=1 != completion_tokens=2. Please check whether "
         "you use the correct SGLang branch which has fix the tokenizer batch decode issue."},
        {R"({"choices":[{"message":{"content":""},"meta_info":{"output_token_logprobs":[[-1.0,true]],"completion_tokens":1}}]})",
         "invalid chat completion response: output_token_logprobs[0][1] must be a token id"},
        {R"({"choices":[{"message":{"content":""},"meta_info":{"output_token_logprobs":[[-1.0,5]],"completion_tokens":1}}],"x":1e999})",
         "invalid chat completion response: non-finite number"},
    };
    for (const auto& c : cases) {
        e.s.answer(200, c.body);
        auto r = e.chat(id, user_turn());
        EXPECT_EQ(r.status, 502) << c.body;
        auto err = std::string(json::parse(r.body).at("error").as_string());
        EXPECT_EQ(err.rfind(c.error, 0), 0u) << err;
    }
    EXPECT_EQ(e.records(id), 0u);
}

TEST(server_chat_upstream, r3_payloads_are_stripped_from_the_client_copy_only) {
    env e;
    const auto id = e.create();
    e.s.answer(200, good_reply(R"(,"routed_experts":"AAAA","indexer_topk":"BBBB","indexer_topk_num_layers":61)"));
    auto r = e.chat(id, user_turn());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("routed_experts"), std::string::npos);
    EXPECT_EQ(r.body.find("indexer_topk\""), std::string::npos);
    EXPECT_NE(r.body.find("\"indexer_topk_num_layers\":61"), std::string::npos);
    http_client c{e.srv.port};
    auto doc = json::parse(c.request("GET", "/sessions/" + id).body);
    const auto& mi = doc.at("records").at(0).at("response").at("choices").at(0).at("meta_info").as_object();
    EXPECT_EQ(mi.at("routed_experts").as_string(), "AAAA");
    EXPECT_EQ(mi.at("indexer_topk").as_string(), "BBBB");
}

TEST(server_chat_upstream, get_serves_stored_bytes_as_received_even_when_large) {
    env e;
    const auto id = e.create();
    // Not compact (spaces after ':' and ','), 3 MB of routed_experts: the record keeps these exact
    // bytes and GET writes them out by reference.
    const std::string blob(3u << 20, 'Q');
    std::string reply = good_reply(R"(, "routed_experts": ")" + blob + "\"");
    reply.insert(1, " ");
    e.s.answer(200, reply);
    ASSERT_EQ(e.chat(id, user_turn()).status, 200);
    e.s.answer(200, good_reply());
    auto second = user_turn();
    second["messages"].as_array().push_back(json::object{{"role", "assistant"}, {"content", "fine"}});
    second["messages"].as_array().push_back(json::object{{"role", "user"}, {"content", "more"}});
    ASSERT_EQ(e.chat(id, second).status, 200);
    http_client c{e.srv.port};
    auto g = c.request("GET", "/sessions/" + id);
    ASSERT_EQ(g.status, 200);
    EXPECT_NE(g.body.find(",\"response\":" + reply + ",\"status_code\":200}"), std::string::npos);
    auto doc = json::parse(g.body);
    const auto& recs = doc.at("records").as_array();
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].at("response").at("choices").at(0).at("meta_info").at("routed_experts").as_string().size(),
              blob.size());
    EXPECT_EQ(recs[1].at("request").at("messages").as_array().size(), 3u);
    EXPECT_FALSE(doc.at("metadata").at("accumulated_token_ids").as_array().empty());
}

TEST(server_chat_upstream, upstream_request_is_normalized_with_server_owned_input_ids_and_routing_key) {
    env e;
    const auto id = e.create();
    auto body = user_turn();
    body["input_ids"] = json::array{1, 2, 3};
    body["logprobs"] = false;
    body["temperature"] = 0.7;
    body["x-smg-routing-key"] = "not a header";
    auto r = e.chat(id, body);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header_count("server"), 1u);
    EXPECT_EQ(r.header_count("date"), 1u);
    auto got = e.s.up.received();
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].target, "/v1/chat/completions");
    EXPECT_EQ(got[0].find_header("x-smg-routing-key").value_or(""), id);
    auto sent = json::parse(got[0].body).as_object();
    EXPECT_EQ(sent.at("logprobs"), json::value(true));
    EXPECT_EQ(sent.at("temperature").as_double(), 0.7);
    const auto& ids = sent.at("input_ids").as_array();
    ASSERT_GT(ids.size(), 3u);
    EXPECT_EQ(ids[0].as_int64(), 151644);  // <|im_start|>
}

TEST(server_chat_upstream, addition_r3_sends_routed_experts_start_len) {
    env e{{"--pause-generation-mode", "in_place", "--use-rollout-routing-replay"}};
    const auto id = e.create();
    ASSERT_EQ(e.chat(id, user_turn()).status, 200);
    auto first = json::parse(e.s.up.received().at(0).body).as_object();
    EXPECT_EQ(first.at("return_routed_experts"), json::value(true));
    EXPECT_EQ(first.at("routed_experts_start_len").as_int64(), 0);
    const auto cp1 = first.at("input_ids").as_array().size() + 2;
    auto body = user_turn();
    body["messages"].as_array().push_back(json::object{{"role", "assistant"}, {"content", "fine"}});
    body["messages"].as_array().push_back(json::object{{"role", "user"}, {"content", "more"}});
    ASSERT_EQ(e.chat(id, body).status, 200);
    auto second = json::parse(e.s.up.received().at(1).body).as_object();
    EXPECT_EQ(second.at("routed_experts_start_len").as_int64(), static_cast<std::int64_t>(cp1 - 1));
}

}  // namespace
}  // namespace tito::test
