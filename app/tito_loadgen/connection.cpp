// File: app/tito_loadgen/connection.cpp
#include "connection.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

#include <fmt/format.h>

#include <array>

namespace tito::loadgen {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

void connection::close() {
    if (sock_) {
        boost::system::error_code ignored;
        sock_->close(ignored);
        sock_.reset();
    }
}

asio::awaitable<http_result> connection::request(std::uint16_t port, std::string_view method, std::string_view path,
                                                 std::string_view body) {
    http_result out;
    if (sock_ && port_ != port) close();
    if (!sock_) {
        sock_ = std::make_unique<tcp::socket>(ex_);
        auto [ec] = co_await sock_->async_connect(tcp::endpoint{addr_, port}, asio::as_tuple(asio::use_awaitable));
        if (ec) {
            close();
            out.ec = ec;
            co_return out;
        }
        sock_->set_option(tcp::no_delay(true));
        port_ = port;
        buffer_.clear();
    }
    head_.clear();
    fmt::format_to(std::back_inserter(head_), "{} {} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", method, path, port);
    if (!body.empty() || method == "POST")
        fmt::format_to(std::back_inserter(head_), "Content-Type: application/json\r\nContent-Length: {}\r\n", body.size());
    head_ += "\r\n";
    const std::array<asio::const_buffer, 2> bufs{asio::buffer(head_), asio::buffer(body.data(), body.size())};
    auto [wec, wn] = co_await asio::async_write(*sock_, bufs, asio::as_tuple(asio::use_awaitable));
    if (wec) {
        close();
        out.ec = wec;
        co_return out;
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(std::uint64_t{1} << 32);
    if (method == "HEAD") parser.skip(true);
    // Header first, then room for the whole body so it arrives in few reads (the buffer alone
    // reads 512 bytes at a time); an idle connection keeps at most 4 KiB.
    auto [rec, rn] = co_await bhttp::async_read_header(*sock_, buffer_, parser, asio::as_tuple(asio::use_awaitable));
    if (!rec && !parser.is_done()) {
        if (auto len = parser.content_length()) buffer_.reserve(buffer_.size() + static_cast<std::size_t>(*len));
        auto [bec, bn] = co_await bhttp::async_read(*sock_, buffer_, parser, asio::as_tuple(asio::use_awaitable));
        rec = bec;
    }
    if (buffer_.size() == 0 && buffer_.capacity() > 4096) buffer_.shrink_to_fit();
    if (rec) {
        close();
        out.ec = rec;
        co_return out;
    }
    auto msg = parser.release();
    out.status = static_cast<int>(msg.result_int());
    if (!msg.keep_alive()) close();
    out.body = std::move(msg.body());
    co_return out;
}

}  // namespace tito::loadgen
