// File: tokenizer/models/bpe_word.cpp
// The merge loop of one word (HF models/bpe/word.rs `Word::merge_all`): a min-heap of candidate
// merges ordered by (rank, position); stale entries are skipped when popped.
#include <algorithm>

#include "tokenizer/models/bpe.hpp"

namespace tito::tokenizer {

namespace {

struct candidate {
    std::uint32_t rank;
    std::int32_t pos;
    token_id merged;
};

// std heap is a max-heap: "less" means lower priority = higher (rank, pos).
struct lower_priority {
    bool operator()(const candidate& a, const candidate& b) const noexcept {
        return a.rank != b.rank ? a.rank > b.rank : a.pos > b.pos;
    }
};

}  // namespace

// Short words: keep the merge of each adjacent pair in `right` and scan for the lowest (rank,
// position); same order as the heap (HF's), fewer operations for the typical word.
void bpe::merge_small(std::vector<symbol>& symbols) const {
    thread_local std::vector<std::uint64_t> right;
    const auto n = static_cast<std::int32_t>(symbols.size());
    right.assign(symbols.size(), merge_map::no_merge);
    for (std::int32_t i = 0; i + 1 < n; ++i) right[i] = merges_.find(symbols[i].id, symbols[i + 1].id);
    while (true) {
        std::uint64_t best = merge_map::no_merge;
        std::int32_t at = -1;
        for (std::int32_t i = 0; i != -1; i = symbols[i].next) {
            if (right[i] < best) best = right[i], at = i;
        }
        if (at < 0) break;
        symbol& cur = symbols[at];
        const std::int32_t gone = cur.next;
        cur.id = static_cast<token_id>(best);
        cur.len += symbols[gone].len;
        cur.next = symbols[gone].next;
        symbols[gone].len = 0;
        if (cur.next != -1) {
            symbols[cur.next].prev = at;
            right[at] = merges_.find(cur.id, symbols[cur.next].id);
        } else {
            right[at] = merge_map::no_merge;
        }
        if (cur.prev != -1) right[cur.prev] = merges_.find(symbols[cur.prev].id, cur.id);
    }
    std::erase_if(symbols, [](const symbol& s) { return s.len == 0; });
}

void bpe::merge_all(std::vector<symbol>& symbols) const {
    if (symbols.size() <= 64) return merge_small(symbols);
    thread_local std::vector<candidate> heap;
    heap.clear();
    const auto n = static_cast<std::int32_t>(symbols.size());
    for (std::int32_t i = 0; i + 1 < n; ++i) {
        std::uint64_t m = merges_.find(symbols[i].id, symbols[i + 1].id);
        if (m != merge_map::no_merge)
            heap.push_back({static_cast<std::uint32_t>(m >> 32), i, static_cast<token_id>(m)});
    }
    std::make_heap(heap.begin(), heap.end(), lower_priority{});
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), lower_priority{});
        candidate top = heap.back();
        heap.pop_back();
        symbol& cur = symbols[top.pos];
        if (cur.len == 0 || cur.next == -1) continue;
        const std::int32_t next_pos = cur.next;
        const symbol right = symbols[next_pos];
        std::uint64_t m = merges_.find(cur.id, right.id);
        if (m == merge_map::no_merge || static_cast<token_id>(m) != top.merged) continue;
        cur.id = top.merged;
        cur.len += right.len;
        cur.next = right.next;
        symbols[next_pos].len = 0;
        if (right.next > -1 && right.next < n) symbols[right.next].prev = top.pos;
        if (cur.prev >= 0) {
            std::uint64_t pm = merges_.find(symbols[cur.prev].id, cur.id);
            if (pm != merge_map::no_merge) {
                heap.push_back({static_cast<std::uint32_t>(pm >> 32), cur.prev, static_cast<token_id>(pm)});
                std::push_heap(heap.begin(), heap.end(), lower_priority{});
            }
        }
        if (cur.next > -1 && cur.next < n) {
            std::uint64_t nm = merges_.find(cur.id, symbols[cur.next].id);
            if (nm != merge_map::no_merge) {
                heap.push_back({static_cast<std::uint32_t>(nm >> 32), top.pos, static_cast<token_id>(nm)});
                std::push_heap(heap.begin(), heap.end(), lower_priority{});
            }
        }
    }
    std::erase_if(symbols, [](const symbol& s) { return s.len == 0; });
}

}  // namespace tito::tokenizer
