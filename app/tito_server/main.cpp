// File: app/tito_server/main.cpp
// tito-server: configuration (CLI11, app/tito_server/config.cpp), wiring of runtime -> upstream
// client -> chat family -> api -> http server, the embedded stub backend when no --backend-url
// is given, and graceful shutdown on SIGTERM/SIGINT (stop accepting, drain, exit 0).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "api/service.hpp"
#include "backend/stub/stub_backend.hpp"
#include "common/signals.hpp"
#include "http/server.hpp"
#include "obs/log.hpp"
#include "session/message_matcher.hpp"
#include "session/registry.hpp"
#include "tito_server/config.hpp"
#include "tito_server/supervisor.hpp"
#include "upstream/client.hpp"

namespace {

using namespace tito;

// The embedded stub: its own single-thread runtime, so it never competes with the shards'
// event loops. Replies carry real token ids when the model folder has a tokenizer.json.
struct embedded_stub {
    std::unique_ptr<net::runtime> rt;
    std::unique_ptr<backend::stub_backend> stub;
    std::unique_ptr<http::server> srv;
};

result<embedded_stub> start_embedded_stub(const app::server_options& o) {
    embedded_stub e;
    backend::stub_config scfg = o.stub;
    const auto tok_path = std::filesystem::path(o.family.hf_checkpoint) / "tokenizer.json";
    if (std::filesystem::exists(tok_path)) {
        auto tok = tokenizer::tokenizer::load_file(tok_path.string());
        if (!tok) return tok.error();
        if ((*tok)->token_to_id(scfg.eos_token)) {
            scfg.tok = *tok;
            scfg.format = backend::reply_format::qwen3;
        }
    }
    e.rt = std::make_unique<net::runtime>(1);
    e.stub = std::make_unique<backend::stub_backend>(*e.rt, scfg);
    http::server_config hcfg;
    hcfg.server_name = "tito-stub";
    hcfg.idle_timeout = std::chrono::seconds{600};
    e.srv = std::make_unique<http::server>(*e.rt, hcfg,
                                           [s = e.stub.get()](http::request q, http::responder r) { s->handle(std::move(q), r); });
    TITO_TRY_VOID(e.srv->start());
    e.rt->start();
    return e;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"tito-server: token-in/token-out session server for agentic RL"};
    app::server_options o;
    app::add_server_options(cli, o);
    app::worker_options workers;
    app::add_worker_options(cli, workers);
    CLI11_PARSE(cli, argc, argv);
    if (auto v = app::finish_server_options(o); !v) {
        fmt::print(stderr, "tito-server: {}\n", v.error().describe());
        return 2;
    }
    if (app::supervisor_wanted(workers))
        return app::run_supervisor(argc, argv, {workers, o.http.host, o.http.port, o.api.instance_id, o.drain_timeout_s,
                                                o.log_format == "json"});
    app::block_termination_signals();
    obs::init_logging({.json = o.log_format == "json", .min_level = o.log_level});

    // Family first: a bad model folder or template is a start-up error, before any port opens.
    auto fam = chat::make_family(o.family);
    if (!fam) {
        fmt::print(stderr, "tito-server: {}\n", fam.error().describe());
        return 1;
    }
    auto matcher_kind = session::parse_matcher_kind(o.matcher);
    if (!matcher_kind) {
        fmt::print(stderr, "tito-server: {}\n", matcher_kind.error().describe());
        return 2;
    }

    std::optional<embedded_stub> stub;
    if (o.backend_url.empty()) {
        auto s = start_embedded_stub(o);
        if (!s) {
            fmt::print(stderr, "tito-server: embedded stub: {}\n", s.error().describe());
            return 1;
        }
        stub = std::move(*s);
        o.backend_url = fmt::format("http://127.0.0.1:{}", stub->srv->port());
    }

    net::runtime rt{o.threads};
    std::unique_ptr<net::runtime> cpu;
    if (o.cpu_threads > 0) cpu = std::make_unique<net::runtime>(o.cpu_threads);
    upstream::client_config ucfg;
    ucfg.base_url = o.backend_url;
    ucfg.timeout = std::chrono::milliseconds(static_cast<std::int64_t>(o.upstream_timeout_s * 1000));
    ucfg.max_connections = o.max_upstream_connections;
    auto client = upstream::client::make(rt, ucfg);
    if (!client) {
        fmt::print(stderr, "tito-server: {}\n", client.error().describe());
        return 1;
    }
    session::registry sessions;
    const auto kind = *matcher_kind;
    api::context ctx{o.api, **client, sessions, rt, cpu.get(), fam->get(),
                     [kind](const boost::json::value& a, const boost::json::value& b) {
                         return session::messages_match(kind, a, b);
                     }};
    api::service svc{std::move(ctx)};
    http::server srv{rt, o.http, [&svc](http::request q, http::responder r) { svc.handle(std::move(q), r); }};
    if (auto r = srv.start(); !r) {
        fmt::print(stderr, "tito-server: {}\n", r.error().describe());
        return 1;
    }
    svc.set_port(srv.port());
    rt.start();
    api::start_stats_heartbeat(svc.ctx(), std::chrono::milliseconds(static_cast<std::int64_t>(o.stats_interval_s * 1000)));
    if (cpu) cpu->start();
    fmt::print("tito-server listening on http://{}:{} backend={}{} threads={} family={}\n", o.http.host, srv.port(),
               o.backend_url, stub ? " (embedded stub)" : "", o.threads, (*fam)->name());
    std::fflush(stdout);

    const int sig = app::wait_for_termination_signal();
    fmt::print(stderr, "tito-server: signal {} received, draining (up to {} s)\n", sig, o.drain_timeout_s);
    const bool clean = srv.shutdown(std::chrono::milliseconds(static_cast<std::int64_t>(o.drain_timeout_s * 1000)));
    if (!clean) fmt::print(stderr, "tito-server: drain timeout, remaining connections were closed\n");
    rt.stop();
    rt.force_stop();
    rt.join();
    if (cpu) {
        cpu->force_stop();
        cpu->join();
    }
    if (stub) {
        stub->srv->shutdown(std::chrono::milliseconds{100});
        stub->rt->force_stop();
        stub->rt->join();
    }
    obs::shutdown_logging();
    return 0;
}
