// File: session/session.hpp
// One session (spec 4.1, 9.2): its trajectory, the FIFO turn lock, the closing flag and the
// cancel action of the in-flight upstream call.
// Locking rule: `guard_` protects `closing_` and `inflight_` only, for short non-blocking
// sections, never across I/O; the trajectory has its own state guard; the turn lock serializes
// chats (prepare -> upstream -> commit).
#pragma once

#include <functional>
#include <mutex>
#include <string>

#include "session/linear_trajectory.hpp"
#include "session/turn_lock.hpp"

namespace tito::session {

// Thread safety: all members are thread-safe; trajectory mutations need the turn lock.
class session {
public:
    explicit session(std::string id) : id_(std::move(id)) {}
    const std::string& id() const noexcept { return id_; }

    // Marks the session closing and returns the in-flight cancel action (may be empty);
    // false if it already was closing (a concurrent DELETE: 404).
    bool begin_close(std::function<void()>& inflight_cancel) {
        std::lock_guard lk{guard_};
        if (closing_) return false;
        closing_ = true;
        inflight_cancel = std::move(inflight_);
        return true;
    }
    bool closing() const {
        std::lock_guard lk{guard_};
        return closing_;
    }
    // Registers the cancel action of the upstream call about to start; false if closing (410).
    bool set_inflight(std::function<void()> cancel) {
        std::lock_guard lk{guard_};
        if (closing_) return false;
        inflight_ = std::move(cancel);
        return true;
    }
    void clear_inflight() {
        std::lock_guard lk{guard_};
        inflight_ = nullptr;
    }

    turn_lock& lock() noexcept { return lock_; }
    linear_trajectory& trajectory() noexcept { return trajectory_; }
    const linear_trajectory& trajectory() const noexcept { return trajectory_; }

private:
    std::string id_;
    mutable std::mutex guard_;
    bool closing_ = false;
    std::function<void()> inflight_;
    turn_lock lock_;
    linear_trajectory trajectory_;
};

}  // namespace tito::session
