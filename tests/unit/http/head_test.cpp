// Tests for http/head: the hand-written response head is byte for byte the head Beast's serializer
// writes for the same response (the server used Beast's serializer before), for every framing case.
#include "http/head.hpp"

#include <gtest/gtest.h>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sstream>

namespace tito::http {
namespace {

namespace bhttp = boost::beast::http;

// What the server wrote with Beast: fields inserted, then Server/Date set, keep-alive applied,
// the payload prepared (or no Content-Length for a bodiless answer).
std::string beast_head(int status, unsigned version, bool keep_alive, const std::vector<header>& fields,
                       const std::string& body, bool no_length) {
    bhttp::response<bhttp::string_body> br{static_cast<bhttp::status>(status), version};
    for (const auto& h : fields) br.insert(h.name, h.value);
    br.set(bhttp::field::server, "tito-server");
    br.set(bhttp::field::date, "Fri, 27 Nov 2026 07:00:00 GMT");
    br.keep_alive(keep_alive);
    if (no_length) {
        br.content_length(boost::none);
    } else {
        br.body() = body;
        br.prepare_payload();
    }
    std::ostringstream os;
    os << br.base();
    return os.str();
}

TEST(http_head, matches_beasts_serializer) {
    const std::vector<std::vector<header>> field_sets = {
        {},
        {{"Content-Type", "application/json"}},
        {{"Content-Type", "text/event-stream; charset=utf-8"}, {"Cache-Control", "no-cache"}, {"X-Accel-Buffering", "no"}},
        {{"x-custom", "a"}, {"X-Custom", "b"}, {"Set-Cookie", "k=v; Path=/"}},
    };
    for (int status : {200, 201, 400, 404, 409, 410, 413, 500, 502, 503, 599})
        for (unsigned version : {10u, 11u})
            for (bool keep_alive : {true, false})
                for (const auto& fields : field_sets)
                    for (const std::string& body : {std::string(), std::string(R"({"error":"x"})")}) {
                        const auto want = beast_head(status, version, keep_alive, fields, body, false);
                        const auto got = response_head(
                            {.status = status, .version = version, .keep_alive = keep_alive, .content_length = body.size()},
                            fields, "tito-server", "Fri, 27 Nov 2026 07:00:00 GMT");
                        EXPECT_EQ(got, want) << status << " " << version << " " << keep_alive;
                    }
}

TEST(http_head, bodiless_answers_have_no_content_length) {
    for (int status : {204, 304}) {
        const auto want = beast_head(status, 11, true, {}, "", true);
        const auto got = response_head({.status = status, .content_length = std::nullopt}, {}, "tito-server",
                                       "Fri, 27 Nov 2026 07:00:00 GMT");
        EXPECT_EQ(got, want);
        EXPECT_EQ(got.find("Content-Length"), std::string::npos);
    }
}

TEST(http_head, server_owned_fields_from_the_handler_are_dropped) {
    const std::vector<header> fields{{"content-length", "999"}, {"Server", "evil"}, {"DATE", "yesterday"},
                                     {"Connection", "upgrade"}, {"Transfer-Encoding", "chunked"}, {"X-Kept", "1"}};
    EXPECT_EQ(response_head({.status = 200, .content_length = 2}, fields, "tito-server", "D"),
              "HTTP/1.1 200 OK\r\nX-Kept: 1\r\nServer: tito-server\r\nDate: D\r\nContent-Length: 2\r\n\r\n");
}

}  // namespace
}  // namespace tito::http
