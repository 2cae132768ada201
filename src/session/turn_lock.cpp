// File: session/turn_lock.cpp
#include "session/turn_lock.hpp"

#include <vector>

namespace tito::session {

void turn_lock::acquire(waiter w) {
    bool granted = false;
    {
        std::lock_guard lk{mu_};
        if (!closed_) {
            if (held_) {
                queue_.push_back({std::move(w), false});
                return;
            }
            held_ = true;
            granted = true;
        }
    }
    w(granted);
}

void turn_lock::acquire_for_close(waiter w) {
    {
        std::lock_guard lk{mu_};
        if (held_) {
            queue_.push_back({std::move(w), true});
            return;
        }
        held_ = true;
    }
    w(true);
}

void turn_lock::release() {
    std::vector<waiter> refused;
    waiter next;
    {
        std::lock_guard lk{mu_};
        while (!queue_.empty()) {
            auto e = std::move(queue_.front());
            queue_.pop_front();
            if (closed_ && !e.for_close) {
                refused.push_back(std::move(e.fn));
                continue;
            }
            next = std::move(e.fn);
            break;
        }
        if (!next) held_ = false;
    }
    for (auto& r : refused) r(false);
    if (next) next(true);
}

void turn_lock::close() {
    std::vector<waiter> refused;
    {
        std::lock_guard lk{mu_};
        closed_ = true;
        std::deque<entry> keep;
        for (auto& e : queue_) {
            if (e.for_close) keep.push_back(std::move(e));
            else refused.push_back(std::move(e.fn));
        }
        queue_ = std::move(keep);
    }
    for (auto& r : refused) r(false);
}

}  // namespace tito::session
