#include "base/json_raw.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "base/hex.hpp"

namespace tito::json {

namespace {

// One pass over a value; `compact` drops to false at the first byte append_compact would not
// write the same way. Any structural surprise sets `ok` false (the caller then trusts nothing).
class scanner {
public:
    scanner(const char* p, const char* end) : p_(p), end_(end) {}

    const char* pos() const { return p_; }
    bool ok() const { return ok_; }
    bool compact = true;
    std::size_t deepest = 0;  // the deepest nesting reached (the top-level object is 1)

    void skip_ws(bool counts) {
        const char* start = p_;
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
        if (counts && p_ != start) compact = false;
    }

    bool at(char c) const { return p_ < end_ && *p_ == c; }
    bool take(char c) {
        if (!at(c)) return false;
        ++p_;
        return true;
    }

    // At the opening quote; leaves `p_` past the closing one. Returns the text between them.
    // (glibc's vectorized memchr finds the closing quote and any backslash before it; most
    // strings of a chat history have no escape at all.)
    std::string_view string() {
        const char* const start = p_ + 1;
        const char* s = start;
        for (;;) {
            const auto* q = static_cast<const char*>(std::memchr(s, '"', static_cast<std::size_t>(end_ - s)));
            if (!q) return fail_sv();
            const auto* b = static_cast<const char*>(std::memchr(s, '\\', static_cast<std::size_t>(q - s)));
            if (!b) {
                p_ = q + 1;
                return {start, static_cast<std::size_t>(q - start)};
            }
            p_ = b;
            if (!escape()) return fail_sv();
            s = p_;
        }
    }

    void value() {
        if (p_ >= end_) return fail();
        switch (*p_) {
            case '"': string(); return;
            case '{': return nested([this] { object(); });
            case '[': return nested([this] { array(); });
            case 't': return literal("true");
            case 'f': return literal("false");
            case 'n': return literal("null");
            default: return number();
        }
    }

    // At a value known to open with `known` (an array's first elements, compact) followed by a
    // comma: continues after them. False, with nothing consumed, when the text differs.
    bool skip_known(std::string_view known) {
        const auto left = static_cast<std::size_t>(end_ - p_);
        if (known.size() < 2 || known.front() != '[' || left <= known.size() || p_[known.size()] != ',' ||
            std::memcmp(p_, known.data(), known.size()) != 0)
            return false;
        p_ += known.size();
        nested([this] { array_after_element(); });
        return true;
    }

private:
    std::string_view fail_sv() {
        ok_ = false;
        p_ = end_;
        return {};
    }
    void fail() { fail_sv(); }

    // At a backslash inside a string.
    bool escape() {
        if (end_ - p_ < 2) return false;
        switch (p_[1]) {
            case '"': case '\\': case 'n': case 'r': case 't': case 'b': case 'f': p_ += 2; return true;
            case '/': p_ += 2; compact = false; return true;
            case 'u': {
                if (end_ - p_ < 6) return false;
                int v = 0;
                for (int i = 2; i < 6; ++i) {
                    const int h = hex_digit(p_[i]);
                    if (h < 0) return false;
                    v = v * 16 + h;
                }
                // append_quoted writes \u00xx (lowercase) only for control characters without a
                // short escape.
                const bool lower = hex_digit(p_[5]) < 10 || (p_[5] >= 'a' && p_[5] <= 'f');
                const bool short_form = v == '\b' || v == '\t' || v == '\n' || v == '\f' || v == '\r';
                p_ += 6;
                if (v >= 0x20 || short_form || !lower) compact = false;
                return true;
            }
            default: return false;
        }
    }

    void literal(std::string_view word) {
        if (static_cast<std::size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0)
            return fail();
        p_ += word.size();
    }

    void number() {
        // A local cursor: the member would be stored back on every digit.
        const char* p = p_;
        const char* const start = p;
        if (*p == '-') ++p;
        const char* digits = p;
        while (p < end_ && *p >= '0' && *p <= '9') ++p;
        if (p == digits) return fail();
        if (p < end_ && *p == '.')
            for (++p; p < end_ && *p >= '0' && *p <= '9';) ++p;
        if (p < end_ && (*p == 'e' || *p == 'E'))
            for (++p; p < end_ && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-');) ++p;
        p_ = p;
        if (!number_is_compact(std::string_view(start, static_cast<std::size_t>(p - start)))) compact = false;
    }

    // A container one level deeper; past max_depth (parse_exact's limit) the scan fails instead
    // of recursing on (a body of nested brackets must not exhaust the stack).
    template <typename Scan>
    void nested(Scan scan) {
        if (++depth_ > max_depth) return fail();
        deepest = std::max(deepest, depth_);
        scan();
        --depth_;
    }

    void array() {
        ++p_;
        skip_ws(true);
        if (take(']')) return;
        value();
        array_after_element();
    }

    // Inside an array, just past an element: the rest of the array.
    void array_after_element() {
        for (;;) {
            skip_ws(true);
            if (take(']')) return;
            if (!take(',')) return fail();
            skip_ws(true);
            value();
        }
    }

    void object() {
        ++p_;
        const std::size_t first_key = keys_.size();
        std::size_t count = 0;
        skip_ws(true);
        if (take('}')) return;
        for (;;) {
            if (!at('"')) return fail();
            const std::string_view key = string();
            if (!ok_) return;
            // parse_exact keeps one value per key; the text would keep both. (Keys with only
            // compact escapes have one spelling, so comparing text is comparing keys.) The check
            // is quadratic, so an object with more than max_checked_keys keys is simply not
            // marked: its member is re-serialized, and a huge object costs a linear scan.
            if (++count > max_checked_keys) {
                compact = false;
            } else {
                for (std::size_t i = first_key; i < keys_.size() && compact; ++i)
                    if (keys_[i] == key) compact = false;
                keys_.push_back(key);
            }
            skip_ws(true);
            if (!take(':')) return fail();
            skip_ws(true);
            value();
            skip_ws(true);
            if (take('}')) {
                keys_.resize(first_key);
                return;
            }
            if (!take(',')) return fail();
            skip_ws(true);
        }
    }

    static constexpr std::size_t max_checked_keys = 64;
    static constexpr std::size_t max_depth = 512;
    std::size_t depth_ = 1;  // inside the top-level object

    const char* p_;
    const char* end_;
    bool ok_ = true;
    // Keys of the objects being scanned, innermost last: one vector per thread, reused by every
    // scan (a scan never starts another on the same thread).
    std::vector<std::string_view>& keys_ = keys_buffer();
    static std::vector<std::string_view>& keys_buffer() {
        thread_local std::vector<std::string_view> keys;
        keys.clear();
        return keys;
    }
};

}  // namespace

namespace {

bool split(std::string_view text, std::vector<raw_member>& out, const known_prefix* skip) {
    scanner s(text.data(), text.data() + text.size());
    const std::size_t first = out.size();
    auto reject = [&] {
        out.resize(first);
        return false;
    };
    s.skip_ws(false);
    if (!s.take('{')) return false;
    s.skip_ws(false);
    if (s.take('}')) return true;
    for (;;) {
        if (!s.at('"')) return reject();
        const std::string_view key = s.string();
        if (!s.ok() || key.find('\\') != std::string_view::npos) return reject();
        s.skip_ws(false);
        if (!s.take(':')) return reject();
        s.skip_ws(false);
        s.compact = true;
        s.deepest = 0;
        const char* start = s.pos();
        std::size_t skipped = 0;
        if (skip && key == skip->key && s.skip_known(skip->text)) skipped = skip->text.size();
        else s.value();
        if (!s.ok()) return reject();
        out.push_back(raw_member{key, std::string_view(start, static_cast<std::size_t>(s.pos() - start)), s.compact, skipped,
                                 s.deepest > 1 ? s.deepest - 1 : 0});
        s.skip_ws(false);
        if (s.take(',')) {
            s.skip_ws(false);
            continue;
        }
        if (s.take('}')) return true;
        return reject();
    }
}

}  // namespace

bool split_members(std::string_view text, std::vector<raw_member>& out) { return split(text, out, nullptr); }

bool split_members(std::string_view text, std::vector<raw_member>& out, const known_prefix& skip) {
    return split(text, out, &skip);
}

// Integers: at most 18 digits (they fit 64 bits), not "-0" (it reads as 0). Floats: fixed notation
// that is Python's repr of the double it reads as, so that append_compact writes it back
// unchanged: the value is zero or in [1e-4, 1e16) (repr's fixed-notation range), the fraction ends
// in a nonzero digit or is a single "0", and there are at most 15 significant digits: a decimal of
// at most 15 digits is the only one of that length or shorter that reads as its double (DBL_DIG),
// so it is the shortest round trip repr writes. Anything else is left to re-serialization.
bool number_is_compact(std::string_view t) {
    const char* p = t.data();
    const char* const end = p + t.size();
    if (p != end && *p == '-') ++p;
    const char* digits = p;
    while (p != end && static_cast<unsigned char>(*p - '0') < 10) ++p;
    const auto n = p - digits;
    if (n == 0) return false;
    if (p == end) return n <= 18 && !(t[0] == '-' && n == 1 && *digits == '0');
    if (*p != '.' || n > 16) return false;  // an exponent; or 1e16 and beyond
    // One pass over the fraction: where its significant digits start and end.
    const char* const frac = ++p;
    const bool int_zero = *digits == '0';  // JSON: a leading zero is the whole integer part
    const char* first_nonzero = nullptr;
    const char* last_nonzero = nullptr;
    for (; p != end; ++p) {
        const unsigned d = static_cast<unsigned char>(*p - '0');
        if (d >= 10) return false;  // an exponent
        if (d != 0) {
            if (!first_nonzero) first_nonzero = p;
            last_nonzero = p;
        }
    }
    const auto frac_digits = end - frac;
    if (frac_digits == 0) return false;
    if (last_nonzero != end - 1 && !(frac_digits == 1 && *frac == '0')) return false;  // a trailing zero
    if (int_zero) {
        if (!first_nonzero) return true;                 // zero: "0.0", "-0.0"
        if (first_nonzero - frac > 3) return false;      // below 1e-4: repr writes an exponent
        return last_nonzero - first_nonzero + 1 <= 15;
    }
    // Significant digits: the integer part's (from its nonzero first digit; its trailing zeros
    // count when a nonzero fraction digit follows) and the fraction's up to its last nonzero.
    if (last_nonzero) return n + (last_nonzero - frac + 1) <= 15;
    const char* last_int = digits + n - 1;  // "1200.0": trailing zeros of the integer part do not count
    while (*last_int == '0') --last_int;
    return last_int - digits + 1 <= 15;
}

}  // namespace tito::json
