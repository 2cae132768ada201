// File: upstream/pool.hpp
// Private to upstream/: one shard's connection pool. Lives on one shard and is touched only
// from that shard's thread, so it has no locks. See POOL.md.
#pragma once

#include "net/asio_types.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <vector>

namespace tito::upstream::detail {

struct connection {
    explicit connection(boost::asio::io_context& ctx) : stream(ctx) {}
    net::tcp_stream stream;
    std::chrono::steady_clock::time_point idle_since{};
    std::uint64_t exchanges = 0;  // completed on this connection
};

// A request waiting for a connection slot. Woken by cancelling `wake`.
struct waiter {
    explicit waiter(boost::asio::io_context& ctx) : wake(ctx) {}
    net::steady_timer wake;
    std::shared_ptr<connection> handed;  // an idle connection handed over, or
    bool slot = false;                   // the right to open a new one
    bool done = false;
};

enum class acquire_status { idle_connection, new_slot, must_wait, overflow };

class pool {
public:
    pool(boost::asio::io_context& ctx, std::size_t max_connections, std::size_t max_pending,
         std::chrono::seconds idle_keepalive)
        : ctx_(ctx), max_connections_(max_connections), max_pending_(max_pending), idle_keepalive_(idle_keepalive) {}

    // Fast path: an idle live connection, or a slot to open a new one; else must_wait/overflow.
    acquire_status try_acquire(std::shared_ptr<connection>& out);
    void enqueue(std::shared_ptr<waiter> w) { pending_.push_back(std::move(w)); }
    void forget(const std::shared_ptr<waiter>& w);  // a waiter that timed out or was cancelled

    // The exchange finished and the connection may be kept alive.
    void release(std::shared_ptr<connection> c);
    // The connection was closed (error, cancel, no keep-alive) or a new slot was not used.
    void discard_slot();

    std::size_t open() const noexcept { return open_; }
    std::size_t idle() const noexcept { return idle_.size(); }
    std::size_t pending() const noexcept { return pending_.size(); }
    boost::asio::io_context& context() noexcept { return ctx_; }

private:
    static bool looks_alive(connection& c);
    std::shared_ptr<waiter> next_waiter();

    boost::asio::io_context& ctx_;
    std::size_t max_connections_;
    std::size_t max_pending_;
    std::chrono::seconds idle_keepalive_;
    std::size_t open_ = 0;  // connections counted against the limit (idle + busy + connecting)
    std::vector<std::shared_ptr<connection>> idle_;  // LIFO: the warmest connection first
    std::deque<std::shared_ptr<waiter>> pending_;
};

}  // namespace tito::upstream::detail
