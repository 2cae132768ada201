// File: api/sessions.cpp
// GET /health, POST /sessions, GET /sessions/{id}, DELETE /sessions/{id} (spec 2.2-2.5).
#include <fmt/format.h>

#include "api/service.hpp"
#include "base/json.hpp"

namespace tito::api {

namespace {
http::response session_not_found(const std::string& id) {
    return http::error_response(404, "session not found: session_id=" + id);
}
}  // namespace

void handle_health(const context& ctx, http::request, http::responder res) {
    std::string body = R"({"status":"ok")";
    if (!ctx.cfg.instance_id.empty()) {
        body += R"(,"session_server_instance_id":)";
        json::append_quoted(body, ctx.cfg.instance_id);
    }
    body += '}';
    res.send(http::json_response(200, std::move(body)));
}

void handle_create_session(const context& ctx, http::request, http::responder res) {
    auto s = ctx.sessions.create();
    res.send(http::json_response(200, fmt::format(R"({{"session_id":"{}"}})", s->id())));
}

void handle_delete_session(const context& ctx, http::request, http::responder res, const std::string& id) {
    auto s = ctx.sessions.find(id);
    std::function<void()> cancel_inflight;
    if (!s || !s->begin_close(cancel_inflight)) return res.send(session_not_found(id));
    if (cancel_inflight) cancel_inflight();  // the in-flight chat unwinds with 410
    s->lock().close();                       // queued chats answer 410
    // Wait (asynchronously) until the holder, if any, released the turn lock.
    s->lock().acquire_for_close([s, res, &ctx](bool) {
        ctx.sessions.remove(s->id());
        s->lock().release();
        http::response r;
        r.status = 204;
        r.no_body = true;
        res.send(std::move(r));
    });
}

void handle_samples(const context& ctx, http::request, http::responder res, const std::string& id) {
    if (!ctx.sessions.find(id)) return res.send(session_not_found(id));
    res.send(http::error_response(501, "the samples op is not implemented yet"));
}

}  // namespace tito::api
