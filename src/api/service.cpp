// File: api/service.cpp
// The route table of spec 2.1, in precedence order (first match wins).
#include "api/service.hpp"

#include <chrono>

namespace tito::api {

double epoch_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

service::service(context ctx) : ctx_(std::make_unique<context>(std::move(ctx))) {
    const context* c = ctx_.get();
    using http::request;
    using http::responder;
    using http::route_params;
    router_.add({"GET"}, "/health", [c](request q, responder r, route_params) { handle_health(*c, std::move(q), r); },
                "health");
    router_.add({"GET"}, "/metrics", [c](request q, responder r, route_params) { handle_metrics(*c, std::move(q), r); },
                "metrics");
    router_.add(
        {"POST"}, "/sessions", [c](request q, responder r, route_params) { handle_create_session(*c, std::move(q), r); },
        "create_session");
    router_.add(
        {"GET"}, "/sessions/{id}",
        [c](request q, responder r, route_params p) { handle_get_session(*c, std::move(q), r, p.get("id")); },
        "get_session");
    router_.add(
        {"DELETE"}, "/sessions/{id}",
        [c](request q, responder r, route_params p) { handle_delete_session(*c, std::move(q), r, p.get("id")); },
        "delete_session");
    router_.add(
        {"POST"}, "/sessions/{id}/v1/chat/completions",
        [c](request q, responder r, route_params p) { handle_chat_completions(*c, std::move(q), r, p.get("id")); },
        "chat");
    router_.add(
        {"POST"}, "/sessions/{id}/samples",
        [c](request q, responder r, route_params p) { handle_samples(*c, std::move(q), r, p.get("id")); }, "samples");
    router_.add(
        {"GET", "POST", "PUT", "DELETE", "PATCH"}, "/sessions/{id}/{path*}",
        [c](request q, responder r, route_params p) {
            handle_proxy(*c, std::move(q), r, p.get("id"), p.get("path"));
        },
        "proxy");
}

void service::handle(http::request req, http::responder res) const { router_.dispatch(std::move(req), std::move(res)); }

}  // namespace tito::api
