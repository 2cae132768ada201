// File: tests/unit/app/worker_plan_test.cpp
#include "tito_server/worker_plan.hpp"

#include <gtest/gtest.h>

namespace tito::app {
namespace {

// Built field by field: brace-initializing the nested aggregate in place trips a GCC 12
// -Wmaybe-uninitialized false positive.
worker_plan_input input(unsigned workers, std::vector<std::uint16_t> ports, std::uint16_t base, std::string prefix) {
    worker_plan_input in;
    in.options.workers = workers;
    in.options.ports = std::move(ports);
    in.base_port = base;
    in.instance_prefix = std::move(prefix);
    return in;
}

std::vector<std::string> argv_of(std::vector<const char*> args, const worker_slot& slot) {
    return worker_argv(args, slot);
}

TEST(worker_plan, consecutive_ports_and_instance_ids) {
    auto slots = plan_workers(input(3, {}, 8000, "run"));
    ASSERT_TRUE(slots);
    ASSERT_EQ(slots->size(), 3u);
    EXPECT_EQ((*slots)[0].port, 8000);
    EXPECT_EQ((*slots)[2].port, 8002);
    EXPECT_EQ((*slots)[0].instance_id, "run-0");
    EXPECT_EQ((*slots)[2].instance_id, "run-2");
    EXPECT_EQ((*slots)[2].index, 2u);
}

TEST(worker_plan, port_zero_gives_every_worker_any_free_port) {
    auto slots = plan_workers(input(2, {}, 0, "p"));
    ASSERT_TRUE(slots);
    EXPECT_EQ((*slots)[0].port, 0);
    EXPECT_EQ((*slots)[1].port, 0);
}

TEST(worker_plan, explicit_ports) {
    auto slots = plan_workers(input(1, {9001, 9005}, 8000, "x"));
    ASSERT_TRUE(slots);
    ASSERT_EQ(slots->size(), 2u);
    EXPECT_EQ((*slots)[1].port, 9005);
    EXPECT_TRUE(plan_workers(input(2, {9001, 9005}, 8000, "x")));
}

TEST(worker_plan, rejects_bad_combinations) {
    EXPECT_FALSE(plan_workers(input(0, {}, 8000, "x")));
    EXPECT_FALSE(plan_workers(input(3, {9001, 9002}, 8000, "x")));
    EXPECT_FALSE(plan_workers(input(1, {9001, 9001}, 8000, "x")));
    EXPECT_FALSE(plan_workers(input(2, {}, 65535, "x")));
    EXPECT_EQ(plan_workers(input(0, {}, 8000, "x")).error().code(), errc::config);
}

TEST(worker_plan, supervisor_wanted) {
    EXPECT_FALSE(supervisor_wanted({1, {}}));
    EXPECT_TRUE(supervisor_wanted({2, {}}));
    EXPECT_TRUE(supervisor_wanted({1, {9000}}));
    EXPECT_TRUE(supervisor_wanted({0, {}}));
}

TEST(worker_argv, replaces_the_per_worker_flags_in_both_forms) {
    const worker_slot slot{1, 8001, "run-1"};
    auto a = argv_of({"tito-server", "--workers", "2", "--port=8000", "--threads", "4", "--instance-id", "run",
                      "--ports=1,2", "--host", "0.0.0.0"},
                     slot);
    const std::vector<std::string> want = {"tito-server", "--threads", "4",      "--host",        "0.0.0.0", "--workers",
                                           "1",           "--port",    "8001",   "--instance-id", "run-1"};
    EXPECT_EQ(a, want);
}

TEST(worker_argv, keeps_lookalike_flags) {
    const worker_slot slot{0, 0, "p-0"};
    auto a = argv_of({"tito-server", "--portal", "5", "--port", "8000", "--workersx=2", "--backend-url", "http://h:1"}, slot);
    const std::vector<std::string> want = {"tito-server", "--portal", "5", "--workersx=2", "--backend-url", "http://h:1",
                                           "--workers",   "1",        "--port", "0",       "--instance-id", "p-0"};
    EXPECT_EQ(a, want);
}

TEST(worker_argv, own_flags_go_before_a_separator) {
    auto a = argv_of({"tito-server", "--", "x"}, {0, 7, "i-0"});
    const std::vector<std::string> want = {"tito-server", "--workers", "1", "--port", "7", "--instance-id", "i-0", "--", "x"};
    EXPECT_EQ(a, want);
}

TEST(worker_plan, random_prefix_is_32_hex) {
    const auto p = random_instance_prefix();
    EXPECT_EQ(p.size(), 32u);
    EXPECT_EQ(p.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(p, random_instance_prefix());
}

}  // namespace
}  // namespace tito::app
