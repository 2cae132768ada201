// File: api/metrics.cpp
// GET /metrics and the stats heartbeat. Both ask every I/O shard to copy its metrics block on
// its own thread and merge the copies when the last one arrives (no shared counters on the hot
// path).
#include <atomic>
#include <mutex>

#include <unistd.h>

#include "api/service.hpp"
#include "obs/log.hpp"
#include "obs/metrics.hpp"

namespace tito::api {

void gather_metrics(const context& ctx, std::function<void(obs::thread_metrics)> done) {
    struct state {
        std::mutex mu;
        obs::thread_metrics merged;
        std::atomic<std::size_t> left;
        std::function<void(obs::thread_metrics)> done;
    };
    auto g = std::make_shared<state>();
    g->left = ctx.io.shards();
    g->done = std::move(done);
    for (std::size_t i = 0; i < ctx.io.shards(); ++i) {
        ctx.io.post(i, [g] {
            {
                std::lock_guard lk{g->mu};
                g->merged.merge(obs::local());
            }
            if (g->left.fetch_sub(1) == 1) g->done(std::move(g->merged));
        });
    }
}

void handle_metrics(const context& ctx, http::request, http::responder res) {
    gather_metrics(ctx, [&ctx, res](obs::thread_metrics m) {
        const auto [rss, vms] = obs::process_memory_bytes();
        const auto& up = ctx.backend.stats();
        std::vector<obs::gauge> gauges = {
            {"tito_sessions_live", "Sessions created and not yet deleted", static_cast<double>(ctx.sessions.size())},
            {"tito_process_resident_memory_bytes", "Resident set size of the process", static_cast<double>(rss)},
            {"tito_process_virtual_memory_bytes", "Virtual memory size of the process", static_cast<double>(vms)},
            {"tito_upstream_connections_opened_total", "Upstream connections opened",
             static_cast<double>(up.connections_opened.load()), "counter"},
            {"tito_upstream_transport_errors_total", "Upstream exchanges that failed in transport",
             static_cast<double>(up.transport_errors.load()), "counter"},
            {"tito_log_lines_dropped_total", "Log lines dropped because their thread's pending log text was at its bound",
             static_cast<double>(obs::dropped_lines()), "counter"},
        };
        http::response r;
        r.status = 200;
        r.headers.push_back({"Content-Type", "text/plain; version=0.0.4; charset=utf-8"});
        r.body = obs::render_prometheus(m, gauges);
        res.send(std::move(r));
    });
}

namespace {
struct heartbeat_state {
    std::uint64_t last_requests = 0;
};

std::uint64_t total_requests(const obs::thread_metrics& m) {
    std::uint64_t n = 0;
    for (const auto& [k, v] : m.requests) n += v;
    return n;
}

void heartbeat_tick(const context* ctx, std::chrono::milliseconds interval, std::shared_ptr<heartbeat_state> st) {
    gather_metrics(*ctx, [ctx, st](obs::thread_metrics m) {
        const auto [rss, vms] = obs::process_memory_bytes();
        const auto total = total_requests(m);
        obs::event e{"stats"};
        e.add("port", ctx->port)
            .add("pid", static_cast<std::int64_t>(::getpid()))
            .add("requests_total", total)
            .add("requests_since_last", total - st->last_requests)
            .add("inflight", m.chat_inflight)
            .add("turns_completed", m.turns_committed)
            .add("live_sessions", static_cast<std::uint64_t>(ctx->sessions.size()))
            .add("rss_mb", static_cast<double>(rss) / (1024.0 * 1024.0))
            .add("vms_mb", static_cast<double>(vms) / (1024.0 * 1024.0));
        st->last_requests = total;
        obs::emit(e);
    });
    ctx->io.post_after(0, interval, [ctx, interval, st] { heartbeat_tick(ctx, interval, st); });
}
}  // namespace

void start_stats_heartbeat(const context& ctx, std::chrono::milliseconds interval) {
    if (interval.count() <= 0) return;
    auto st = std::make_shared<heartbeat_state>();
    ctx.io.post_after(0, interval, [c = &ctx, interval, st] { heartbeat_tick(c, interval, st); });
}

}  // namespace tito::api
