// File: api/chat_completions.cpp
// POST /sessions/{id}/v1/chat/completions: the TITO turn (spec 3.1, 9.3), as a chain of steps
// that each run on the connection's shard:
//   lookup (404) -> normalize (400) -> turn lock (FIFO; 410 if closed while waiting)
//   -> prepare (rollback, render, tokenize; on the CPU pool for big bodies) -> upstream call
//   (cancellable by DELETE) -> validate (502) -> commit (409/500) -> release -> client reply.
// The turn lock is held from admission to commit; every exit path releases it exactly once.
#include <fmt/format.h>

#include <atomic>

#include "api/chat_reply.hpp"
#include "api/error_response.hpp"
#include "api/headers.hpp"
#include "api/service.hpp"
#include "base/json.hpp"

namespace tito::api {

namespace {

struct turn {
    const context* ctx;
    std::shared_ptr<session::session> s;
    http::responder res;
    std::size_t shard;
    double request_ts;
    normalized_chat n;
    std::string query;
    upstream::header_list headers;
    bool lock_held = false;
};
using turn_ptr = std::shared_ptr<turn>;

void on_shard(const turn_ptr& t, std::function<void()> fn) {
    if (net::this_runtime() == &t->ctx->io && net::this_shard() == t->shard) return fn();
    t->ctx->io.post(t->shard, std::move(fn));
}

// Releases the turn lock (once) and sends the answer.
void finish(const turn_ptr& t, http::response r) {
    if (t->lock_held) {
        t->lock_held = false;
        t->s->lock().release();
    }
    t->res.send(std::move(r));
}

void finish_error(const turn_ptr& t, const error& e) { finish(t, to_response(e)); }

void finish_closed(const turn_ptr& t) {
    finish(t, http::error_response(410, "session closed: session_id=" + t->s->id()));
}

// Longest common prefix length.
std::size_t common_prefix(const chat::token_ids& a, const chat::token_ids& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return i;
}

void on_upstream(const turn_ptr& t, session::prepared_turn p, std::string request_json, result<upstream::response> r);

void send_upstream(const turn_ptr& t, session::prepared_turn p) {
    auto& body = t->n.body;
    boost::json::array ids;
    ids.reserve(p.prompt_token_ids.size());
    for (auto id : p.prompt_token_ids) ids.push_back(static_cast<std::int64_t>(id));
    body["input_ids"] = std::move(ids);
    if (t->ctx->cfg.flags.use_addition_r3) {
        auto* rre = body.if_contains("return_routed_experts");
        if (rre && python_truthy(*rre)) {
            const auto& cp = p.previous_checkpoint;
            const std::size_t previous_rows = cp.empty() ? 0 : cp.size() - 1;
            if (common_prefix(cp, p.prompt_token_ids) < previous_rows)
                return finish_error(t, error{errc::internal, "addition R3: the new prompt does not extend the stored "
                                                             "checkpoint's first len-1 tokens"});
            body["routed_experts_start_len"] = static_cast<std::int64_t>(previous_rows);
        }
    }
    std::string request_json = json::compact(body);
    upstream::request up;
    up.method = "POST";
    up.path_and_query = "/v1/chat/completions";
    if (!t->query.empty()) up.path_and_query += "?" + t->query;
    up.headers = std::move(t->headers);
    up.headers.emplace_back("Content-Type", "application/json");
    up.body = request_json;
    auto cancel = std::make_shared<upstream::cancel_handle>();
    if (!t->s->set_inflight([cancel] { cancel->cancel(); })) return finish_closed(t);
    t->ctx->backend.send(
        std::move(up),
        [t, p = std::move(p), request_json = std::move(request_json)](result<upstream::response> r) mutable {
            on_upstream(t, std::move(p), std::move(request_json), std::move(r));
        },
        std::move(cancel));
}

http::response client_response(const turn_ptr& t, const upstream::response& up, const validated_reply& v) {
    http::response r;
    r.status = 200;
    if (t->n.client_stream) {
        r.headers = {{"Cache-Control", "no-cache"},
                     {"X-Accel-Buffering", "no"},
                     {"Content-Type", "text/event-stream; charset=utf-8"}};
        r.body = fake_sse_body(v.doc);
        return r;
    }
    copy_response_headers(up.headers, r);
    if (!r.find_header("content-type")) r.headers.push_back({"Content-Type", "application/json"});
    r.body = client_json_body(v.doc);
    return r;
}

void on_upstream(const turn_ptr& t, session::prepared_turn p, std::string request_json, result<upstream::response> r) {
    t->s->clear_inflight();
    if (t->s->closing()) return finish_closed(t);
    if (!r) return finish(t, transport_error_response(r.error()));
    if (r->status != 200) return finish(t, passthrough_response(std::move(*r)));
    auto v = validate_upstream_reply(r->body);
    if (!v) return finish_error(t, v.error());
    session::record rec;
    rec.request_timestamp = t->request_ts;
    rec.request_json = std::move(request_json);
    rec.response_json = r->body;
    rec.tools = t->n.tools;
    auto http_res = client_response(t, *r, *v);
    rec.timestamp = epoch_seconds();
    auto committed = t->s->trajectory().commit(std::move(p), v->assistant_message, v->completion_ids, std::move(rec),
                                               t->ctx->family->max_trim_tokens());
    if (!committed) {
        if (committed.error().code() == errc::conflict)
            return finish(t, http::error_response(409, fmt::format("session state conflict: session_id={} ({})",
                                                                   t->s->id(), committed.error().message())));
        return finish_error(t, committed.error());
    }
    finish(t, std::move(http_res));
}

void run_prepare(const turn_ptr& t) {
    auto p = t->s->trajectory().prepare(t->n.messages, t->n.tools, t->n.kwargs, *t->ctx->family, t->ctx->matcher);
    on_shard(t, [t, p = std::move(p)]() mutable {
        if (!p) return finish_error(t, p.error());
        if (t->s->closing()) return finish_closed(t);
        send_upstream(t, std::move(*p));
    });
}

}  // namespace

void handle_chat_completions(const context& ctx, http::request req, http::responder res, const std::string& id) {
    const double ts = epoch_seconds();
    auto s = ctx.sessions.find(id);
    if (!s || s->closing()) return res.send(http::error_response(404, "session not found: session_id=" + id));
    if (!ctx.family) return res.send(http::error_response(503, "no TITO tokenizer family is configured"));
    auto n = normalize_chat_request(req.body, *ctx.family, ctx.cfg.flags);
    if (!n) return res.send(to_response(n.error()));
    const std::size_t body_bytes = req.body.size();
    auto t = std::make_shared<turn>(turn{&ctx, std::move(s), res, res.shard(), ts, std::move(*n), std::move(req.query),
                                         upstream_request_headers(req, id), false});
    const bool offload = ctx.cpu && ctx.cfg.offload_bytes > 0 && body_bytes > ctx.cfg.offload_bytes;
    t->s->lock().acquire([t, offload](bool granted) {
        on_shard(t, [t, granted, offload] {
            if (!granted) return finish_closed(t);
            t->lock_held = true;
            if (t->s->closing()) return finish_closed(t);
            if (offload) {
                auto* cpu = t->ctx->cpu;
                static std::atomic<std::size_t> next{0};
                cpu->post(next.fetch_add(1, std::memory_order_relaxed) % cpu->shards(), [t] { run_prepare(t); });
            } else {
                run_prepare(t);
            }
        });
    });
}

}  // namespace tito::api
