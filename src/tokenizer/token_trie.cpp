// File: tokenizer/token_trie.cpp
#include "tokenizer/token_trie.hpp"

#include <cstring>

namespace tito::tokenizer {

std::int64_t token_trie::child(std::uint32_t node, unsigned char b) const {
    auto it = edges_.find((static_cast<std::uint64_t>(node) << 8) | b);
    return it == edges_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

void token_trie::add(std::string_view pattern, std::uint32_t value) {
    if (pattern.empty()) return;
    auto lead = static_cast<unsigned char>(pattern[0]);
    if (!first_[lead]) {
        first_[lead] = true;
        single_first_ = ++first_count_ == 1 ? static_cast<int>(lead) : -1;
    }
    std::uint32_t node = 0;
    for (char c : pattern) {
        auto key = (static_cast<std::uint64_t>(node) << 8) | static_cast<unsigned char>(c);
        auto it = edges_.find(key);
        if (it == edges_.end()) {
            auto next = static_cast<std::uint32_t>(terminal_.size());
            terminal_.push_back(-1);
            it = edges_.emplace(key, next).first;
        }
        node = it->second;
    }
    if (terminal_[node] < 0) terminal_[node] = value;
}

std::optional<trie_match> token_trie::find(std::string_view s, std::size_t from) const {
    if (empty()) return std::nullopt;
    for (std::size_t i = from; i < s.size(); ++i) {
        if (single_first_ >= 0) {  // common case (all tokens start with '<'): memchr to the next one
            const void* hit = std::memchr(s.data() + i, single_first_, s.size() - i);
            if (hit == nullptr) return std::nullopt;
            i = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
        } else if (!first_[static_cast<unsigned char>(s[i])]) {
            continue;
        }
        std::uint32_t node = 0;
        std::optional<trie_match> best;
        for (std::size_t j = i; j < s.size(); ++j) {
            std::int64_t next = child(node, static_cast<unsigned char>(s[j]));
            if (next < 0) break;
            node = static_cast<std::uint32_t>(next);
            if (terminal_[node] >= 0) best = trie_match{i, j + 1, static_cast<std::uint32_t>(terminal_[node])};
        }
        if (best) return best;
    }
    return std::nullopt;
}

}  // namespace tito::tokenizer
