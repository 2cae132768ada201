// Tests for api/headers.hpp: the header rules of spec 2.9.
#include <gtest/gtest.h>

#include "api/headers.hpp"

namespace tito::api {
namespace {

TEST(headers, request_rules_drop_framing_host_hop_by_hop_and_replace_routing_key) {
    http::request q;
    q.headers = {{"Host", "me"},           {"Content-Length", "5"}, {"Transfer-Encoding", "chunked"},
                 {"Connection", "close"},  {"Keep-Alive", "5"},     {"Accept-Encoding", "gzip"},
                 {"x-smg-routing-key", "spoof"}, {"Authorization", "Bearer t"}, {"X-Request-Id", "r1"},
                 {"Content-Type", "application/json"}, {"TE", "trailers"}, {"Upgrade", "h2c"}};
    auto out = upstream_request_headers(q, "sid");
    upstream::header_list want = {{"Authorization", "Bearer t"},
                                  {"X-Request-Id", "r1"},
                                  {"Content-Type", "application/json"},
                                  {"X-SMG-Routing-Key", "sid"}};
    EXPECT_EQ(out, want);
}

TEST(headers, response_rules_drop_framing_encoding_server_date) {
    upstream::header_list up = {{"Content-Length", "9"}, {"Transfer-Encoding", "chunked"}, {"Content-Encoding", "gzip"},
                                {"Server", "uvicorn"},    {"Date", "x"},                   {"Connection", "keep-alive"},
                                {"Content-Type", "application/json"}, {"X-Trace", "t"}};
    http::response r;
    copy_response_headers(up, r);
    ASSERT_EQ(r.headers.size(), 2u);
    EXPECT_EQ(r.headers[0].name, "Content-Type");
    EXPECT_EQ(r.headers[1].name, "X-Trace");
}

}  // namespace
}  // namespace tito::api
