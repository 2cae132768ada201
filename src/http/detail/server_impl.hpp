// File: http/detail/server_impl.hpp
// Private to http/: the Beast-side state behind http::server (pimpl). Includes Asio/Beast.
// Locking: `shards[k]` is touched only on shard k's thread; counters are atomics.
#pragma once

#include "net/asio_types.hpp"

#include <atomic>
#include <list>
#include <memory>
#include <optional>
#include <vector>

#include "http/server.hpp"

namespace tito::http {

struct live_connection {
    net::tcp_stream* stream = nullptr;
    bool idle = true;  // waiting for the next request's first byte
};

struct server::impl : std::enable_shared_from_this<server::impl> {
    impl(net::runtime& rt, server_config c, handler h) : runtime(rt), cfg(std::move(c)), on_request(std::move(h)) {}

    net::runtime& runtime;
    server_config cfg;
    handler on_request;
    server_stats stats;
    std::uint16_t bound_port = 0;
    std::atomic<bool> stopping{false};
    std::optional<net::tcp_acceptor> acceptor;  // lives on shard 0

    struct shard_state {
        std::list<live_connection> connections;
    };
    std::vector<shard_state> shards;

    // Close every idle connection of the calling shard (used at shutdown).
    void close_idle_on_this_shard();
    void close_all_on_this_shard();
};

// Spawns the coroutine that serves one accepted socket on its shard.
void spawn_connection(std::shared_ptr<server::impl> srv, std::size_t shard, net::tcp_socket sock);

// "Thu, 26 Nov 2026 22:31:26 GMT", cached per thread per second.
const std::string& http_date_now();

}  // namespace tito::http
