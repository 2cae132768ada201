// End-to-end: tito-server and tito-stub as real processes on free loopback ports, driven over
// real HTTP. Session routes (spec 2.2-2.5), routing errors, malformed and oversized input.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <regex>
#include <set>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace tito::test {
namespace {

class server_api : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        stub_ = new started(start_stub());
        server_ = new started(start_server({"--backend-url", "http://127.0.0.1:" + std::to_string(stub_->port),
                                            "--instance-id", "abc123", "--max-body-bytes", "65536",
                                            "--max-header-bytes", "8192"}));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete stub_;
    }
    static std::uint16_t port() { return server_->port; }
    static started* stub_;
    static started* server_;
};
started* server_api::stub_ = nullptr;
started* server_api::server_ = nullptr;

TEST_F(server_api, health_reports_instance_id) {
    http_client c{port()};
    auto r = c.request("GET", "/health");
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, R"({"status":"ok","session_server_instance_id":"abc123"})");
    EXPECT_EQ(r.header("content-type").value_or(""), "application/json");
    EXPECT_EQ(r.header_count("server"), 1u);
    EXPECT_EQ(r.header_count("date"), 1u);
}

TEST_F(server_api, create_returns_unique_uuid4_hex_ids) {
    http_client c{port()};
    const std::regex hex32{"[0-9a-f]{32}"};
    std::set<std::string> ids;
    for (int i = 0; i < 300; ++i) {
        auto r = c.request("POST", "/sessions", "{}");
        ASSERT_EQ(r.status, 200);
        auto id = session_id_of(r.body);
        EXPECT_TRUE(std::regex_match(id, hex32)) << id;
        EXPECT_EQ(id[12], '4');
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 300u);
}

TEST_F(server_api, get_and_delete_lifecycle) {
    http_client c{port()};
    auto id = session_id_of(c.request("POST", "/sessions").body);
    auto g = c.request("GET", "/sessions/" + id);
    ASSERT_EQ(g.status, 200);
    auto doc = boost::json::parse(g.body).as_object();
    EXPECT_EQ(doc.at("session_id").as_string(), id);
    EXPECT_TRUE(doc.at("records").as_array().empty());
    EXPECT_TRUE(doc.at("metadata").as_object().at("accumulated_token_ids").as_array().empty());

    auto d = c.request("DELETE", "/sessions/" + id);
    EXPECT_EQ(d.status, 204);
    EXPECT_TRUE(d.body.empty());
    EXPECT_FALSE(d.header("content-type"));

    const std::string not_found = R"({"error":"session not found: session_id=)" + id + "\"}";
    auto d2 = c.request("DELETE", "/sessions/" + id);
    EXPECT_EQ(d2.status, 404);
    EXPECT_EQ(d2.body, not_found);
    auto g2 = c.request("GET", "/sessions/" + id);
    EXPECT_EQ(g2.status, 404);
    EXPECT_EQ(g2.body, not_found);
    auto chat = c.request("POST", "/sessions/" + id + "/v1/chat/completions", R"({"messages":[]})");
    EXPECT_EQ(chat.status, 404);
    auto samples = c.request("POST", "/sessions/" + id + "/samples", "{}");
    EXPECT_EQ(samples.status, 404);
}

TEST_F(server_api, unknown_routes_are_404_json) {
    http_client c{port()};
    for (const auto& target : {"/", "/nope", "/sessions/", "/health/x", "/v1/chat/completions"}) {
        auto r = c.request("GET", target);
        EXPECT_EQ(r.status, 404) << target;
        EXPECT_NE(r.body.find("\"error\""), std::string::npos) << target;
        EXPECT_EQ(r.header("content-type").value_or(""), "application/json");
    }
}

TEST_F(server_api, wrong_methods_are_405_json) {
    http_client c{port()};
    auto id = session_id_of(c.request("POST", "/sessions").body);
    struct probe {
        const char* method;
        std::string target;
    };
    for (const auto& p : {probe{"POST", "/health"}, probe{"HEAD", "/health"}, probe{"GET", "/sessions"},
                          probe{"POST", "/sessions/" + id}, probe{"PUT", "/sessions/" + id},
                          probe{"OPTIONS", "/sessions/" + id + "/v1/models"}}) {
        auto r = c.request(p.method, p.target);
        EXPECT_EQ(r.status, 405) << p.method << " " << p.target;
        if (std::string(p.method) != "HEAD") EXPECT_NE(r.body.find("\"error\""), std::string::npos);
    }
    EXPECT_EQ(c.request("GET", "/health").status, 200);  // still serving on the same connection
}

TEST_F(server_api, malformed_http_gets_400_and_server_keeps_serving) {
    for (const std::string& bad : {std::string("GARBAGE\r\n\r\n"), std::string("GET /health HTTP/9.9\r\n\r\n"),
                                   std::string("POST /sessions HTTP/1.1\r\nContent-Length: abc\r\n\r\n"),
                                   std::string("GET /health HTTP/1.1\r\nBad Header\r\n\r\n")}) {
        auto out = raw_exchange(port(), bad);
        EXPECT_NE(out.find("HTTP/1.1 400"), std::string::npos) << bad << " => " << out;
        EXPECT_NE(out.find("{\"error\":\"malformed HTTP request"), std::string::npos) << out;
    }
    http_client c{port()};
    EXPECT_EQ(c.request("GET", "/health").status, 200);
}

TEST_F(server_api, oversized_body_and_headers_get_413) {
    http_client c{port()};
    auto id = session_id_of(c.request("POST", "/sessions").body);
    auto big = c.request("POST", "/sessions/" + id + "/v1/chat/completions", std::string(70000, 'x'));
    EXPECT_EQ(big.status, 413);
    EXPECT_EQ(big.body, R"({"error":"request body too large"})");
    http_client c2{port()};
    auto hdr = c2.request("GET", "/health", "", {{"X-Big", std::string(9000, 'h')}});
    EXPECT_EQ(hdr.status, 413);
    EXPECT_EQ(hdr.body, R"({"error":"request header too large"})");
    http_client c3{port()};
    EXPECT_EQ(c3.request("GET", "/sessions/" + id).status, 200);  // nothing changed, still serving
}

TEST_F(server_api, chat_on_unknown_session_is_404) {
    http_client c{port()};
    auto r = c.request("POST", "/sessions/0123456789abcdef0123456789abcdef/v1/chat/completions", "{}");
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(r.body, R"({"error":"session not found: session_id=0123456789abcdef0123456789abcdef"})");
}

}  // namespace
}  // namespace tito::test
