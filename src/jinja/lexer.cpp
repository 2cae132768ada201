// File: jinja/lexer.cpp
// Hand-written equivalent of Jinja2's regex lexer (jinja2/lexer.py, 3.1): the root state finds the
// next tag and applies whitespace control to the text before it; the block/variable states read
// expression tokens until the closing tag, which only counts when brackets are balanced.
#include "jinja/lexer.hpp"

#include <cstring>

#include "jinja/pystr.hpp"

namespace tito::jinja {
namespace {

std::string normalize_newlines(std::string_view s, bool keep_trailing) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out.push_back(s[i]);
        }
    }
    if (!keep_trailing && !out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

class lexer {
public:
    lexer(std::string src, const lexer_options& o) : src_(std::move(src)), opts_(o) {}
    jres<token_list> run();

private:
    enum class tag { variable, block, comment };
    src_loc loc_at(std::size_t p) const;
    void emit_data(std::string text, std::size_t at);
    jres<bool> lex_expression(tag t, std::size_t open_at);
    std::size_t skip_digits(std::size_t p) const;
    bool try_raw(std::size_t tag_start, std::string& text);
    bool starts(std::size_t p, const char* s) const { return src_.compare(p, std::strlen(s), s) == 0; }
    std::size_t consume_ws(std::size_t p) const {
        while (p < src_.size() && is_ws(src_[p])) ++p;
        return p;
    }

    std::string src_;
    lexer_options opts_;
    token_list out_;
    std::size_t pos_ = 0;
    bool line_starting_ = true;
    // line index: offsets of line starts, computed lazily by loc_at
    mutable std::vector<std::size_t> line_starts_;
};

src_loc lexer::loc_at(std::size_t p) const {
    if (line_starts_.empty()) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < src_.size(); ++i)
            if (src_[i] == '\n') line_starts_.push_back(i + 1);
    }
    std::size_t lo = 0, hi = line_starts_.size();
    while (hi - lo > 1) {
        std::size_t mid = (lo + hi) / 2;
        if (line_starts_[mid] <= p) lo = mid; else hi = mid;
    }
    return src_loc{static_cast<std::uint32_t>(lo + 1), static_cast<std::uint32_t>(p - line_starts_[lo] + 1)};
}

void lexer::emit_data(std::string text, std::size_t at) {
    if (text.empty()) return;
    out_.push_back(token{token_kind::data, std::move(text), loc_at(at)});
}

// Applies '-' / lstrip_blocks to the text preceding a tag.
void strip_before_tag(std::string& text, char sign, bool is_variable, bool lstrip, bool line_starting) {
    if (sign == '-') {
        text = std::string(py_rstrip_ws(text));
    } else if (sign != '+' && lstrip && !is_variable) {
        std::size_t nl = text.rfind('\n');
        std::size_t l_pos = nl == std::string::npos ? 0 : nl + 1;
        if (l_pos > 0 || line_starting) {
            std::string_view rest(text.data() + l_pos, text.size() - l_pos);
            if (!rest.empty() && py_rstrip_ws(rest).empty()) text.resize(l_pos);
        }
    }
}

bool lexer::try_raw(std::size_t tag_start, std::string& text) {
    // {%(-|+)? raw (-)?%}
    std::size_t p = tag_start + 2;
    char sign = 0;
    if (p < src_.size() && (src_[p] == '-' || src_[p] == '+')) sign = src_[p++];
    p = consume_ws(p);
    if (!starts(p, "raw")) return false;
    p = consume_ws(p + 3);
    std::size_t body;
    if (starts(p, "-%}")) body = consume_ws(p + 3);
    else if (starts(p, "%}")) body = p + 2;
    else return false;
    // find {%(-|+)? endraw (...)%}
    std::size_t q = body;
    while ((q = src_.find("{%", q)) != std::string::npos) {
        std::size_t r = q + 2;
        char esign = 0;
        if (r < src_.size() && (src_[r] == '-' || src_[r] == '+')) esign = src_[r++];
        r = consume_ws(r);
        if (starts(r, "endraw")) {
            r = consume_ws(r + 6);
            std::size_t end;
            bool ok = true;
            if (starts(r, "+%}")) end = r + 3;
            else if (starts(r, "-%}")) end = consume_ws(r + 3);
            else if (starts(r, "%}")) {
                end = r + 2;
                if (opts_.trim_blocks && end < src_.size() && src_[end] == '\n') ++end;
            } else ok = false;
            if (ok) {
                strip_before_tag(text, sign, false, opts_.lstrip_blocks, line_starting_);
                emit_data(std::move(text), tag_start);
                std::string raw = src_.substr(body, q - body);
                if (esign == '-') raw = std::string(py_rstrip_ws(raw));
                emit_data(std::move(raw), body);
                line_starting_ = src_[end - 1] == '\n';
                pos_ = end;
                return true;
            }
        }
        q += 2;
    }
    return false;
}

jres<token_list> lexer::run() {
    while (pos_ < src_.size()) {
        std::size_t t = pos_;
        while ((t = src_.find('{', t)) != std::string::npos) {
            if (t + 1 < src_.size() && (src_[t + 1] == '{' || src_[t + 1] == '%' || src_[t + 1] == '#')) break;
            ++t;
        }
        if (t == std::string::npos) {
            emit_data(src_.substr(pos_), pos_);
            break;
        }
        std::string text = src_.substr(pos_, t - pos_);
        char kind_ch = src_[t + 1];
        char sign = (t + 2 < src_.size() && (src_[t + 2] == '-' || src_[t + 2] == '+')) ? src_[t + 2] : 0;
        if (kind_ch == '%' && try_raw(t, text)) continue;
        tag tg = kind_ch == '{' ? tag::variable : kind_ch == '%' ? tag::block : tag::comment;
        std::size_t data_at = pos_;
        strip_before_tag(text, sign, tg == tag::variable, opts_.lstrip_blocks, line_starting_);
        emit_data(std::move(text), data_at);
        std::size_t body = t + 2 + (sign ? 1 : 0);
        if (tg == tag::comment) {
            std::size_t e = src_.find("#}", body);
            if (e == std::string::npos) return fail(py_exc::syntax, "missing end of comment tag", loc_at(t));
            std::size_t end = e + 2;
            if (e > body && src_[e - 1] == '-') end = consume_ws(end);
            else if (!(e > body && src_[e - 1] == '+') && opts_.trim_blocks && end < src_.size() && src_[end] == '\n')
                ++end;
            line_starting_ = src_[end - 1] == '\n';
            pos_ = end;
            continue;
        }
        out_.push_back(token{tg == tag::block ? token_kind::block_begin : token_kind::variable_begin,
                             tg == tag::block ? "{%" : "{{", loc_at(t)});
        pos_ = body;
        JTRY_VOID(lex_expression(tg, t));
    }
    out_.push_back(token{token_kind::eof, "", loc_at(src_.size())});
    return std::move(out_);
}

std::size_t lexer::skip_digits(std::size_t p) const {
    // (\d+_)*\d+
    std::size_t q = p;
    while (q < src_.size() && is_digit(src_[q])) {
        while (q < src_.size() && is_digit(src_[q])) ++q;
        if (q + 1 < src_.size() && src_[q] == '_' && is_digit(src_[q + 1])) ++q;
    }
    return q;
}

jres<bool> lexer::lex_expression(tag tg, std::size_t open_at) {
    static const char* const ops2[] = {"//", "**", "==", "!=", ">=", "<="};
    static const char ops1[] = "+-/*%~[](){}=><.:|,;";
    int balance = 0;
    while (true) {
        if (pos_ >= src_.size())
            return fail(py_exc::syntax,
                        tg == tag::block ? "unexpected end of template, expected end of block tag"
                                         : "unexpected end of template, expected end of print statement",
                        loc_at(open_at));
        char c = src_[pos_];
        if (balance == 0) {
            if (tg == tag::block) {
                std::size_t end = 0;
                if (starts(pos_, "+%}")) end = pos_ + 3;
                else if (starts(pos_, "-%}")) end = consume_ws(pos_ + 3);
                else if (starts(pos_, "%}")) {
                    end = pos_ + 2;
                    if (opts_.trim_blocks && end < src_.size() && src_[end] == '\n') ++end;
                }
                if (end) {
                    out_.push_back(token{token_kind::block_end, "%}", loc_at(pos_)});
                    line_starting_ = src_[end - 1] == '\n';
                    pos_ = end;
                    return true;
                }
            } else {
                std::size_t end = 0;
                if (starts(pos_, "-}}")) end = consume_ws(pos_ + 3);
                else if (starts(pos_, "}}")) end = pos_ + 2;
                if (end) {
                    out_.push_back(token{token_kind::variable_end, "}}", loc_at(pos_)});
                    line_starting_ = src_[end - 1] == '\n';
                    pos_ = end;
                    return true;
                }
            }
        }
        if (is_ws(c)) { ++pos_; continue; }
        src_loc here = loc_at(pos_);
        if (is_digit(c)) {
            std::size_t q = skip_digits(pos_);
            bool is_float = false;
            if (q + 1 < src_.size() && src_[q] == '.' && is_digit(src_[q + 1])) {
                q = skip_digits(q + 1);
                is_float = true;
            }
            if (q < src_.size() && (src_[q] == 'e' || src_[q] == 'E')) {
                std::size_t r = q + 1;
                if (r < src_.size() && (src_[r] == '+' || src_[r] == '-')) ++r;
                if (r < src_.size() && is_digit(src_[r])) { q = skip_digits(r); is_float = true; }
            }
            std::string txt;
            for (std::size_t i = pos_; i < q; ++i) if (src_[i] != '_') txt.push_back(src_[i]);
            out_.push_back(token{is_float ? token_kind::floating : token_kind::integer, std::move(txt), here});
            pos_ = q;
            continue;
        }
        if (is_ident_start(c) || static_cast<unsigned char>(c) >= 0x80) {
            std::size_t q = pos_;
            while (q < src_.size() && (is_ident_char(src_[q]) || static_cast<unsigned char>(src_[q]) >= 0x80)) ++q;
            out_.push_back(token{token_kind::name, src_.substr(pos_, q - pos_), here});
            pos_ = q;
            continue;
        }
        if (c == '\'' || c == '"') {
            std::size_t q = pos_ + 1;
            while (q < src_.size() && src_[q] != c) q += (src_[q] == '\\') ? 2 : 1;
            if (q >= src_.size()) return fail(py_exc::syntax, "unexpected char '" + std::string(1, c) + "'", here);
            out_.push_back(token{token_kind::string, unescape_string_literal(std::string_view(src_).substr(pos_ + 1, q - pos_ - 1)), here});
            pos_ = q + 1;
            continue;
        }
        bool matched = false;
        for (const char* op : ops2) {
            if (starts(pos_, op)) {
                out_.push_back(token{token_kind::op, op, here});
                pos_ += 2;
                matched = true;
                break;
            }
        }
        if (matched) continue;
        if (std::strchr(ops1, c) != nullptr && c != 0) {
            if (c == '(' || c == '[' || c == '{') ++balance;
            else if (c == ')' || c == ']' || c == '}') {
                if (balance == 0) return fail(py_exc::syntax, std::string("unexpected '") + c + "'", here);
                --balance;
            }
            out_.push_back(token{token_kind::op, std::string(1, c), here});
            ++pos_;
            continue;
        }
        return fail(py_exc::syntax, std::string("unexpected char '") + c + "'", here);
    }
}

}  // namespace

jres<token_list> tokenize(std::string_view source, const lexer_options& opts) {
    lexer lx(normalize_newlines(source, opts.keep_trailing_newline), opts);
    return lx.run();
}

}  // namespace tito::jinja
