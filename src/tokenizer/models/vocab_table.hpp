// File: tokenizer/models/vocab_table.hpp
// Token string <-> id table: strings in one arena, open-addressing index, id -> string array.
// Built once at load; lookups are const and thread-safe.
// Usage:
//   vocab_table v; v.reserve(n); v.insert("hello", 7); v.finish();
//   auto id = v.find("hello");         // optional<token_id> 7
//   auto s = v.token(7);               // optional<string_view> "hello"
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/types.hpp"

namespace tito::tokenizer {

std::uint64_t hash_bytes(std::string_view s) noexcept;

// The mix hash_bytes gives a word of 4 to 16 bytes, from two 64-bit words of it (hash_bytes: its
// first and last 8 or 4 bytes; the BPE word cache: its zero-padded words) and its length.
inline std::uint64_t hash_two_words(std::uint64_t a, std::uint64_t b, std::size_t len) noexcept {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = (a ^ (len * k)) * k;
    h = (h ^ (h >> 29) ^ b) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
}

class vocab_table {
public:
    void reserve(std::size_t n);
    // Inserts or overwrites (a later duplicate key wins, as with a Rust HashMap collect).
    void insert(std::string_view token, token_id id);
    std::optional<token_id> find(std::string_view token) const noexcept;
    std::optional<std::string_view> token(token_id id) const noexcept;
    std::size_t size() const noexcept { return count_; }
    // Calls fn(token, id) for every entry.
    template <class F>
    void for_each(F&& fn) const {
        for (const auto& e : entries_) fn(std::string_view(arena_.data() + e.offset, e.length), e.id);
    }

private:
    struct entry {
        std::uint32_t offset;
        std::uint32_t length;
        token_id id;
    };
    void grow();
    std::size_t slot_for(std::string_view token, std::uint64_t h) const noexcept;
    std::string arena_;
    std::vector<entry> entries_;
    std::vector<std::uint32_t> index_;  // entry index + 1, 0 = empty
    std::vector<std::int64_t> by_id_;   // id -> entry index, -1 if none
    std::size_t count_ = 0;
};

}  // namespace tito::tokenizer
