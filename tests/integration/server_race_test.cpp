// The concurrency contract of spec 9 with real concurrency over real HTTP: tito-server (qwen3
// family) in front of an in-process fake upstream that answers after a delay and records how
// many calls of each session (X-SMG-Routing-Key) are in flight at once.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include "support/chat_fixture.hpp"
#include "support/fake_upstream.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace tito::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// Upstream that answers every chat after `delay`, with a valid SGLang-shaped reply.
class slow_upstream {
public:
    explicit slow_upstream(std::chrono::milliseconds delay)
        : up_{[this, delay](const http::request& q, http::responder r) {
              const std::string key{q.find_header("x-smg-routing-key").value_or("")};
              {
                  std::lock_guard lk{mu_};
                  const int now = ++inflight_[key];
                  max_inflight_[key] = std::max(max_inflight_[key], now);
                  ++calls_[key];
              }
              up_.runtime().post_after(0, delay, [this, key, r] {
                  {
                      std::lock_guard lk{mu_};
                      --inflight_[key];
                  }
                  r.send(http::json_response(200, reply()));
              });
          }} {}
    static std::string reply() {
        return R"({"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,)"
               R"("message":{"role":"assistant","content":"ok"},"finish_reason":"stop","meta_info":{)"
               R"("output_token_logprobs":[[-0.5,564],[-0.25,151645]],"completion_tokens":2}}],)"
               R"("usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3}})";
    }
    std::string url() const { return up_.url(); }
    int max_inflight(const std::string& key) {
        std::lock_guard lk{mu_};
        return max_inflight_[key];
    }
    int calls(const std::string& key) {
        std::lock_guard lk{mu_};
        return calls_[key];
    }

private:
    std::mutex mu_;
    std::map<std::string, int> inflight_, max_inflight_, calls_;
    fake_upstream up_;
};

std::string chat_body(int n_user = 1) {
    json::array msgs;
    for (int i = 0; i < n_user; ++i) msgs.push_back(json::object{{"role", "user"}, {"content", "q" + std::to_string(i)}});
    return json::serialize(json::object{{"model", "m"}, {"messages", msgs}});
}

struct env {
    explicit env(std::chrono::milliseconds delay)
        : up(delay),
          srv(start_server({"--backend-url", up.url(), "--hf-checkpoint", qwen3_model_dir(), "--tito-model", "qwen3"})) {}
    slow_upstream up;
    started srv;
    std::string create() {
        http_client c{srv.port};
        return session_id_of(c.request("POST", "/sessions").body);
    }
    std::future<http_result> chat_async(const std::string& id, std::string body = chat_body()) {
        return std::async(std::launch::async, [this, id, body] {
            http_client c{srv.port};
            return c.request("POST", "/sessions/" + id + "/v1/chat/completions", body);
        });
    }
    http_result del(const std::string& id) {
        http_client c{srv.port};
        return c.request("DELETE", "/sessions/" + id);
    }
};

TEST(server_race, concurrent_identical_retries_are_serialized_upstream) {
    env e{150ms};
    const auto id = e.create();
    std::vector<std::future<http_result>> fs;
    for (int i = 0; i < 4; ++i) fs.push_back(e.chat_async(id));
    for (auto& f : fs) EXPECT_EQ(f.get().status, 200);
    EXPECT_EQ(e.up.calls(id), 4);
    EXPECT_EQ(e.up.max_inflight(id), 1);
    http_client c{e.srv.port};
    auto doc = json::parse(c.request("GET", "/sessions/" + id).body);
    EXPECT_EQ(doc.at("records").as_array().size(), 1u);  // each resend rolled back and regenerated
}

TEST(server_race, different_sessions_run_in_parallel) {
    env e{300ms};
    std::vector<std::string> ids;
    for (int i = 0; i < 8; ++i) ids.push_back(e.create());
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::future<http_result>> fs;
    for (const auto& id : ids) fs.push_back(e.chat_async(id));
    for (auto& f : fs) EXPECT_EQ(f.get().status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1500ms);  // 8 x 300 ms if serialized
}

TEST(server_race, delete_during_upstream_call_cancels_it_with_410_and_204_promptly) {
    env e{5000ms};
    const auto id = e.create();
    auto chat = e.chat_async(id);
    std::this_thread::sleep_for(300ms);
    const auto t0 = std::chrono::steady_clock::now();
    auto d = e.del(id);
    EXPECT_EQ(d.status, 204);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 1000ms);
    auto r = chat.get();
    EXPECT_EQ(r.status, 410);
    EXPECT_EQ(r.body, R"({"error":"session closed: session_id=)" + id + "\"}");
    http_client c{e.srv.port};
    EXPECT_EQ(c.request("GET", "/sessions/" + id).status, 404);
    EXPECT_EQ(c.request("POST", "/sessions/" + id + "/v1/chat/completions", chat_body()).status, 404);
}

TEST(server_race, one_chat_in_flight_and_two_deletes) {
    env e{3000ms};
    const auto id = e.create();
    auto chat = e.chat_async(id);
    std::this_thread::sleep_for(300ms);
    auto d1 = std::async(std::launch::async, [&] { return e.del(id).status; });
    auto d2 = std::async(std::launch::async, [&] { return e.del(id).status; });
    std::vector<int> dels{d1.get(), d2.get()};
    std::sort(dels.begin(), dels.end());
    EXPECT_EQ(dels, (std::vector<int>{204, 404}));
    EXPECT_EQ(chat.get().status, 410);
}

TEST(server_race, queued_chats_get_410_when_the_session_is_deleted) {
    env e{2000ms};
    const auto id = e.create();
    std::vector<std::future<http_result>> fs;
    for (int i = 0; i < 3; ++i) {
        fs.push_back(e.chat_async(id));
        std::this_thread::sleep_for(50ms);
    }
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(e.del(id).status, 204);
    for (auto& f : fs) {
        const int s = f.get().status;
        EXPECT_TRUE(s == 410 || s == 200) << s;
        EXPECT_NE(s, 500);
    }
    EXPECT_EQ(e.up.max_inflight(id), 1);
}

TEST(server_race, reads_do_not_wait_for_an_upstream_call) {
    env e{3000ms};
    const auto id = e.create();
    auto chat = e.chat_async(id);
    std::this_thread::sleep_for(300ms);
    http_client c{e.srv.port};
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(c.request("GET", "/sessions/" + id).status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
    EXPECT_EQ(e.del(id).status, 204);
    EXPECT_EQ(chat.get().status, 410);
}

TEST(server_race, create_chat_delete_cycles_stay_deadlock_free) {
    env e{5ms};
    std::vector<std::future<int>> workers;
    for (int w = 0; w < 8; ++w)
        workers.push_back(std::async(std::launch::async, [&] {
            int ok = 0;
            http_client c{e.srv.port};
            for (int i = 0; i < 15; ++i) {
                auto id = session_id_of(c.request("POST", "/sessions").body);
                auto chat = e.chat_async(id);
                if (i % 2) std::this_thread::sleep_for(2ms);
                const int d = c.request("DELETE", "/sessions/" + id).status;
                const int s = chat.get().status;
                ok += (d == 204) && (s == 200 || s == 410 || s == 404);
                ok += c.request("GET", "/sessions/" + id).status == 404 ? 0 : -100;
            }
            return ok;
        }));
    for (auto& w : workers) EXPECT_EQ(w.get(), 15);
}


// Two chats of one session arrive together, both extending the first turn (bodies long enough
// for the server to skip the history the first turn sent). The second was read while the first
// was in flight; under the turn lock it finds the session moved on, reads its whole body, and
// rolls back and regenerates like any resend. Exactly one of them reused the history.
TEST(server_race, a_chat_read_before_the_session_moved_reads_its_body_again) {
    env e{300ms};
    const auto id = e.create();
    json::array msgs{json::object{{"role", "system"}, {"content", std::string(300, 's')}},
                     json::object{{"role", "user"}, {"content", "q0"}}};
    ASSERT_EQ(e.chat_async(id, json::serialize(json::object{{"model", "m"}, {"messages", msgs}})).get().status, 200);
    msgs.push_back(json::object{{"role", "assistant"}, {"content", "ok"}});
    msgs.push_back(json::object{{"role", "user"}, {"content", "q1"}});
    const std::string body = json::serialize(json::object{{"model", "m"}, {"messages", msgs}});
    auto a = e.chat_async(id, body);
    std::this_thread::sleep_for(100ms);
    auto b = e.chat_async(id, body);
    EXPECT_EQ(a.get().status, 200);
    EXPECT_EQ(b.get().status, 200);
    EXPECT_EQ(e.up.max_inflight(id), 1);
    http_client c{e.srv.port};
    auto doc = json::parse(c.request("GET", "/sessions/" + id).body);
    EXPECT_EQ(doc.at("records").as_array().size(), 2u);
    const auto metrics = c.request("GET", "/metrics").body;
    EXPECT_NE(metrics.find("\ntito_chat_history_reused_total 1\n"), std::string::npos) << metrics;
    EXPECT_NE(metrics.find("\ntito_chat_turns_committed_total 3\n"), std::string::npos) << metrics;
}

}  // namespace
}  // namespace tito::test
