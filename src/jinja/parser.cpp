// File: jinja/parser.cpp
// Statement parsing (see parser.hpp). Expression parsing lives in parser_expr.cpp.
#include "jinja/parser.hpp"

#include "jinja/builtins.hpp"
#include "jinja/lexer.hpp"

namespace tito::jinja {

jres<program> parse_program(std::string_view source) {
    JTRY(token_list toks, tokenize(source));
    detail::parser p(std::move(toks));
    return p.run();
}

namespace detail {

parser::parser(token_list toks) : toks_(std::move(toks)) {
    intern("loop");
    intern("caller");
    intern("varargs");
    intern("kwargs");
}

symbol parser::intern(const std::string& name) {
    auto it = symtab_.find(name);
    if (it != symtab_.end()) return it->second;
    symbol s = static_cast<symbol>(symbols_.size());
    symbols_.push_back(name);
    symtab_.emplace(name, s);
    return s;
}

failure parser::error_here(std::string msg) const { return fail(py_exc::syntax, std::move(msg), cur().where); }

jres<bool> parser::expect_op(std::string_view op) {
    if (!skip_op(op)) {
        std::string got = cur().kind == token_kind::eof ? "end of template" : "'" + cur().text + "'";
        if (cur().kind == token_kind::block_end) got = "end of statement block";
        if (cur().kind == token_kind::variable_end) got = "end of print statement";
        return error_here("expected token '" + std::string(op) + "', got " + got);
    }
    return true;
}

jres<bool> parser::expect_block_end() {
    if (cur().kind != token_kind::block_end)
        return error_here("expected token 'end of statement block', got '" + cur().text + "'");
    next();
    return true;
}

soft_guard::soft_guard(parser& p, bool soft) : p_(p), saved_(p.soft_) { p.soft_ = soft; }
soft_guard::~soft_guard() { p_.soft_ = saved_; }

jres<program> parser::run() {
    program p;
    JTRY_VOID(parse_body(p.body, {}, nullptr));
    if (!hard_unknowns_.empty())
        return fail(py_exc::syntax, hard_unknowns_.front().first, hard_unknowns_.front().second);
    p.symbols = std::move(symbols_);
    resolve_names(p);
    return p;
}

jres<bool> parser::parse_body(stmt_list& out, std::initializer_list<std::string_view> end_tags, std::string* end_tag) {
    while (true) {
        const token& t = cur();
        switch (t.kind) {
            case token_kind::data:
                if (!out.empty() && out.back()->kind == stmt_kind::data)
                    static_cast<data_stmt&>(*out.back()).text += t.text;
                else
                    out.push_back(std::make_unique<data_stmt>(t.where, t.text));
                next();
                break;
            case token_kind::variable_begin: {
                next();
                auto st = std::make_unique<output_stmt>(t.where);
                JTRY(st->e, parse_tuple(true));
                if (cur().kind != token_kind::variable_end)
                    return error_here("expected token 'end of print statement', got '" + cur().text + "'");
                next();
                if (st->e->kind == expr_kind::literal && static_cast<const literal_expr&>(*st->e).val.is_string()) {
                    // {{ 'text' }} prints the text: store it as data (merged with neighbouring data).
                    const std::string& text = static_cast<const literal_expr&>(*st->e).val.str();
                    if (!out.empty() && out.back()->kind == stmt_kind::data)
                        static_cast<data_stmt&>(*out.back()).text += text;
                    else
                        out.push_back(std::make_unique<data_stmt>(st->where, text));
                    break;
                }
                out.push_back(std::move(st));
                break;
            }
            case token_kind::block_begin: {
                const token& name = peek();
                if (name.kind == token_kind::name) {
                    for (std::string_view e : end_tags) {
                        if (name.text == e) {
                            next();
                            next();
                            if (end_tag) *end_tag = std::string(e);
                            return true;
                        }
                    }
                }
                next();
                JTRY(stmt_ptr s, parse_statement());
                if (s) out.push_back(std::move(s));
                break;
            }
            case token_kind::eof:
                if (end_tags.size() != 0) {
                    std::string msg = "Unexpected end of template. Jinja was looking for the following tags: ";
                    bool first = true;
                    for (std::string_view e : end_tags) {
                        if (!first) msg += " or ";
                        first = false;
                        msg += "'" + std::string(e) + "'";
                    }
                    return error_here(msg + ".");
                }
                return true;
            default:
                return error_here("unexpected '" + t.text + "'");
        }
    }
}

jres<stmt_ptr> parser::parse_statement() {
    // Statement nesting shares the expression depth budget (each block level recurses).
    struct guard {
        int& d;
        ~guard() { --d; }
    } g{++depth_};
    if (depth_ > 256) return error_here("blocks nested too deeply");
    const token& t = cur();
    if (t.kind != token_kind::name) return error_here("tag name expected");
    src_loc w = t.where;
    std::string name = t.text;
    next();
    if (name == "for") return parse_for(w);
    if (name == "if") return parse_if(w);
    if (name == "set") return parse_set(w);
    if (name == "macro") return parse_macro(w);
    if (name == "filter") return parse_filter_block(w);
    if (name == "break" || name == "continue") {
        JTRY_VOID(expect_block_end());
        return stmt_ptr(std::make_unique<stmt>(name == "break" ? stmt_kind::break_ : stmt_kind::continue_, w));
    }
    if (name == "generation") {
        JTRY_VOID(expect_block_end());
        soft_guard hard(*this, false);
        auto b = std::make_unique<block_stmt>(w);
        JTRY_VOID(parse_body(b->body, {"endgeneration"}, nullptr));
        JTRY_VOID(expect_block_end());
        return stmt_ptr(std::move(b));
    }
    return fail(py_exc::syntax, "Encountered unknown tag '" + name + "'.", w);
}

jres<target> parser::parse_assign_target(bool with_namespace, bool allow_tuple) {
    auto one = [&]() -> jres<target> {
        target t;
        t.where = cur().where;
        if (cur().kind != token_kind::name) return error_here("can't assign to '" + cur().text + "'");
        t.name = cur().text;
        t.sym = intern(t.name);
        next();
        if (with_namespace && is_op(".") && peek().kind == token_kind::name) {
            next();
            t.kind = target::kind_t::attr;
            t.attr = cur().text;
            t.attr_tag = key_tag(t.attr);
            next();
        }
        return t;
    };
    bool paren = skip_op("(");
    JTRY(target first, one());
    if (!(allow_tuple || paren) || !is_op(",")) {
        if (paren) { JTRY_VOID(expect_op(")")); }
        return first;
    }
    target tup;
    tup.kind = target::kind_t::tuple;
    tup.where = first.where;
    tup.items.push_back(std::move(first));
    while (skip_op(",")) {
        if (cur().kind != token_kind::name) break;
        JTRY(target t, one());
        tup.items.push_back(std::move(t));
    }
    if (paren) { JTRY_VOID(expect_op(")")); }
    return tup;
}

jres<stmt_ptr> parser::parse_for(src_loc w) {
    auto f = std::make_unique<for_stmt>(w);
    JTRY(f->tgt, parse_assign_target(false, true));
    if (!skip_name("in")) return error_here("expected 'in'");
    JTRY(f->iter, parse_tuple(false));
    soft_guard hard(*this, false);
    if (skip_name("if")) { JTRY(f->filter, parse_expression()); }
    if (skip_name("recursive")) f->recursive = true;
    JTRY_VOID(expect_block_end());
    std::string end;
    const std::size_t first_tok = pos_;
    JTRY_VOID(parse_body(f->body, {"endfor", "else"}, &end));
    f->loop_escapes = false;
    for (std::size_t i = first_tok; i < pos_; ++i) {
        if (toks_[i].kind != token_kind::name) continue;
        const bool attr = i + 2 < toks_.size() && toks_[i + 1].kind == token_kind::op && toks_[i + 1].text == "." &&
                          toks_[i + 2].kind == token_kind::name;
        if ((toks_[i].text == "loop" && !attr) || toks_[i].text == "macro" || toks_[i].text == "call")
            f->loop_escapes = true;
    }
    if (end == "else") {
        JTRY_VOID(expect_block_end());
        JTRY_VOID(parse_body(f->otherwise, {"endfor"}, nullptr));
    }
    JTRY_VOID(expect_block_end());
    return stmt_ptr(std::move(f));
}

jres<stmt_ptr> parser::parse_if(src_loc w) {
    soft_guard soft(*this, true);
    auto s = std::make_unique<if_stmt>(w);
    while (true) {
        JTRY(expr_ptr cond, parse_tuple(false));
        JTRY_VOID(expect_block_end());
        stmt_list body;
        std::string end;
        JTRY_VOID(parse_body(body, {"elif", "else", "endif"}, &end));
        s->branches.emplace_back(std::move(cond), std::move(body));
        if (end == "elif") continue;
        if (end == "else") {
            JTRY_VOID(expect_block_end());
            JTRY_VOID(parse_body(s->otherwise, {"endif"}, nullptr));
        }
        JTRY_VOID(expect_block_end());
        return stmt_ptr(std::move(s));
    }
}

jres<stmt_ptr> parser::parse_set(src_loc w) {
    JTRY(target tgt, parse_assign_target(true, true));
    if (skip_op("=")) {
        auto s = std::make_unique<set_stmt>(w);
        s->tgt = std::move(tgt);
        JTRY(s->e, parse_tuple(true));
        JTRY_VOID(expect_block_end());
        return stmt_ptr(std::move(s));
    }
    auto s = std::make_unique<set_block_stmt>(w);
    s->tgt = std::move(tgt);
    soft_guard hard(*this, false);
    while (is_op("|")) {
        JTRY(auto f, parse_filter(nullptr, false));
        s->filters.push_back(std::move(f));
    }
    JTRY_VOID(expect_block_end());
    JTRY_VOID(parse_body(s->body, {"endset"}, nullptr));
    JTRY_VOID(expect_block_end());
    return stmt_ptr(std::move(s));
}

jres<stmt_ptr> parser::parse_macro(src_loc w) {
    soft_guard hard(*this, false);
    auto m = std::make_unique<macro_stmt>(w);
    if (cur().kind != token_kind::name) return error_here("expected macro name");
    m->name = cur().text;
    m->sym = intern(m->name);
    next();
    JTRY_VOID(expect_op("("));
    while (!is_op(")")) {
        if (!m->params.empty()) { JTRY_VOID(expect_op(",")); }
        if (cur().kind != token_kind::name) return error_here("expected parameter name");
        macro_param p;
        p.name = cur().text;
        p.sym = intern(p.name);
        next();
        if (skip_op("=")) { JTRY(p.default_value, parse_expression()); }
        m->params.push_back(std::move(p));
    }
    next();
    JTRY_VOID(expect_block_end());
    // varargs / kwargs / caller usage is detected by scanning references while parsing the body.
    std::size_t first_tok = pos_;
    JTRY_VOID(parse_body(m->body, {"endmacro"}, nullptr));
    for (std::size_t i = first_tok; i < pos_; ++i) {
        if (toks_[i].kind != token_kind::name) continue;
        if (toks_[i].text == "varargs") m->uses_varargs = true;
        if (toks_[i].text == "kwargs") m->uses_kwargs = true;
        if (toks_[i].text == "caller") m->uses_caller = true;
    }
    JTRY_VOID(expect_block_end());
    return stmt_ptr(std::move(m));
}

jres<stmt_ptr> parser::parse_filter_block(src_loc w) {
    auto f = std::make_unique<filter_block_stmt>(w);
    JTRY(auto first, parse_filter(nullptr, true));
    f->filters.push_back(std::move(first));
    while (is_op("|")) {
        JTRY(auto more, parse_filter(nullptr, false));
        f->filters.push_back(std::move(more));
    }
    JTRY_VOID(expect_block_end());
    soft_guard hard(*this, false);
    JTRY_VOID(parse_body(f->body, {"endfilter"}, nullptr));
    JTRY_VOID(expect_block_end());
    return stmt_ptr(std::move(f));
}

}  // namespace detail
}  // namespace tito::jinja
