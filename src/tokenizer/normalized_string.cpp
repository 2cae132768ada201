// File: tokenizer/normalized_string.cpp
// Mirrors HF `NormalizedString::split`: build (range, is_match) events covering the string, merge
// them according to the behavior, drop removed and empty parts.
#include "tokenizer/normalized_string.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tokenizer/byte_level_map.hpp"

namespace tito::tokenizer {

pre_tokenized::pre_tokenized(std::string t, bool at_origin) : text(std::move(t)) {
    if (!text.empty()) pieces.push_back(piece_span{0, static_cast<std::uint32_t>(text.size()), at_origin});
}

void pre_tokenized::materialize() {
    if (!byte_level) return;
    std::string mapped;
    mapped.reserve(text.size() * 2);
    std::vector<piece_span> spans;
    spans.reserve(pieces.size());
    for (const auto& p : pieces) {
        auto b = static_cast<std::uint32_t>(mapped.size());
        byte_level_map::encode_append(view(p), mapped);
        spans.push_back(piece_span{b, static_cast<std::uint32_t>(mapped.size()), p.at_origin});
    }
    text.swap(mapped);
    pieces.swap(spans);
    byte_level = false;
}

std::vector<std::string> pre_tokenized::strings() const {
    std::vector<std::string> out;
    for (const auto& p : pieces)
        out.push_back(byte_level ? byte_level_map::encode(view(p)) : std::string(view(p)));
    return out;
}

result<split_behavior> parse_split_behavior(std::string_view name) {
    if (name == "Removed") return split_behavior::removed;
    if (name == "Isolated") return split_behavior::isolated;
    if (name == "MergedWithPrevious") return split_behavior::merged_with_previous;
    if (name == "MergedWithNext") return split_behavior::merged_with_next;
    if (name == "Contiguous") return split_behavior::contiguous;
    return error{errc::tokenizer_load, fmt::format("unknown split behavior '{}'", name)};
}

namespace {

struct event {
    std::size_t begin;
    std::size_t end;
    bool is_match;
};

// (range, keep) pairs after applying the behavior; keep=false means "removed".
void apply_behavior(std::vector<event>& ev, split_behavior behavior, std::vector<event>& out) {
    out.clear();
    bool previous_match = false;
    switch (behavior) {
        case split_behavior::isolated:
            for (auto& e : ev) out.push_back({e.begin, e.end, false});
            return;
        case split_behavior::removed:
            out = ev;  // is_match doubles as "remove"
            return;
        case split_behavior::contiguous:
            for (auto& e : ev) {
                if (e.is_match == previous_match && !out.empty()) out.back().end = e.end;
                else out.push_back({e.begin, e.end, false});
                previous_match = e.is_match;
            }
            return;
        case split_behavior::merged_with_previous:
            for (auto& e : ev) {
                if (e.is_match && !previous_match && !out.empty()) out.back().end = e.end;
                else out.push_back({e.begin, e.end, false});
                previous_match = e.is_match;
            }
            return;
        case split_behavior::merged_with_next:
            for (auto it = ev.rbegin(); it != ev.rend(); ++it) {
                if (it->is_match && !previous_match && !out.empty()) out.back().begin = it->begin;
                else out.push_back({it->begin, it->end, false});
                previous_match = it->is_match;
            }
            std::reverse(out.begin(), out.end());
            return;
    }
}

}  // namespace

void split_pieces(std::string_view s, const piece_span& piece, std::span<const text::match> matches,
                  split_behavior behavior, bool invert, std::vector<piece_span>& out) {
    if (s.empty()) return;
    if (behavior == split_behavior::isolated && !invert) {  // hot path: every gap and match is a piece
        std::uint32_t prev = 0;
        for (const auto& m : matches) {
            auto b = static_cast<std::uint32_t>(m.begin), e = static_cast<std::uint32_t>(m.end);
            if (prev != b) out.push_back(piece_span{piece.begin + prev, piece.begin + b, piece.at_origin && prev == 0});
            if (e != b) out.push_back(piece_span{piece.begin + b, piece.begin + e, piece.at_origin && b == 0});
            prev = e;
        }
        if (prev != s.size())
            out.push_back(piece_span{piece.begin + prev, piece.begin + static_cast<std::uint32_t>(s.size()),
                                     piece.at_origin && prev == 0});
        return;
    }
    thread_local std::vector<event> ev, merged;
    ev.clear();
    std::size_t prev = 0;
    for (const auto& m : matches) {
        if (prev != m.begin) ev.push_back({prev, m.begin, invert});
        ev.push_back({m.begin, m.end, !invert});
        prev = m.end;
    }
    if (prev != s.size()) ev.push_back({prev, s.size(), invert});
    apply_behavior(ev, behavior, merged);
    for (const auto& e : merged) {
        if (e.is_match || e.end == e.begin) continue;
        out.push_back(piece_span{piece.begin + static_cast<std::uint32_t>(e.begin),
                                 piece.begin + static_cast<std::uint32_t>(e.end), piece.at_origin && e.begin == 0});
    }
}

}  // namespace tito::tokenizer
