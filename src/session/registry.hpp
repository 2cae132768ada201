// File: session/registry.hpp
// id -> session map (spec 9.2). Striped: 64 independent shards of (mutex, hash map), so
// create/lookup/remove on different sessions rarely contend and no lock is ever held across
// I/O. Lookups hand out shared_ptr<session>, valid after removal.
// Usage:
//   registry reg;
//   auto id = reg.create();                 // 32 lowercase hex chars (uuid4().hex)
//   if (auto s = reg.find(id)) ...;
//   reg.remove(id);
#pragma once

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "session/session.hpp"

namespace tito::session {

// Thread safety: all members are thread-safe.
class registry {
public:
    std::shared_ptr<session> create();
    std::shared_ptr<session> find(std::string_view id) const;
    bool remove(std::string_view id);
    std::size_t size() const noexcept { return live_.load(std::memory_order_relaxed); }

private:
    static constexpr std::size_t stripes = 64;
    struct stripe {
        mutable std::mutex mu;
        std::unordered_map<std::string, std::shared_ptr<session>> map;
    };
    stripe& stripe_for(std::string_view id) const;
    std::array<stripe, stripes> stripes_;
    std::atomic<std::size_t> live_{0};
};

// uuid4().hex: 32 lowercase hex characters with the version-4 and variant bits set.
std::string new_session_id();

}  // namespace tito::session
