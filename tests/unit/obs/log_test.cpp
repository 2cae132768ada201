// Tests for obs/log: lines from many threads all reach stderr, each thread's lines in order, a
// line beyond a thread's bound is dropped and counted (never silently), levels filter events.
#include "obs/log.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace tito::obs {
namespace {

// Runs fn with fd 2 pointed at a temporary file; returns what was written.
template <typename Fn>
std::string capture_stderr(Fn fn) {
    std::fflush(stderr);
    char path[] = "/tmp/tito-log-test-XXXXXX";
    const int fd = ::mkstemp(path);
    const int saved = ::dup(2);
    ::dup2(fd, 2);
    fn();
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(fd);
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    ::unlink(path);
    return ss.str();
}

TEST(log, every_line_of_every_thread_in_thread_order) {
    const std::string text = capture_stderr([] {
        init_logging({.json = false});
        std::vector<std::thread> ts;
        for (int t = 0; t < 4; ++t)
            ts.emplace_back([t] {
                for (int i = 0; i < 500; ++i) {
                    event e{"unit"};
                    e.add("thread", t).add("i", i);
                    emit(e);
                }
            });
        for (auto& t : ts) t.join();
        shutdown_logging();
    });
    std::map<int, int> next;  // thread -> next expected i
    std::istringstream lines(text);
    int count = 0;
    for (std::string l; std::getline(lines, l);) {
        const auto tp = l.find(" thread="), ip = l.find(" i=");
        ASSERT_NE(tp, std::string::npos) << l;
        const int t = std::stoi(l.substr(tp + 8)), i = std::stoi(l.substr(ip + 3));
        EXPECT_EQ(i, next[t]++) << l;
        ++count;
    }
    EXPECT_EQ(count, 2000);
}

TEST(log, a_full_buffer_drops_and_counts) {
    std::uint64_t dropped = 0;
    const std::string text = capture_stderr([&] {
        init_logging({.json = true, .queue_lines = 1});  // ~512 bytes pending per thread
        for (int i = 0; i < 200; ++i) {
            event e{"unit"};
            e.add("i", i).add("pad", std::string(100, 'x'));
            emit(e);
        }
        dropped = dropped_lines();
        shutdown_logging();
    });
    const auto written = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
    EXPECT_GT(dropped, 0u);
    EXPECT_EQ(written + dropped, 200u);
}

TEST(log, level_filter) {
    const std::string text = capture_stderr([] {
        init_logging({.json = false, .min_level = "warn"});
        EXPECT_FALSE(enabled("info"));
        EXPECT_TRUE(enabled("warn"));
        emit(event{"quiet"});
        emit(event{"loud", "warn"});
        shutdown_logging();
        init_logging({.json = false});  // back to the default for other tests
        shutdown_logging();
    });
    EXPECT_EQ(text.find("event=quiet"), std::string::npos);
    EXPECT_NE(text.find("level=warn event=loud"), std::string::npos);
}

}  // namespace
}  // namespace tito::obs
