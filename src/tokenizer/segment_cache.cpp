// File: tokenizer/segment_cache.cpp
#include "tokenizer/segment_cache.hpp"

#include <algorithm>

#include "tokenizer/models/vocab_table.hpp"

namespace tito::tokenizer {

segment_cache& segment_cache::local() {
    thread_local segment_cache c;
    return c;
}

std::uint64_t segment_cache::key_hash(std::uint64_t owner, bool at_origin, std::string_view text) {
    const std::uint64_t h = hash_bytes(text);  // word at a time (std::hash reads 1-64 KB more slowly)
    return (h ^ (owner * 0x9E3779B97F4A7C15ull) ^ (at_origin ? 0xD6E8FEB86659FD93ull : 0)) | 1;  // never 0 (empty)
}

bool segment_cache::lookup(std::uint64_t owner, bool at_origin, std::string_view text, std::vector<token_id>& out) {
    last_hash_ = key_hash(owner, at_origin, text);
    for (const auto& e : slots_)
        if (e.hash == last_hash_ && e.owner == owner && e.at_origin == at_origin && e.text == text) {
            out.insert(out.end(), e.ids.begin(), e.ids.end());
            return true;
        }
    return false;
}

bool segment_cache::seen_before() {
    if (std::find(seen_.begin(), seen_.end(), last_hash_) != seen_.end()) return true;
    seen_[next_seen_] = last_hash_;
    next_seen_ = (next_seen_ + 1) % recent;
    return false;
}

void segment_cache::store(std::uint64_t owner, bool at_origin, std::string text, std::span<const token_id> ids) {
    entry& e = slots_[next_slot_];
    next_slot_ = (next_slot_ + 1) % entries;
    e.owner = owner;
    e.hash = last_hash_;  // text is what lookup() just missed
    e.at_origin = at_origin;
    e.text = std::move(text);
    e.ids.assign(ids.begin(), ids.end());
}

}  // namespace tito::tokenizer
