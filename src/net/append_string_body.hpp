// File: net/append_string_body.hpp
// A Beast body held in a std::string, like http::string_body, whose reader appends each arriving
// buffer (string_body's resizes first, zero-filling the room it then copies over: a memset of the
// whole body for nothing). The writer is string_body's. Private to the Beast-side files (http/,
// upstream/); includes Beast.
// Usage:
//   boost::beast::http::request_parser<tito::net::append_string_body> parser;
#pragma once

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/optional/optional.hpp>

#include <cstdint>
#include <string>

namespace tito::net {

struct append_string_body {
    using value_type = std::string;

    static std::uint64_t size(const value_type& body) { return body.size(); }

    class reader {
    public:
        template <bool isRequest, class Fields>
        reader(boost::beast::http::header<isRequest, Fields>&, value_type& body) : body_(body) {}

        void init(const boost::optional<std::uint64_t>& length, boost::system::error_code& ec) {
            if (length) {
                if (*length > body_.max_size()) {
                    ec = boost::beast::http::error::buffer_overflow;
                    return;
                }
                body_.reserve(static_cast<std::size_t>(*length));
            }
            ec = {};
        }

        template <class ConstBufferSequence>
        std::size_t put(const ConstBufferSequence& buffers, boost::system::error_code& ec) {
            std::size_t n = 0;
            for (auto it = boost::asio::buffer_sequence_begin(buffers); it != boost::asio::buffer_sequence_end(buffers);
                 ++it) {
                const boost::asio::const_buffer b = *it;
                if (b.size() > body_.max_size() - body_.size()) {
                    ec = boost::beast::http::error::buffer_overflow;
                    return n;
                }
                body_.append(static_cast<const char*>(b.data()), b.size());
                n += b.size();
            }
            ec = {};
            return n;
        }

        void finish(boost::system::error_code& ec) { ec = {}; }

    private:
        value_type& body_;
    };

    using writer = boost::beast::http::string_body::writer;
};

}  // namespace tito::net
