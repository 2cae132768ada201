// File: http/server.hpp
// The HTTP/1.1 server: one acceptor, connections spread over the runtime's shards, each
// connection one coroutine owning its stream (Beast awaitable example shape). Plain types only;
// Beast lives in the .cpp files (pimpl).
// Usage:
//   tito::net::runtime rt{4}; rt.start();
//   tito::http::server srv{rt, cfg, [](http::request req, http::responder res) {
//       res.send(http::json_response(200, "{}"));
//   }};
//   if (auto r = srv.start(); !r) fail(r.error());
//   ... srv.shutdown(std::chrono::seconds{10});
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "http/message.hpp"
#include "net/runtime.hpp"

namespace tito::http {

namespace detail {
struct exchange;
}

// Completes one HTTP exchange. A cheap copyable handle; send() must be called exactly once,
// from any thread (it hops to the connection's shard). A responder destroyed without send()
// answers 500 (a bug, counted), so a connection can never hang on a lost handler.
class responder {
public:
    explicit responder(std::shared_ptr<detail::exchange> ex) : ex_(std::move(ex)) {}
    void send(response r) const;
    // Shard (thread) of this connection; work continued there needs no locks with it.
    std::size_t shard() const noexcept;
    // Names the route for metrics (a string literal: it is kept by pointer).
    void set_route(const char* route) const noexcept;

private:
    std::shared_ptr<detail::exchange> ex_;
};

using handler = std::function<void(request, responder)>;

struct server_config {
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;  // 0: pick a free port (see server::port())
    std::size_t max_body_bytes = 64u << 20;
    std::size_t max_header_bytes = 64u << 10;
    std::size_t max_connections = 100000;
    std::chrono::seconds idle_timeout{75};     // keep-alive connection with no request
    std::chrono::seconds read_timeout{60};     // one request, headers + body
    std::chrono::seconds write_timeout{60};
    std::string server_name = "tito-server";
};

struct server_stats {
    std::atomic<std::uint64_t> connections_accepted{0};
    std::atomic<std::uint64_t> connections_open{0};
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> bad_requests{0};
    std::atomic<std::uint64_t> handler_exceptions{0};
};

// Thread safety: start()/shutdown() from one controlling thread; handlers run on shard threads.
class server {
public:
    server(net::runtime& rt, server_config cfg, handler h);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    result<void> start();
    std::uint16_t port() const noexcept;
    // Graceful: stop accepting, close idle keep-alive connections, let in-flight exchanges
    // finish; returns true if all connections closed within `drain`, false if some were cut.
    bool shutdown(std::chrono::milliseconds drain);
    const server_stats& stats() const noexcept;

    struct impl;

private:
    std::shared_ptr<impl> impl_;
};

}  // namespace tito::http
