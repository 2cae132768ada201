// File: base/json.cpp
#include "base/json.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <vector>

namespace tito::json {

void append_python_float(std::string& out, double d) {
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d > 0 ? "Infinity" : "-Infinity";
        return;
    }
    // The shortest round-trip digits (Dragonbox, the algorithm behind fmt's "{}"; fmt exports it
    // as detail::dragonbox::to_decimal), laid out the way Python's repr does: fixed notation for
    // decimal exponents -4..15 (with ".0" when there is no fraction), scientific otherwise with a
    // signed exponent of at least two digits. (std::to_chars costs ~4x more here.)
    const bool negative = std::signbit(d);
    char digits[24];
    std::size_t n = 0;
    int exp = 0;
    if (d == 0) {
        digits[n++] = '0';
    } else {
        const auto dec = fmt::detail::dragonbox::to_decimal(negative ? -d : d);
        const fmt::format_int sig(dec.significand);
        n = sig.size();
        std::memcpy(digits, sig.data(), n);
        while (n > 1 && digits[n - 1] == '0') --n;  // significand may carry trailing zeros
        exp = dec.exponent + static_cast<int>(sig.size()) - 1;
    }
    char buf[48];
    char* p = buf;
    if (negative) *p++ = '-';
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            *p++ = '0';
            *p++ = '.';
            for (int z = -1; z > exp; --z) *p++ = '0';
            std::memcpy(p, digits, n);
            p += n;
        } else {
            const auto whole = static_cast<std::size_t>(exp) + 1;
            for (std::size_t i = 0; i < whole; ++i) *p++ = i < n ? digits[i] : '0';
            *p++ = '.';
            if (n > whole) {
                std::memcpy(p, digits + whole, n - whole);
                p += n - whole;
            } else {
                *p++ = '0';
            }
        }
    } else {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            std::memcpy(p, digits + 1, n - 1);
            p += n - 1;
        }
        *p++ = 'e';
        *p++ = exp < 0 ? '-' : '+';
        const int a = exp < 0 ? -exp : exp;
        if (a >= 100) *p++ = static_cast<char>('0' + a / 100);
        *p++ = static_cast<char>('0' + a / 10 % 10);
        *p++ = static_cast<char>('0' + a % 10);
    }
    out.append(buf, p);
}

namespace {

// 1 for the bytes json.dumps escapes (control characters, '"' and '\\'); everything else,
// including non-ASCII, is copied raw (ensure_ascii=False).
constexpr auto escape_table = [] {
    std::array<unsigned char, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = 1;
    t['"'] = 1;
    t['\\'] = 1;
    return t;
}();

template <typename Int>
void append_integer(std::string& out, Int v) {
    const fmt::format_int f(v);  // digits written back to front, two at a time
    out.append(f.data(), f.size());
}

// Nonzero when one of the 8 bytes of `w` (little-endian) needs escaping: a byte < 0x20, '"' or
// '\\' (the classic "has a byte less than n" / "has a zero byte" word tricks). A byte's high bit
// may also be set above a byte that needs escaping (a borrow runs upwards), never below the first
// one, so the lowest set bit marks the first byte to escape.
std::uint64_t escape_mask(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    const std::uint64_t below_space = (w - ones * 0x20) & ~w;
    const std::uint64_t q = w ^ (ones * '"');
    const std::uint64_t b = w ^ (ones * '\\');
    return (below_space | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
}
bool word_needs_escape(std::uint64_t w) { return escape_mask(w) != 0; }

}  // namespace

namespace {

// Short strings without escapes (dict keys, enum values, names: most strings of a JSON document)
// are checked in at most two words and written with one append. False: take the general path.
bool append_quoted_short(std::string& out, std::string_view s) {
    const std::size_t n = s.size();
    if (n > 16) return false;
    const char* p = s.data();
    if (n >= 8) {
        std::uint64_t a, b;
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + n - 8, 8);
        if (word_needs_escape(a) || word_needs_escape(b)) return false;
    } else {
        for (std::size_t i = 0; i < n; ++i)
            if (escape_table[static_cast<unsigned char>(p[i])]) return false;
    }
    char buf[18];
    buf[0] = '"';
    std::memcpy(buf + 1, p, n);
    buf[n + 1] = '"';
    out.append(buf, n + 2);
    return true;
}

}  // namespace

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    if (append_quoted_short(out, s)) return;
    // Written through a pointer into room made up front (the text, the quotes and some escapes)
    // and grown when an escape needs more, so an escape costs a few stores instead of two appends.
    const char* p = s.data();
    const char* const end = p + s.size();
    std::size_t at = out.size();
    out.resize(at + s.size() + s.size() / 8 + 8);
    auto room = [&](std::size_t need) {
        if (at + need > out.size()) out.resize(at + need + static_cast<std::size_t>(end - p) / 2 + 16);
    };
    out[at++] = '"';
    const char* run = p;  // start of the pending run of bytes that need no escaping
    for (;;) {
        // Skip clean 8-byte words; in a word that needs escaping, go straight to its first
        // escape (escaped text such as JSON in JSON has one every few bytes). The last few bytes
        // are looked at one by one.
        while (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            if (const std::uint64_t m = escape_mask(w)) {
                p += std::countr_zero(m) >> 3;
                break;
            }
            p += 8;
        }
        if (p == end) break;
        const auto c = static_cast<unsigned char>(*p);
        if (!escape_table[c]) {
            ++p;
            continue;
        }
        const auto n = static_cast<std::size_t>(p - run);
        room(n + 6);
        std::memcpy(out.data() + at, run, n);
        at += n;
        char* d = out.data() + at;
        d[0] = '\\';
        at += 2;
        switch (c) {
            case '"': d[1] = '"'; break;
            case '\\': d[1] = '\\'; break;
            case '\n': d[1] = 'n'; break;
            case '\r': d[1] = 'r'; break;
            case '\t': d[1] = 't'; break;
            case '\b': d[1] = 'b'; break;
            case '\f': d[1] = 'f'; break;
            default:
                d[1] = 'u';
                d[2] = '0';
                d[3] = '0';
                d[4] = hex[c >> 4];
                d[5] = hex[c & 15];
                at += 4;
        }
        run = ++p;
    }
    const auto n = static_cast<std::size_t>(end - run);
    room(n + 1);
    std::memcpy(out.data() + at, run, n);
    at += n;
    out[at++] = '"';
    out.resize(at);
}

void append_int(std::string& out, std::int64_t v) { append_integer(out, v); }
void append_uint(std::string& out, std::uint64_t v) { append_integer(out, v); }

namespace {

// Decimal text of every id below 2^18 (all token ids of today's vocabularies), packed as up to 6
// digits in the low bytes of a word and the digit count in the top byte: writing an id is one
// 8-byte store. Built once (2 MB), on first use.
constexpr std::uint32_t small_id_limit = 1u << 18;
const std::vector<std::uint64_t>& small_id_digits() {
    static const std::vector<std::uint64_t> table = [] {
        std::vector<std::uint64_t> t(small_id_limit);
        for (std::uint32_t v = 0; v < small_id_limit; ++v) {
            const fmt::format_int f(v);
            std::uint64_t w = 0;
            std::memcpy(&w, f.data(), f.size());
            t[v] = w | (static_cast<std::uint64_t>(f.size()) << 56);
        }
        return t;
    }();
    return table;
}

}  // namespace

void append_uint_list(std::string& out, std::span<const std::uint32_t> ids) {
    // Written through a pointer into a stack block (worst case 10 digits + ',' per id, plus 8
    // bytes of slack for the word stores), appended a block at a time: no zero-filled resize.
    const auto& digits = small_id_digits();
    constexpr std::size_t block_ids = 512;
    char block[block_ids * 11 + 16];
    out.reserve(out.size() + ids.size() * 7 + 2);
    out += '[';
    for (std::size_t first = 0; first < ids.size(); first += block_ids) {
        char* p = block;
        const std::size_t last = std::min(ids.size(), first + block_ids);
        for (std::size_t i = first; i < last; ++i) {
            if (i) *p++ = ',';
            const std::uint32_t v = ids[i];
            if (v < small_id_limit) {
                const std::uint64_t w = digits[v];
                std::memcpy(p, &w, 8);  // the bytes past the digits are overwritten next
                p += w >> 56;
            } else {
                p = fmt::format_to(p, FMT_COMPILE("{}"), v);
            }
        }
        out.append(block, p);
    }
    out += ']';
}

void append_compact(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: out += "null"; break;
        case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case boost::json::kind::int64: append_int(out, v.get_int64()); break;
        case boost::json::kind::uint64: append_uint(out, v.get_uint64()); break;
        case boost::json::kind::double_: append_python_float(out, v.get_double()); break;
        case boost::json::kind::string: append_quoted(out, v.get_string()); break;
        case boost::json::kind::array: {
            out += '[';
            bool first = true;
            for (const auto& e : v.get_array()) {
                if (!first) out += ',';
                first = false;
                append_compact(out, e);
            }
            out += ']';
            break;
        }
        case boost::json::kind::object: {
            out += '{';
            bool first = true;
            for (const auto& kv : v.get_object()) {
                if (!first) out += ',';
                first = false;
                append_quoted(out, kv.key());
                out += ':';
                append_compact(out, kv.value());
            }
            out += '}';
            break;
        }
    }
}

std::string compact(const boost::json::value& v) {
    std::string out;
    out.reserve(256);
    append_compact(out, v);
    return out;
}

}  // namespace tito::json
