// File: app/tito_loadgen/open_loop.cpp
#include "open_loop.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <fmt/format.h>

#include <memory>
#include <thread>
#include <vector>

namespace tito::loadgen {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using clock = std::chrono::steady_clock;

namespace {

struct thread_state {
    asio::io_context ctx{1};
    run_result res;
};

struct shared_plan {
    std::string request_bytes;
    tcp::endpoint endpoint;
    clock::time_point start, measure_from, end;
    double per_connection_interval_s = 0;  // open loop
};

asio::awaitable<void> connection_loop(const shared_plan& plan, thread_state& ts, unsigned index, unsigned count) {
    auto ex = co_await asio::this_coro::executor;
    std::unique_ptr<tcp::socket> sock;
    beast::flat_buffer buffer;
    asio::steady_timer timer{ex};
    std::uint64_t k = 0;
    // Stagger open-loop connections across one interval so sends are spread evenly.
    const double offset = plan.per_connection_interval_s * index / count;
    for (;;) {
        clock::time_point intended = clock::now();
        if (plan.per_connection_interval_s > 0) {
            intended = plan.start + std::chrono::duration_cast<clock::duration>(
                                        std::chrono::duration<double>(offset + plan.per_connection_interval_s * k++));
            if (intended > clock::now()) {
                timer.expires_at(intended);
                co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
            }
        }
        if (intended >= plan.end) break;
        const bool measured = intended >= plan.measure_from;
        if (!sock) {
            sock = std::make_unique<tcp::socket>(ex);
            auto [cec] = co_await sock->async_connect(plan.endpoint, asio::as_tuple(asio::use_awaitable));
            if (cec) {
                if (measured) ++ts.res.transport_errors;
                sock.reset();
                timer.expires_after(std::chrono::milliseconds{10});
                co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
                continue;
            }
            sock->set_option(tcp::no_delay(true));
            buffer.clear();
        }
        auto [wec, wn] = co_await asio::async_write(*sock, asio::buffer(plan.request_bytes), asio::as_tuple(asio::use_awaitable));
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(1u << 30);
        boost::system::error_code rec = wec;
        if (!wec) {
            auto [e, n] = co_await bhttp::async_read(*sock, buffer, parser, asio::as_tuple(asio::use_awaitable));
            rec = e;
        }
        const auto done = clock::now();
        if (rec) {
            if (measured) ++ts.res.transport_errors;
            sock.reset();
            continue;
        }
        if (measured) {
            const int status = static_cast<int>(parser.get().result_int());
            ts.res.latency.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(done - intended).count()));
            ++ts.res.by_status[status];
            if (status >= 200 && status < 300) ++ts.res.ok;
        }
        if (!parser.get().keep_alive()) sock.reset();
    }
}

}  // namespace

run_result run(const run_config& cfg) {
    run_result out;
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(cfg.tgt.host, ec);
    if (ec || !addr.is_loopback()) {
        fmt::print(stderr, "tito-loadgen: target must be a loopback address, got '{}'\n", cfg.tgt.host);
        out.transport_errors = 1;
        return out;
    }
    shared_plan plan;
    plan.endpoint = tcp::endpoint{addr, cfg.tgt.port};
    plan.request_bytes = fmt::format("{} {} HTTP/1.1\r\nHost: {}:{}\r\nUser-Agent: tito-loadgen\r\n", cfg.tgt.method,
                                     cfg.tgt.path, cfg.tgt.host, cfg.tgt.port);
    if (!cfg.tgt.body.empty() || cfg.tgt.method == "POST")
        plan.request_bytes += fmt::format("Content-Type: application/json\r\nContent-Length: {}\r\n", cfg.tgt.body.size());
    plan.request_bytes += "\r\n" + cfg.tgt.body;
    if (cfg.rate > 0) plan.per_connection_interval_s = cfg.connections / cfg.rate;
    plan.start = clock::now() + std::chrono::milliseconds{20};
    plan.measure_from = plan.start + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(cfg.warmup_s));
    plan.end = plan.measure_from + std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(cfg.duration_s));

    const unsigned threads = std::max(1u, cfg.threads);
    std::vector<std::unique_ptr<thread_state>> states;
    for (unsigned t = 0; t < threads; ++t) states.push_back(std::make_unique<thread_state>());
    for (unsigned c = 0; c < cfg.connections; ++c) {
        auto& ts = *states[c % threads];
        asio::co_spawn(ts.ctx, connection_loop(plan, ts, c, cfg.connections), asio::detached);
    }
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back([&ts = *states[t]] { ts.ctx.run(); });
    for (auto& th : pool) th.join();
    for (auto& ts : states) {
        out.latency.merge(ts->res.latency);
        out.ok += ts->res.ok;
        out.transport_errors += ts->res.transport_errors;
        for (auto [s, n] : ts->res.by_status) out.by_status[s] += n;
    }
    out.measured_s = cfg.duration_s;
    return out;
}

}  // namespace tito::loadgen
