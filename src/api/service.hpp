// File: api/service.hpp
// The session server's HTTP API (spec section 2): the route table and the objects the handlers
// share. JSON lives here and in upstream/, never deeper (STYLE.md 3.12 #14).
// Usage:
//   api::service svc{cfg, *client, registry};
//   http::server srv{rt, http_cfg, [&svc](http::request q, http::responder r) { svc.handle(std::move(q), r); }};
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "api/chat_request.hpp"
#include "chat/family.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "net/runtime.hpp"
#include "obs/metrics.hpp"
#include "session/linear_trajectory.hpp"
#include "session/registry.hpp"
#include "upstream/client.hpp"

namespace tito::api {

struct service_config {
    std::string instance_id;  // reported by /health when non-empty
    chat_flags flags;
    // Chat turns whose request body is larger than this render on the CPU pool instead of the
    // connection's shard, so a 100k-token first render does not stall other sessions' I/O.
    std::size_t offload_bytes = 64u << 10;
};

// What every handler needs. Owned by service; outlives all requests.
struct context {
    service_config cfg;
    upstream::client& backend;
    session::registry& sessions;
    net::runtime& io;                    // the shards the connections run on
    net::runtime* cpu = nullptr;         // CPU pool for heavy renders (null: render inline)
    const chat::family* family = nullptr;  // null: the chat route answers 503
    session::matcher_fn matcher;
    int port = 0;  // the bound port, for log lines (set before serving starts)
};

// Thread safety: handle() is called concurrently from all shards.
class service {
public:
    service(context ctx);
    void handle(http::request req, http::responder res) const;
    // Set once, after binding and before the shards start.
    void set_port(int port) { ctx_->port = port; }
    const context& ctx() const noexcept { return *ctx_; }

private:
    std::unique_ptr<context> ctx_;
    http::router router_;
};

double epoch_seconds();

// Merges every I/O shard's metrics (each copied on its own thread) and calls done once.
void gather_metrics(const context& ctx, std::function<void(obs::thread_metrics)> done);
// Logs a `stats` line every `interval` (spec: requests total and since last, in-flight, turns,
// live sessions, rss_mb, vms_mb).
void start_stats_heartbeat(const context& ctx, std::chrono::milliseconds interval);

// Handlers (one file each).
void handle_health(const context& ctx, http::request req, http::responder res);
void handle_metrics(const context& ctx, http::request req, http::responder res);
void handle_create_session(const context& ctx, http::request req, http::responder res);
void handle_get_session(const context& ctx, http::request req, http::responder res, const std::string& id);
void handle_delete_session(const context& ctx, http::request req, http::responder res, const std::string& id);
void handle_chat_completions(const context& ctx, http::request req, http::responder res, const std::string& id);
void handle_samples(const context& ctx, http::request req, http::responder res, const std::string& id);
void handle_proxy(const context& ctx, http::request req, http::responder res, const std::string& id,
                  const std::string& path);

}  // namespace tito::api

namespace tito::api {
// Client response for an upstream answer passed through (proxy, chat non-200): headers per
// spec 2.9, JSON re-emitted compactly, other bodies byte for byte.
http::response passthrough_response(upstream::response&& up);
// 502 {"error":"backend transport error: <kind>: <message>"}.
http::response transport_error_response(const error& e);
}  // namespace tito::api
