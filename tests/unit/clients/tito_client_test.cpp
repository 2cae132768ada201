// File: tests/unit/clients/tito_client_test.cpp
// clients/cpp/tito_client.hpp: the pick and the URL helpers (the header is self-contained: it
// is included first).
#include "tito_client.hpp"

#include <gtest/gtest.h>

#include <map>

namespace tito::client {
namespace {

TEST(tito_client, pick_covers_every_url_about_evenly) {
    auto pool = server_pool::from_ports("127.0.0.1", {8000, 8001}, 42);
    std::map<std::string, int> n;
    for (int i = 0; i < 1000; ++i) ++n[pool.pick()];
    ASSERT_EQ(n.size(), 2u);
    EXPECT_GT(n["http://127.0.0.1:8000"], 400);
    EXPECT_GT(n["http://127.0.0.1:8001"], 400);
}

TEST(tito_client, port_range_is_half_open) {
    auto pool = server_pool::from_port_range("10.0.0.5", 8000, 8003);
    const std::vector<std::string> want = {"http://10.0.0.5:8000", "http://10.0.0.5:8001", "http://10.0.0.5:8002"};
    EXPECT_EQ(pool.urls(), want);
    EXPECT_THROW(server_pool::from_port_range("h", 8000, 8000), std::invalid_argument);
    EXPECT_THROW(server_pool(std::vector<std::string>{}), std::invalid_argument);
    EXPECT_EQ(server_pool::from_ports("fd00::1", {9000}).urls().front(), "http://[fd00::1]:9000");
    EXPECT_EQ(server_pool({"http://h:1/"}).urls().front(), "http://h:1");
}

TEST(tito_client, urls) {
    const std::string s = "http://h:8001";
    EXPECT_EQ(health_url(s), "http://h:8001/health");
    EXPECT_EQ(create_url(s), "http://h:8001/sessions");
    EXPECT_EQ(session_url(s, "ab12"), "http://h:8001/sessions/ab12");
    EXPECT_EQ(openai_base_url(s, "ab12"), "http://h:8001/sessions/ab12/v1");
    EXPECT_EQ(chat_completions_url(s, "ab12"), "http://h:8001/sessions/ab12/v1/chat/completions");
    EXPECT_EQ(samples_url(s, "ab12"), "http://h:8001/sessions/ab12/samples");
}

TEST(tito_client, session_id_from_reply) {
    EXPECT_EQ(session_id_from_reply(R"({"session_id":"0123abcd"})"), "0123abcd");
    EXPECT_EQ(session_id_from_reply(R"({ "session_id" : "x" })"), "x");
    EXPECT_FALSE(session_id_from_reply(R"({"error":"boom"})"));
    EXPECT_FALSE(session_id_from_reply(R"({"session_id":3})"));
    EXPECT_FALSE(session_id_from_reply(R"({"session_id":"a\"b"})"));
    EXPECT_FALSE(session_id_from_reply(R"({"session_id":"")"));
}

}  // namespace
}  // namespace tito::client
