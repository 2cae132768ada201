// Tests for upstream/client.hpp over real loopback sockets: keep-alive reuse, stale pooled
// connections, the connection bound, the pending-queue bound, deadlines and cancellation.
#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <future>
#include <thread>

#include "backend/stub/stub_backend.hpp"
#include "http/server.hpp"
#include "upstream/client.hpp"

namespace tito::upstream {
namespace {

// The stub backend served in-process on its own runtime.
struct stub_fixture {
    explicit stub_fixture(double latency_ms) : stub(rt, [&] {
        backend::stub_config c;
        c.latency_ms = latency_ms;
        return c;
    }()) {
        srv = std::make_unique<http::server>(rt, http::server_config{},
                                             [this](http::request q, http::responder r) { stub.handle(std::move(q), r); });
        EXPECT_TRUE(srv->start());
        rt.start();
    }
    ~stub_fixture() {
        srv->shutdown(std::chrono::milliseconds{100});
        rt.force_stop();
        rt.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(srv->port()); }
    net::runtime rt{1};
    backend::stub_backend stub;
    std::unique_ptr<http::server> srv;
};

struct client_fixture {
    explicit client_fixture(client_config cfg) {
        auto c = client::make(rt, std::move(cfg));
        EXPECT_TRUE(c);
        cl = std::move(*c);
        rt.start();
    }
    ~client_fixture() {
        rt.force_stop();
        rt.join();
    }
    std::future<result<response>> send(std::string path, std::shared_ptr<cancel_handle> cancel = nullptr) {
        auto p = std::make_shared<std::promise<result<response>>>();
        auto f = p->get_future();
        request q;
        q.method = "POST";
        q.path_and_query = std::move(path);
        q.body = R"({"messages":[]})";
        cl->send(std::move(q), [p](result<response> r) { p->set_value(std::move(r)); }, std::move(cancel));
        return f;
    }
    net::runtime rt{1};
    std::unique_ptr<client> cl;
};

TEST(upstream_client, keep_alive_connection_is_reused) {
    stub_fixture stub{0};
    client_config cfg;
    cfg.base_url = stub.url();
    client_fixture c{cfg};
    for (int i = 0; i < 5; ++i) {
        auto r = c.send("/v1/chat/completions").get();
        ASSERT_TRUE(r) << r.error().message();
        EXPECT_EQ(r->status, 200);
        EXPECT_NE(r->body.find("\"output_token_logprobs\""), std::string::npos);
        EXPECT_EQ(r->sent_body, R"({"messages":[]})");  // the request body comes back
    }
    EXPECT_EQ(c.cl->stats().connections_opened.load(), 1u);
    EXPECT_EQ(c.cl->stats().connections_reused.load(), 4u);
}

TEST(upstream_client, base_url_path_prefix_is_kept) {
    stub_fixture stub{0};
    client_config cfg;
    cfg.base_url = stub.url() + "/";
    client_fixture c{cfg};
    auto r = c.send("/v1/chat/completions").get();
    ASSERT_TRUE(r);
    EXPECT_NE(r->body.find("chat.completion"), std::string::npos);
}

TEST(upstream_client, connection_closed_by_backend_while_pooled_is_not_reused) {
    namespace asio = boost::asio;
    asio::io_context io;
    asio::ip::tcp::acceptor acc{io, {asio::ip::make_address("127.0.0.1"), 0}};
    std::atomic<int> accepted{0};
    std::thread fake{[&] {
        for (int i = 0; i < 3; ++i) {
            auto sock = acc.accept();
            ++accepted;
            asio::streambuf buf;
            asio::read_until(sock, buf, "\r\n\r\n");
            const std::string ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
            asio::write(sock, asio::buffer(ok));
            sock.close();  // keep-alive was promised; the backend closes anyway
        }
    }};
    client_config cfg;
    cfg.base_url = "http://127.0.0.1:" + std::to_string(acc.local_endpoint().port());
    client_fixture c{cfg};
    for (int i = 0; i < 3; ++i) {
        auto r = c.send("/x").get();
        ASSERT_TRUE(r) << "request " << i << ": " << r.error().message();
        EXPECT_EQ(r->body, "{}");
        std::this_thread::sleep_for(std::chrono::milliseconds{20});  // let the FIN arrive
    }
    fake.join();
    EXPECT_EQ(accepted.load(), 3);
    EXPECT_EQ(c.cl->stats().connections_opened.load(), 3u);
    EXPECT_EQ(c.cl->stats().transport_errors.load(), 0u);
}

TEST(upstream_client, connection_count_is_bounded) {
    stub_fixture stub{50};
    client_config cfg;
    cfg.base_url = stub.url();
    cfg.max_connections = 3;
    client_fixture c{cfg};
    std::vector<std::future<result<response>>> fs;
    for (int i = 0; i < 30; ++i) fs.push_back(c.send("/v1/chat/completions"));
    for (auto& f : fs) {
        auto r = f.get();
        ASSERT_TRUE(r) << r.error().message();
        EXPECT_EQ(r->status, 200);
    }
    EXPECT_LE(stub.srv->stats().connections_accepted.load(), 3u);
    EXPECT_EQ(c.cl->stats().connections_opened.load(), 3u);
}

TEST(upstream_client, pending_queue_overflow_is_an_error_not_unbounded_growth) {
    stub_fixture stub{300};
    client_config cfg;
    cfg.base_url = stub.url();
    cfg.max_connections = 1;
    cfg.max_pending = 2;
    client_fixture c{cfg};
    std::vector<std::future<result<response>>> fs;
    for (int i = 0; i < 5; ++i) fs.push_back(c.send("/v1/chat/completions"));
    int ok = 0, overflow = 0;
    for (auto& f : fs) {
        auto r = f.get();
        if (r) ++ok;
        else if (r.error().message().rfind("PoolTimeout", 0) == 0) ++overflow;
    }
    EXPECT_EQ(ok, 3);  // one running + two waiting
    EXPECT_EQ(overflow, 2);
}

TEST(upstream_client, deadline_gives_read_timeout) {
    stub_fixture stub{3000};
    client_config cfg;
    cfg.base_url = stub.url();
    cfg.timeout = std::chrono::milliseconds{200};
    client_fixture c{cfg};
    const auto t0 = std::chrono::steady_clock::now();
    auto r = c.send("/v1/chat/completions").get();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code(), errc::upstream_transport);
    EXPECT_EQ(r.error().message().rfind("ReadTimeout", 0), 0u) << r.error().message();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds{2});
}

TEST(upstream_client, cancel_aborts_the_exchange_and_drops_the_connection) {
    stub_fixture stub{5000};
    client_config cfg;
    cfg.base_url = stub.url();
    client_fixture c{cfg};
    auto h = std::make_shared<cancel_handle>();
    auto f = c.send("/v1/chat/completions", h);
    std::this_thread::sleep_for(std::chrono::milliseconds{100});
    const auto t0 = std::chrono::steady_clock::now();
    h->cancel();
    auto r = f.get();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().message().rfind("CancelledError", 0), 0u) << r.error().message();
    EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds{1});
    EXPECT_EQ(c.cl->stats().cancelled.load(), 1u);
    // A cancel before the send never reaches the backend.
    auto h2 = std::make_shared<cancel_handle>();
    h2->cancel();
    auto r2 = c.send("/v1/chat/completions", h2).get();
    ASSERT_FALSE(r2);
    EXPECT_EQ(stub.stub.stats().requests, 1u);
}

TEST(upstream_client, malformed_url_is_a_config_error) {
    net::runtime rt{1};
    client_config cfg;
    cfg.base_url = "not a url";
    auto c = client::make(rt, cfg);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code(), errc::config);
    cfg.base_url = "https://127.0.0.1:1";
    EXPECT_FALSE(client::make(rt, cfg));
}

}  // namespace
}  // namespace tito::upstream
