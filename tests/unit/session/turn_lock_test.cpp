// Tests for session/turn_lock.hpp: FIFO grants, close refuses waiters, close-waiter ordering.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "session/turn_lock.hpp"

namespace tito::session {
namespace {

TEST(turn_lock, grants_in_fifo_order) {
    turn_lock l;
    std::vector<std::string> log;
    l.acquire([&](bool ok) { log.push_back(ok ? "a" : "a!"); });
    l.acquire([&](bool ok) { log.push_back(ok ? "b" : "b!"); });
    l.acquire([&](bool ok) { log.push_back(ok ? "c" : "c!"); });
    EXPECT_EQ(log, (std::vector<std::string>{"a"}));
    l.release();
    EXPECT_EQ(log, (std::vector<std::string>{"a", "b"}));
    l.release();
    EXPECT_EQ(log, (std::vector<std::string>{"a", "b", "c"}));
    l.release();
    l.acquire([&](bool ok) { log.push_back(ok ? "d" : "d!"); });
    EXPECT_EQ(log.back(), "d");
}

TEST(turn_lock, close_refuses_queued_and_later_waiters_but_lets_the_closer_in_after_the_holder) {
    turn_lock l;
    std::vector<std::string> log;
    l.acquire([&](bool ok) { log.push_back(ok ? "holder" : "holder!"); });
    l.acquire([&](bool ok) { log.push_back(ok ? "queued" : "queued!"); });
    l.close();
    EXPECT_EQ(log, (std::vector<std::string>{"holder", "queued!"}));
    l.acquire_for_close([&](bool ok) { log.push_back(ok ? "closer" : "closer!"); });
    EXPECT_EQ(log.size(), 2u);  // waits for the holder
    l.acquire([&](bool ok) { log.push_back(ok ? "late" : "late!"); });
    EXPECT_EQ(log.back(), "late!");
    l.release();  // holder done
    EXPECT_EQ(log.back(), "closer");
    l.release();
}

TEST(turn_lock, closer_gets_free_lock_at_once) {
    turn_lock l;
    bool got = false;
    l.close();
    l.acquire_for_close([&](bool ok) { got = ok; });
    EXPECT_TRUE(got);
}

}  // namespace
}  // namespace tito::session
