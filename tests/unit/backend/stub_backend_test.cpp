// Tests for backend/stub/stub_backend.hpp: reply shape (spec 3.6), latency model, determinism.
#include <gtest/gtest.h>

#include "base/json.hpp"
#include "base/json_parse.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <future>

#include "backend/stub/stub_backend.hpp"

namespace tito::backend {
namespace {

TEST(stub_backend, base64_matches_rfc4648_vectors) {
    EXPECT_EQ(base64_encode(""), "");
    EXPECT_EQ(base64_encode("f"), "Zg==");
    EXPECT_EQ(base64_encode("fo"), "Zm8=");
    EXPECT_EQ(base64_encode("foo"), "Zm9v");
    EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(stub_backend, lognormal_latency_has_the_requested_median_and_p99_and_is_deterministic) {
    net::runtime rt{1};
    stub_config cfg;
    cfg.latency_median_ms = 500;
    cfg.latency_p99_ms = 2000;
    cfg.seed = 7;
    stub_backend a{rt, cfg}, b{rt, cfg};
    std::vector<double> xs;
    for (int i = 0; i < 20000; ++i) {
        const double x = a.draw_latency_ms();
        EXPECT_EQ(x, b.draw_latency_ms());
        xs.push_back(x);
    }
    std::sort(xs.begin(), xs.end());
    EXPECT_NEAR(xs[10000], 500, 25);
    EXPECT_NEAR(xs[19800], 2000, 200);
}

TEST(stub_backend, fixed_latency) {
    net::runtime rt{1};
    stub_config cfg;
    cfg.latency_ms = 12.5;
    stub_backend s{rt, cfg};
    EXPECT_EQ(s.draw_latency_ms(), 12.5);
}

std::int64_t prompt_tokens_of(stub_backend& s, std::string body) {
    http::request req;
    req.method = "POST";
    req.path = "/v1/chat/completions";
    req.body = std::move(body);
    auto reply = boost::json::parse(s.build_reply(req, 0));
    return reply.at("choices").at(0).at("meta_info").at("prompt_tokens").as_int64();
}

TEST(stub_backend, full_precision_logprobs_look_like_sglangs) {
    net::runtime rt{1};
    stub_config cfg;
    cfg.completion_tokens = 40;
    cfg.full_precision_logprobs = true;
    stub_backend s{rt, cfg};
    http::request req;
    req.method = "POST";
    req.path = "/v1/chat/completions";
    req.body = R"({"messages":[{"role":"user","content":"x"}],"input_ids":[1]})";
    const std::string text = s.build_reply(req, 0);
    boost::system::error_code ec;
    auto reply = json::parse_exact(text, ec);  // exact doubles (Boost's own reader can be 1 ulp off)
    ASSERT_FALSE(ec);
    const auto& lps = reply.at("choices").at(0).at("meta_info").at("output_token_logprobs").as_array();
    ASSERT_EQ(lps.size(), 40u);
    std::size_t long_ones = 0;
    for (const auto& e : lps) {
        const double lp = e.at(0).as_double();
        EXPECT_LT(lp, 0.0);
        EXPECT_GT(lp, -11.0);
        EXPECT_EQ(static_cast<double>(static_cast<float>(lp)), lp);  // a float32 value
        std::string repr;
        json::append_python_float(repr, lp);
        long_ones += repr.size() >= 17;  // "-" + 16 or more characters of digits and point
    }
    EXPECT_GT(long_ones, 30u);
}

TEST(stub_backend, prompt_tokens_count_the_top_level_input_ids) {
    net::runtime rt{1};
    stub_backend s{rt, stub_config{}};
    const std::string messages = R"("messages":[{"role":"user","content":"x"}])";
    EXPECT_EQ(prompt_tokens_of(s, "{" + messages + R"(,"input_ids":[1, 22,333]})"), 3);
    EXPECT_EQ(prompt_tokens_of(s, "{" + messages + R"(,"input_ids":[]})"), 0);
    // A nested input_ids key (in tool arguments) is not the request's list.
    EXPECT_EQ(prompt_tokens_of(s, R"({"tools":[{"input_ids":[9]}],)" + messages + R"(,"input_ids":[5,6]})"), 2);
    // Anything but plain integers goes through the parser.
    EXPECT_EQ(prompt_tokens_of(s, "{" + messages + R"(,"input_ids":[1.5, -2]})"), 2);
    EXPECT_EQ(prompt_tokens_of(s, "{" + messages + "}"), 0);
    // Long lists (counted eight bytes at a time), with a bad byte at every position of a word.
    std::string ids;
    for (int i = 0; i < 1000; ++i) ids += (i ? "," : "") + std::to_string(i * 151);
    EXPECT_EQ(prompt_tokens_of(s, "{" + messages + R"(,"input_ids":[)" + ids + "]}"), 1000);
    for (std::size_t at = 1; at < 17; ++at) {
        // A '-' at byte `at` of the list: still JSON numbers, counted by the parsing fallback.
        const std::string bad = std::string(at, ' ') + "-" + ids;
        EXPECT_EQ(prompt_tokens_of(s, "{" + messages + R"(,"input_ids":[)" + bad + "]}"), 1000) << at;
    }
}

}  // namespace
}  // namespace tito::backend
