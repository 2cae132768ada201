// File: base/json.cpp
#include "base/json.hpp"

#include <fmt/format.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <vector>

namespace tito::json {

namespace {

// The number of decimal digits of v (at least 1): t = floor(bit_width * log10(2)) is
// floor(log10(v)) or one more.
int decimal_digits(std::uint64_t v) {
    static constexpr std::uint64_t pow10[] = {1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull,
                                              10000000ull, 100000000ull, 1000000000ull, 10000000000ull,
                                              100000000000ull, 1000000000000ull, 10000000000000ull,
                                              100000000000000ull, 1000000000000000ull, 10000000000000000ull,
                                              100000000000000000ull, 1000000000000000000ull,
                                              10000000000000000000ull};
    const int t = static_cast<int>((std::bit_width(v | 1) * 1233) >> 12);
    return t + 1 - (v < pow10[t] ? 1 : 0);
}

// The decimal digits of v at p (at most 20 bytes), two at a time from the back; returns the end.
char* write_decimal(char* p, std::uint64_t v) {
    static constexpr char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    if (v < 10) {
        *p = static_cast<char>('0' + v);
        return p + 1;
    }
    char* const end = p + decimal_digits(v);
    char* q = end;
    while (v >= 100) {
        q -= 2;
        std::memcpy(q, pairs + 2 * (v % 100), 2);
        v /= 100;
    }
    if (v >= 10) {
        q -= 2;
        std::memcpy(q, pairs + 2 * v, 2);
    } else {
        *--q = static_cast<char>('0' + v);
    }
    return end;
}

// The shortest round-trip digits of a finite positive d (Dragonbox, the algorithm behind fmt's
// "{}"; fmt exports it as detail::dragonbox::to_decimal): d = sig * 10^e10 with no trailing zero
// in sig (at most 17 digits, n of them); exp is the exponent of scientific notation.
struct shortest_decimal {
    std::uint64_t sig;
    int n;
    int exp;
};
shortest_decimal shortest_digits(double d) {
    const auto dec = fmt::detail::dragonbox::to_decimal(d);
    std::uint64_t sig = dec.significand;
    int e10 = dec.exponent;
    while (sig % 10 == 0) {
        sig /= 10;
        ++e10;
    }
    const int n = decimal_digits(sig);
    return {sig, n, e10 + n - 1};
}

// Python repr of d at p (at most 24 bytes); returns the end.
char* write_python_float(char* p, double d) {
    if (std::isnan(d)) {
        std::memcpy(p, "NaN", 3);
        return p + 3;
    }
    if (std::isinf(d)) {
        const std::string_view t = d > 0 ? "Infinity" : "-Infinity";
        std::memcpy(p, t.data(), t.size());
        return p + t.size();
    }
    // The shortest round-trip digits laid out the way Python's repr does: fixed notation for
    // decimal exponents -4..15 (with ".0" when there is no fraction), scientific otherwise with a
    // signed exponent of at least two digits. (std::to_chars costs ~4x more here.)
    const bool negative = std::signbit(d);
    char digits[24];
    digits[0] = '0';  // zero's one digit (and always set, for the compiler's sake)
    std::size_t n = 1;
    int exp = 0;
    if (d != 0) {
        const auto s = shortest_digits(negative ? -d : d);
        n = static_cast<std::size_t>(write_decimal(digits, s.sig) - digits);
        exp = s.exp;
    }
    if (negative) *p++ = '-';
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            *p++ = '0';
            *p++ = '.';
            for (int z = -1; z > exp; --z) *p++ = '0';
            for (std::size_t i = 0; i < n; ++i) *p++ = digits[i];
        } else {
            const auto whole = static_cast<std::size_t>(exp) + 1;
            for (std::size_t i = 0; i < whole; ++i) *p++ = i < n ? digits[i] : '0';
            *p++ = '.';
            if (n > whole) {
                for (std::size_t i = whole; i < n; ++i) *p++ = digits[i];
            } else {
                *p++ = '0';
            }
        }
    } else {
        *p++ = digits[0];
        if (n > 1) {
            *p++ = '.';
            for (std::size_t i = 1; i < n; ++i) *p++ = digits[i];
        }
        *p++ = 'e';
        *p++ = exp < 0 ? '-' : '+';
        const int a = exp < 0 ? -exp : exp;
        if (a >= 100) *p++ = static_cast<char>('0' + a / 100);
        *p++ = static_cast<char>('0' + a / 10 % 10);
        *p++ = static_cast<char>('0' + a % 10);
    }
    return p;
}

}  // namespace

void append_python_float(std::string& out, double d) {
    char buf[32];
    out.append(buf, write_python_float(buf, d));
}

std::string_view python_float(double d, char (&buf)[32]) {
    return {buf, static_cast<std::size_t>(write_python_float(buf, d) - buf)};
}

bool is_python_float(std::string_view text, double d) {
    // write_python_float's layout, read instead of written: the text's characters are checked in
    // order against it, its digits gathered into one integer and compared with the significand.
    if (!std::isfinite(d)) {  // NaN, Infinity, -Infinity
        char buf[32];
        return python_float(d, buf) == text;
    }
    static_assert(std::endian::native == std::endian::little, "the eight-digit read assumes little-endian words");
    const char* p = text.data();
    const char* const end = p + text.size();
    const bool negative = std::signbit(d);
    if (negative) {
        if (p == end || *p != '-') return false;
        ++p;
    }
    if (d == 0) return std::string_view(p, static_cast<std::size_t>(end - p)) == "0.0";
    const auto [sig, n, exp] = shortest_digits(negative ? -d : d);
    std::uint64_t got = 0;
    // k digits into `got`, eight at a time while eight remain (the SWAR digit test and combine
    // of fast_float's parse_eight_digits).
    auto digits = [&](int k) {
        if (end - p < k) return false;
        for (; k >= 8; k -= 8, p += 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            if (((w + 0x4646464646464646ull) | (w - 0x3030303030303030ull)) & 0x8080808080808080ull) return false;
            w = ((w & 0x0F0F0F0F0F0F0F0Full) * 2561) >> 8;                  // pairs: 10 * first + second
            w = ((w & 0x00FF00FF00FF00FFull) * 6553601) >> 16;              // quads: 100 * pair + pair
            w = ((w & 0x0000FFFF0000FFFFull) * 42949672960001ull) >> 32;    // 10000 * quad + quad
            got = got * 100000000 + (w & 0xFFFFFFFFull);
        }
        for (; k > 0; --k, ++p) {
            const unsigned c = static_cast<unsigned char>(*p) - '0';
            if (c > 9) return false;
            got = got * 10 + c;
        }
        return true;
    };
    auto lit = [&](char c) {
        if (p == end || *p != c) return false;
        ++p;
        return true;
    };
    if (exp >= -4 && exp < 16) {
        if (exp < 0) {
            if (!lit('0') || !lit('.')) return false;
            for (int z = -1; z > exp; --z)
                if (!lit('0')) return false;
            if (!digits(n)) return false;
        } else {
            const int whole = exp + 1;
            if (n <= whole) {
                if (!digits(n)) return false;
                for (int i = n; i < whole; ++i)
                    if (!lit('0')) return false;
                if (!lit('.') || !lit('0')) return false;
            } else if (!digits(whole) || !lit('.') || !digits(n - whole)) {
                return false;
            }
        }
    } else {
        if (!digits(1)) return false;
        if (n > 1 && (!lit('.') || !digits(n - 1))) return false;
        if (!lit('e') || !lit(exp < 0 ? '-' : '+')) return false;
        const int a = exp < 0 ? -exp : exp;
        if (a >= 100 && !lit(static_cast<char>('0' + a / 100))) return false;
        if (!lit(static_cast<char>('0' + a / 10 % 10)) || !lit(static_cast<char>('0' + a % 10))) return false;
    }
    return p == end && got == sig;
}

namespace {

// How many bytes json.dumps writes for each byte: 6 for control characters (\u00xx), 2 for the
// ones with a short escape (\" \\ \n \r \t \b \f), 1 for everything else, non-ASCII included
// (ensure_ascii=False).
constexpr auto escaped_size = [] {
    std::array<unsigned char, 256> t{};
    t.fill(1);
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = 6;
    for (unsigned char c : {'"', '\\', '\n', '\r', '\t', '\b', '\f'}) t[c] = 2;
    return t;
}();
bool needs_escape(unsigned char c) { return escaped_size[c] != 1; }
// The second byte of each two-byte escape (\" \\ \n \r \t \b \f); 0 for the bytes written \u00xx.
constexpr auto short_escape = [] {
    std::array<char, 256> t{};
    t['"'] = '"';
    t['\\'] = '\\';
    t['\n'] = 'n';
    t['\r'] = 'r';
    t['\t'] = 't';
    t['\b'] = 'b';
    t['\f'] = 'f';
    return t;
}();

// A decimal integer at p (at most 21 bytes); returns the end.
template <typename Int>
char* write_integer(char* p, Int v) {
    auto u = static_cast<std::uint64_t>(v);
    if constexpr (std::is_signed_v<Int>) {
        if (v < 0) {
            *p++ = '-';
            u = 0 - u;
        }
    }
    return write_decimal(p, u);
}

template <typename Int>
void append_integer(std::string& out, Int v) {
    char buf[24];
    out.append(buf, write_integer(buf, v));
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
static_assert(std::endian::native == std::endian::little, "escape_mask's lowest bit is the lowest address");

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
            if (needs_escape(static_cast<unsigned char>(p[i]))) return false;
    }
    char buf[18];
    buf[0] = '"';
    std::memcpy(buf + 1, p, n);
    buf[n + 1] = '"';
    out.append(buf, n + 2);
    return true;
}

// The exact size write_quoted writes for s: clean 8-byte words are skipped whole, only the bytes
// of words with an escape are looked at.
std::size_t quoted_size(std::string_view s) {
    std::size_t n = s.size() + 2;
    const char* q = s.data();
    const char* const end = q + s.size();
    auto extra = [](unsigned char c) -> std::size_t { return escaped_size[c] - 1u; };
    for (; end - q >= 8; q += 8) {
        std::uint64_t w;
        std::memcpy(&w, q, 8);
        if (!word_needs_escape(w)) continue;
        for (int i = 0; i < 8; ++i) n += extra(static_cast<unsigned char>(q[i]));
    }
    for (; q < end; ++q) n += extra(static_cast<unsigned char>(*q));
    return n;
}

// The quoted, escaped s at p, which has room for quoted_size(s) bytes; returns the end.
char* write_quoted(char* p, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    const char* q = s.data();
    const char* const end = q + s.size();
    *p++ = '"';
    const char* run = q;  // start of the pending run of bytes that need no escaping
    for (;;) {
        // Skip clean 8-byte words; in a word that needs escaping, go straight to its first
        // escape (escaped text such as JSON in JSON has one every few bytes). The last few bytes
        // are looked at one by one.
        while (end - q >= 8) {
            std::uint64_t w;
            std::memcpy(&w, q, 8);
            if (const std::uint64_t m = escape_mask(w)) {
                q += std::countr_zero(m) >> 3;
                break;
            }
            q += 8;
        }
        if (q == end) break;
        const auto c = static_cast<unsigned char>(*q);
        if (!needs_escape(c)) {
            ++q;
            continue;
        }
        std::memcpy(p, run, static_cast<std::size_t>(q - run));
        p += q - run;
        p[0] = '\\';
        if (const char e = short_escape[c]) {
            p[1] = e;
        } else {
            p[1] = 'u';
            p[2] = '0';
            p[3] = '0';
            p[4] = hex[c >> 4];
            p[5] = hex[c & 15];
            p += 4;
        }
        p += 2;
        run = ++q;
    }
    std::memcpy(p, run, static_cast<std::size_t>(end - run));
    p += end - run;
    *p++ = '"';
    return p;
}


// write_quoted in one pass for strings without \u00xx escapes, into room for 2 * size + 10 bytes
// (every byte escaped, plus the quotes and one word of slack): each 8-byte word is stored whole
// before it is looked at, so a clean word costs one load, one store and the mask, and a word with
// escapes is cut at its first one. Returns nullptr at a byte that needs \u00xx (control
// characters other than \n \r \t \b \f: rare), leaving the exact two-pass writer to it.
char* write_quoted_doubling(char* p, std::string_view s) {
    const char* q = s.data();
    const char* const end = q + s.size();
    *p++ = '"';
    while (end - q >= 8) {
        std::uint64_t w;
        std::memcpy(&w, q, 8);
        std::memcpy(p, &w, 8);
        const std::uint64_t m = escape_mask(w);
        if (m == 0) {
            q += 8;
            p += 8;
            continue;
        }
        const int k = std::countr_zero(m) >> 3;
        q += k;
        p += k;
        const char e = short_escape[static_cast<unsigned char>(*q)];
        if (e == 0) return nullptr;
        p[0] = '\\';
        p[1] = e;
        p += 2;
        ++q;
    }
    for (; q < end; ++q) {
        const auto c = static_cast<unsigned char>(*q);
        if (!needs_escape(c)) {
            *p++ = static_cast<char>(c);
            continue;
        }
        if (short_escape[c] == 0) return nullptr;
        p[0] = '\\';
        p[1] = short_escape[c];
        p += 2;
    }
    *p++ = '"';
    return p;
}

}  // namespace

std::size_t quoted_length(std::string_view s) { return quoted_size(s); }

void append_quoted(std::string& out, std::string_view s) {
    if (append_quoted_short(out, s)) return;
    const std::size_t at = out.size();
    out.resize(at + 2 * s.size() + 10);
    if (char* e = write_quoted_doubling(out.data() + at, s)) {
        out.resize(static_cast<std::size_t>(e - out.data()));
        return;
    }
    out.resize(at + quoted_size(s));
    write_quoted(out.data() + at, s);
}

void append_int(std::string& out, std::int64_t v) { append_integer(out, v); }
void append_uint(std::string& out, std::uint64_t v) { append_integer(out, v); }

namespace {

// Decimal text of every id below 2^18 (all token ids of today's vocabularies), packed as up to 6
// digits in the low bytes of a word and the digit count in the top byte: writing an id is one
// 8-byte store. Built once (2 MB), on first use.
constexpr std::uint32_t small_id_limit = 1u << 18;
const std::vector<std::uint64_t>& small_id_digits() {
    // Built by counting in decimal (a carry at a time), not by converting each value: ~1 ms, not
    // ~10 ms, on the first id list written.
    static const std::vector<std::uint64_t> table = [] {
        std::vector<std::uint64_t> t(small_id_limit);
        char d[8] = {'0'};  // the digits of v, zero bytes after them
        std::size_t n = 1;
        for (std::uint32_t v = 0; v < small_id_limit; ++v) {
            std::uint64_t w;
            std::memcpy(&w, d, 8);
            t[v] = w | (static_cast<std::uint64_t>(n) << 56);
            std::size_t i = n;
            while (i > 0 && d[i - 1] == '9') d[--i] = '0';
            if (i > 0) {
                ++d[i - 1];
            } else {
                std::memmove(d + 1, d, n);
                d[0] = '1';
                ++n;
            }
        }
        return t;
    }();
    return table;
}

}  // namespace

void append_uint_list(std::string& out, std::span<const std::uint32_t> ids) {
    out.reserve(out.size() + ids.size() * 7 + 2);
    out += '[';
    append_uint_items(out, ids);
    out += ']';
}

void append_uint_items(std::string& out, std::span<const std::uint32_t> ids) {
    // Written through a pointer into a stack block (worst case 10 digits + ',' per id, plus 8
    // bytes of slack for the word stores), appended a block at a time: no zero-filled resize.
    const auto& digits = small_id_digits();
    constexpr std::size_t block_ids = 512;
    char block[block_ids * 11 + 16];
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
                p = write_decimal(p, v);
            }
        }
        out.append(block, p);
    }
}

namespace {

// append_compact's writer: values go through a pointer into room the string already has, which
// grows geometrically; each scalar checks for room once (a byte-at-a-time `out +=` costs a call
// and a capacity check per byte).
class compact_writer {
public:
    explicit compact_writer(std::string& out) : out_(out), at_(out.size()) {}
    ~compact_writer() { out_.resize(at_); }

    void value(const boost::json::value& v) {
        switch (v.kind()) {
            case boost::json::kind::null: return text("null");
            case boost::json::kind::bool_: return text(v.get_bool() ? std::string_view("true") : "false");
            case boost::json::kind::int64: return integer(v.get_int64());
            case boost::json::kind::uint64: return integer(v.get_uint64());
            case boost::json::kind::double_: {
                char* p = room(32);  // may move the buffer: taken before out_.data() is read
                at_ = static_cast<std::size_t>(write_python_float(p, v.get_double()) - out_.data());
                return;
            }
            case boost::json::kind::string: return quoted(v.get_string());
            case boost::json::kind::array: {
                const auto& a = v.get_array();
                put('[');
                for (std::size_t i = 0; i < a.size(); ++i) {
                    if (i) put(',');
                    value(a[i]);
                }
                return put(']');
            }
            case boost::json::kind::object: {
                put('{');
                bool first = true;
                for (const auto& kv : v.get_object()) {
                    if (!first) put(',');
                    first = false;
                    quoted(kv.key());
                    put(':');
                    value(kv.value());
                }
                return put('}');
            }
        }
    }

private:
    // Room for n bytes at at_: the string grows by what is needed plus a little (zero-filling only
    // that), its capacity geometrically.
    [[gnu::always_inline]] char* room(std::size_t n) {
        if (out_.size() - at_ < n) grow(n);
        return out_.data() + at_;
    }
    void grow(std::size_t n) {
        const std::size_t want = at_ + n + 256;
        if (want > out_.capacity()) out_.reserve(std::max(out_.capacity() * 2, want));
        out_.resize(want);
    }
    [[gnu::always_inline]] void put(char c) {
        *room(1) = c;
        ++at_;
    }
    void text(std::string_view t) {
        std::memcpy(room(t.size()), t.data(), t.size());
        at_ += t.size();
    }
    template <typename Int>
    void integer(Int v) {
        char* p = room(24);
        at_ = static_cast<std::size_t>(write_integer(p, v) - out_.data());
    }
    void quoted(std::string_view s) {
        const std::size_t n = s.size() <= 32 ? s.size() * 6 + 2 : quoted_size(s);  // short: no counting pass
        char* p = room(n);  // may move the buffer: taken before out_.data() is read
        at_ = static_cast<std::size_t>(write_quoted(p, s) - out_.data());
    }

    std::string& out_;
    std::size_t at_;
};

}  // namespace

void append_compact(std::string& out, const boost::json::value& v) { compact_writer(out).value(v); }

bool identical(const boost::json::value& a, const boost::json::value& b) {
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case boost::json::kind::null: return true;
        case boost::json::kind::bool_: return a.get_bool() == b.get_bool();
        case boost::json::kind::int64: return a.get_int64() == b.get_int64();
        case boost::json::kind::uint64: return a.get_uint64() == b.get_uint64();
        case boost::json::kind::double_: {
            const double x = a.get_double(), y = b.get_double();
            return std::memcmp(&x, &y, sizeof x) == 0;  // -0.0 and 0.0 differ
        }
        case boost::json::kind::string: return a.get_string() == b.get_string();
        case boost::json::kind::array: {
            const auto &x = a.get_array(), &y = b.get_array();
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (!identical(x[i], y[i])) return false;
            return true;
        }
        case boost::json::kind::object: {
            const auto &x = a.get_object(), &y = b.get_object();
            if (x.size() != y.size()) return false;
            for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
                if (i->key() != j->key() || !identical(i->value(), j->value())) return false;
            return true;
        }
    }
    return false;
}

std::string compact(const boost::json::value& v) {
    std::string out;
    out.reserve(256);
    append_compact(out, v);
    return out;
}

}  // namespace tito::json
