// File: tests/support/process.hpp
// A child process for end-to-end tests: started with argv, its stdout read line by line (to
// learn the port it printed), stopped with SIGTERM/SIGKILL on destruction.
// Usage:
//   test_process stub{{bin("tito-stub"), "--port", "0"}};
//   auto port = stub.wait_for_port("listening on http://127.0.0.1:");
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace tito::test {

std::string bin(const std::string& name);  // TITO_BIN_DIR/name

class test_process {
public:
    explicit test_process(std::vector<std::string> argv);
    ~test_process();
    test_process(const test_process&) = delete;
    test_process& operator=(const test_process&) = delete;

    // Reads stdout until a line containing `marker` followed by a port number; 0 on EOF/timeout.
    std::uint16_t wait_for_port(const std::string& marker, std::chrono::seconds timeout = std::chrono::seconds{20});
    // Reads stdout until a complete line containing `needle` that was not returned before; the
    // line without its newline, or nullopt on EOF/timeout. Independent of wait_for_port.
    std::optional<std::string> wait_for_line(const std::string& needle,
                                             std::chrono::seconds timeout = std::chrono::seconds{20});
    void signal(int sig);
    // Waits for exit; returns the exit code, 128+signal if killed, -1 on timeout.
    int wait_exit(std::chrono::milliseconds timeout);
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    bool exited_ = false;
    int status_ = 0;
    std::string pending_;
    std::size_t line_pos_ = 0;  // wait_for_line's cursor into pending_
};

// Starts tito-stub (args appended) and returns it with its port.
struct started {
    std::unique_ptr<test_process> proc;
    std::uint16_t port = 0;
};
started start_stub(std::vector<std::string> extra = {});
started start_server(std::vector<std::string> extra = {});

}  // namespace tito::test
