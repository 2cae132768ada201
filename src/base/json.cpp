// File: base/json.cpp
#include "base/json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>

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
    const auto start = out.size();
    fmt::format_to(std::back_inserter(out), "{}", d);
    // fmt's shortest form matches Python's repr except that integral values lack ".0".
    if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

namespace {

// True if any of the 8 bytes in x is a control character (< 0x20), '"' or '\\' (SWAR: the
// classic has-less-than and has-zero-byte tests, exact as a yes/no answer).
bool needs_escape8(std::uint64_t x) noexcept {
    constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t ctrl = (x - ones * 0x20) & ~x & highs;
    return (ctrl | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\'))) != 0;
}

bool plain_byte(unsigned char c) noexcept { return c >= 0x20 && c != '"' && c != '\\'; }

}  // namespace

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    const char* p = s.data();
    const std::size_t n = s.size();
    // Find the first byte that needs escaping, eight bytes at a time; most strings have none.
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t x;
        std::memcpy(&x, p + i, 8);
        if (needs_escape8(x)) break;
    }
    while (i < n && plain_byte(static_cast<unsigned char>(p[i]))) ++i;
    const std::size_t start = out.size();
    if (i == n) {  // nothing to escape: one growth of the buffer, one copy
        out.append(n + 2, '"');
        std::memcpy(out.data() + start + 1, p, n);
        return;
    }
    out += '"';
    out.append(p, i);
    std::size_t run = i;  // start of the pending run of bytes that need no escaping
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (plain_byte(c)) continue;
        out.append(p + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
        }
    }
    out.append(p + run, n - run);
    out += '"';
}

void append_compact(std::string& out, const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: out += "null"; break;
        case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
        case boost::json::kind::int64: out += fmt::format_int(v.get_int64()).str(); break;
        case boost::json::kind::uint64: out += fmt::format_int(v.get_uint64()).str(); break;
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
