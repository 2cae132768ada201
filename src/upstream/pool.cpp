// File: upstream/pool.cpp
#include "upstream/pool.hpp"

#include <sys/socket.h>

#include <algorithm>

namespace tito::upstream::detail {

// A pooled socket the backend already closed shows EOF (or an error) to a non-blocking peek.
// Catching that before reuse is what makes the "retry once" rule rarely needed.
bool pool::looks_alive(connection& c) {
    auto& sock = c.stream.socket();
    if (!sock.is_open()) return false;
    char byte;
    const ssize_t n = ::recv(sock.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    if (n == 0) return false;                                     // orderly close by the backend
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK;    // nothing to read: alive
    return false;  // unsolicited bytes on an idle HTTP/1.1 connection: do not trust it
}

acquire_status pool::try_acquire(std::shared_ptr<connection>& out) {
    const auto now = std::chrono::steady_clock::now();
    while (!idle_.empty() && pending_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        if (now - c->idle_since < idle_keepalive_ && looks_alive(*c)) {
            out = std::move(c);
            return acquire_status::idle_connection;
        }
        boost::system::error_code ignored;
        c->stream.socket().close(ignored);
        --open_;
    }
    if (open_ < max_connections_ && pending_.empty()) {
        ++open_;
        return acquire_status::new_slot;
    }
    if (pending_.size() >= max_pending_) return acquire_status::overflow;
    return acquire_status::must_wait;
}

void pool::forget(const std::shared_ptr<waiter>& w) {
    auto it = std::find(pending_.begin(), pending_.end(), w);
    if (it != pending_.end()) pending_.erase(it);
}

std::shared_ptr<waiter> pool::next_waiter() {
    while (!pending_.empty()) {
        auto w = std::move(pending_.front());
        pending_.pop_front();
        if (!w->done) return w;
    }
    return nullptr;
}

void pool::release(std::shared_ptr<connection> c) {
    c->idle_since = std::chrono::steady_clock::now();
    if (auto w = next_waiter()) {
        w->handed = std::move(c);
        w->done = true;
        w->wake.cancel();
        return;
    }
    idle_.push_back(std::move(c));
}

void pool::discard_slot() {
    if (auto w = next_waiter()) {
        w->slot = true;  // the slot passes straight to the waiter; open_ is unchanged
        w->done = true;
        w->wake.cancel();
        return;
    }
    --open_;
}

}  // namespace tito::upstream::detail
