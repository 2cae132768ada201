// File: tokenizer/fast_split.cpp
// Each alternative of the pattern, tried in order at the current position, becomes a forward
// scan. The whole subject is always covered: a letter starts alternative 2, a number 3, any other
// non-space 4, and a space one of the last three; so, unlike the regex, no position is skipped.
#include "tokenizer/fast_split.hpp"

#include <bit>
#include <cstring>
#include <mutex>

#include "base/assert.hpp"
#include "text/utf8.hpp"

namespace tito::tokenizer {

namespace {

constexpr std::string_view llama3_pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr std::string_view qwen2_pattern =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

// Class bits, in the order given to class_map::make.
constexpr std::uint8_t letter = 1, number = 2, space = 4;

std::shared_ptr<const text::class_map> shared_classes() {
    static std::shared_ptr<const text::class_map> map = [] {
        auto m = text::class_map::make({R"(\p{L})", R"(\p{N})", R"(\s)"});
        TITO_ASSERT(m.has_value());
        // scanner::letters reads ASCII letters eight bytes at a time: exactly A-Z and a-z.
        for (char32_t c = 0; c < 0x80; ++c)
            TITO_ASSERT(((m->bits(c) & letter) != 0) == ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
        return std::make_shared<const text::class_map>(std::move(*m));
    }();
    return map;
}

struct ch {
    char32_t c;
    std::uint32_t len;
    std::uint8_t cls;
};

class scanner {
public:
    scanner(std::string_view s, const text::class_map& m) : s_(s), map_(m) {}

    ch at(std::size_t i) const noexcept {
        auto b = static_cast<unsigned char>(s_[i]);
        if (b < 0x80) return {b, 1, map_.bits(b)};
        std::size_t j = i;
        char32_t c = text::decode_one(s_, j);
        return {c, static_cast<std::uint32_t>(j - i), map_.bits(c)};
    }
    // End of the run of characters, from i, whose class bits intersect `want` (or, with
    // `negate`, do not intersect it).
    std::size_t run(std::size_t i, std::uint8_t want, bool negate) const noexcept {
        while (i < s_.size()) {
            // ASCII stretch: one table load per byte.
            auto b = static_cast<unsigned char>(s_[i]);
            if (b < 0x80) {
                if (((map_.bits(b) & want) != 0) == negate) break;
                ++i;
                continue;
            }
            ch x = at(i);
            if (((x.cls & want) != 0) == negate) break;
            i += x.len;
        }
        return i;
    }
    // run(i, letter, false), eight ASCII bytes at a time while they are ASCII (the first byte of
    // the text is the lowest of the word: little-endian).
    static_assert(std::endian::native == std::endian::little);
    std::size_t letters(std::size_t i) const noexcept {
        constexpr std::uint64_t ones = 0x0101010101010101ull, high = 0x80 * ones;
        while (i + 8 <= s_.size()) {
            std::uint64_t w;
            std::memcpy(&w, s_.data() + i, 8);
            if (w & high) break;  // a non-ASCII byte: the byte loop decides
            // Each byte below 0x80 and folded to lower case: a letter is 'a'..'z'; no sum carries
            // into the next byte.
            const std::uint64_t x = w | (0x20 * ones);
            const std::uint64_t is_letter = (x + (0x80 - 'a') * ones) & ~(x + (0x80 - 'z' - 1) * ones) & high;
            if (const std::uint64_t other = ~is_letter & high) return i + (std::countr_zero(other) >> 3);
            i += 8;
        }
        return run(i, letter, false);
    }
    // Length of 's 't 're 've 'm 'll 'd (any case) at i (s_[i] == '\''), or 0.
    std::size_t contraction(std::size_t i) const noexcept {
        if (i + 1 >= s_.size()) return 0;
        ch a = at(i + 1);
        auto is = [](char32_t c, char lower) { return c == char32_t(lower) || c == char32_t(lower - 32); };
        if (is(a.c, 's') || a.c == 0x17F || is(a.c, 't') || is(a.c, 'm') || is(a.c, 'd')) return 1 + a.len;
        if (i + 2 >= s_.size()) return 0;
        char32_t b = static_cast<unsigned char>(s_[i + 2]);
        if ((is(a.c, 'r') || is(a.c, 'v')) && is(b, 'e')) return 3;
        if (is(a.c, 'l') && is(b, 'l')) return 3;
        return 0;
    }
    std::size_t size() const noexcept { return s_.size(); }

private:
    std::string_view s_;
    const text::class_map& map_;
};

bool is_newline(char32_t c) { return c == '\r' || c == '\n'; }

}  // namespace

std::optional<fast_split> fast_split::recognize(std::string_view p) {
    if (p == llama3_pattern) return fast_split(shared_classes(), 3);
    if (p == qwen2_pattern) return fast_split(shared_classes(), 1);
    return std::nullopt;
}

void fast_split::find_matches(std::string_view s, std::vector<text::match>& out) const {
    out.clear();
    const scanner sc(s, *classes_);
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const ch c0 = sc.at(i);
        const std::size_t next = i + c0.len;
        std::size_t end = 0;
        if (c0.c == '\'') end = i + sc.contraction(i);
        if (end > i) {
        } else if (c0.cls & letter) {  // \p{L}+
            end = sc.letters(next);
        } else if (!(c0.cls & number) && !is_newline(c0.c) && next < n && (sc.at(next).cls & letter)) {
            end = sc.letters(next);  // [^\r\n\p{L}\p{N}]\p{L}+
        } else if (c0.cls & number) {  // \p{N}{1,max}
            end = next;
            for (unsigned k = 1; k < max_digits_ && end < n; ++k) {
                ch x = sc.at(end);
                if (!(x.cls & number)) break;
                end += x.len;
            }
        } else {
            constexpr std::uint8_t not_other = letter | number | space;
            std::size_t p = i;
            if (c0.c == ' ' && next < n && !(sc.at(next).cls & not_other)) p = next;
            if (!(sc.at(p).cls & not_other)) {  // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
                end = sc.run(p, not_other, true);
                while (end < n && is_newline(static_cast<unsigned char>(s[end]))) ++end;
            } else {  // c0 is a space: \s*[\r\n]+ | \s+(?!\S) | \s+
                std::size_t last_newline_end = 0, last_start = i, count = 0;
                end = i;
                while (end < n) {
                    ch x = sc.at(end);
                    if (!(x.cls & space)) break;
                    last_start = end;
                    end += x.len;
                    if (is_newline(x.c)) last_newline_end = end;
                    ++count;
                }
                if (last_newline_end != 0) end = last_newline_end;
                else if (end < n && count >= 2) end = last_start;
            }
        }
        out.push_back({i, end});
        i = end;
    }
}

}  // namespace tito::tokenizer
