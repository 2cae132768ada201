// File: text/normalize.cpp
#include "text/normalize.hpp"

#include <cstdlib>
#include <cstdint>
#include <memory>
#include <vector>

#include <utf8proc.h>

#include "text/unicode.hpp"
#include "text/utf8.hpp"

namespace tito::text {

namespace {

// BMP characters that NFC leaves alone whatever surrounds them: combining class 0, NFC-stable,
// and never the second element of a canonical composition. Built once from utf8proc's tables.
class nfc_stable_table {
public:
    nfc_stable_table() : bits_(65536 / 64, 0) {
        std::vector<bool> second(65536, false);
        utf8proc_int32_t buf[8];
        utf8proc_int32_t boundclass = 0;
        for (utf8proc_int32_t cp = 0; cp < 0x20000; ++cp) {
            auto n = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_DECOMPOSE, &boundclass);
            for (utf8proc_ssize_t k = 1; k < n && k < 8; ++k)
                if (buf[k] < 65536) second[static_cast<std::size_t>(buf[k])] = true;
        }
        for (utf8proc_int32_t cp = 0; cp < 65536; ++cp) {
            if (cp >= 0xD800 && cp < 0xE000) continue;
            const auto* prop = utf8proc_get_property(cp);
            auto n = utf8proc_decompose_char(cp, buf, 8, UTF8PROC_DECOMPOSE, &boundclass);
            bool stable = (n == 1 && buf[0] == cp) || (n >= 2 && !prop->comp_exclusion);
            bool safe = assigned_after_unicode_9(static_cast<char32_t>(cp)) ||
                        (prop->combining_class == 0 && stable && !second[static_cast<std::size_t>(cp)]);
            if (safe) bits_[static_cast<std::size_t>(cp) >> 6] |= 1ull << (cp & 63);
        }
    }
    bool safe(char32_t c) const noexcept { return (bits_[c >> 6] >> (c & 63)) & 1; }

private:
    std::vector<std::uint64_t> bits_;
};

bool nfc_safe(char32_t c) noexcept {
    static const nfc_stable_table table;
    if (c < 65536) return table.safe(c);
    // Emoji and pictographs, CJK extensions B..: NFC_QC=Yes, combining class 0, never composed.
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x20000 && c <= 0x3FFFF) || assigned_after_unicode_9(c);
}

}  // namespace

bool is_trivially_normalized(std::string_view s, normal_form form) noexcept {
    std::size_t i = skip_ascii(s, 0);
    if (i == s.size()) return true;
    if (form != normal_form::nfc) return false;
    while ((i = skip_ascii(s, i)) < s.size())
        if (!nfc_safe(decode_one(s, i))) return false;
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
