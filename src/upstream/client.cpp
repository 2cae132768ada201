// File: upstream/client.cpp
// One upstream exchange as a coroutine on the caller's shard: acquire a pooled connection
// (or a slot for a new one, or wait in the bounded queue), write, read with a deadline,
// return the connection to the pool if it can be kept alive.
#include "upstream/client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/url/parse.hpp>

#include <fmt/format.h>

#include <array>

#include "net/append_string_body.hpp"
#include "net/asio_runtime.hpp"
#include "upstream/pool.hpp"
#include "upstream/request_head.hpp"

namespace tito::upstream {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using detail::acquire_status;
using detail::connection;

struct client::impl {
    net::runtime& rt;
    client_config cfg;
    std::string host;
    std::string port;
    std::string base_path;  // without trailing '/'
    std::string host_header;
    std::vector<tcp::endpoint> endpoints;
    std::vector<std::unique_ptr<detail::pool>> pools;  // one per shard
    client_stats stats;

    explicit impl(net::runtime& r, client_config c) : rt(r), cfg(std::move(c)) {}
};

namespace {

bool is_timeout(const boost::system::error_code& ec) { return ec == beast::error::timeout; }

error transport(std::string kind, const boost::system::error_code& ec) {
    return error{errc::upstream_transport, fmt::format("{}: {}", kind, ec.message())};
}

struct exchange_state {
    std::shared_ptr<client::impl> cl;
    detail::pool* pool;
    std::shared_ptr<cancel_handle> cancel;
    std::chrono::steady_clock::time_point deadline;
};

error cancelled_error(client::impl& cl) {
    cl.stats.cancelled.fetch_add(1, std::memory_order_relaxed);
    return error{errc::upstream_transport, "CancelledError: upstream call cancelled"};
}

// Arms the cancel handle to close `c`'s socket on its shard; false if already cancelled.
bool arm_close(exchange_state& st, const std::shared_ptr<connection>& c) {
    if (!st.cancel) return true;
    std::weak_ptr<connection> weak = c;
    auto& ctx = st.pool->context();
    return st.cancel->arm([weak, &ctx] {
        asio::post(ctx, [weak] {
            if (auto c = weak.lock()) {
                boost::system::error_code ignored;
                c->stream.socket().close(ignored);
            }
        });
    });
}

// A connection (reused) or an empty pointer with a slot to open one; an error otherwise.
net::task<result<std::shared_ptr<connection>>> acquire(exchange_state& st) {
    std::shared_ptr<connection> c;
    switch (st.pool->try_acquire(c)) {
        case acquire_status::idle_connection: co_return c;
        case acquire_status::new_slot: co_return std::shared_ptr<connection>{};
        case acquire_status::overflow:
            st.cl->stats.pool_overflows.fetch_add(1, std::memory_order_relaxed);
            co_return error{errc::upstream_transport, "PoolTimeout: too many requests waiting for a backend connection"};
        case acquire_status::must_wait: break;
    }
    auto w = std::make_shared<detail::waiter>(st.pool->context());
    w->wake.expires_at(st.deadline);
    st.pool->enqueue(w);
    if (st.cancel) {
        std::weak_ptr<detail::waiter> weak = w;
        auto& ctx = st.pool->context();
        st.cancel->arm([weak, &ctx] {
            asio::post(ctx, [weak] {
                if (auto w = weak.lock()) w->wake.cancel();
            });
        });
    }
    co_await w->wake.async_wait(asio::as_tuple(net::use_task));
    if (st.cancel) st.cancel->disarm();
    if (w->handed) co_return std::move(w->handed);
    if (w->slot) co_return std::shared_ptr<connection>{};
    w->done = true;
    st.pool->forget(w);
    if (st.cancel && st.cancel->cancelled()) co_return cancelled_error(*st.cl);
    co_return error{errc::upstream_transport, "PoolTimeout: timed out waiting for a backend connection"};
}

net::task<result<response>> run_exchange(exchange_state st, request req) {
    auto& cl = *st.cl;
    cl.stats.requests.fetch_add(1, std::memory_order_relaxed);
    if (st.cancel && st.cancel->cancelled()) co_return cancelled_error(cl);
    auto got = co_await acquire(st);
    if (!got) co_return std::move(got).error();
    std::shared_ptr<connection> c = std::move(*got);
    bool reused = c != nullptr;
    bool retried = false;
    // One gather write of the head (http/head.hpp) and the body.
    const std::string head = request_head(req.method, cl.base_path + req.path_and_query, req.headers,
                                                cl.host_header, req.body.size());
    const std::array<asio::const_buffer, 2> message{asio::buffer(head), asio::buffer(req.body)};

    for (;;) {
        if (!c) {
            c = std::make_shared<connection>(st.pool->context());
            if (!arm_close(st, c)) {
                st.pool->discard_slot();
                co_return cancelled_error(cl);
            }
            c->stream.expires_at(st.deadline);
            auto [ec, ep] = co_await c->stream.async_connect(cl.endpoints, asio::as_tuple(net::use_task));
            if (ec) {
                st.pool->discard_slot();
                if (st.cancel && st.cancel->cancelled()) co_return cancelled_error(cl);
                cl.stats.transport_errors.fetch_add(1, std::memory_order_relaxed);
                co_return transport(is_timeout(ec) ? "ConnectTimeout" : "ConnectError", ec);
            }
            cl.stats.connections_opened.fetch_add(1, std::memory_order_relaxed);
        } else {
            cl.stats.connections_reused.fetch_add(1, std::memory_order_relaxed);
            if (!arm_close(st, c)) {
                st.pool->release(std::move(c));
                co_return cancelled_error(cl);
            }
        }
        c->stream.expires_at(st.deadline);
        auto [wec, written] = co_await asio::async_write(c->stream, message, asio::as_tuple(net::use_task));
        if (!wec) break;
        boost::system::error_code ignored;
        c->stream.socket().close(ignored);
        if (st.cancel && st.cancel->cancelled()) {
            st.pool->discard_slot();
            co_return cancelled_error(cl);
        }
        if (reused && written == 0 && !retried && !is_timeout(wec)) {
            // Stale keep-alive connection and not one byte of the request left: retry once, fresh.
            cl.stats.stale_retries.fetch_add(1, std::memory_order_relaxed);
            retried = true;
            reused = false;
            c.reset();  // keeps the slot
            continue;
        }
        st.pool->discard_slot();
        cl.stats.transport_errors.fetch_add(1, std::memory_order_relaxed);
        co_return transport(is_timeout(wec) ? "WriteTimeout" : "WriteError", wec);
    }

    // The header, then the body into a buffer with room for all of it: the kernel hands over the
    // reply in as few reads as it can (the default buffer reads 512 bytes at a time).
    beast::flat_buffer buffer;
    buffer.reserve(4096);
    bhttp::response_parser<net::append_string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cl.cfg.max_response_header_bytes));
    parser.body_limit(cl.cfg.max_response_bytes);
    c->stream.expires_at(st.deadline);
    auto [rec, n] = co_await bhttp::async_read_header(c->stream, buffer, parser, asio::as_tuple(net::use_task));
    if (!rec && !parser.is_done()) {
        if (auto len = parser.content_length())
            buffer.reserve(buffer.size() + static_cast<std::size_t>(std::min<std::uint64_t>(*len, cl.cfg.max_response_bytes)));
        auto [body_ec, body_n] = co_await bhttp::async_read(c->stream, buffer, parser, asio::as_tuple(net::use_task));
        rec = body_ec;
    }
    if (st.cancel) st.cancel->disarm();
    if (rec) {
        boost::system::error_code ignored;
        c->stream.socket().close(ignored);
        st.pool->discard_slot();
        if (st.cancel && st.cancel->cancelled()) co_return cancelled_error(cl);
        cl.stats.transport_errors.fetch_add(1, std::memory_order_relaxed);
        if (is_timeout(rec)) co_return transport("ReadTimeout", rec);
        if (rec == bhttp::error::end_of_stream || rec == asio::error::eof || rec == asio::error::connection_reset)
            co_return transport("RemoteProtocolError", rec);
        co_return transport("ReadError", rec);
    }
    auto& bres = parser.get();
    response out;
    out.status = static_cast<int>(bres.result_int());
    out.headers.reserve(8);
    for (const auto& f : bres) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
    out.body = std::move(bres.body());
    out.sent_body = std::move(req.body);
    const bool keep = bres.keep_alive() && buffer.size() == 0 && !(st.cancel && st.cancel->cancelled());
    ++c->exchanges;
    if (keep) {
        st.pool->release(std::move(c));
    } else {
        boost::system::error_code ignored;
        c->stream.socket().close(ignored);
        st.pool->discard_slot();
    }
    co_return out;
}

}  // namespace

result<std::unique_ptr<client>> client::make(net::runtime& rt, client_config cfg) {
    auto parsed = boost::urls::parse_uri(cfg.base_url);
    if (!parsed) return error{errc::config, fmt::format("invalid backend URL '{}': {}", cfg.base_url, parsed.error().message())};
    if (parsed->scheme() != "http")
        return error{errc::config, fmt::format("backend URL '{}': only http:// is supported", cfg.base_url)};
    auto i = std::make_shared<impl>(rt, cfg);
    i->host = std::string(parsed->host_name().empty() ? parsed->host() : parsed->host_name());
    if (parsed->host_type() == boost::urls::host_type::ipv6) i->host = std::string(parsed->encoded_host_address());
    i->port = parsed->has_port() ? std::string(parsed->port()) : "80";
    i->base_path = std::string(parsed->encoded_path());
    while (!i->base_path.empty() && i->base_path.back() == '/') i->base_path.pop_back();
    i->host_header = std::string(parsed->encoded_host_and_port());
    boost::system::error_code ec;
    asio::io_context tmp;
    tcp::resolver resolver{tmp};
    auto results = resolver.resolve(i->host, i->port, ec);
    if (ec || results.empty())
        return error{errc::config, fmt::format("cannot resolve backend host '{}': {}", i->host, ec.message())};
    for (const auto& r : results) i->endpoints.push_back(r.endpoint());
    const std::size_t shards = rt.shards();
    const std::size_t per_shard = std::max<std::size_t>(1, (cfg.max_connections + shards - 1) / shards);
    for (std::size_t s = 0; s < shards; ++s)
        i->pools.push_back(std::make_unique<detail::pool>(net::context(rt, s), per_shard, cfg.max_pending, cfg.idle_keepalive));
    return std::unique_ptr<client>(new client(std::move(i)));
}

client::client(std::shared_ptr<impl> i) : impl_(std::move(i)) {}
client::~client() = default;

void client::send(request req, completion done, std::shared_ptr<cancel_handle> cancel) {
    std::size_t shard = net::this_shard();
    if (shard == net::no_shard || net::this_runtime() != &impl_->rt) {
        impl_->rt.post(0, [self = impl_, req = std::move(req), done = std::move(done), cancel]() mutable {
            client c{self};
            c.send(std::move(req), std::move(done), std::move(cancel));
        });
        return;
    }
    exchange_state st{impl_, impl_->pools[shard].get(), std::move(cancel),
                      std::chrono::steady_clock::now() + impl_->cfg.timeout};
    asio::co_spawn(net::context(impl_->rt, shard), run_exchange(std::move(st), std::move(req)),
                   [done = std::move(done)](std::exception_ptr e, result<response> r) {
                       if (e) {
                           try {
                               std::rethrow_exception(e);
                           } catch (const std::exception& ex) {
                               done(error{errc::upstream_transport, std::string("InternalError: ") + ex.what()});
                           }
                           return;
                       }
                       done(std::move(r));
                   });
}

const client_stats& client::stats() const noexcept { return impl_->stats; }
const client_config& client::config() const noexcept { return impl_->cfg; }
const std::string& client::host_header() const noexcept { return impl_->host_header; }

}  // namespace tito::upstream
