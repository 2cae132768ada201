// File: tokenizer/segment_cache.hpp
// Ids of long text segments seen again, per thread. In an RL rollout every session's first turn
// carries the same system prompt and tool list: one added-token segment of several KB that the
// model tokenizes identically each time. A segment (the text between two added tokens, already
// normalized) is encoded independently of the rest, so its ids can be reused when the same text
// comes again for the same tokenizer. Bounded: segments of min_bytes..max_bytes only, a
// segment is stored only the second time its hash is seen (unique tool outputs are never
// copied in), at most `entries` of them, the oldest replaced first. Hits compare the whole text.
// Usage (inside tokenizer::encode):
//   auto& c = segment_cache::local();
//   if (!c.lookup(owner, at_origin, text, ids)) {
//       std::string keep; if (c.seen_before()) keep = text;   // the second sighting: store it
//       ...encode text into ids...;  if (!keep.empty()) c.store(owner, at_origin, std::move(keep), new_ids);
//   }
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tokenizer/types.hpp"

namespace tito::tokenizer {

class segment_cache {
public:
    static constexpr std::size_t min_bytes = 1024;
    static constexpr std::size_t max_bytes = 64 * 1024;  // at most 16 x 64 KB of text (+ ids) per thread
    static constexpr std::size_t entries = 16;
    static constexpr std::size_t recent = 64;

    static segment_cache& local();

    static bool eligible(std::string_view text) { return text.size() >= min_bytes && text.size() <= max_bytes; }

    // Appends the stored ids of `text` to `out`; false when not stored. `owner` identifies the
    // tokenizer (a process-unique number, never an address that a later tokenizer could reuse).
    bool lookup(std::uint64_t owner, bool at_origin, std::string_view text, std::vector<token_id>& out);
    // After a miss: whether the text lookup() just missed was seen before (then store it); the
    // first time, its hash is remembered.
    bool seen_before();
    // `text` must be the one lookup() just missed (its hash is reused).
    void store(std::uint64_t owner, bool at_origin, std::string text, std::span<const token_id> ids);

private:
    struct entry {
        std::uint64_t owner = 0;
        std::uint64_t hash = 0;
        bool at_origin = false;
        std::string text;
        std::vector<token_id> ids;
    };
    static std::uint64_t key_hash(std::uint64_t owner, bool at_origin, std::string_view text);

    std::array<entry, entries> slots_;
    std::size_t next_slot_ = 0;
    std::array<std::uint64_t, recent> seen_{};
    std::size_t next_seen_ = 0;
    std::uint64_t last_hash_ = 0;  // the hash lookup() computed, for seen_before() and store()
};

}  // namespace tito::tokenizer
