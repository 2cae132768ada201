// File: app/tito_stub/main.cpp
// tito-stub: the SGLang-shaped stub backend as its own process (tests, benchmarks).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "backend/stub/stub_backend.hpp"
#include "common/signals.hpp"
#include "http/server.hpp"

int main(int argc, char** argv) {
    using namespace tito;
    CLI::App app{"tito-stub: SGLang-compatible stub inference backend"};
    http::server_config hcfg;
    hcfg.server_name = "tito-stub";
    hcfg.idle_timeout = std::chrono::seconds{600};  // like the miles mock: never reap idle upstream connections
    backend::stub_config scfg;
    unsigned threads = 1;
    app.add_option("--host", hcfg.host, "Bind address")->capture_default_str();
    app.add_option("--port", hcfg.port, "Port (0: any free port, printed on stdout)")->capture_default_str();
    app.add_option("--threads", threads, "Threads")->capture_default_str();
    app.add_option("--latency-ms", scfg.latency_ms, "Fixed latency per request (ms)")->capture_default_str();
    app.add_option("--latency-median-ms", scfg.latency_median_ms, "Lognormal latency: median (ms)");
    app.add_option("--latency-p99-ms", scfg.latency_p99_ms, "Lognormal latency: p99 (ms); enables lognormal");
    app.add_option("--max-running", scfg.max_running, "Requests running at once (0: unlimited); the rest queue FIFO")
        ->capture_default_str();
    app.add_option("--max-queue", scfg.max_queue, "Queued requests beyond which the stub answers 503")->capture_default_str();
    app.add_option("--seed", scfg.seed, "Seed of the latency sequence")->capture_default_str();
    app.add_option("--reply-text", scfg.reply_text, "Assistant reply content")->capture_default_str();
    app.add_option("--completion-tokens", scfg.completion_tokens, "Completion tokens per reply")->capture_default_str();
    app.add_flag("--full-precision-logprobs", scfg.full_precision_logprobs,
                 "Logprobs with SGLang's 16-17 significant digits (float32 widened to double)");
    app.add_option("--routed-experts-bytes", scfg.routed_experts_bytes, "Size of the routed_experts blob (0: none)")
        ->capture_default_str();
    std::string tokenizer_path, format = "auto";
    app.add_option("--tokenizer", tokenizer_path, "tokenizer.json (or a model folder holding one): reply with real token ids");
    app.add_option("--reply-format", format, "fixed | qwen3 | auto (qwen3 when --tokenizer is given)")->capture_default_str();
    app.add_option("--eos-token", scfg.eos_token, "Token ending every qwen3-format reply")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    if (!tokenizer_path.empty()) {
        if (std::filesystem::is_directory(tokenizer_path)) tokenizer_path += "/tokenizer.json";
        auto tok = tokenizer::tokenizer::load_file(tokenizer_path);
        if (!tok) {
            fmt::print(stderr, "tito-stub: {}\n", tok.error().describe());
            return 1;
        }
        scfg.tok = *tok;
    }
    if (format == "qwen3" || (format == "auto" && scfg.tok)) {
        if (!scfg.tok) {
            fmt::print(stderr, "tito-stub: --reply-format qwen3 needs --tokenizer\n");
            return 1;
        }
        scfg.format = backend::reply_format::qwen3;
    } else if (format != "fixed" && format != "auto") {
        fmt::print(stderr, "tito-stub: unknown --reply-format '{}'\n", format);
        return 1;
    }

    app::block_termination_signals();
    net::runtime rt{threads};
    backend::stub_backend stub{rt, scfg};
    http::server srv{rt, hcfg, [&stub](http::request q, http::responder r) { stub.handle(std::move(q), r); }};
    if (auto r = srv.start(); !r) {
        fmt::print(stderr, "tito-stub: {}\n", r.error().describe());
        return 1;
    }
    rt.start();
    fmt::print("tito-stub listening on http://{}:{}\n", hcfg.host, srv.port());
    std::fflush(stdout);
    app::wait_for_termination_signal();
    srv.shutdown(std::chrono::seconds{5});
    rt.stop();
    rt.join();
    return 0;
}
