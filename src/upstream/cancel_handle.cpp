// File: upstream/cancel_handle.cpp
#include "upstream/client.hpp"

namespace tito::upstream {

void cancel_handle::cancel() {
    std::function<void()> abort;
    {
        std::lock_guard lk{mu_};
        if (cancelled_) return;
        cancelled_ = true;
        abort = std::move(abort_);
    }
    if (abort) abort();
}

bool cancel_handle::cancelled() const {
    std::lock_guard lk{mu_};
    return cancelled_;
}

bool cancel_handle::arm(std::function<void()> abort) {
    std::lock_guard lk{mu_};
    if (cancelled_) return false;
    abort_ = std::move(abort);
    return true;
}

void cancel_handle::disarm() {
    std::lock_guard lk{mu_};
    abort_ = nullptr;
}

}  // namespace tito::upstream
