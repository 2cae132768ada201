// File: app/tito_server/main.cpp
// tito-server: configuration (CLI11), wiring of runtime -> upstream client -> api -> http
// server, the embedded stub backend when no --backend-url is given, and graceful shutdown on
// SIGTERM/SIGINT (stop accepting, drain in-flight requests, exit 0).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <thread>

#include "api/service.hpp"
#include "backend/stub/stub_backend.hpp"
#include "common/signals.hpp"
#include "http/server.hpp"
#include "session/registry.hpp"
#include "tito_server/supervisor.hpp"
#include "upstream/client.hpp"

namespace {

struct options {
    tito::http::server_config http;
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::string backend_url;
    std::string instance_id;
    double upstream_timeout_s = 600;
    std::size_t max_upstream_connections = 1024;
    double drain_timeout_s = 30;
    tito::backend::stub_config stub;
};

void add_options(CLI::App& app, options& o) {
    o.http.port = 8000;
    app.add_option("--host", o.http.host, "Bind address (127.0.0.1 unless told otherwise)")->capture_default_str();
    app.add_option("--port", o.http.port, "Port (0: any free port, printed on stdout)")->capture_default_str();
    app.add_option("--threads", o.threads, "Worker threads (shards); default: number of cores")->capture_default_str();
    app.add_option("--backend-url", o.backend_url,
                   "Inference router/engine URL, e.g. http://127.0.0.1:30000; empty: start the embedded stub backend");
    app.add_option("--instance-id", o.instance_id, "Reported by GET /health as session_server_instance_id");
    app.add_option("--upstream-timeout", o.upstream_timeout_s, "Upstream request timeout in seconds")->capture_default_str();
    app.add_option("--max-body-bytes", o.http.max_body_bytes, "Largest request body accepted (413 beyond)")
        ->capture_default_str();
    app.add_option("--max-header-bytes", o.http.max_header_bytes, "Largest request header block (413 beyond)")
        ->capture_default_str();
    app.add_option("--max-upstream-connections", o.max_upstream_connections, "Upstream connection pool size")
        ->capture_default_str();
    app.add_option("--drain-timeout", o.drain_timeout_s, "Seconds to let in-flight requests finish on SIGTERM")
        ->capture_default_str();
    app.add_option("--stub-latency-ms", o.stub.latency_ms, "Embedded stub backend: fixed latency (ms)")
        ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
    using namespace tito;
    CLI::App app{"tito-server: token-in/token-out session server for agentic RL"};
    options o;
    add_options(app, o);
    app::worker_options workers;
    app::add_worker_options(app, workers);
    CLI11_PARSE(app, argc, argv);
    if (app::supervisor_wanted(workers))
        return app::run_supervisor(argc, argv, {workers, o.http.host, o.http.port, o.instance_id, o.drain_timeout_s});
    if (o.threads == 0) o.threads = 1;

    app::block_termination_signals();

    // The embedded stub runs on its own thread, so it never competes with the server's shards
    // for their event loops.
    std::unique_ptr<net::runtime> stub_rt;
    std::unique_ptr<backend::stub_backend> stub;
    std::unique_ptr<http::server> stub_srv;
    if (o.backend_url.empty()) {
        stub_rt = std::make_unique<net::runtime>(1);
        stub = std::make_unique<backend::stub_backend>(*stub_rt, o.stub);
        http::server_config scfg;
        scfg.server_name = "tito-stub";
        scfg.idle_timeout = std::chrono::seconds{600};
        stub_srv = std::make_unique<http::server>(
            *stub_rt, scfg, [s = stub.get()](http::request q, http::responder r) { s->handle(std::move(q), r); });
        if (auto r = stub_srv->start(); !r) {
            fmt::print(stderr, "tito-server: embedded stub: {}\n", r.error().describe());
            return 1;
        }
        stub_rt->start();
        o.backend_url = fmt::format("http://127.0.0.1:{}", stub_srv->port());
    }

    net::runtime rt{o.threads};
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
    api::service_config acfg;
    acfg.instance_id = o.instance_id;
    api::service svc{api::context{acfg, **client, sessions, rt, nullptr, nullptr, {}}};
    http::server srv{rt, o.http, [&svc](http::request q, http::responder r) { svc.handle(std::move(q), r); }};
    if (auto r = srv.start(); !r) {
        fmt::print(stderr, "tito-server: {}\n", r.error().describe());
        return 1;
    }
    rt.start();
    fmt::print("tito-server listening on http://{}:{} backend={}{} threads={}\n", o.http.host, srv.port(), o.backend_url,
               stub ? " (embedded stub)" : "", o.threads);
    std::fflush(stdout);

    const int sig = app::wait_for_termination_signal();
    fmt::print(stderr, "tito-server: signal {} received, draining (up to {} s)\n", sig, o.drain_timeout_s);
    const bool clean = srv.shutdown(std::chrono::milliseconds(static_cast<std::int64_t>(o.drain_timeout_s * 1000)));
    if (!clean) fmt::print(stderr, "tito-server: drain timeout, remaining connections were closed\n");
    rt.stop();
    rt.force_stop();
    rt.join();
    if (stub_srv) {
        stub_srv->shutdown(std::chrono::milliseconds{100});
        stub_rt->force_stop();
        stub_rt->join();
    }
    return 0;
}
