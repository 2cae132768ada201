// File: app/tito_loadgen/session_driver.cpp
// One io_context per thread; session slots are spread round-robin over them and never share
// state across threads (each thread fills its own sessions_result, merged at the end).
#include "session_driver.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include <sys/resource.h>

#include <chrono>
#include <memory>
#include <random>
#include <thread>

#include "connection.hpp"

namespace tito::loadgen {

namespace asio = boost::asio;
using clock = std::chrono::steady_clock;

std::uint64_t op_stats::errors() const {
    std::uint64_t n = transport_errors + bad_body;
    for (auto [s, c] : by_status) n += c;
    return n;
}

void op_stats::merge(const op_stats& o) {
    latency.merge(o.latency);
    ok += o.ok;
    for (auto [s, n] : o.by_status) by_status[s] += n;
    transport_errors += o.transport_errors;
    bad_body += o.bad_body;
}

namespace {

struct plan {
    const sessions_config* cfg;
    asio::ip::address addr;
    clock::time_point start, measure_from, end;
};

struct thread_state {
    asio::io_context ctx{1};
    sessions_result res;
    unsigned active = 0;
    std::unique_ptr<asio::steady_timer> deadline;  // end + grace: stops whatever is still running
};

bool in_window(const plan& p, clock::time_point t) { return t >= p.measure_from && t < p.end; }

// Records one finished request; returns true when it succeeded (2xx). *counted: whether it fell
// inside the window (so a later reclassification as bad_body stays consistent).
bool record(const plan& p, op_stats& st, const http_result& r, clock::time_point sent, bool* counted = nullptr) {
    const auto done = clock::now();
    const bool ok = !r.ec && r.status >= 200 && r.status < 300;
    if (counted) *counted = in_window(p, done);
    if (!in_window(p, done)) return ok;
    if (r.ec) {
        ++st.transport_errors;
        return false;
    }
    st.latency.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(done - sent).count()));
    if (ok) ++st.ok;
    else ++st.by_status[r.status];
    return ok;
}

std::string session_id_of(const std::string& body) {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    if (ec || !v.is_object()) return "";
    auto* id = v.get_object().if_contains("session_id");
    return id && id->is_string() ? std::string(id->get_string()) : "";
}

std::string expand(const std::string& tmpl, const std::string& id) {
    const auto at = tmpl.find("{id}");
    return at == std::string::npos ? tmpl : tmpl.substr(0, at) + id + tmpl.substr(at + 4);
}

// A request that may be retried once when a reused keep-alive connection turns out to be dead.
asio::awaitable<http_result> idempotent(connection& c, std::uint16_t port, std::string_view method, const std::string& path,
                                        std::string_view body) {
    auto r = co_await c.request(port, method, path, body);
    if (r.ec) r = co_await c.request(port, method, path, body);
    co_return r;
}

// Returns false when the session ended by an error.
asio::awaitable<bool> run_one_session(const plan& p, thread_state& ts, connection& conn, std::uint16_t port,
                                      std::uint64_t index, std::string& body) {
    const auto& cfg = *p.cfg;
    auto& res = ts.res;
    std::string id;
    if (!cfg.direct) {
        const auto sent = clock::now();
        auto r = co_await idempotent(conn, port, "POST", "/sessions", "");
        bool counted = false;
        if (!record(p, res.create, r, sent, &counted)) co_return false;
        id = session_id_of(r.body);
        if (id.empty()) {
            if (counted) {
                --res.create.ok;
                ++res.create.bad_body;
            }
            co_return false;
        }
    }
    const std::string chat_path = expand(cfg.chat_path, id);
    conversation conv{cfg.script, index};
    bool failed = false;
    for (unsigned t = 0; t < cfg.script.turns && clock::now() < p.end; ++t) {
        conv.request_body(body);
        const auto sent = clock::now();
        auto r = co_await conn.request(port, "POST", chat_path, body);
        bool counted = false;
        if (!record(p, res.chat, r, sent, &counted)) {
            failed = true;
            break;
        }
        if (conv.apply_reply(r.body)) continue;
        if (cfg.any_reply) {
            conv.apply_synthetic_reply();
            continue;
        }
        if (counted) {
            --res.chat.ok;
            ++res.chat.bad_body;
        }
        failed = true;
        break;
    }
    const bool complete = !failed && conv.turns_done() == cfg.script.turns;
    if (!cfg.direct) {
        const std::string path = "/sessions/" + id;
        if (cfg.get_session && complete && clock::now() < p.end) {
            const auto sent = clock::now();
            auto r = co_await idempotent(conn, port, "GET", path, "");
            record(p, res.get, r, sent);
        }
        const auto sent = clock::now();
        auto r = co_await idempotent(conn, port, "DELETE", path, "");
        record(p, res.del, r, sent);
    }
    if (in_window(p, clock::now())) {
        if (complete) ++res.sessions_ok;
        else if (failed) ++res.sessions_failed;
    }
    co_return !failed;
}

asio::awaitable<void> slot_loop(const plan& p, thread_state& ts, unsigned slot) {
    const auto& cfg = *p.cfg;
    auto ex = co_await asio::this_coro::executor;
    asio::steady_timer timer{ex};
    timer.expires_at(p.start + std::chrono::duration_cast<clock::duration>(
                                   std::chrono::duration<double>(cfg.ramp_s * slot / std::max(1u, cfg.sessions))));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    std::mt19937_64 rng{cfg.seed * 1'000'003 + slot};
    connection conn{ex, p.addr};
    std::string body;  // request body buffer, reused across turns and sessions
    for (std::uint64_t k = 0; clock::now() < p.end; ++k) {
        const auto port = cfg.ports[rng() % cfg.ports.size()];
        // A target that fails at once (refused, 503) must not turn the slot into a busy loop.
        if (!co_await run_one_session(p, ts, conn, port, slot + k * cfg.sessions, body)) {
            timer.expires_after(std::chrono::milliseconds{10});
            co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
        }
    }
    conn.close();
    if (--ts.active == 0 && ts.deadline) ts.deadline->cancel();
}

double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    auto s = [](timeval tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; };
    return s(ru.ru_utime) + s(ru.ru_stime);
}

double unix_now() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

sessions_result run_sessions(const sessions_config& cfg) {
    sessions_result out;
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(cfg.host, ec);
    if (ec || !addr.is_loopback() || cfg.ports.empty()) {
        fmt::print(stderr, "tito-loadgen: need a loopback address and at least one port (host '{}')\n", cfg.host);
        out.chat.transport_errors = 1;
        return out;
    }
    auto secs = [](double s) { return std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(s)); };
    plan p{&cfg, addr, {}, {}, {}};
    p.start = clock::now() + std::chrono::milliseconds{20};
    p.measure_from = p.start + secs(cfg.warmup_s);
    p.end = p.measure_from + secs(cfg.duration_s);

    const unsigned threads = std::max(1u, cfg.threads);
    std::vector<std::unique_ptr<thread_state>> states;
    for (unsigned t = 0; t < threads; ++t) states.push_back(std::make_unique<thread_state>());
    for (unsigned s = 0; s < cfg.sessions; ++s) {
        auto& ts = *states[s % threads];
        ++ts.active;
        asio::co_spawn(ts.ctx, slot_loop(p, ts, s), asio::detached);
    }
    for (auto& ts : states) {
        ts->deadline = std::make_unique<asio::steady_timer>(ts->ctx, p.end + secs(cfg.grace_s));
        ts->deadline->async_wait([&ctx = ts->ctx](boost::system::error_code e) {
            if (!e) ctx.stop();
        });
    }
    // The window's wall-clock edges and CPU time, taken on a timer of thread 0.
    double cpu_from = 0, cpu_to = 0;
    asio::steady_timer w0{states[0]->ctx, p.measure_from}, w1{states[0]->ctx, p.end};
    w0.async_wait([&](boost::system::error_code) {
        cpu_from = cpu_seconds();
        out.window_start_unix = unix_now();
    });
    w1.async_wait([&](boost::system::error_code) {
        cpu_to = cpu_seconds();
        out.window_end_unix = unix_now();
    });
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back([&ts = *states[t]] { ts.ctx.run(); });
    for (auto& th : pool) th.join();
    for (auto& ts : states) {
        auto& r = ts->res;
        out.chat.merge(r.chat);
        out.create.merge(r.create);
        out.get.merge(r.get);
        out.del.merge(r.del);
        out.sessions_ok += r.sessions_ok;
        out.sessions_failed += r.sessions_failed;
    }
    out.measured_s = cfg.duration_s;
    out.cpu_s = cpu_to - cpu_from;
    return out;
}

}  // namespace tito::loadgen
