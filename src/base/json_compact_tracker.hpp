// File: base/json_compact_tracker.hpp
// The "is this text already compact?" verdict of parse_exact, shared with the readers that drive
// Boost.JSON's SAX parser themselves (api/chat_reply_fast.cpp): fed the parse events, it tells
// whether the text is exactly what json::append_compact writes for the document read.
// Usage (inside a basic_parser handler):
//   tracker.start();  ...  tracker.object_begin(); tracker.key(k); tracker.integer(text); ...
//   bool compact = tracker.ok && tracker.size == text.size();
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/json.hpp"

namespace tito::json {

// Whether the text parsed is exactly what append_compact writes for the document, decided from
// the parse events alone (Boost 1.81's basic_parser hands each string's decoded bytes over once,
// in disjoint parts, the last through on_string/on_key): the size the events' compact spelling
// has (structural bytes, quoted keys and strings with append_quoted's escapes, numbers' own text)
// must equal the text's size. Every other spelling (whitespace, another escape) only adds bytes,
// so equal sizes mean equal texts once the events themselves are compact: each number is its own
// compact spelling (integers: not "-0"; doubles: repr of the value, see floating()), no string
// holds a control character written \u00xx with a hex letter (upper case has the same size), and
// no object repeats a key (the document keeps one value; keys are compared by hash, a collision
// only costs the shortcut) nor has more than 64 keys.
class compact_tracker {
public:
    bool on = false;
    bool ok = true;
    std::size_t size = 0;

    // Not compact: the verdict is in, tracking stops (a long reply with full-precision floats pays
    // for its first one only).
    void fail() {
        ok = false;
        on = false;
    }

    void object_begin() {
        ++size;
        marks_.push_back(keys_.size());
    }
    void object_end(std::size_t n) {
        size += 1 + n + (n ? n - 1 : 0);  // '}', a colon per member, commas between
        keys_.resize(marks_.back());
        marks_.pop_back();
    }
    void array_end(std::size_t n) { size += 2 + (n ? n - 1 : 0); }
    void key_part(std::string_view s) {
        text_part(s);
        for (unsigned char c : s) key_hash_ = (key_hash_ ^ c) * 0x100000001B3ull;
    }
    void key(std::string_view s) {
        key_part(s);
        size += 2;
        const std::size_t first = marks_.empty() ? 0 : marks_.back();
        if (keys_.size() - first >= 64) fail();
        for (std::size_t i = first; i < keys_.size() && ok; ++i)
            if (keys_[i] == key_hash_) fail();
        keys_.push_back(key_hash_);
        key_hash_ = fnv_basis;
    }
    // A string's bytes as append_quoted writes them (json::quoted_length). Only a part that grows
    // by 5 or more can hold a control character written \u00xx: one with a hex letter could be
    // spelled in upper case at the same size, so it is not vouched for.
    void text_part(std::string_view s) {
        const std::size_t n = json::quoted_length(s) - 2;
        size += n;
        if (n - s.size() < 5) return;
        for (unsigned char c : s)
            if (c < 0x20 && (c & 0xF) >= 0xA && c != '\n' && c != '\f' && c != '\r') return fail();
    }
    // A string value's last part (on_string): its bytes and the two quotes.
    void string(std::string_view s) {
        text_part(s);
        size += 2;
    }
    // A double: compact when its text is repr of its value (json::read_double tells).
    void floating(std::string_view text, bool is_repr) {
        size += text.size();
        if (!is_repr) fail();
    }
    // The text of a number read as an int64 or uint64: JSON's grammar leaves one spelling per
    // integer, its decimal digits, except "-0" (Python reads the integer 0, written "0").
    void integer(std::string_view text) {
        size += text.size();
        if (text == "-0") fail();
    }
    // A new document: the key stacks are reused across parses on a thread.
    void start() {
        on = true;
        keys_.clear();
        marks_.clear();
    }

private:
    static constexpr std::uint64_t fnv_basis = 0xCBF29CE484222325ull;
    static std::vector<std::uint64_t>& thread_keys() {
        thread_local std::vector<std::uint64_t> v;
        return v;
    }
    static std::vector<std::size_t>& thread_marks() {
        thread_local std::vector<std::size_t> v;
        return v;
    }
    std::uint64_t key_hash_ = fnv_basis;
    // Per thread, reused across parses; found once per tracker (not per event).
    std::vector<std::uint64_t>& keys_ = thread_keys();  // hashes of the keys of the open objects
    std::vector<std::size_t>& marks_ = thread_marks();  // where each open object's keys start
};

}  // namespace tito::json
