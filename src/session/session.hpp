// File: session/session.hpp
// One session's synchronization state (spec 9.2). The trajectory state joins it with the TITO
// chat turns. Locking rule: `guard` protects `closing` and the committed state; it is held only
// for short, non-blocking sections, never across I/O.
#pragma once

#include <mutex>
#include <string>

namespace tito::session {

class session {
public:
    explicit session(std::string id) : id_(std::move(id)) {}
    const std::string& id() const noexcept { return id_; }

    // Marks the session closing; false if it already was (a concurrent DELETE: 404).
    bool begin_close() {
        std::lock_guard lk{guard_};
        if (closing_) return false;
        closing_ = true;
        return true;
    }
    bool closing() const {
        std::lock_guard lk{guard_};
        return closing_;
    }

private:
    std::string id_;
    mutable std::mutex guard_;
    bool closing_ = false;
};

}  // namespace tito::session
