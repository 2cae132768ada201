// File: tests/integration/server_workers_test.cpp
// End-to-end: `tito-server --workers 2` as a real supervisor with two worker processes on
// loopback. Distinct instance ids per port, a SIGKILLed worker comes back on the same port with
// its sessions gone (and keeps being restarted while its port is taken), SIGTERM drains
// everything with exit code 0, and a taken port or inconsistent flags fail the start.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <map>
#include <regex>

#include "support/chat_fixture.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"

namespace tito::test {
namespace {

// The model flags the server requires, if its --help lists them (they land with the tokenizer
// wiring; before that the server starts without a model).
std::vector<std::string> model_args() {
    static const std::vector<std::string> args = [] {
        std::string help;
        if (FILE* f = popen((bin("tito-server") + " --help").c_str(), "r")) {
            char buf[4096];
            std::size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0) help.append(buf, n);
            pclose(f);
        }
        std::vector<std::string> a;
        if (help.find("--hf-checkpoint") != std::string::npos) a = {"--hf-checkpoint", qwen3_model_dir()};
        if (help.find("--tito-model") != std::string::npos) a.insert(a.end(), {"--tito-model", "qwen3"});
        return a;
    }();
    return args;
}

std::vector<std::string> server_argv(std::vector<std::string> extra) {
    std::vector<std::string> argv{bin("tito-server"), "--threads", "1"};
    for (const auto& a : model_args()) argv.push_back(a);
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

struct worker_line {
    int index = -1;
    pid_t pid = -1;
    std::uint16_t port = 0;
};

// Waits for the next `worker <i> pid <pid> listening on http://127.0.0.1:<port>` line.
worker_line next_worker(test_process& p) {
    static const std::regex re{R"(^worker (\d+) pid (\d+) listening on http://127\.0\.0\.1:(\d+))"};
    auto line = p.wait_for_line(" listening on http://", std::chrono::seconds{60});
    if (!line) return {};
    std::smatch m;
    if (!std::regex_search(*line, m, re)) {
        ADD_FAILURE() << "unexpected line: " << *line;
        return {};
    }
    return {std::stoi(m[1]), static_cast<pid_t>(std::stol(m[2])), static_cast<std::uint16_t>(std::stoi(m[3]))};
}

std::string health_body(std::uint16_t port) {
    http_client c{port};
    return c.request("GET", "/health").body;
}

bool process_gone(pid_t pid) { return kill(pid, 0) != 0 && errno == ESRCH; }

// A listening socket on 127.0.0.1:port (0: any); -1 if the port is busy.
int listen_on(std::uint16_t port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(fd, 1) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

std::uint16_t local_port(int fd) {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    return ntohs(addr.sin_port);
}

TEST(server_workers, two_workers_restart_and_drain) {
    test_process sup{server_argv({"--workers", "2", "--port", "0", "--instance-id", "wk"})};
    std::map<int, worker_line> w;
    for (int i = 0; i < 2; ++i) {
        auto l = next_worker(sup);
        ASSERT_GE(l.index, 0);
        w[l.index] = l;
    }
    ASSERT_EQ(w.size(), 2u);
    EXPECT_NE(w[0].port, w[1].port);
    EXPECT_NE(w[0].pid, sup.pid());
    EXPECT_EQ(health_body(w[0].port), R"({"status":"ok","session_server_instance_id":"wk-0"})");
    EXPECT_EQ(health_body(w[1].port), R"({"status":"ok","session_server_instance_id":"wk-1"})");

    // Sessions live in one worker only.
    http_client c1{w[1].port};
    const auto id = session_id_of(c1.request("POST", "/sessions", "{}").body);
    EXPECT_EQ(c1.request("GET", "/sessions/" + id).status, 200);
    http_client c0{w[0].port};
    EXPECT_EQ(c0.request("GET", "/sessions/" + id).status, 404);

    ASSERT_EQ(kill(w[1].pid, SIGKILL), 0);
    const auto back = next_worker(sup);
    EXPECT_EQ(back.index, 1);
    EXPECT_EQ(back.port, w[1].port);
    EXPECT_NE(back.pid, w[1].pid);
    EXPECT_EQ(health_body(back.port), R"({"status":"ok","session_server_instance_id":"wk-1"})");
    http_client c1b{back.port};
    EXPECT_EQ(c1b.request("GET", "/sessions/" + id).status, 404);  // its sessions died with it
    EXPECT_EQ(health_body(w[0].port), R"({"status":"ok","session_server_instance_id":"wk-0"})");

    sup.signal(SIGTERM);
    EXPECT_EQ(sup.wait_exit(std::chrono::seconds{60}), 0);
    EXPECT_TRUE(process_gone(w[0].pid));
    EXPECT_TRUE(process_gone(back.pid));
}

TEST(server_workers, explicit_port_list) {
    test_process sup{server_argv({"--ports", "0,0", "--instance-id", "pl"})};
    auto a = next_worker(sup);
    auto b = next_worker(sup);
    ASSERT_GT(a.port, 0);
    ASSERT_GT(b.port, 0);
    EXPECT_NE(a.index, b.index);
    EXPECT_EQ(health_body(a.port), R"({"status":"ok","session_server_instance_id":"pl-)" + std::to_string(a.index) + "\"}");
    sup.signal(SIGINT);
    EXPECT_EQ(sup.wait_exit(std::chrono::seconds{60}), 0);
}

TEST(server_workers, restart_keeps_trying_while_the_port_is_taken) {
    test_process sup{server_argv({"--ports", "0", "--instance-id", "cl"})};
    const auto w = next_worker(sup);
    ASSERT_GT(w.port, 0);
    ASSERT_EQ(kill(w.pid, SIGKILL), 0);
    int squatter = -1;
    for (int i = 0; i < 2000 && squatter < 0; ++i) {  // the port frees once the kernel reaps the worker
        squatter = listen_on(w.port);
        if (squatter < 0) usleep(1000);
    }
    ASSERT_GE(squatter, 0);
    EXPECT_FALSE(sup.wait_for_line(" listening on http://", std::chrono::seconds{1}));  // restarts fail meanwhile
    close(squatter);
    const auto back = next_worker(sup);  // back-off is at most 1.6 s by now
    EXPECT_EQ(back.index, 0);
    EXPECT_EQ(back.port, w.port);
    EXPECT_EQ(health_body(back.port), R"({"status":"ok","session_server_instance_id":"cl-0"})");
    sup.signal(SIGTERM);
    EXPECT_EQ(sup.wait_exit(std::chrono::seconds{60}), 0);
}

TEST(server_workers, start_fails_when_a_port_is_taken) {
    const int fd = listen_on(0);
    ASSERT_GE(fd, 0);
    const auto taken = std::to_string(local_port(fd));

    test_process sup{server_argv({"--ports", "0," + taken})};
    const int rc = sup.wait_exit(std::chrono::seconds{60});
    close(fd);
    EXPECT_NE(rc, 0);
    EXPECT_NE(rc, -1);  // it exited by itself
}

TEST(server_workers, inconsistent_flags_fail_the_start) {
    test_process sup{server_argv({"--workers", "3", "--ports", "9001,9002"})};
    const int rc = sup.wait_exit(std::chrono::seconds{20});
    EXPECT_NE(rc, 0);
    EXPECT_NE(rc, -1);
}

}  // namespace
}  // namespace tito::test
