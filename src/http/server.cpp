// File: http/server.cpp
// Listener and lifecycle of http::server: bind, accept loop on shard 0 handing sockets to
// shards round-robin, graceful shutdown (stop accepting, close idle, drain, then cut).
#include "http/server.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>

#include <fmt/format.h>

#include <future>
#include <thread>

#include "http/detail/server_impl.hpp"
#include "net/asio_runtime.hpp"

namespace tito::http {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

net::task<void> accept_loop(std::shared_ptr<server::impl> srv) {
    std::size_t next = 0;
    const std::size_t n = srv->runtime.shards();
    for (;;) {
        const std::size_t shard = next++ % n;
        auto [ec, sock] = co_await srv->acceptor->async_accept(net::context(srv->runtime, shard),
                                                               asio::as_tuple(net::use_task));
        if (srv->stopping.load()) co_return;
        if (ec == asio::error::operation_aborted) co_return;
        if (ec) {
            // EMFILE and friends: back off briefly instead of spinning or dying.
            net::steady_timer t{co_await asio::this_coro::executor, std::chrono::milliseconds{50}};
            co_await t.async_wait(asio::as_tuple(net::use_task));
            continue;
        }
        if (srv->stats.connections_open.load() >= srv->cfg.max_connections) {
            boost::system::error_code ignored;
            sock.close(ignored);
            continue;
        }
        srv->stats.connections_accepted.fetch_add(1, std::memory_order_relaxed);
        spawn_connection(srv, shard, std::move(sock));
    }
}

template <class F>
void run_on_all_shards(net::runtime& rt, F f) {
    std::vector<std::future<void>> done;
    for (std::size_t i = 0; i < rt.shards(); ++i) {
        auto p = std::make_shared<std::promise<void>>();
        done.push_back(p->get_future());
        rt.post(i, [p, f] {
            f();
            p->set_value();
        });
    }
    for (auto& d : done) d.wait();
}

}  // namespace

void server::impl::close_idle_on_this_shard() {
    for (auto& c : shards[net::this_shard()].connections)
        if (c.idle) c.stream->socket().close();
}

void server::impl::close_all_on_this_shard() {
    for (auto& c : shards[net::this_shard()].connections) c.stream->socket().close();
}

server::server(net::runtime& rt, server_config cfg, handler h)
    : impl_(std::make_shared<impl>(rt, std::move(cfg), std::move(h))) {
    impl_->shards.resize(rt.shards());
}

// The owner calls shutdown() while the runtime still runs; connections hold impl_ alive.
server::~server() = default;

result<void> server::start() {
    auto& ctx = net::context(impl_->runtime, 0);
    boost::system::error_code ec;
    auto addr = asio::ip::make_address(impl_->cfg.host, ec);
    if (ec) return error{errc::config, fmt::format("invalid --host '{}': {}", impl_->cfg.host, ec.message())};
    tcp::endpoint ep{addr, impl_->cfg.port};
    net::tcp_acceptor acc{ctx};
    if (acc.open(ep.protocol(), ec); ec) return error{errc::config, "socket: " + ec.message()};
    acc.set_option(asio::socket_base::reuse_address(true), ec);
    if (acc.bind(ep, ec); ec)
        return error{errc::config, fmt::format("cannot bind {}:{}: {}", impl_->cfg.host, impl_->cfg.port, ec.message())};
    if (acc.listen(asio::socket_base::max_listen_connections, ec); ec)
        return error{errc::config, "listen: " + ec.message()};
    impl_->bound_port = acc.local_endpoint().port();
    impl_->acceptor.emplace(std::move(acc));
    asio::co_spawn(ctx, accept_loop(impl_), asio::detached);
    return {};
}

std::uint16_t server::port() const noexcept { return impl_->bound_port; }

const server_stats& server::stats() const noexcept { return impl_->stats; }

bool server::shutdown(std::chrono::milliseconds drain) {
    auto s = impl_;
    if (s->stopping.exchange(true)) return s->stats.connections_open.load() == 0;
    run_on_all_shards(s->runtime, [s] {
        if (net::this_shard() == 0 && s->acceptor) {
            boost::system::error_code ignored;
            s->acceptor->close(ignored);
        }
        s->close_idle_on_this_shard();
    });
    const auto deadline = std::chrono::steady_clock::now() + drain;
    while (s->stats.connections_open.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    if (s->stats.connections_open.load() == 0) return true;
    run_on_all_shards(s->runtime, [s] { s->close_all_on_this_shard(); });
    return false;
}

}  // namespace tito::http
