// File: tokenizer/added_vocabulary.cpp
#include "tokenizer/added_vocabulary.hpp"

#include <algorithm>

#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace tito::tokenizer {

namespace {

// Rust regex `\w` on one character: Alphabetic | M | Nd | Pc | Join_Control. Alphabetic is
// approximated as L | Nl plus the Other_Alphabetic symbols (circled and squared Latin letters).
bool is_word_char(char32_t c) {
    if (c < 0x80) return c == '_' || text::is_alphanumeric(c);
    if (c == 0x200C || c == 0x200D || (c >= 0x24B6 && c <= 0x24E9) || (c >= 0x1F130 && c <= 0x1F149) ||
        (c >= 0x1F150 && c <= 0x1F169) || (c >= 0x1F170 && c <= 0x1F189))
        return true;
    std::string_view gc = text::general_category(c);
    return gc[0] == 'L' || gc[0] == 'M' || gc == "Nd" || gc == "Nl" || gc == "Pc";
}

bool ends_with_word(std::string_view s) {
    if (s.empty()) return false;
    std::size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return is_word_char(text::decode_one(s, i));
}

bool starts_with_word(std::string_view s) {
    if (s.empty()) return false;
    std::size_t i = 0;
    return is_word_char(text::decode_one(s, i));
}

// Start of the trailing whitespace run of s.
std::size_t trailing_space_start(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0) {
        std::size_t start = end - 1;
        while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
        std::size_t i = start;
        if (!text::is_whitespace(text::decode_one(s, i))) break;
        end = start;
    }
    return end;
}

// Length of the leading whitespace run of s.
std::size_t leading_space_length(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t next = i;
        if (!text::is_whitespace(text::decode_one(s, next))) break;
        i = next;
    }
    return i;
}

}  // namespace

added_vocabulary added_vocabulary::build(const std::vector<added_token>& tokens, const model& m,
                                         const normalizer* n) {
    added_vocabulary av;
    std::vector<std::size_t> special_order, added_order;  // HF: special tokens first, then others
    for (const auto& t : tokens)
        if (t.special && !t.content.empty()) av.special_.insert(t.content);
    token_id next_id = static_cast<token_id>(m.vocab_size());
    for (const auto& t : tokens) {
        if (t.content.empty()) continue;
        auto known = av.token_to_id(t.content);
        if (!known) known = m.token_to_id(t.content);
        token_id id = known ? *known : next_id++;
        av.content_to_id_[t.content] = id;
        av.id_to_index_[id] = av.by_index_.size();
        av.by_index_.push_back(t);
        av.ids_.push_back(id);
        (av.special_.count(t.content) ? special_order : added_order).push_back(av.by_index_.size() - 1);
    }
    for (const auto* order : {&special_order, &added_order}) {
        for (std::size_t idx : *order) {
            const added_token& t = av.by_index_[idx];
            if (!t.normalized) {
                av.raw_trie_.add(t.content, static_cast<std::uint32_t>(idx));
            } else {
                std::string content = t.content;
                if (n) n->normalize(content);
                av.normalized_trie_.add(content, static_cast<std::uint32_t>(idx));
            }
        }
    }
    return av;
}

std::vector<token_id> added_vocabulary::special_ids() const {
    std::vector<token_id> out;
    for (std::size_t i = 0; i < by_index_.size(); ++i)
        if (by_index_[i].special) out.push_back(ids_[i]);
    return out;
}

std::optional<token_id> added_vocabulary::token_to_id(std::string_view content) const {
    auto it = content_to_id_.find(content);
    if (it == content_to_id_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::string_view> added_vocabulary::id_to_token(token_id id) const {
    auto it = id_to_index_.find(id);
    if (it == id_to_index_.end()) return std::nullopt;
    return std::string_view(by_index_[it->second].content);
}

std::size_t added_vocabulary::count_outside(const model& m) const {
    std::size_t n = 0;
    for (const auto& [content, id] : content_to_id_) n += !m.token_to_id(content).has_value();
    return n;
}

void added_vocabulary::split(const std::string& s, bool at_origin, const token_trie& trie,
                             std::vector<segment>& out) const {
    auto emit = [&](std::size_t b, std::size_t e, std::optional<token_id> id) {
        if (e > b) out.push_back(segment{s.substr(b, e - b), at_origin && b == 0, id});
    };
    if (trie.empty()) {
        emit(0, s.size(), std::nullopt);
        return;
    }
    std::size_t start_offset = 0, pos = 0;
    while (auto m = trie.find(s, pos)) {
        pos = m->end;
        const added_token& t = by_index_[m->value];
        std::size_t start = m->begin, stop = m->end;
        if (t.single_word) {
            bool start_space = start == 0 || !ends_with_word(std::string_view(s).substr(0, start));
            bool stop_space = stop == s.size() || !starts_with_word(std::string_view(s).substr(stop));
            if (!start_space || !stop_space) continue;
        }
        if (t.lstrip) start = std::max(trailing_space_start(std::string_view(s).substr(0, start)), start_offset);
        if (t.rstrip) stop += leading_space_length(std::string_view(s).substr(stop));
        emit(start_offset, start, std::nullopt);
        emit(start, stop, ids_[m->value]);
        start_offset = stop;
    }
    emit(start_offset, s.size(), std::nullopt);
}

void added_vocabulary::extract_and_normalize(std::string_view text, const normalizer* n,
                                             std::vector<segment>& out) const {
    out.clear();
    thread_local std::vector<segment> first;
    first.clear();
    split(std::string(text), true, raw_trie_, first);
    for (auto& seg : first) {
        if (seg.id) {
            out.push_back(std::move(seg));
            continue;
        }
        if (n) n->normalize(seg.text);
        if (normalized_trie_.empty()) {
            if (!seg.text.empty()) out.push_back(std::move(seg));
            continue;
        }
        split(seg.text, seg.at_origin, normalized_trie_, out);
    }
}

}  // namespace tito::tokenizer
