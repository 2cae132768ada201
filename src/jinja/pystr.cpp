// File: jinja/pystr.cpp
// Python str behaviour on UTF-8. Unicode data (case, categories) comes from utf8proc; Python uses
// full case mappings (e.g. 'ß'.upper() == 'SS') where utf8proc gives simple ones: see COMPATIBILITY.md.
#include "jinja/pystr.hpp"

#include "base/json.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include <utf8proc.h>

#include "jinja/lexer.hpp"

namespace tito::jinja {

char32_t utf8_next(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; return c; }
    int n = (c >= 0xF0) ? 3 : (c >= 0xE0) ? 2 : (c >= 0xC0) ? 1 : 0;
    if (n == 0 || i + n >= s.size()) {
        ++i;
        return c;
    }
    char32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) {
        unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) { ++i; return c; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += n + 1;
    return cp;
}

void utf8_append(std::string& out, char32_t cp) {
    if (cp < 0x80) out.push_back(static_cast<char>(cp));
    else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::vector<char32_t> utf8_decode(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) out.push_back(utf8_next(s, i));
    return out;
}

bool py_isspace(char32_t c) {
    switch (c) {
        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x1C: case 0x1D: case 0x1E:
        case 0x1F: case 0x20: case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029:
        case 0x202F: case 0x205F: case 0x3000:
            return true;
        default:
            return c >= 0x2000 && c <= 0x200A;
    }
}

namespace {
// Byte offset of the first non-space code point from the left.
std::size_t lskip_ws(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        if (!py_isspace(utf8_next(s, j))) break;
        i = j;
    }
    return i;
}
// Byte offset just past the last non-space code point.
std::size_t rskip_ws(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0) {
        std::size_t st = end - 1;
        while (st > 0 && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80) --st;
        std::size_t j = st;
        if (!py_isspace(utf8_next(s, j))) break;
        end = st;
    }
    return end;
}
}  // namespace

std::string_view py_lstrip_ws(std::string_view s) { return s.substr(lskip_ws(s)); }
std::string_view py_rstrip_ws(std::string_view s) { return s.substr(0, rskip_ws(s)); }
std::string_view py_strip_ws(std::string_view s) { return py_rstrip_ws(py_lstrip_ws(s)); }

std::string_view py_strip_chars(std::string_view s, std::string_view chars, bool left, bool right) {
    std::vector<char32_t> set = utf8_decode(chars);
    auto in = [&](char32_t c) { for (char32_t x : set) if (x == c) return true; return false; };
    std::size_t b = 0, e = s.size();
    if (left) {
        while (b < e) {
            std::size_t j = b;
            if (!in(utf8_next(s, j))) break;
            b = j;
        }
    }
    if (right) {
        while (e > b) {
            std::size_t st = e - 1;
            while (st > b && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80) --st;
            std::size_t j = st;
            if (!in(utf8_next(s, j))) break;
            e = st;
        }
    }
    return s.substr(b, e - b);
}

std::vector<std::string> py_split_ws(std::string_view s, long maxsplit) {
    std::vector<std::string> out;
    std::size_t i = lskip_ws(s);
    while (i < s.size()) {
        if (maxsplit >= 0 && static_cast<long>(out.size()) >= maxsplit) {
            out.emplace_back(py_rstrip_ws(s.substr(i)));
            return out;
        }
        std::size_t j = i;
        while (j < s.size()) {
            std::size_t k = j;
            if (py_isspace(utf8_next(s, k))) break;
            j = k;
        }
        out.emplace_back(s.substr(i, j - i));
        i = j + lskip_ws(s.substr(j));
    }
    return out;
}

std::vector<std::string> py_rsplit_ws(std::string_view s, long maxsplit) {
    if (maxsplit < 0) return py_split_ws(s, -1);
    std::vector<std::string> out;
    std::size_t end = rskip_ws(s);
    while (end > 0) {
        if (static_cast<long>(out.size()) >= maxsplit) {
            out.emplace_back(py_lstrip_ws(s.substr(0, end)));
            break;
        }
        std::size_t st = end;
        while (st > 0) {
            std::size_t p = st - 1;
            while (p > 0 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
            std::size_t j = p;
            if (py_isspace(utf8_next(s, j))) break;
            st = p;
        }
        out.emplace_back(s.substr(st, end - st));
        end = rskip_ws(s.substr(0, st));
    }
    return {out.rbegin(), out.rend()};
}

std::vector<std::string> py_split(std::string_view s, std::string_view sep, long maxsplit) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (maxsplit < 0 || static_cast<long>(out.size()) < maxsplit) {
        std::size_t p = s.find(sep, start);
        if (p == std::string_view::npos) break;
        out.emplace_back(s.substr(start, p - start));
        start = p + sep.size();
    }
    out.emplace_back(s.substr(start));
    return out;
}

std::vector<std::string> py_rsplit(std::string_view s, std::string_view sep, long maxsplit) {
    if (maxsplit < 0) return py_split(s, sep, -1);
    std::vector<std::string> out;
    std::size_t end = s.size();
    while (static_cast<long>(out.size()) < maxsplit) {
        if (end < sep.size()) break;
        std::size_t p = s.rfind(sep, end - sep.size());
        if (p == std::string_view::npos) break;
        out.emplace_back(s.substr(p + sep.size(), end - p - sep.size()));
        end = p;
    }
    out.emplace_back(s.substr(0, end));
    return {out.rbegin(), out.rend()};
}

std::vector<std::string> py_splitlines(std::string_view s, bool keepends) {
    std::vector<std::string> out;
    std::size_t start = 0, i = 0;
    while (i < s.size()) {
        std::size_t j = i;
        char32_t c = utf8_next(s, j);
        bool brk = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D ||
                   c == 0x1E || c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!brk) { i = j; continue; }
        std::size_t eol = j;
        if (c == '\r' && j < s.size() && s[j] == '\n') eol = j + 1;
        out.emplace_back(s.substr(start, (keepends ? eol : i) - start));
        start = i = eol;
    }
    if (start < s.size()) out.emplace_back(s.substr(start));
    return out;
}

std::string py_replace(std::string_view s, std::string_view old, std::string_view repl, long count) {
    std::string out;
    if (old.empty()) {
        // Python inserts repl between every code point (and at both ends).
        long n = 0;
        std::size_t i = 0;
        while (true) {
            if (count >= 0 && n >= count) { out.append(s.substr(i)); break; }
            out.append(repl);
            ++n;
            if (i >= s.size()) break;
            std::size_t j = i;
            utf8_next(s, j);
            out.append(s.substr(i, j - i));
            i = j;
        }
        return out;
    }
    std::size_t start = 0;
    long n = 0;
    while (count < 0 || n < count) {
        std::size_t p = s.find(old, start);
        if (p == std::string_view::npos) break;
        out.append(s.substr(start, p - start));
        out.append(repl);
        start = p + old.size();
        ++n;
    }
    out.append(s.substr(start));
    return out;
}

namespace {
template <class F>
std::string map_cps(std::string_view s, F f) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) utf8_append(out, f(utf8_next(s, i)));
    return out;
}
bool is_cased(char32_t c) {
    return utf8proc_toupper(static_cast<utf8proc_int32_t>(c)) != static_cast<utf8proc_int32_t>(c) ||
           utf8proc_tolower(static_cast<utf8proc_int32_t>(c)) != static_cast<utf8proc_int32_t>(c);
}
}  // namespace

// The common multi-character full case mappings of Unicode SpecialCasing.txt that Python applies.
const char* special_upper(char32_t c) {
    switch (c) {
        case 0x00DF: return "SS";
        case 0xFB00: return "FF";
        case 0xFB01: return "FI";
        case 0xFB02: return "FL";
        case 0xFB03: return "FFI";
        case 0xFB04: return "FFL";
        case 0xFB05: case 0xFB06: return "ST";
        case 0x0149: return "\u02BCN";
        case 0x01F0: return "J\u030C";
        case 0x0587: return "\u0535\u0552";
        default: return nullptr;
    }
}

std::string py_upper(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8_next(s, i);
        if (c < 0x80) { out.push_back(static_cast<char>((c >= U'a' && c <= U'z') ? c - 32 : c)); continue; }
        if (const char* sp = special_upper(c)) { out += sp; continue; }
        utf8_append(out, static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c))));
    }
    return out;
}
std::string py_lower(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8_next(s, i);
        if (c < 0x80) { out.push_back(static_cast<char>((c >= U'A' && c <= U'Z') ? c + 32 : c)); continue; }
        if (c == 0x0130) { out += "i\u0307"; continue; }  // İ -> i + combining dot above
        utf8_append(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
    }
    return out;
}
std::string py_title(std::string_view s) {
    bool prev_cased = false;
    return map_cps(s, [&](char32_t c) {
        char32_t r = prev_cased ? static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)))
                                : static_cast<char32_t>(utf8proc_totitle(static_cast<utf8proc_int32_t>(c)));
        prev_cased = is_cased(c);
        return r;
    });
}
std::string py_capitalize(std::string_view s) {
    bool first = true;
    return map_cps(s, [&](char32_t c) {
        char32_t r = first ? static_cast<char32_t>(utf8proc_totitle(static_cast<utf8proc_int32_t>(c)))
                           : static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
        first = false;
        return r;
    });
}

namespace {
bool py_isprintable(char32_t c) {
    if (c < 0x80) return c >= 0x20 && c < 0x7F;
    switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
        case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_CO: case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP: case UTF8PROC_CATEGORY_ZS:
            return false;
        default:
            return true;
    }
}
}  // namespace

std::string py_repr_str(std::string_view s) {
    bool has_sq = s.find('\'') != std::string_view::npos;
    bool has_dq = s.find('"') != std::string_view::npos;
    char q = (has_sq && !has_dq) ? '"' : '\'';
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back(q);
    for (std::size_t i = 0; i < s.size();) {
        std::size_t st = i;
        char32_t c = utf8_next(s, i);
        if (c == static_cast<char32_t>(q) || c == '\\') { out.push_back('\\'); out.push_back(static_cast<char>(c)); }
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (py_isprintable(c)) out.append(s.substr(st, i - st));
        else {
            char buf[16];
            if (c < 0x100) std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
            else if (c < 0x10000) std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            else std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
            out += buf;
        }
    }
    out.push_back(q);
    return out;
}

std::string py_float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    std::string out;
    json::append_python_float(out, d);  // the one Python-repr formatter (base/json)
    return out;
}

std::string unescape_string_literal(std::string_view b) {
    std::string out;
    out.reserve(b.size());
    auto hexval = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < b.size(); ++i) {
        char c = b[i];
        if (c != '\\' || i + 1 >= b.size()) { out.push_back(c); continue; }
        char e = b[++i];
        switch (e) {
            case '\n': break;
            case '\\': out.push_back('\\'); break;
            case '\'': out.push_back('\''); break;
            case '"': out.push_back('"'); break;
            case 'a': out.push_back('\a'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'v': out.push_back('\v'); break;
            case 'x': case 'u': case 'U': {
                std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                char32_t cp = 0;
                bool ok = true;
                for (std::size_t k = 1; ok && k <= n; ++k) {
                    if (i + k >= b.size() || hexval(b[i + k]) < 0) { ok = false; break; }
                    cp = cp * 16 + static_cast<char32_t>(hexval(b[i + k]));
                }
                if (ok) { utf8_append(out, cp); i += n; }
                else { out.push_back('\\'); out.push_back(e); }
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int k = 0; k < 2 && i + 1 < b.size() && b[i + 1] >= '0' && b[i + 1] <= '7'; ++k)
                        v = v * 8 + (b[++i] - '0');
                    utf8_append(out, static_cast<char32_t>(v));
                } else {
                    out.push_back('\\');
                    out.push_back(e);
                }
        }
    }
    return out;
}

}  // namespace tito::jinja
