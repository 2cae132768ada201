// File: tokenizer/models/vocab_table.cpp
#include "tokenizer/models/vocab_table.hpp"

#include <cstring>

namespace tito::tokenizer {

std::uint64_t hash_bytes(std::string_view s) noexcept {
    // 64-bit multiply-mix over 8-byte words; quality is ample for token strings.
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    if (s.size() >= 4 && s.size() <= 16) {  // short words: two overlapping loads, no loop
        std::uint64_t a, b;
        if (s.size() >= 8) {
            std::memcpy(&a, s.data(), 8);
            std::memcpy(&b, s.data() + s.size() - 8, 8);
        } else {
            std::uint32_t x, y;
            std::memcpy(&x, s.data(), 4);
            std::memcpy(&y, s.data() + s.size() - 4, 4);
            a = x;
            b = y;
        }
        return hash_two_words(a, b, s.size());
    }
    std::uint64_t h = 0xCBF29CE484222325ull ^ (s.size() * k);
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, s.data() + i, s.size() - i);
    h = (h ^ tail) * k;
    h ^= h >> 32;
    return h;
}

void vocab_table::reserve(std::size_t n) {
    entries_.reserve(n);
    std::size_t cap = 16;
    while (cap < n * 2) cap <<= 1;
    index_.assign(cap, 0);
}

std::size_t vocab_table::slot_for(std::string_view token, std::uint64_t h) const noexcept {
    std::size_t mask = index_.size() - 1;
    std::size_t slot = h & mask;
    while (index_[slot] != 0) {
        const entry& e = entries_[index_[slot] - 1];
        if (e.length == token.size() && std::memcmp(arena_.data() + e.offset, token.data(), e.length) == 0)
            return slot;
        slot = (slot + 1) & mask;
    }
    return slot;
}

void vocab_table::grow() {
    std::vector<std::uint32_t> old;
    old.swap(index_);
    index_.assign(old.empty() ? 16 : old.size() * 2, 0);
    for (std::uint32_t v : old) {
        if (v == 0) continue;
        const entry& e = entries_[v - 1];
        std::string_view t(arena_.data() + e.offset, e.length);
        index_[slot_for(t, hash_bytes(t))] = v;
    }
}

void vocab_table::insert(std::string_view token, token_id id) {
    if (index_.empty() || (count_ + 1) * 2 > index_.size()) grow();
    std::size_t slot = slot_for(token, hash_bytes(token));
    if (index_[slot] != 0) {
        entries_[index_[slot] - 1].id = id;
    } else {
        entries_.push_back(entry{static_cast<std::uint32_t>(arena_.size()),
                                 static_cast<std::uint32_t>(token.size()), id});
        arena_.append(token);
        index_[slot] = static_cast<std::uint32_t>(entries_.size());
        ++count_;
    }
    if (by_id_.size() <= id) by_id_.resize(static_cast<std::size_t>(id) + 1, -1);
    by_id_[id] = static_cast<std::int64_t>(index_[slot] - 1);
}

std::optional<token_id> vocab_table::find(std::string_view token) const noexcept {
    if (index_.empty()) return std::nullopt;
    std::size_t slot = slot_for(token, hash_bytes(token));
    if (index_[slot] == 0) return std::nullopt;
    return entries_[index_[slot] - 1].id;
}

std::optional<std::string_view> vocab_table::token(token_id id) const noexcept {
    if (id >= by_id_.size() || by_id_[id] < 0) return std::nullopt;
    const entry& e = entries_[static_cast<std::size_t>(by_id_[id])];
    return std::string_view(arena_.data() + e.offset, e.length);
}

}  // namespace tito::tokenizer
