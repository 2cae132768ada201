// File: text/regex.cpp
// PCRE2 behind text::regex. Per-thread scratch (match data + JIT stack) keeps matching lock-free.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text/regex.hpp"

#include <pcre2.h>

#include <fmt/format.h>

namespace tito::text {

namespace {

constexpr std::string_view onig_word = "\\p{L}\\p{M}\\p{N}\\p{Pc}";
constexpr std::string_view onig_space = "\\s\\x{85}";
constexpr std::string_view onig_hex = "0-9a-fA-F";

// Appends the translation of escape `e` (the char after '\'); returns false if not translated.
bool translate_escape(char e, bool in_class, std::string& out) {
    std::string_view body;
    bool negated = false;
    switch (e) {
        case 's': body = onig_space; break;
        case 'S': body = onig_space; negated = true; break;
        case 'w': body = onig_word; break;
        case 'W': body = onig_word; negated = true; break;
        case 'h': body = onig_hex; break;
        case 'H': body = onig_hex; negated = true; break;
        default: return false;
    }
    if (in_class && !negated) {
        out.append(body);
    } else if (in_class) {
        return false;  // a negated class inside a class cannot be expressed; keep PCRE2's meaning
    } else {
        out.append(negated ? "[^" : "[").append(body).append("]");
    }
    return true;
}

}  // namespace

std::string translate_oniguruma(std::string_view p) {
    std::string out;
    out.reserve(p.size() + 16);
    bool in_class = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            char e = p[++i];
            if (!translate_escape(e, in_class, out)) out.push_back('\\'), out.push_back(e);
            continue;
        }
        if (!in_class && c == '[') {
            in_class = true;
            out.push_back(c);
            // A ']' right after '[' or '[^' is a literal member.
            if (i + 1 < p.size() && p[i + 1] == '^') out.push_back(p[++i]);
            if (i + 1 < p.size() && p[i + 1] == ']') out.push_back(p[++i]);
            continue;
        }
        if (in_class && c == ']') in_class = false;
        out.push_back(c);
    }
    return out;
}

struct regex::compiled {
    pcre2_code* code = nullptr;
    bool jit = false;
    ~compiled() { pcre2_code_free(code); }
};

namespace {

// Per-thread matching scratch: match data (group 0 only) and a JIT stack that can grow to 1 MiB.
struct scratch {
    pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
    pcre2_jit_stack* stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
    pcre2_match_context* context = pcre2_match_context_create(nullptr);
    scratch() { pcre2_jit_stack_assign(context, nullptr, stack); }
    ~scratch() {
        pcre2_match_context_free(context);
        pcre2_jit_stack_free(stack);
        pcre2_match_data_free(data);
    }
};

scratch& thread_scratch() {
    thread_local scratch s;
    return s;
}

}  // namespace

result<regex> regex::compile(std::string_view oniguruma_pattern) {
    std::string translated = translate_oniguruma(oniguruma_pattern);
    int err = 0;
    PCRE2_SIZE err_offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &err, &err_offset, nullptr);
    if (code == nullptr) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        return error{errc::tokenizer_load, fmt::format("regex '{}' does not compile at offset {}: {}",
                                                       oniguruma_pattern, err_offset,
                                                       reinterpret_cast<const char*>(msg))};
    }
    auto c = std::make_shared<compiled>();
    c->code = code;
    c->jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    return regex{std::move(c), std::string(oniguruma_pattern)};
}

void regex::find_all(std::string_view subject, std::vector<match>& out) const {
    out.clear();
    scratch& s = thread_scratch();
    const auto* subj = reinterpret_cast<PCRE2_SPTR>(subject.data());
    const std::size_t len = subject.size();
    std::size_t start = 0;
    std::size_t last_match_end = static_cast<std::size_t>(-1);
    while (start <= len) {
        int rc = code_->jit ? pcre2_jit_match(code_->code, subj, len, start, 0, s.data, s.context)
                            : pcre2_match(code_->code, subj, len, start, PCRE2_NO_UTF_CHECK, s.data, s.context);
        if (rc < 0) break;  // no match (or a resource limit: treat the rest as unmatched)
        const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(s.data);
        std::size_t b = ov[0], e = ov[1];
        if (b == e && e == last_match_end) {
            if (start >= len) break;
            std::size_t step = 1;
            auto lead = static_cast<unsigned char>(subject[start]);
            if (lead >= 0xC0) step = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            start += step;
            continue;
        }
        out.push_back(match{b, e});
        start = e;
        last_match_end = e;
    }
}

}  // namespace tito::text
