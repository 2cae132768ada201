// File: text/normalize.cpp
#include "text/normalize.hpp"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace tito::text {

bool is_trivially_normalized(std::string_view s, normal_form) noexcept {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

namespace {

std::string normalize_run(std::string_view s, normal_form form) {
    int options = UTF8PROC_STABLE;
    switch (form) {
        case normal_form::nfc: options |= UTF8PROC_COMPOSE; break;
        case normal_form::nfd: options |= UTF8PROC_DECOMPOSE; break;
        case normal_form::nfkc: options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
        case normal_form::nfkd: options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
    }
    utf8proc_uint8_t* out = nullptr;
    auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                          static_cast<utf8proc_ssize_t>(s.size()), &out,
                          static_cast<utf8proc_option_t>(options));
    if (n < 0) return std::string(s);  // invalid UTF-8: callers repair input first
    std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> guard(out, &std::free);
    return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

}  // namespace

// Characters assigned after Unicode 9.0 are passed through verbatim and split the text into runs
// normalized separately: as starters without decomposition or composition pairs they block all
// reordering and composition across them, exactly as in the HF crate's Unicode 9.0 tables.
std::string normalize(std::string_view s, normal_form form) {
    if (is_trivially_normalized(s, form)) return std::string(s);
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t run = 0, i = 0;
    while (i < s.size()) {
        const std::size_t start = i;
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        if (!assigned_after_unicode_9(decode_one(s, i))) continue;
        out.append(normalize_run(s.substr(run, start - run), form));
        out.append(s.substr(start, i - start));
        run = i;
    }
    if (run == 0) return normalize_run(s, form);
    out.append(normalize_run(s.substr(run), form));
    return out;
}

std::string lowercase(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            out.push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
            ++i;
            continue;
        }
        char32_t c = decode_one(s, i);
        if (c == 0x0130) {  // the one unconditional multi-char lowercase mapping: İ -> i + U+0307
            out.append("i\xCC\x87");
            continue;
        }
        append_utf8(out, static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))));
    }
    return out;
}

}  // namespace tito::text
