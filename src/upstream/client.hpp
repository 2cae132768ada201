// File: upstream/client.hpp
// HTTP/1.1 client to the inference backend: one bounded keep-alive pool per shard (h2o /
// Seastar style), a deadline on every exchange, cancellation that aborts the socket
// operation (the connection is then not reused), and one retry on a fresh connection when a
// pooled connection fails before any byte of the request was written. Plain types only.
// See upstream/POOL.md for the pool's states.
// Usage:
//   upstream::client c{rt, cfg};                       // cfg.base_url = "http://127.0.0.1:30000"
//   c.send(std::move(req), [](result<upstream::response> r) { ... });   // call on a shard thread
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "base/result.hpp"
#include "net/runtime.hpp"

namespace tito::upstream {

using header_list = std::vector<std::pair<std::string, std::string>>;

struct request {
    std::string method = "POST";
    std::string path_and_query;  // appended to the base URL's path, e.g. "/v1/chat/completions?x=1"
    header_list headers;          // framing and Host are set by the client
    std::string body;
};

struct response {
    int status = 0;
    header_list headers;
    std::string body;
    std::string sent_body;  // the request's body as sent, handed back so a caller keeping it needs no copy
};

struct client_config {
    std::string base_url = "http://127.0.0.1:30000";
    std::chrono::milliseconds timeout{600'000};  // whole exchange, including the wait for a connection
    std::size_t max_connections = 1024;          // across all shards
    std::size_t max_pending = 65536;             // requests waiting for a connection, per shard
    std::size_t max_response_bytes = 1u << 30;
    std::size_t max_response_header_bytes = 64u << 10;
    std::chrono::seconds idle_keepalive{60};     // pooled connections idle longer are closed
};

// Cancels one exchange. Thread-safe; cancel() may come before, during or after the exchange.
class cancel_handle {
public:
    void cancel();
    bool cancelled() const;

    // Used by the client: install the action that aborts the running socket operation.
    // Returns false (and installs nothing) when cancel() already happened.
    bool arm(std::function<void()> abort);
    void disarm();

private:
    mutable std::mutex mu_;
    bool cancelled_ = false;
    std::function<void()> abort_;
};

struct client_stats {
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> connections_opened{0};
    std::atomic<std::uint64_t> connections_reused{0};
    std::atomic<std::uint64_t> stale_retries{0};
    std::atomic<std::uint64_t> transport_errors{0};
    std::atomic<std::uint64_t> cancelled{0};
    std::atomic<std::uint64_t> pool_overflows{0};
};

using completion = std::function<void(result<response>)>;

// Thread safety: send() must be called on one of the runtime's shard threads; the completion
// runs on that same thread. Errors: errc::upstream_transport with a message like
// "ConnectError: Connection refused" (Python httpx class names, spec 2.10).
class client {
public:
    // Fails with errc::config on a malformed URL or an unresolvable host.
    static result<std::unique_ptr<client>> make(net::runtime& rt, client_config cfg);
    ~client();

    void send(request req, completion done, std::shared_ptr<cancel_handle> cancel = nullptr);
    const client_stats& stats() const noexcept;
    const client_config& config() const noexcept;
    const std::string& host_header() const noexcept;

    struct impl;

private:
    explicit client(std::shared_ptr<impl> i);
    std::shared_ptr<impl> impl_;
};

}  // namespace tito::upstream
