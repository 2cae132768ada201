// File: tests/unit/app/worker_probe_test.cpp
#include "tito_server/worker_probe.hpp"

#include <gtest/gtest.h>

namespace tito::app {
namespace {

TEST(worker_probe, listening_port_from_the_start_up_line) {
    EXPECT_EQ(listening_port("tito-server listening on http://127.0.0.1:8001 backend=x threads=2"), 8001);
    EXPECT_EQ(listening_port("tito-server listening on http://0.0.0.0:65535"), 65535);
    EXPECT_EQ(listening_port("tito-server listening on http://::1:9000 backend"), 9000);
    EXPECT_FALSE(listening_port("tito-server: signal 15 received"));
    EXPECT_FALSE(listening_port("listening on http://127.0.0.1:99999"));
    EXPECT_FALSE(listening_port("listening on http://127.0.0.1:"));
    EXPECT_FALSE(listening_port("listening on http://127.0.0.1:80x"));
}

TEST(worker_probe, sessions_live_from_prometheus_text) {
    const std::string text =
        "# HELP tito_sessions_live_extra other\n"
        "tito_sessions_live_extra 99\n"
        "# HELP tito_sessions_live Sessions created and not yet deleted\n"
        "# TYPE tito_sessions_live gauge\n"
        "tito_sessions_live 7\n"
        "tito_process_resident_memory_bytes 1.5e+07\n";
    EXPECT_EQ(sessions_live_in(text), 7);
    EXPECT_EQ(sessions_live_in("tito_sessions_live{shard=\"0\"} 3\n"), 3);
    EXPECT_FALSE(sessions_live_in("tito_requests_total 3\n"));
    EXPECT_FALSE(sessions_live_in("tito_sessions_live nan-ish\n"));
}

TEST(worker_probe, probe_host_maps_wildcards_to_loopback) {
    EXPECT_EQ(probe_host("0.0.0.0"), "127.0.0.1");
    EXPECT_EQ(probe_host("::"), "::1");
    EXPECT_EQ(probe_host("[::1]"), "::1");
    EXPECT_EQ(probe_host("10.0.0.5"), "10.0.0.5");
}

TEST(worker_probe, fetch_fails_cleanly_when_nothing_listens) {
    EXPECT_FALSE(fetch_sessions_live("127.0.0.1", 1, std::chrono::milliseconds{200}));
}

}  // namespace
}  // namespace tito::app
