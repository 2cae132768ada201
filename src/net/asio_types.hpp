// File: net/asio_types.hpp
// The Asio/Beast types of the I/O code (http, upstream), bound to a shard's concrete executor,
// io_context::executor_type, rather than the type-erased any_io_executor that Asio's defaults
// use: every async operation and coroutine step copies its executor, and a concrete one is a
// pointer while any_io_executor copies through a function table. For the components allowed to
// include Asio (net/asio_runtime.hpp).
// Usage:
//   net::task<void> serve(net::tcp_socket sock) {
//       net::tcp_stream stream{std::move(sock)};
//       auto [ec, n] = co_await boost::asio::async_write(stream, buf, boost::asio::as_tuple(net::use_task));
//   }
//   boost::asio::co_spawn(ctx, serve(std::move(sock)), boost::asio::detached);
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>

namespace tito::net {

using executor = boost::asio::io_context::executor_type;
template <class T>
using task = boost::asio::awaitable<T, executor>;
inline constexpr boost::asio::use_awaitable_t<executor> use_task{};

using tcp_socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, executor>;
using tcp_acceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, executor>;
using steady_timer = boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                                       boost::asio::wait_traits<std::chrono::steady_clock>, executor>;
using tcp_stream = boost::beast::basic_stream<boost::asio::ip::tcp, executor, boost::beast::unlimited_rate_policy>;

}  // namespace tito::net
