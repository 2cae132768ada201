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

#include "http/message.hpp"
#include "http/server.hpp"
#include "net/runtime.hpp"

namespace tito::backend {

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
    std::string model = "tito-stub";
};

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

private:
    void chat(http::request req, http::responder res);
    void admit(std::function<void()> start);
    void finished();
    std::string build_reply(const http::request& req, double latency_ms);

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
