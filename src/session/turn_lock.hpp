// File: session/turn_lock.hpp
// The per-session FIFO turn lock (spec 9.2): held by a chat from admission through prepare,
// the upstream call and commit. Asynchronous: acquire() never blocks a thread; the callback runs
// when the lock is granted (true) or when the session starts closing while waiting (false).
// Callbacks run inline on the thread that releases/closes; callers that must continue on their
// own shard post from the callback.
// Usage:
//   lock.acquire([](bool granted) { if (!granted) return answer_410(); ...; lock.release(); });
#pragma once

#include <deque>
#include <functional>
#include <mutex>

namespace tito::session {

// Thread safety: all members are thread-safe.
class turn_lock {
public:
    using waiter = std::function<void(bool granted)>;

    // Grants at once (callback runs inline) if free, else queues FIFO. After close(), waiters
    // other than `closer` ones get false.
    void acquire(waiter w);
    // Acquire for DELETE: granted even while closing, after every earlier holder released.
    void acquire_for_close(waiter w);
    void release();
    // Wakes every queued (non-close) waiter with false; later acquire() calls get false at once.
    void close();

private:
    struct entry {
        waiter fn;
        bool for_close;
    };
    std::mutex mu_;
    bool held_ = false;
    bool closed_ = false;
    std::deque<entry> queue_;
};

}  // namespace tito::session
