// File: api/chat_completions.cpp
// POST /sessions/{id}/v1/chat/completions: the TITO turn (spec 3.1, 9.3), as a chain of steps
// that each run on the connection's shard:
//   lookup (404) -> normalize (400) -> turn lock (FIFO; 410 if closed while waiting)
//   -> prepare (rollback, render, tokenize; on the CPU pool for big bodies) -> upstream call
//   (cancellable by DELETE) -> validate (502) -> commit (409/500) -> release -> client reply.
// The turn lock is held from admission to commit; every exit path releases it exactly once.
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <random>

#include <unistd.h>

#include "api/chat_reply.hpp"
#include "api/error_response.hpp"
#include "api/headers.hpp"
#include "api/upstream_body.hpp"
#include "api/service.hpp"
#include "base/json.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace tito::api {

namespace {

using clock = std::chrono::steady_clock;

std::atomic<std::int64_t> g_inflight{0};  // process-wide, for the log lines only

std::string new_request_id() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return fmt::format("{:08x}", static_cast<std::uint32_t>(rng()));
}

// getpid() once per process (twice per turn otherwise); worker processes call it after the fork.
std::int64_t process_id() {
    static const std::int64_t pid = ::getpid();
    return pid;
}

double ms_between(clock::time_point a, clock::time_point b) {
    if (a == clock::time_point{} || b == clock::time_point{}) return 0;
    return std::chrono::duration<double, std::milli>(b - a).count();
}

struct turn {
    const context* ctx;
    std::shared_ptr<session::session> s;
    http::responder res;
    std::size_t shard;
    double request_ts;
    std::optional<normalized_chat> n;    // emplaced (never assigned: the body lives in its own arena)
    session::record_ptr history;         // the latest record when the body was read (n->placeholders)
    std::size_t body_bytes = 0;          // the client's body size (a size hint for the upstream body)
    std::int64_t message_count = -1;     // for chat_done (the list moves into the session on commit)
    std::string query;
    upstream::header_list headers;
    bool lock_held = false;
    // observability (chat_start / chat_done, histograms)
    std::string session_id;
    std::string request_id;
    std::string client_request_id;
    clock::time_point t_arrive, t_locked, t_prepared, t_upstream_done, t_done;
    std::int64_t prompt_tokens = -1;
    std::int64_t completion_tokens = -1;
    std::string upstream_error;
    bool committed = false;
};
using turn_ptr = std::shared_ptr<turn>;

void on_shard(const turn_ptr& t, std::function<void()> fn) {
    if (net::this_runtime() == &t->ctx->io && net::this_shard() == t->shard) return fn();
    t->ctx->io.post(t->shard, std::move(fn));
}

void log_start(const turn_ptr& t, std::int64_t messages) {
    const auto inflight = g_inflight.fetch_add(1, std::memory_order_relaxed) + 1;
    ++obs::local().chat_inflight;
    if (!obs::enabled("info")) return;
    obs::event e{"chat_start"};
    e.add("port", t->ctx->port)
        .add("pid", process_id())
        .add("session_id", t->session_id)
        .add("request_id", t->request_id);
    if (!t->client_request_id.empty()) e.add("x_request_id", t->client_request_id);
    e.add("messages", messages).add("inflight", inflight);
    obs::emit(e);
}

void log_done(const turn_ptr& t, int status) {
    t->t_done = clock::now();
    const auto inflight = g_inflight.fetch_sub(1, std::memory_order_relaxed) - 1;
    auto& m = obs::local();
    --m.chat_inflight;
    if (t->committed) ++m.turns_committed;
    if (t->committed && t->n && t->n->placeholders) ++m.history_reused;
    const double lock_wait = ms_between(t->t_arrive, t->t_locked);
    const double tok_in = ms_between(t->t_locked, t->t_prepared);
    const double proxy = ms_between(t->t_prepared, t->t_upstream_done);
    const double tok_out = ms_between(t->t_upstream_done, t->t_done);
    const double total = ms_between(t->t_arrive, t->t_done);
    using obs::chat_phase;
    auto observe = [&](chat_phase p, double ms, bool happened) {
        if (happened) m.chat[static_cast<std::size_t>(p)].observe(ms / 1000.0);
    };
    observe(chat_phase::lock_wait, lock_wait, t->t_locked != clock::time_point{});
    observe(chat_phase::tokenize_in, tok_in, t->t_prepared != clock::time_point{});
    observe(chat_phase::upstream, proxy, t->t_upstream_done != clock::time_point{});
    observe(chat_phase::tokenize_out, tok_out, t->t_upstream_done != clock::time_point{});
    observe(chat_phase::total, total, true);
    const char* level = status >= 500 ? "warn" : "info";
    if (!obs::enabled(level)) return;
    obs::event e{"chat_done", level};
    e.add("port", t->ctx->port)
        .add("pid", process_id())
        .add("session_id", t->session_id)
        .add("request_id", t->request_id);
    if (!t->client_request_id.empty()) e.add("x_request_id", t->client_request_id);
    e.add("messages", t->message_count)
        .add("status", status)
        .add("lock_wait_ms", lock_wait)
        .add("tokenize_in_ms", tok_in)
        .add("proxy_elapsed_ms", proxy)
        .add("tokenize_out_ms", tok_out)
        .add("total_ms", total)
        .add("inflight_now", inflight)
        .add("prompt_tokens", t->prompt_tokens)
        .add("completion_tokens", t->completion_tokens);
    if (!t->upstream_error.empty()) {
        e.add("upstream_url", t->ctx->backend.config().base_url + "/v1/chat/completions");
        e.add("upstream_error", t->upstream_error);
    }
    obs::emit(e);
}

// Releases the turn lock (once), logs chat_done and sends the answer.
void finish(const turn_ptr& t, http::response r) {
    if (t->lock_held) {
        t->lock_held = false;
        t->s->lock().release();
    }
    log_done(t, r.status);
    t->res.send(std::move(r));
}

void finish_error(const turn_ptr& t, const error& e) { finish(t, to_response(e)); }

void finish_closed(const turn_ptr& t) {
    finish(t, http::error_response(410, "session closed: session_id=" + t->session_id));
}

// Longest common prefix length.
std::size_t common_prefix(const chat::token_ids& a, const chat::token_ids& b) {
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
    return i;
}

// What travels from the prepared turn to the commit: the prepared state and the client's message
// list (moved out of the body once the upstream text is written; the text itself comes back with
// the upstream response).
struct in_flight {
    session::prepared_turn p;
    boost::json::array messages;
    upstream_body written;  // its text moved out (the request); where it lists the ids and the messages
};

void on_upstream(const turn_ptr& t, in_flight f, result<upstream::response> r);

void send_upstream(const turn_ptr& t, session::prepared_turn p) {
    auto& body = t->n->body;
    std::optional<std::int64_t> start_len;
    if (t->ctx->cfg.flags.use_addition_r3) {
        auto* rre = body.if_contains("return_routed_experts");
        if (rre && python_truthy(*rre)) {
            const auto& cp = p.previous_checkpoint();
            const std::size_t previous_rows = cp.empty() ? 0 : cp.size() - 1;
            if (common_prefix(cp, p.prompt_token_ids) < previous_rows)
                return finish_error(t, error{errc::internal, "addition R3: the new prompt does not extend the stored "
                                                             "checkpoint's first len-1 tokens"});
            start_len = static_cast<std::int64_t>(previous_rows);
        }
    }
    // Placeholders are never written: normalization only makes them when the list goes as sent.
    if (t->n->placeholders && t->n->messages_text().empty())
        return finish_error(t, error{errc::internal, "placeholder messages without their text"});
    upstream_body_parts parts{.verbatim = t->n->verbatim, .previous = {}, .size_hint = t->body_bytes};
    if (p.previous) parts.previous = {p.previous->prompt_ids(), p.previous->prompt_ids_text()};
    upstream_body written = write_upstream_body(body, p.prompt_token_ids, start_len, parts);
    upstream::request up;
    up.method = "POST";
    up.path_and_query = "/v1/chat/completions";
    if (!t->query.empty()) up.path_and_query += "?" + t->query;
    up.headers = std::move(t->headers);
    up.headers.emplace_back("Content-Type", "application/json");
    up.body = std::move(written.text);  // handed back as response.sent_body for the record
    auto cancel = std::make_shared<upstream::cancel_handle>();
    if (!t->s->set_inflight([cancel] { cancel->cancel(); })) return finish_closed(t);
    in_flight f{std::move(p), std::move(t->n->messages()), std::move(written)};
    t->ctx->backend.send(
        std::move(up),
        [t, f = std::move(f)](result<upstream::response> r) mutable { on_upstream(t, std::move(f), std::move(r)); },
        std::move(cancel));
}

http::response client_response(const turn_ptr& t, const upstream::response& up, const validated_reply& v) {
    http::response r;
    r.status = 200;
    if (t->n->client_stream) {
        r.headers = {{"Cache-Control", "no-cache"},
                     {"X-Accel-Buffering", "no"},
                     {"Content-Type", "text/event-stream; charset=utf-8"}};
        r.body = fake_sse_body(v.doc);
        return r;
    }
    copy_response_headers(up.headers, r);
    if (!r.find_header("content-type")) r.headers.push_back({"Content-Type", "application/json"});
    r.body = v.as_received() ? up.body : client_json_body(v.doc, up.body, v.text_compact);
    return r;
}

// The record's tools: the previous record's when identical (most turns send the same list; key
// order and -0.0 count, since the comparator renders from them), else a heap copy out of the
// request arena.
std::shared_ptr<const boost::json::value> record_tools(const session::record_ptr& previous, const boost::json::value& tools) {
    if (previous && previous->tools && json::identical(*previous->tools, tools)) return previous->tools;
    return std::make_shared<const boost::json::value>(tools, boost::json::storage_ptr{});
}

void on_upstream(const turn_ptr& t, in_flight f, result<upstream::response> r) {
    t->t_upstream_done = clock::now();
    t->s->clear_inflight();
    if (t->s->closing()) return finish_closed(t);
    if (!r) {
        t->upstream_error = r.error().message();
        return finish(t, transport_error_response(r.error()));
    }
    if (r->status != 200) return finish(t, passthrough_response(std::move(*r)));
    auto v = read_upstream_reply(r->body, t->n->client_stream);
    if (!v) return finish_error(t, v.error());
    t->completion_tokens = static_cast<std::int64_t>(v->completion_ids.size());
    auto http_res = client_response(t, *r, *v);
    session::record rec;
    rec.request_timestamp = t->request_ts;
    rec.request_json = std::move(r->sent_body);
    rec.response_json = std::move(r->body);
    rec.prompt_ids_at = f.written.ids_at;
    rec.prompt_ids_len = f.written.ids_len;
    rec.prompt_ids_count = f.p.prompt_token_ids.size();
    if (t->n->history_recordable) {
        rec.messages_at = f.written.messages_at;
        rec.messages_len = f.written.messages_len;
        rec.messages_count = f.messages.size();
    }
    // Records live as long as the session: no reserve slack kept with them.
    for (auto* text : {&rec.request_json, &rec.response_json})
        if (text->capacity() > text->size() + text->size() / 8) text->shrink_to_fit();
    rec.tools = record_tools(f.p.previous, t->n->tools());
    rec.timestamp = epoch_seconds();
    auto committed = t->s->trajectory().commit(std::move(f.p), std::move(f.messages), std::move(v->assistant_message),
                                               v->completion_ids, std::move(rec), t->ctx->family->max_trim_tokens(),
                                               t->n->messages_text());
    if (!committed) {
        if (committed.error().code() == errc::conflict)
            return finish(t, http::error_response(409, fmt::format("session state conflict: session_id={} ({})",
                                                                   t->s->id(), committed.error().message())));
        return finish_error(t, committed.error());
    }
    t->committed = true;
    finish(t, std::move(http_res));
}

void run_prepare(const turn_ptr& t) {
    auto& traj = t->s->trajectory();
    std::size_t known = t->n->placeholders;
    if (known && !traj.extends_latest(t->history, known, t->n->messages(), t->ctx->matcher)) {
        // The session moved on since the body was read (or the client changed the last assistant
        // message, a rollback): read the whole body.
        auto full = normalize_chat_request(std::string(t->n->raw), *t->ctx->family, t->ctx->cfg.flags);
        if (!full) return on_shard(t, [t, e = full.error()] { finish_error(t, e); });
        t->n.reset();
        t->n.emplace(std::move(*full));
        known = 0;
    }
    auto p = traj.prepare(t->n->messages(), t->n->tools(), t->n->kwargs(), *t->ctx->family, t->ctx->matcher, known);
    on_shard(t, [t, p = std::move(p)]() mutable {
        t->t_prepared = clock::now();
        if (!p) return finish_error(t, p.error());
        t->prompt_tokens = static_cast<std::int64_t>(p->prompt_token_ids.size());
        if (t->s->closing()) return finish_closed(t);
        send_upstream(t, std::move(*p));
    });
}

}  // namespace

void handle_chat_completions(const context& ctx, http::request req, http::responder res, const std::string& id) {
    const double ts = epoch_seconds();
    auto t = std::make_shared<turn>(turn{.ctx = &ctx,
                                         .s = nullptr,
                                         .res = res,
                                         .shard = res.shard(),
                                         .request_ts = ts,
                                         .n = std::nullopt,
                                         .query = std::move(req.query),
                                         .headers = upstream_request_headers(req, id)});
    t->session_id = id;
    t->t_arrive = clock::now();
    t->request_id = new_request_id();
    if (auto x = req.find_header("x-request-id")) t->client_request_id = std::string(*x);
    t->s = ctx.sessions.find(id);
    if (!t->s || t->s->closing()) {
        log_start(t, -1);
        return finish(t, http::error_response(404, "session not found: session_id=" + id));
    }
    if (!ctx.family) {
        log_start(t, -1);
        return finish(t, http::error_response(503, "no TITO tokenizer family is configured"));
    }
    const std::size_t body_bytes = req.body.size();
    // The latest record's message list usually opens this one: not parsed again (confirmed
    // under the turn lock, run_prepare).
    t->history = t->s->trajectory().latest();
    known_history known;
    if (t->history) known = {t->history->messages_text(), t->history->messages_count};
    auto n = normalize_chat_request(std::move(req.body), *ctx.family, ctx.cfg.flags, known.count ? &known : nullptr);
    if (!n) {
        log_start(t, -1);
        return finish_error(t, n.error());
    }
    t->n.emplace(std::move(*n));
    t->body_bytes = body_bytes;
    t->message_count = static_cast<std::int64_t>(t->n->messages().size());
    log_start(t, t->message_count);
    const bool offload = ctx.cpu && ctx.cfg.offload_bytes > 0 && body_bytes > ctx.cfg.offload_bytes;
    t->s->lock().acquire([t, offload](bool granted) {
        on_shard(t, [t, granted, offload] {
            t->t_locked = clock::now();
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
