// File: http/connection.cpp
// One coroutine per connection, owning its tcp_stream (Beast awaitable server shape):
// read header (idle timeout) -> read body (read timeout, body limit) -> hand a plain
// http::request to the handler -> await its http::response -> write -> loop while keep-alive.
// Every malformed or oversized request gets a JSON error and the connection closes; the server
// keeps serving.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <cstdio>
#include <ctime>
#include <atomic>
#include <optional>
#include <vector>

#include "http/detail/server_impl.hpp"
#include "http/head.hpp"
#include "net/append_string_body.hpp"
#include "net/asio_runtime.hpp"
#include "obs/metrics.hpp"

namespace tito::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace detail {
// One request/response exchange. The connection coroutine waits on `wake` (a timer used as a
// condition variable, the Beast task_group idiom in 1.81); complete() hands the response over on
// the connection's executor and cancels the timer.
struct exchange_state : std::enable_shared_from_this<exchange_state> {
    explicit exchange_state(net::executor ex) : wake(ex, net::steady_timer::time_point::max()) {}
    net::steady_timer wake;
    std::optional<response> result;
    std::atomic<bool> sent{false};
    std::atomic<const char*> route{"unmatched"};

    void complete(response r) {
        if (sent.exchange(true)) return;  // second send(): ignored
        asio::post(wake.get_executor(), [self = shared_from_this(), r = std::move(r)]() mutable {
            self->result = std::move(r);
            self->wake.cancel();
        });
    }
};

// What responders share: answers 500 if the last responder goes away without send().
struct exchange {
    std::shared_ptr<exchange_state> state;
    std::size_t shard = 0;
    server_stats* stats = nullptr;

    void complete(response r) { state->complete(std::move(r)); }
    ~exchange() {
        if (!state->sent.load()) {
            stats->handler_exceptions.fetch_add(1, std::memory_order_relaxed);
            state->complete(error_response(500, "internal error: request handler finished without a response"));
        }
    }
};
}  // namespace detail

void responder::send(response r) const { ex_->complete(std::move(r)); }
std::size_t responder::shard() const noexcept { return ex_->shard; }
void responder::set_route(const char* route) const noexcept { ex_->state->route.store(route, std::memory_order_relaxed); }

const std::string& http_date_now() {
    thread_local std::time_t last = 0;
    thread_local std::string text;
    const std::time_t now = std::time(nullptr);
    if (now != last) {
        last = now;
        std::tm tm{};
        gmtime_r(&now, &tm);
        char buf[64];
        const auto n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        text.assign(buf, n);
    }
    return text;
}

namespace {

request to_plain(bhttp::request<net::append_string_body>&& br) {
    request r;
    r.method = std::string(br.method_string());
    r.target = std::string(br.target());
    const auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = r.target.substr(q + 1);
    r.version = br.version();
    r.keep_alive = br.keep_alive();
    r.headers.reserve(16);
    for (const auto& f : br) r.headers.push_back({std::string(f.name_string()), std::string(f.value())});
    r.body = std::move(br.body());
    return r;
}

// The head of a response (see http/head.hpp), framed as Beast frames it: 1xx, 204, 304 and
// no_body answers carry no Content-Length; a HEAD answer keeps the length of the body it omits.
std::string head_of(const response& r, unsigned version, bool keep_alive, std::size_t body_size,
                    const std::string& server_name) {
    response_framing f{.status = r.status, .version = version, .keep_alive = keep_alive, .content_length = body_size};
    if (r.no_body || r.status / 100 == 1 || r.status == 204 || r.status == 304) f.content_length.reset();
    return response_head(f, r.headers, server_name, http_date_now());
}

// Runs the user handler and suspends until it responds (from any thread).
net::task<std::pair<response, const char*>> call_handler(std::shared_ptr<server::impl> srv, std::size_t shard,
                                                                request req) {
    auto state = std::make_shared<detail::exchange_state>(co_await asio::this_coro::executor);
    {
        auto ex = std::make_shared<detail::exchange>();
        ex->state = state;
        ex->shard = shard;
        ex->stats = &srv->stats;
        try {
            srv->on_request(std::move(req), responder{std::move(ex)});
        } catch (const std::exception& e) {
            srv->stats.handler_exceptions.fetch_add(1, std::memory_order_relaxed);
            state->complete(error_response(500, std::string("internal error: ") + e.what()));
        }
    }
    while (!state->result) co_await state->wake.async_wait(asio::as_tuple(net::use_task));
    co_return std::pair<response, const char*>{std::move(*state->result), state->route.load()};
}

// One gather write: the head, then the body (or the gathered parts) straight from where they live.
net::task<void> write_response(net::tcp_stream& stream, response&& r, unsigned version, bool keep_alive,
                                     bool head, const std::string& server_name, std::chrono::seconds timeout,
                                     boost::system::error_code& ec) {
    const auto gathered = std::move(r.gathered);
    const bool body = !r.no_body && !head;
    const std::size_t size = gathered && !r.no_body ? gathered->size() : r.body.size();
    const std::string head_text = head_of(r, version, keep_alive, size, server_name);
    std::vector<asio::const_buffer> buffers;
    buffers.reserve(2 + (gathered ? gathered->parts.size() : 0));
    buffers.emplace_back(head_text.data(), head_text.size());
    if (body && gathered) {
        for (auto p : gathered->parts)
            if (!p.empty()) buffers.emplace_back(p.data(), p.size());
    } else if (body && !r.body.empty()) {
        buffers.emplace_back(r.body.data(), r.body.size());
    }
    stream.expires_after(timeout);
    auto [wec, n] = co_await asio::async_write(stream, buffers, asio::as_tuple(net::use_task));
    ec = wec;
}

int status_for_read_error(const boost::system::error_code& ec) {
    if (ec == bhttp::error::body_limit || ec == bhttp::error::header_limit ||
        ec == bhttp::error::buffer_overflow)
        return 413;
    return 400;
}

std::string message_for_read_error(const boost::system::error_code& ec) {
    if (ec == bhttp::error::body_limit) return "request body too large";
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow) return "request header too large";
    return "malformed HTTP request: " + ec.message();
}

bool is_quiet_close(const boost::system::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
           ec == asio::error::operation_aborted || ec == beast::error::timeout || ec == asio::error::bad_descriptor;
}

// A connection between requests keeps at most this much read buffer.
constexpr std::size_t idle_buffer_bytes = 4096;

net::task<void> serve(std::shared_ptr<server::impl> srv, std::size_t shard, net::tcp_socket sock) {
    net::tcp_stream stream{std::move(sock)};
    auto& live = srv->shards[shard].connections;
    auto self = live.insert(live.end(), live_connection{&stream, true});
    beast::flat_buffer buffer{srv->cfg.max_header_bytes + 4096};
    const auto& cfg = srv->cfg;

    for (;;) {
        self->idle = true;
        if (srv->stopping.load() && buffer.size() == 0) break;
        bhttp::request_parser<net::append_string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
        parser.body_limit(cfg.max_body_bytes);
        stream.expires_after(cfg.idle_timeout);
        auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, asio::as_tuple(net::use_task));
        self->idle = false;
        boost::system::error_code ec = hec;
        if (!ec) {
            auto& h = parser.get();
            auto expect = h[bhttp::field::expect];
            if (!parser.is_done() && beast::iequals(expect, "100-continue")) {
                auto cl = parser.content_length();
                if (!cl || *cl <= cfg.max_body_bytes) {
                    bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, h.version()};
                    stream.expires_after(cfg.write_timeout);
                    auto [cec, cn] = co_await bhttp::async_write(stream, cont, asio::as_tuple(net::use_task));
                    if (cec) break;
                }
            }
            // Room for the whole body, so it arrives in as few reads as the kernel allows (the
            // buffer alone would read 512 bytes at a time); given back once the request is done.
            if (auto len = parser.content_length(); len && !parser.is_done())
                buffer.reserve(static_cast<std::size_t>(
                    std::min<std::uint64_t>(buffer.size() + *len, buffer.max_size())));
            stream.expires_after(cfg.read_timeout);
            auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(net::use_task));
            ec = bec;
        }
        if (ec) {
            if (is_quiet_close(ec) && !(ec == bhttp::error::end_of_stream && buffer.size() > 0)) break;
            srv->stats.bad_requests.fetch_add(1, std::memory_order_relaxed);
            auto err = error_response(status_for_read_error(ec), message_for_read_error(ec));
            boost::system::error_code wec;
            co_await write_response(stream, std::move(err), 11, false, false, cfg.server_name, cfg.write_timeout, wec);
            break;
        }
        srv->stats.requests.fetch_add(1, std::memory_order_relaxed);
        auto breq = parser.release();
        if (buffer.size() == 0 && buffer.capacity() > idle_buffer_bytes) buffer.shrink_to_fit();
        const bool head = breq.method() == bhttp::verb::head;
        request req = to_plain(std::move(breq));
        const unsigned version = req.version;
        bool keep_alive = req.keep_alive;
        const auto started = std::chrono::steady_clock::now();
        auto [res, route] = co_await call_handler(srv, shard, std::move(req));
        obs::local().request(route, res.status,
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (srv->stopping.load()) keep_alive = false;
        boost::system::error_code wec;
        co_await write_response(stream, std::move(res), version, keep_alive, head, cfg.server_name, cfg.write_timeout,
                                wec);
        if (wec || !keep_alive) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream.socket().close(ignored);
    live.erase(self);
}

}  // namespace

void spawn_connection(std::shared_ptr<server::impl> srv, std::size_t shard, net::tcp_socket sock) {
    srv->stats.connections_open.fetch_add(1, std::memory_order_relaxed);
    auto& ctx = net::context(srv->runtime, shard);
    server_stats* stats = &srv->stats;
    asio::co_spawn(ctx, serve(std::move(srv), shard, std::move(sock)), [stats](std::exception_ptr e) {
        stats->connections_open.fetch_sub(1, std::memory_order_relaxed);
        if (!e) return;
        stats->handler_exceptions.fetch_add(1, std::memory_order_relaxed);
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            std::fprintf(stderr, "http: connection ended by exception: %s\n", ex.what());
        }
    });
}

}  // namespace tito::http
