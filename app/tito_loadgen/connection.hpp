// File: app/tito_loadgen/connection.hpp
// One keep-alive HTTP/1.1 client connection for the load generator's coroutines: connects
// lazily (to the port of the current request), reconnects after an error or a "Connection:
// close", and reports transport errors as an error code instead of throwing.
// Usage:
//   connection c{executor, "127.0.0.1"};
//   http_result r = co_await c.request(port, "POST", "/sessions", "");
//   if (r.ec) ...transport error... else if (r.status >= 400) ...
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace tito::loadgen {

struct http_result {
    boost::system::error_code ec;  // set: transport error (connect, write, read, parse)
    int status = 0;
    std::string body;
};

class connection {
public:
    connection(boost::asio::any_io_executor ex, boost::asio::ip::address addr) : ex_(std::move(ex)), addr_(addr) {}
    boost::asio::awaitable<http_result> request(std::uint16_t port, std::string_view method, std::string_view path,
                                                std::string_view body);
    void close();

private:
    boost::asio::any_io_executor ex_;
    boost::asio::ip::address addr_;
    std::unique_ptr<boost::asio::ip::tcp::socket> sock_;
    std::uint16_t port_ = 0;
    boost::beast::flat_buffer buffer_;
    std::string head_;  // reused request head
};

}  // namespace tito::loadgen
