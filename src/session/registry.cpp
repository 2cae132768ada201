// File: session/registry.cpp
#include "session/registry.hpp"

#include <functional>
#include <random>

namespace tito::session {

std::string new_session_id() {
    thread_local std::mt19937_64 rng{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd()};
        return std::mt19937_64{seq};
    }()};
    std::uint64_t hi = rng(), lo = rng();
    hi = (hi & ~0xF000ull) | 0x4000ull;                    // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 10xx
    static constexpr char hex[] = "0123456789abcdef";
    std::string s(32, '0');
    for (int i = 0; i < 16; ++i) s[15 - i] = hex[(hi >> (4 * i)) & 15];
    for (int i = 0; i < 16; ++i) s[31 - i] = hex[(lo >> (4 * i)) & 15];
    return s;
}

registry::stripe& registry::stripe_for(std::string_view id) const {
    const auto h = std::hash<std::string_view>{}(id);
    return const_cast<stripe&>(stripes_[h % stripes]);
}

std::shared_ptr<session> registry::create() {
    for (;;) {
        auto id = new_session_id();
        auto& st = stripe_for(id);
        std::lock_guard lk{st.mu};
        auto [it, inserted] = st.map.try_emplace(id, nullptr);
        if (!inserted) continue;  // 2^-122 per pair; uniqueness is still guaranteed
        it->second = std::make_shared<session>(id);
        live_.fetch_add(1, std::memory_order_relaxed);
        return it->second;
    }
}

std::shared_ptr<session> registry::find(std::string_view id) const {
    auto& st = stripe_for(id);
    std::lock_guard lk{st.mu};
    auto it = st.map.find(std::string(id));
    return it == st.map.end() ? nullptr : it->second;
}

bool registry::remove(std::string_view id) {
    auto& st = stripe_for(id);
    std::lock_guard lk{st.mu};
    if (st.map.erase(std::string(id)) == 0) return false;
    live_.fetch_sub(1, std::memory_order_relaxed);
    return true;
}

}  // namespace tito::session
