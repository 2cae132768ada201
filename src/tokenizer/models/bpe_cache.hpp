// File: tokenizer/models/bpe_cache.hpp
// Bounded, lock-free word -> ids cache for BPE. Direct-mapped slots guarded by a per-slot
// sequence counter (seqlock): readers never block and retry nothing (a torn read is a miss),
// writers that find a slot busy skip the insert. Every field is a relaxed atomic, so concurrent
// use is free of data races. Only words up to key_bytes long with up to max_ids ids are cached;
// the BPE model keeps a small-word and a long-word instance.
// Usage:
//   bpe_cache<3, 3> c(65536);
//   std::vector<token_id> ids;
//   if (!c.lookup(word, h, ids)) { compute(ids); c.store(word, h, ids); }
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "tokenizer/types.hpp"

namespace tito::tokenizer {

template <std::size_t KeyWords, std::size_t IdWords>
class bpe_cache {
public:
    static constexpr std::size_t key_words = KeyWords;
    static constexpr std::size_t key_bytes = key_words * 8;
    static constexpr std::size_t id_words = IdWords;
    static constexpr std::size_t max_ids = id_words * 2;

    explicit bpe_cache(std::size_t slots) : mask_(round_up(slots) - 1), slots_(new slot[mask_ + 1]) {}

    // Appends the cached ids of `word` to `out` and returns true on a hit.
    bool lookup(std::string_view word, std::uint64_t hash, std::vector<token_id>& out) const noexcept {
        if (word.size() > key_bytes) return false;
        // The key as zero-padded little-endian words, each built with whole loads (a byte-length
        // memcpy into a stack array, read back by words, stalls store-to-load forwarding).
        std::array<std::uint64_t, key_words> want{};
        std::size_t i = 0;
        for (; i + 8 <= word.size(); i += 8) std::memcpy(&want[i / 8], word.data() + i, 8);
        if (i < word.size()) want[i / 8] = load_tail(word.data() + i, word.size() - i);
        return lookup_words(want, word.size(), hash, out);
    }

    // lookup() of a word of at most 16 bytes given as its two zero-padded words (pad16).
    bool lookup16(std::uint64_t a, std::uint64_t b, std::size_t len, std::uint64_t hash,
                  std::vector<token_id>& out) const noexcept {
        static_assert(key_words >= 2);
        std::array<std::uint64_t, key_words> want{};
        want[0] = a;
        want[1] = b;
        return lookup_words(want, len, hash, out, 2);
    }

    // The zero-padded words of a word of at most 16 bytes, read without going past its end.
    static void pad16(std::string_view w, std::uint64_t& a, std::uint64_t& b) noexcept {
        const std::size_t n = w.size();
        if (n >= 8) {
            std::memcpy(&a, w.data(), 8);
            if (n == 16) std::memcpy(&b, w.data() + 8, 8);
            else b = n > 8 ? load_tail(w.data() + 8, n - 8) : 0;
        } else {
            a = n ? load_tail(w.data(), n) : 0;
            b = 0;
        }
    }
    // The same, with two whole loads: the caller guarantees 16 readable bytes at w.data().
    static void pad16_overread(std::string_view w, std::uint64_t& a, std::uint64_t& b) noexcept {
        const std::size_t n = w.size();
        std::memcpy(&a, w.data(), 8);
        std::memcpy(&b, w.data() + 8, 8);
        auto low = [](std::size_t bytes) { return bytes >= 8 ? ~0ull : (1ull << (bytes * 8)) - 1; };
        if (n < 8) {
            a &= low(n);
            b = 0;
        } else {
            b &= low(n - 8);
        }
    }

    void store(std::string_view word, std::uint64_t hash, std::span<const token_id> ids) const noexcept {
        if (word.size() > key_bytes || ids.size() > max_ids) return;
        slot& s = slots_[hash & mask_];
        std::uint64_t v = s.seq.load(std::memory_order_relaxed);
        if ((v & 1) || !s.seq.compare_exchange_strong(v, v + 1, std::memory_order_acquire)) return;
        std::atomic_thread_fence(std::memory_order_release);
        std::array<std::uint64_t, key_words + id_words> copy{};
        std::memcpy(copy.data(), word.data(), word.size());
        std::memcpy(copy.data() + key_words, ids.data(), ids.size() * sizeof(token_id));
        for (std::size_t i = 0; i < key_words; ++i) s.key[i].store(copy[i], std::memory_order_relaxed);
        for (std::size_t i = 0; i < (ids.size() + 1) / 2; ++i)
            s.ids[i].store(copy[key_words + i], std::memory_order_relaxed);
        s.meta.store((hash & 0xFFFFFFFF00000000ull) | (ids.size() << 16) | word.size(), std::memory_order_relaxed);
        s.seq.store(v + 2, std::memory_order_release);
    }

private:
    // `want` is the key zero-padded; when the caller knows its words from `known` on are zero (a
    // word of at most known * 8 bytes), only the first `known` are compared (the stored key has
    // the same length, hence the same zero words).
    bool lookup_words(const std::array<std::uint64_t, key_words>& want, std::size_t len, std::uint64_t hash,
                      std::vector<token_id>& out, std::size_t known = key_words) const noexcept {
        const slot& s = slots_[hash & mask_];
        std::uint64_t v1 = s.seq.load(std::memory_order_acquire);
        if (v1 & 1) return false;
        std::uint64_t meta = s.meta.load(std::memory_order_relaxed);
        if ((meta & 0xFFFF) != len || (meta >> 32) != (hash >> 32)) return false;
        // Stored keys are zero-padded like `want`: for the short cache every word is compared
        // without an early exit (no data-dependent branch per word).
        std::uint64_t diff = 0;
        if constexpr (key_words <= 4) {
            for (std::size_t k = 0; k < key_words; ++k)
                if (k < known) diff |= s.key[k].load(std::memory_order_relaxed) ^ want[k];
        } else {
            const std::size_t words = (len + 7) / 8;
            for (std::size_t k = 0; k < words; ++k) diff |= s.key[k].load(std::memory_order_relaxed) ^ want[k];
        }
        if (diff != 0) return false;
        const std::size_t n = (meta >> 16) & 0xFFFF;
        std::array<std::uint64_t, id_words> ids;
        for (std::size_t i = 0; i < (n + 1) / 2; ++i) ids[i] = s.ids[i].load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (s.seq.load(std::memory_order_relaxed) != v1) return false;
        const auto* p = reinterpret_cast<const std::uint32_t*>(ids.data());
        // A few ids, appended one by one: a variable-length copy (or a resize, then a loop GCC turns
        // into a memcpy call) costs more than the copy itself; the caller reserved room.
        for (std::size_t i = 0; i < n; ++i) out.push_back(p[i]);
        return true;
    }

    // The r (1..7) bytes at p as a little-endian word, zero above: two overlapping loads.
    static std::uint64_t load_tail(const char* p, std::size_t r) noexcept {
        const auto* b = reinterpret_cast<const unsigned char*>(p);
        if (r >= 4) {
            std::uint32_t lo, hi;
            std::memcpy(&lo, p, 4);
            std::memcpy(&hi, p + r - 4, 4);
            return lo | (std::uint64_t{hi} << ((r - 4) * 8));
        }
        return b[0] | (std::uint64_t{b[r / 2]} << (r / 2 * 8)) | (std::uint64_t{b[r - 1]} << ((r - 1) * 8));
    }

    struct alignas(64) slot {
        std::atomic<std::uint64_t> seq{0};
        std::atomic<std::uint64_t> meta{0};  // hash high 32 | n_ids << 16 | key length
        std::array<std::atomic<std::uint64_t>, key_words> key{};
        std::array<std::atomic<std::uint64_t>, id_words> ids{};
    };
    static std::size_t round_up(std::size_t n) {
        std::size_t p = 1;
        while (p < n) p <<= 1;
        return p;
    }
    std::size_t mask_;
    std::unique_ptr<slot[]> slots_;
};

}  // namespace tito::tokenizer
