// File: text/regex.cpp
// PCRE2 behind text::regex. Per-thread scratch (match data + JIT stack) keeps matching lock-free.
#define PCRE2_CODE_UNIT_WIDTH 8
#include "text/regex.hpp"

#include <pcre2.h>

#include <fmt/format.h>

#include "base/assert.hpp"
#include "text/unicode.hpp"

namespace tito::text {

namespace {

// Oniguruma \s is Unicode White_Space; PCRE2's UCP \s differs (no U+0085, adds U+180E).
constexpr std::string_view onig_space =
    "\\t\\n\\x{0B}\\f\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}"
    "\\x{202F}\\x{205F}\\x{3000}";
constexpr std::string_view onig_word = "\\p{L}\\p{M}\\p{N}\\p{Pc}";
constexpr std::string_view onig_hex = "0-9a-fA-F";

bool is_category_name(std::string_view n) {
    if (n.size() == 1) return std::string_view("LMNPSZC").find(n[0]) != std::string_view::npos;
    if (n.size() != 2) return false;
    static constexpr std::string_view names[] = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No",
                                                 "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So",
                                                 "Zs", "Zl", "Zp", "Cc", "Cf", "Co"};
    for (auto x : names)
        if (x == n) return true;
    return false;
}

// Class members for the characters of category `name` assigned after Unicode 14 (PCRE2 10.42).
std::string delta_members(std::string_view name, bool with_delta) {
    std::string out;
    if (!with_delta) return out;
    for (const auto& r : unicode_delta()) {
        std::string_view cat = r.category;
        if (name.size() == 1 ? cat[0] != name[0] : cat != name) continue;
        out += fmt::format("\\x{{{:X}}}", static_cast<std::uint32_t>(r.first));
        if (r.last != r.first) out += fmt::format("-\\x{{{:X}}}", static_cast<std::uint32_t>(r.last));
    }
    return out;
}

// Emits a set of class members, as a class outside brackets or inline inside one.
bool emit_members(std::string_view members, bool negated, bool in_class, std::string& out) {
    if (in_class && negated) return false;  // cannot nest a negated set; keep PCRE2's meaning
    if (in_class) out.append(members);
    else out.append(negated ? "[^" : "[").append(members).append("]");
    return true;
}

// Translates the escape starting at p[i] == '\\'; returns the number of pattern bytes consumed
// (0 = copy verbatim).
std::size_t translate_escape(std::string_view p, std::size_t i, bool in_class, bool with_delta, std::string& out) {
    char e = p[i + 1];
    switch (e) {
        case 's': case 'S': return emit_members(onig_space, e == 'S', in_class, out) ? 2 : 0;
        case 'w': case 'W': {
            std::string m = std::string(onig_word) + delta_members("L", with_delta) +
                            delta_members("M", with_delta) + delta_members("N", with_delta);
            return emit_members(m, e == 'W', in_class, out) ? 2 : 0;
        }
        case 'h': case 'H': return emit_members(onig_hex, e == 'H', in_class, out) ? 2 : 0;
        case 'p': case 'P': break;
        default: return 0;
    }
    std::string_view name;
    std::size_t len;
    if (i + 2 < p.size() && p[i + 2] == '{') {
        std::size_t close = p.find('}', i + 3);
        if (close == std::string_view::npos) return 0;
        name = p.substr(i + 3, close - i - 3);
        len = close + 1 - i;
    } else if (i + 2 < p.size()) {
        name = p.substr(i + 2, 1);
        len = 3;
    } else {
        return 0;
    }
    bool negated = e == 'P';
    if (!name.empty() && name[0] == '^') negated = !negated, name.remove_prefix(1);
    if (!is_category_name(name)) return 0;
    // ASCII members spelled out let PCRE2 answer from its 256-bit class map without a property lookup.
    std::string_view ascii = name == "L" ? "a-zA-Z" : name == "Lu" ? "A-Z" : name == "Ll" ? "a-z" : name == "N" || name == "Nd" ? "0-9" : "";
    std::string members = std::string(ascii) + fmt::format("\\p{{{}}}", name) + delta_members(name, with_delta);
    return emit_members(members, negated, in_class, out) ? len : 0;
}

}  // namespace

std::string translate_oniguruma(std::string_view p, bool with_delta) {
    std::string out;
    out.reserve(p.size() + 64);
    bool in_class = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        char c = p[i];
        if (c == '\\' && i + 1 < p.size()) {
            if (std::size_t used = translate_escape(p, i, in_class, with_delta, out)) {
                i += used - 1;
            } else {
                out.push_back(c);
                out.push_back(p[++i]);
            }
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

// `exact` has the Unicode 16 category extensions; `fast` (null when identical) omits them and is
// used for subjects without any character assigned after Unicode 14, where both agree.
struct regex::compiled {
    pcre2_code* exact = nullptr;
    pcre2_code* fast = nullptr;
    bool exact_jit = false;
    bool fast_jit = false;
    ~compiled() {
        pcre2_code_free(exact);
        pcre2_code_free(fast);
    }
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

namespace {

result<pcre2_code*> compile_pcre2(const std::string& translated, std::string_view original) {
    int err = 0;
    PCRE2_SIZE err_offset = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(),
                                     PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE, &err, &err_offset, nullptr);
    if (code != nullptr) return code;
    PCRE2_UCHAR msg[256];
    pcre2_get_error_message(err, msg, sizeof msg);
    return error{errc::tokenizer_load, fmt::format("regex '{}' does not compile at offset {}: {}", original,
                                                   err_offset, reinterpret_cast<const char*>(msg))};
}

}  // namespace

result<regex> regex::compile(std::string_view oniguruma_pattern) {
    auto c = std::make_shared<compiled>();
    const std::string exact = translate_oniguruma(oniguruma_pattern, true);
    TITO_TRY(c->exact, compile_pcre2(exact, oniguruma_pattern));
    c->exact_jit = pcre2_jit_compile(c->exact, PCRE2_JIT_COMPLETE) == 0;
    const std::string fast = translate_oniguruma(oniguruma_pattern, false);
    if (fast != exact) {
        TITO_TRY(c->fast, compile_pcre2(fast, oniguruma_pattern));
        c->fast_jit = pcre2_jit_compile(c->fast, PCRE2_JIT_COMPLETE) == 0;
    }
    return regex{std::move(c), std::string(oniguruma_pattern)};
}

void regex::find_all(std::string_view subject, std::vector<match>& out) const {
    out.clear();
    scratch& s = thread_scratch();
    const auto* subj = reinterpret_cast<PCRE2_SPTR>(subject.data());
    const std::size_t len = subject.size();
    std::size_t start = 0;
    std::size_t last_match_end = static_cast<std::size_t>(-1);
    const bool use_fast = code_->fast != nullptr && !contains_unicode_delta(subject);
    pcre2_code* code = use_fast ? code_->fast : code_->exact;
    const bool jit = use_fast ? code_->fast_jit : code_->exact_jit;
    while (start <= len) {
        int rc = jit ? pcre2_jit_match(code, subj, len, start, 0, s.data, s.context)
                     : pcre2_match(code, subj, len, start, PCRE2_NO_UTF_CHECK, s.data, s.context);
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH && jit)  // JIT stack exhausted: the interpreter uses the heap
            rc = pcre2_match(code, subj, len, start, PCRE2_NO_UTF_CHECK, s.data, s.context);
        if (rc < 0) {
            if (rc != PCRE2_ERROR_NOMATCH) TITO_BUG("regex resource limit; rest of the piece left unsplit");
            break;
        }
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
