// File: tests/support/http_client.cpp
#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>

#include <sys/socket.h>
#include <sys/time.h>

namespace tito::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

std::optional<std::string> http_result::header(const std::string& name) const {
    for (const auto& [k, v] : headers)
        if (beast::iequals(k, name)) return v;
    return std::nullopt;
}

std::size_t http_result::header_count(const std::string& name) const {
    std::size_t n = 0;
    for (const auto& [k, v] : headers)
        if (beast::iequals(k, name)) ++n;
    return n;
}

struct http_client::impl {
    asio::io_context ctx;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    std::string host;
    std::uint16_t port;
};

http_client::http_client(std::uint16_t port, std::string host) : impl_(std::make_unique<impl>()) {
    impl_->host = std::move(host);
    impl_->port = port;
}
http_client::~http_client() = default;

http_result http_client::request(const std::string& method, const std::string& target, const std::string& body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
    http_result out;
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            if (!impl_->stream) {
                impl_->stream.emplace(impl_->ctx);
                impl_->stream->connect(tcp::endpoint{asio::ip::make_address(impl_->host), impl_->port});
                impl_->buffer.clear();
            }
            bhttp::request<bhttp::string_body> req;
            req.method_string(method);
            req.target(target);
            req.version(11);
            req.set(bhttp::field::host, impl_->host);
            for (const auto& [k, v] : headers) req.insert(k, v);
            req.body() = body;
            if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") req.prepare_payload();
            bhttp::write(*impl_->stream, req);
            bhttp::response_parser<bhttp::string_body> parser;
            parser.body_limit(1u << 30);
            if (method == "HEAD") parser.skip(true);
            bhttp::read(*impl_->stream, impl_->buffer, parser);
            auto& res = parser.get();
            out.status = static_cast<int>(res.result_int());
            for (const auto& f : res) out.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
            out.body = res.body();
            if (!res.keep_alive()) impl_->stream.reset();
            return out;
        } catch (const std::exception& e) {
            impl_->stream.reset();
            out.error = e.what();
            if (attempt == 1) return out;
        }
    }
    return out;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes) {
    asio::io_context ctx;
    tcp::socket sock{ctx};
    sock.connect(tcp::endpoint{asio::ip::make_address("127.0.0.1"), port});
    timeval tv{5, 0};
    setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    boost::system::error_code ec;
    asio::write(sock, asio::buffer(bytes), ec);
    std::string out;
    char buf[4096];
    for (;;) {
        auto n = sock.read_some(asio::buffer(buf), ec);
        if (ec || n == 0) break;
        out.append(buf, n);
    }
    return out;
}

std::string session_id_of(const std::string& body) {
    return std::string(boost::json::parse(body).as_object().at("session_id").as_string());
}

}  // namespace tito::test
