// File: tokenizer/token_trie.hpp
// Byte trie over the added-token strings with leftmost-longest, non-overlapping search (the
// semantics of HF's AhoCorasick MatchKind::LeftmostLongest). Immutable after build; thread-safe.
// Usage:
//   token_trie t; t.add("<s>", 0); t.add("<s>x", 1);
//   auto m = t.find(text, 0);   // optional<trie_match>{begin, end, value}
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tito::tokenizer {

struct trie_match {
    std::size_t begin;
    std::size_t end;
    std::uint32_t value;
};

class token_trie {
public:
    // Adds a non-empty pattern; the first value added for a given pattern is kept.
    void add(std::string_view pattern, std::uint32_t value);
    // First (leftmost) match starting at or after `from`, longest at that start.
    std::optional<trie_match> find(std::string_view s, std::size_t from) const;
    bool empty() const noexcept { return terminal_.size() <= 1; }

private:
    std::int64_t child(std::uint32_t node, unsigned char b) const;
    std::vector<std::int64_t> terminal_{-1};  // node -> value, -1 if not terminal
    std::unordered_map<std::uint64_t, std::uint32_t> edges_;  // node << 8 | byte -> node
    std::array<bool, 256> first_{};
    int first_count_ = 0;
    int single_first_ = -1;  // the only first byte, when there is exactly one
};

}  // namespace tito::tokenizer
