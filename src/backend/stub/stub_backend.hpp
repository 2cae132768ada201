// File: backend/stub/stub_backend.hpp
// An SGLang-shaped inference backend for tests and benchmarks (spec 3.6, 11.3): answers
// POST /v1/chat/completions with choices[0].message, finish_reason, meta_info
// (output_token_logprobs as [[logprob, id], ...], completion_tokens, prompt_tokens, optional
// routed_experts), usage. Latency is fixed or lognormal (median, p99) with a deterministic seed;
// at most max_running requests "run" at once, the rest wait in a bounded FIFO, like an engine's
// max running requests. Waiting costs a timer, not a thread, so one core holds 10,000s.
// Usage:
//   stub_backend stub{rt, cfg};
//   http::server srv{rt, http_cfg, [&](http::request q, http::responder r) { stub.handle(std::move(q), r); }};
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "http/message.hpp"
#include "tokenizer/tokenizer.hpp"
#include "http/server.hpp"
#include "net/runtime.hpp"

namespace tito::backend {

// How the stub phrases its replies.
//   fixed: content = reply_text, ids 1000, 1001, ... (completion_tokens of them)
//   qwen3: an agent-like reply (a tool call to the request's first tool after a user message,
//          text otherwise, reasoning when thinking is on) whose output_token_logprobs are the real
//          ids of exactly the text the Qwen3 chat template renders for that message after the
//          generation prompt, ending with the EOS token, like a real engine. Needs a tokenizer.
enum class reply_format { fixed, qwen3 };

struct stub_config {
    double latency_ms = 0;             // fixed latency when latency_p99_ms == 0
    double latency_median_ms = 0;      // lognormal when latency_p99_ms > 0
    double latency_p99_ms = 0;
    std::size_t max_running = 0;       // 0: unlimited
    std::size_t max_queue = 1'000'000; // beyond: 503
    std::uint64_t seed = 42;
    std::string reply_text = "Hello from tito-stub.";
    std::size_t completion_tokens = 8; // fixed ids 1000, 1001, ... (until a tokenizer is wired)
    std::size_t routed_experts_bytes = 0;  // 0: no routed_experts in meta_info
    // Logprobs as SGLang sends them: float32 values widened to double, 16-17 significant digits
    // (e.g. -0.0123456791043281555), instead of the short dyadic defaults (-0.015625).
    bool full_precision_logprobs = false;
    std::string model = "tito-stub";
    reply_format format = reply_format::fixed;
    std::shared_ptr<const tokenizer::tokenizer> tok;  // required by reply_format::qwen3
    std::string eos_token = "<|im_end|>";
};

// The assistant message and the exact completion text/ids the stub answers with.
struct stub_reply {
    std::string message_json;              // choices[0].message
    std::vector<std::uint32_t> completion_ids;
    std::string finish_reason = "stop";
};

// The reply for a parsed request body (pure; unit-tested).
stub_reply make_stub_reply(const stub_config& cfg, const boost::json::value& request);

struct stub_stats {
    std::uint64_t requests = 0;
    std::uint64_t max_running_seen = 0;
    std::uint64_t max_queued_seen = 0;
    std::uint64_t rejected = 0;
};

// Thread safety: handle() may be called from all shards; the scheduler is one mutex-guarded
// queue (a test tool: simplicity over shard-local state).
class stub_backend {
public:
    stub_backend(net::runtime& rt, stub_config cfg);
    void handle(http::request req, http::responder res);
    stub_stats stats() const;

    // Latency for the next request, in milliseconds (deterministic sequence for a seed).
    double draw_latency_ms();

    // The JSON reply to one /v1/chat/completions request (meta_info.prompt_tokens counts its
    // input_ids).
    std::string build_reply(const http::request& req, double latency_ms);

private:
    void chat(http::request req, http::responder res);
    void admit(std::function<void()> start);
    void finished();

    net::runtime& rt_;
    stub_config cfg_;
    std::string routed_experts_b64_;
    mutable std::mutex mu_;
    std::mt19937_64 rng_;
    std::size_t running_ = 0;
    std::deque<std::function<void()>> queue_;
    stub_stats stats_;
    std::uint64_t next_id_ = 0;
};

std::string base64_encode(std::string_view bytes);

}  // namespace tito::backend
