// End-to-end: the transparent proxy (spec 2.8, 2.9) through a real tito-server process to an
// in-process fake upstream or a real tito-stub; transport failures (refused, backend killed
// mid-request, backend closing mid-response), concurrency, graceful shutdown.
#include <gtest/gtest.h>

#include <signal.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <atomic>
#include <future>
#include <thread>

#include "support/fake_upstream.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace tito::test {
namespace {

std::string port_url(std::uint16_t p) { return "http://127.0.0.1:" + std::to_string(p); }

TEST(server_proxy, forwards_method_path_query_body_and_header_rules) {
    fake_upstream up{[](const http::request& q) {
        auto r = http::json_response(201, R"({ "b": 1.0, "a": [1, 2], "u": "\u00e9" })");
        r.headers.push_back({"X-Upstream", "yes"});
        r.headers.push_back({"Server", "fake"});
        r.headers.push_back({"Connection", "keep-alive"});
        return r;
    }};
    auto srv = start_server({"--backend-url", up.url()});
    http_client c{srv.port};
    auto r = c.request("PATCH", "/sessions/sess1/v1/some/path?x=1&y=%20", R"({"k": "v"})",
                       {{"X-SMG-Routing-Key", "spoofed"}, {"X-Custom", "c1"}, {"Accept-Encoding", "gzip"}});
    ASSERT_EQ(r.status, 201) << r.body << r.error;
    EXPECT_EQ(r.body, R"({"b":1.0,"a":[1,2],"u":"é"})");  // compact re-emit, key order and 1.0 kept
    EXPECT_EQ(r.header("x-upstream").value_or(""), "yes");
    EXPECT_EQ(r.header_count("server"), 1u);
    EXPECT_EQ(r.header("server").value_or(""), "tito-server");
    EXPECT_EQ(r.header_count("date"), 1u);

    auto got = up.received();
    ASSERT_EQ(got.size(), 1u);
    const auto& q = got[0];
    EXPECT_EQ(q.method, "PATCH");
    EXPECT_EQ(q.target, "/v1/some/path?x=1&y=%20");
    EXPECT_EQ(q.body, R"({"k": "v"})");  // request bodies are forwarded byte for byte
    int routing = 0;
    for (const auto& h : q.headers) {
        if (http::iequals(h.name, "x-smg-routing-key")) {
            ++routing;
            EXPECT_EQ(h.value, "sess1");
        }
        EXPECT_FALSE(http::iequals(h.name, "accept-encoding"));
    }
    EXPECT_EQ(routing, 1);
    EXPECT_EQ(q.find_header("x-custom").value_or(""), "c1");
    EXPECT_EQ(q.find_header("host").value_or(""), "127.0.0.1:" + std::to_string(up.port()));
}

TEST(server_proxy, non_json_bodies_pass_through_byte_for_byte) {
    const std::string bytes("plain \x01\x02 text\n", 15);
    fake_upstream up{[&](const http::request&) {
        http::response r;
        r.status = 418;
        r.headers.push_back({"Content-Type", "text/x-odd"});
        r.body = bytes;
        return r;
    }};
    auto srv = start_server({"--backend-url", up.url()});
    http_client c{srv.port};
    auto r = c.request("GET", "/sessions/s/anything");
    EXPECT_EQ(r.status, 418);
    EXPECT_EQ(r.body, bytes);
    EXPECT_EQ(r.header("content-type").value_or(""), "text/x-odd");
}

TEST(server_proxy, refused_backend_is_502_transport_error) {
    std::uint16_t dead_port;
    {
        fake_upstream up{[](const http::request&) { return http::json_response(200, "{}"); }};
        dead_port = up.port();
    }
    auto srv = start_server({"--backend-url", port_url(dead_port)});
    http_client c{srv.port};
    auto r = c.request("GET", "/sessions/s/v1/models");
    EXPECT_EQ(r.status, 502);
    EXPECT_EQ(r.body.rfind(R"({"error":"backend transport error: ConnectError: )", 0), 0u) << r.body;
    EXPECT_EQ(c.request("GET", "/health").status, 200);
}

TEST(server_proxy, backend_killed_mid_request_is_502_and_server_keeps_serving) {
    auto stub = start_stub({"--latency-ms", "30000"});
    auto srv = start_server({"--backend-url", port_url(stub.port)});
    auto pending = std::async(std::launch::async, [&] {
        http_client c{srv.port};
        return c.request("POST", "/sessions/s/generate", "{}");
    });
    std::this_thread::sleep_for(std::chrono::milliseconds{300});  // let the request reach the stub
    stub.proc->signal(SIGKILL);
    auto r = pending.get();
    EXPECT_EQ(r.status, 502) << r.body;
    EXPECT_NE(r.body.find("backend transport error"), std::string::npos) << r.body;
    http_client c{srv.port};
    EXPECT_EQ(c.request("GET", "/health").status, 200);
}

TEST(server_proxy, backend_closing_mid_response_is_502) {
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::acceptor acc{io, {asio::ip::make_address("127.0.0.1"), 0}};
    const auto fake_port = acc.local_endpoint().port();
    std::thread fake{[&] {
        for (int i = 0; i < 2; ++i) {
            auto sock = acc.accept();
            asio::streambuf buf;
            boost::system::error_code ec;
            asio::read_until(sock, buf, "\r\n\r\n", ec);
            const std::string partial = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"trunc";
            asio::write(sock, asio::buffer(partial), ec);
            sock.close();
        }
    }};
    auto srv = start_server({"--backend-url", port_url(fake_port)});
    http_client c{srv.port};
    auto r = c.request("POST", "/sessions/s/generate", "{}");
    EXPECT_EQ(r.status, 502);
    EXPECT_NE(r.body.find("backend transport error: "), std::string::npos) << r.body;
    auto r2 = c.request("POST", "/sessions/s/generate", "{}");
    EXPECT_EQ(r2.status, 502);
    fake.join();
}

TEST(server_proxy, upstream_timeout_is_502) {
    auto stub = start_stub({"--latency-ms", "5000"});
    auto srv = start_server({"--backend-url", port_url(stub.port), "--upstream-timeout", "0.3"});
    http_client c{srv.port};
    const auto t0 = std::chrono::steady_clock::now();
    auto r = c.request("POST", "/sessions/s/generate", "{}");
    EXPECT_EQ(r.status, 502);
    EXPECT_NE(r.body.find("ReadTimeout"), std::string::npos) << r.body;
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds{3});
}

TEST(server_proxy, many_concurrent_requests_share_a_bounded_pool) {
    auto stub = start_stub({"--latency-ms", "200"});
    auto srv = start_server({"--backend-url", port_url(stub.port), "--max-upstream-connections", "16"});
    constexpr int clients = 64;
    std::vector<std::future<int>> results;
    for (int i = 0; i < clients; ++i)
        results.push_back(std::async(std::launch::async, [&] {
            http_client c{srv.port};
            int ok = 0;
            for (int k = 0; k < 3; ++k) ok += c.request("POST", "/sessions/s/generate", "{}").status == 200;
            return ok;
        }));
    int ok = 0;
    for (auto& f : results) ok += f.get();
    EXPECT_EQ(ok, clients * 3);  // all served although only 16 upstream connections may exist
}

TEST(server_proxy, sigterm_drains_in_flight_requests_then_exits_zero) {
    auto stub = start_stub({"--latency-ms", "700"});
    auto srv = start_server({"--backend-url", port_url(stub.port)});
    auto pending = std::async(std::launch::async, [&] {
        http_client c{srv.port};
        return c.request("POST", "/sessions/s/generate", "{}");
    });
    std::this_thread::sleep_for(std::chrono::milliseconds{200});
    srv.proc->signal(SIGTERM);
    auto r = pending.get();
    EXPECT_EQ(r.status, 200) << r.error;
    EXPECT_EQ(srv.proc->wait_exit(std::chrono::seconds{10}), 0);
    // no longer accepting
    http_client c{srv.port};
    EXPECT_EQ(c.request("GET", "/health").status, 0);
}

TEST(server_proxy, embedded_stub_answers_when_no_backend_url) {
    auto srv = start_server({});
    http_client c{srv.port};
    auto r = c.request("GET", "/sessions/abc/v1/models");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"status":"ok"})");
}

}  // namespace
}  // namespace tito::test
