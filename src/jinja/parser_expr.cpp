// File: jinja/parser_expr.cpp
// Expression parsing (see parser.hpp for the precedence ladder).
#include <cstdlib>

#include "jinja/builtins.hpp"
#include "jinja/parser.hpp"

namespace tito::jinja::detail {

namespace {
constexpr int max_expression_depth = 256;
struct depth_guard {
    int& d;
    explicit depth_guard(int& x) : d(x) { ++d; }
    ~depth_guard() { --d; }
};
}  // namespace

jres<expr_ptr> parser::parse_expression(bool with_condexpr) {
    depth_guard g(depth_);
    if (depth_ > max_expression_depth) return error_here("expression nested too deeply");
    if (!with_condexpr) return parse_or();
    std::size_t mark = hard_unknowns_.size();
    JTRY(expr_ptr e, parse_or());
    while (is_name("if")) {
        // The whole conditional expression is a soft frame, including the part before `if`.
        hard_unknowns_.resize(std::min(mark, hard_unknowns_.size()));
        soft_guard soft(*this, true);
        src_loc w = cur().where;
        next();
        auto c = std::make_unique<cond_expr>(w);
        c->then = std::move(e);
        JTRY(c->test, parse_or());
        if (skip_name("else")) { JTRY(c->otherwise, parse_expression(true)); }
        e = std::move(c);
    }
    return e;
}

jres<expr_ptr> parser::parse_tuple(bool with_condexpr, bool explicit_parens) {
    src_loc w = cur().where;
    std::vector<expr_ptr> items;
    bool is_tuple = false;
    while (true) {
        if (!items.empty()) {
            if (!skip_op(",")) break;
            is_tuple = true;
        }
        // end of tuple?
        const token& t = cur();
        if (t.kind == token_kind::block_end || t.kind == token_kind::variable_end || t.kind == token_kind::eof ||
            (t.kind == token_kind::op && (t.text == ")" || t.text == "=")) || is_name("recursive") ||
            (!with_condexpr && is_name("if")))
            break;
        JTRY(expr_ptr e, parse_expression(with_condexpr));
        items.push_back(std::move(e));
    }
    if (!is_tuple) {
        if (items.empty()) {
            if (!explicit_parens) return error_here("Expected an expression, got '" + cur().text + "'");
        } else {
            return std::move(items[0]);
        }
    }
    auto tup = std::make_unique<seq_expr>(expr_kind::tuple, w);
    tup->items = std::move(items);
    return expr_ptr(std::move(tup));
}

jres<expr_ptr> parser::parse_or() {
    JTRY(expr_ptr l, parse_and());
    while (is_name("or")) {
        src_loc w = cur().where;
        next();
        auto n = std::make_unique<logical_expr>(expr_kind::or_, w);
        n->lhs = std::move(l);
        JTRY(n->rhs, parse_and());
        l = std::move(n);
    }
    return l;
}

jres<expr_ptr> parser::parse_and() {
    JTRY(expr_ptr l, parse_not());
    while (is_name("and")) {
        src_loc w = cur().where;
        next();
        auto n = std::make_unique<logical_expr>(expr_kind::and_, w);
        n->lhs = std::move(l);
        JTRY(n->rhs, parse_not());
        l = std::move(n);
    }
    return l;
}

jres<expr_ptr> parser::parse_not() {
    depth_guard g(depth_);
    if (depth_ > max_expression_depth) return error_here("expression nested too deeply");
    if (is_name("not")) {
        src_loc w = cur().where;
        next();
        auto n = std::make_unique<unary_expr>(expr_kind::not_, w);
        JTRY(n->operand, parse_not());
        return expr_ptr(std::move(n));
    }
    return parse_compare();
}

jres<expr_ptr> parser::parse_compare() {
    src_loc w = cur().where;
    JTRY(expr_ptr first, parse_math1());
    std::unique_ptr<compare_expr> cmp;
    while (true) {
        cmp_op op;
        if (is_op("==")) op = cmp_op::eq;
        else if (is_op("!=")) op = cmp_op::ne;
        else if (is_op("<")) op = cmp_op::lt;
        else if (is_op("<=")) op = cmp_op::le;
        else if (is_op(">")) op = cmp_op::gt;
        else if (is_op(">=")) op = cmp_op::ge;
        else if (is_name("in")) op = cmp_op::in;
        else if (is_name("not") && peek().kind == token_kind::name && peek().text == "in") {
            next();
            op = cmp_op::not_in;
        } else break;
        next();
        if (!cmp) {
            cmp = std::make_unique<compare_expr>(w);
            cmp->first = std::move(first);
        }
        JTRY(expr_ptr rhs, parse_math1());
        cmp->rest.emplace_back(op, std::move(rhs));
    }
    if (!cmp) return first;
    classify_compare(*cmp);
    return expr_ptr(std::move(cmp));
}

namespace {
bool is_string_literal(const expr& e) {
    return e.kind == expr_kind::literal && static_cast<const literal_expr&>(e).val.is_string();
}
}  // namespace

void parser::classify_compare(compare_expr& c) {
    if (c.rest.size() != 1) return;
    const cmp_op op = c.rest[0].first;
    if ((op == cmp_op::eq || op == cmp_op::ne) && is_string_literal(*c.rest[0].second)) {
        c.fast = compare_expr::shape::eq_literal;
        c.negated = op == cmp_op::ne;
        c.key_tag = key_tag(static_cast<const literal_expr&>(*c.rest[0].second).val.str());
    } else if ((op == cmp_op::in || op == cmp_op::not_in) && is_string_literal(*c.first)) {
        c.fast = compare_expr::shape::literal_in;
        c.negated = op == cmp_op::not_in;
        c.key_tag = key_tag(static_cast<const literal_expr&>(*c.first).val.str());
    }
}

namespace {
expr_ptr make_binary(src_loc w, binop op, expr_ptr l, expr_ptr r) {
    auto b = std::make_unique<binary_expr>(w, op);
    b->lhs = std::move(l);
    b->rhs = std::move(r);
    return b;
}
}  // namespace

jres<expr_ptr> parser::parse_math1() {
    JTRY(expr_ptr l, parse_concat());
    while (is_op("+") || is_op("-")) {
        src_loc w = cur().where;
        binop op = is_op("+") ? binop::add : binop::sub;
        next();
        JTRY(expr_ptr r, parse_concat());
        l = make_binary(w, op, std::move(l), std::move(r));
    }
    return l;
}

jres<expr_ptr> parser::parse_concat() {
    src_loc w = cur().where;
    JTRY(expr_ptr first, parse_math2());
    if (!is_op("~")) return first;
    auto c = std::make_unique<concat_expr>(w);
    c->parts.push_back(std::move(first));
    while (skip_op("~")) {
        JTRY(expr_ptr e, parse_math2());
        c->parts.push_back(std::move(e));
    }
    return expr_ptr(std::move(c));
}

jres<expr_ptr> parser::parse_math2() {
    JTRY(expr_ptr l, parse_pow());
    while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
        src_loc w = cur().where;
        binop op = is_op("*") ? binop::mul : is_op("/") ? binop::div : is_op("//") ? binop::floordiv : binop::mod;
        next();
        JTRY(expr_ptr r, parse_pow());
        l = make_binary(w, op, std::move(l), std::move(r));
    }
    return l;
}

jres<expr_ptr> parser::parse_pow() {
    JTRY(expr_ptr l, parse_unary());
    while (is_op("**")) {
        src_loc w = cur().where;
        next();
        JTRY(expr_ptr r, parse_unary());
        l = make_binary(w, binop::pow, std::move(l), std::move(r));
    }
    return l;
}

jres<expr_ptr> parser::parse_unary(bool with_filter) {
    depth_guard g(depth_);
    if (depth_ > max_expression_depth) return error_here("expression nested too deeply");
    src_loc w = cur().where;
    expr_ptr node;
    if (is_op("-") || is_op("+")) {
        expr_kind k = is_op("-") ? expr_kind::neg : expr_kind::pos;
        next();
        auto u = std::make_unique<unary_expr>(k, w);
        JTRY(u->operand, parse_unary(false));
        node = std::move(u);
    } else {
        JTRY(node, parse_primary());
    }
    JTRY(node, parse_postfix(std::move(node)));
    if (with_filter) { JTRY(node, parse_filter_expr(std::move(node))); }
    return node;
}

jres<expr_ptr> parser::parse_primary() {
    const token& t = cur();
    src_loc w = t.where;
    switch (t.kind) {
        case token_kind::name: {
            const std::string& n = t.text;
            expr_ptr e;
            if (n == "true" || n == "True") e = std::make_unique<literal_expr>(w, value::from_bool(true));
            else if (n == "false" || n == "False") e = std::make_unique<literal_expr>(w, value::from_bool(false));
            else if (n == "none" || n == "None") e = std::make_unique<literal_expr>(w, value::none());
            else e = std::make_unique<name_expr>(w, n, intern(n));
            next();
            return e;
        }
        case token_kind::string: {
            std::string s = t.text;
            next();
            while (cur().kind == token_kind::string) {
                s += cur().text;
                next();
            }
            return expr_ptr(std::make_unique<literal_expr>(w, value::from_string(std::move(s))));
        }
        case token_kind::integer: {
            errno = 0;
            long long v = std::strtoll(t.text.c_str(), nullptr, 10);
            if (errno == ERANGE) return error_here("integer literal out of range");
            next();
            return expr_ptr(std::make_unique<literal_expr>(w, value::from_int(v)));
        }
        case token_kind::floating: {
            double d = std::strtod(t.text.c_str(), nullptr);
            next();
            return expr_ptr(std::make_unique<literal_expr>(w, value::from_float(d)));
        }
        case token_kind::op:
            if (t.text == "(") {
                next();
                JTRY(expr_ptr e, parse_tuple(true, true));
                JTRY_VOID(expect_op(")"));
                return e;
            }
            if (t.text == "[") {
                next();
                auto l = std::make_unique<seq_expr>(expr_kind::list, w);
                while (!is_op("]")) {
                    if (!l->items.empty()) {
                        JTRY_VOID(expect_op(","));
                        if (is_op("]")) break;
                    }
                    JTRY(expr_ptr e, parse_expression());
                    l->items.push_back(std::move(e));
                }
                next();
                return expr_ptr(std::move(l));
            }
            if (t.text == "{") {
                next();
                auto d = std::make_unique<dict_expr>(expr_kind::dict, w);
                while (!is_op("}")) {
                    if (!d->items.empty()) {
                        JTRY_VOID(expect_op(","));
                        if (is_op("}")) break;
                    }
                    JTRY(expr_ptr k, parse_expression());
                    JTRY_VOID(expect_op(":"));
                    JTRY(expr_ptr v, parse_expression());
                    d->items.emplace_back(std::move(k), std::move(v));
                }
                next();
                return expr_ptr(std::move(d));
            }
            break;
        default:
            break;
    }
    if (t.kind == token_kind::variable_end || t.kind == token_kind::block_end || t.kind == token_kind::eof)
        return error_here("Expected an expression, got 'end of statement block'");
    return error_here("unexpected '" + t.text + "'");
}

jres<expr_ptr> parser::parse_postfix(expr_ptr node) {
    while (true) {
        if (is_op(".")) {
            src_loc w = cur().where;
            next();
            if (cur().kind == token_kind::name) {
                auto a = std::make_unique<attr_expr>(w);
                a->obj = std::move(node);
                a->name = cur().text;
                a->method_mask = method_mask(a->name);
                a->key_tag = key_tag(a->name);
                static constexpr std::string_view loop_names[] = {"index", "index0", "first", "last",
                                                                  "length", "revindex", "revindex0"};
                for (int i = 0; i < 7; ++i)
                    if (a->name == loop_names[i]) a->loop_attr = static_cast<std::int8_t>(i);
                next();
                node = std::move(a);
            } else if (cur().kind == token_kind::integer) {
                auto it = std::make_unique<item_expr>(w);
                it->obj = std::move(node);
                it->key = std::make_unique<literal_expr>(cur().where, value::from_int(std::atoll(cur().text.c_str())));
                next();
                node = std::move(it);
            } else {
                return error_here("expected name or number");
            }
        } else if (is_op("[")) {
            JTRY(node, parse_subscript(std::move(node)));
        } else if (is_op("(")) {
            src_loc w = cur().where;
            auto c = std::make_unique<call_expr>(w);
            c->callee = std::move(node);
            JTRY_VOID(parse_call_args(c->args));
            node = std::move(c);
        } else {
            return node;
        }
    }
}

jres<expr_ptr> parser::parse_subscript(expr_ptr node) {
    src_loc w = cur().where;
    next();  // [
    expr_ptr parts[3];
    int idx = 0;
    bool is_slice = false;
    while (true) {
        if (is_op(":")) {
            is_slice = true;
            if (idx >= 2) return error_here("invalid slice");
            ++idx;
            next();
            continue;
        }
        if (is_op("]")) break;
        if (parts[idx]) return error_here("expected ']'");
        JTRY(parts[idx], parse_expression());
    }
    next();  // ]
    if (!is_slice) {
        if (!parts[0]) return error_here("expected subscript expression");
        auto it = std::make_unique<item_expr>(w);
        it->obj = std::move(node);
        it->key = std::move(parts[0]);
        if (it->key->kind == expr_kind::literal) {
            const value& k = static_cast<const literal_expr&>(*it->key).val;
            if (k.is_string() && to_repr(k) == "'" + k.str() + "'") {
                it->literal_key = true;
                it->key_mask = method_mask(k.str());
                it->key_tag = key_tag(k.str());
            }
        }
        return expr_ptr(std::move(it));
    }
    auto s = std::make_unique<slice_expr>(w);
    s->obj = std::move(node);
    s->start = std::move(parts[0]);
    s->stop = std::move(parts[1]);
    s->step = std::move(parts[2]);
    return expr_ptr(std::move(s));
}

jres<expr_ptr> parser::parse_filter_expr(expr_ptr node) {
    while (true) {
        if (is_op("|")) {
            JTRY(auto f, parse_filter(std::move(node), false));
            node = std::move(f);
        } else if (is_name("is")) {
            JTRY(node, parse_test(std::move(node)));
        } else if (is_op("(")) {
            src_loc w = cur().where;
            auto c = std::make_unique<call_expr>(w);
            c->callee = std::move(node);
            JTRY_VOID(parse_call_args(c->args));
            node = std::move(c);
        } else {
            return node;
        }
    }
}

jres<std::unique_ptr<filter_expr>> parser::parse_filter(expr_ptr operand, bool start_inline) {
    if (!start_inline) next();  // |
    if (cur().kind != token_kind::name) return error_here("expected filter name");
    auto f = std::make_unique<filter_expr>(cur().where);
    f->operand = std::move(operand);
    f->name = cur().text;
    next();
    while (is_op(".") && peek().kind == token_kind::name) {
        next();
        f->name += "." + cur().text;
        next();
    }
    f->fn = find_filter(f->name);
    f->into = find_filter_into(f->name);
    if (!f->fn) note_unknown("No filter named '" + f->name + "'.", f->where);
    if (is_op("(")) { JTRY_VOID(parse_call_args(f->args)); }
    return f;
}

jres<expr_ptr> parser::parse_test(expr_ptr node) {
    src_loc w = cur().where;
    next();  // is
    bool negated = skip_name("not");
    if (cur().kind != token_kind::name) return error_here("expected test name");
    auto t = std::make_unique<test_expr>(w);
    t->operand = std::move(node);
    t->name = cur().text;
    next();
    while (is_op(".") && peek().kind == token_kind::name) {
        next();
        t->name += "." + cur().text;
        next();
    }
    t->fn = find_test(t->name);
    if (!t->fn) note_unknown("No test named '" + t->name + "'.", t->where);
    const token& c = cur();
    if (is_op("(")) {
        JTRY_VOID(parse_call_args(t->args));
    } else if ((c.kind == token_kind::name || c.kind == token_kind::string || c.kind == token_kind::integer ||
                c.kind == token_kind::floating || is_op("[") || is_op("{")) &&
               !(is_name("else") || is_name("or") || is_name("and"))) {
        if (is_name("is")) return error_here("You cannot chain multiple tests with is");
        JTRY(expr_ptr arg, parse_primary());
        JTRY(arg, parse_postfix(std::move(arg)));
        t->args.positional.push_back(std::move(arg));
    }
    if (t->fn && t->args.positional.empty() && t->args.keyword.empty() && !t->args.star_args && !t->args.star_kwargs) {
        static constexpr std::pair<std::string_view, simple_test> simple[] = {
            {"defined", simple_test::defined}, {"undefined", simple_test::undefined}, {"none", simple_test::none},
            {"string", simple_test::string},   {"mapping", simple_test::mapping},     {"boolean", simple_test::boolean},
            {"integer", simple_test::integer}, {"number", simple_test::number},
        };
        for (const auto& [name, kind] : simple)
            if (t->name == name) t->simple = kind;
    }
    if (!negated) return expr_ptr(std::move(t));
    auto n = std::make_unique<unary_expr>(expr_kind::not_, w);
    n->operand = std::move(t);
    return expr_ptr(std::move(n));
}

jres<bool> parser::parse_call_args(arg_list& out) {
    JTRY_VOID(expect_op("("));
    bool need_comma = false;
    while (!is_op(")")) {
        if (need_comma) {
            JTRY_VOID(expect_op(","));
            if (is_op(")")) break;
        }
        if (is_op("*")) {
            next();
            JTRY(out.star_args, parse_expression());
        } else if (is_op("**")) {
            next();
            JTRY(out.star_kwargs, parse_expression());
        } else if (cur().kind == token_kind::name && peek().kind == token_kind::op && peek().text == "=") {
            std::string key = cur().text;
            next();
            next();
            JTRY(expr_ptr v, parse_expression());
            out.keyword.emplace_back(std::move(key), std::move(v));
        } else {
            if (!out.keyword.empty()) return error_here("invalid syntax for function call expression");
            JTRY(expr_ptr v, parse_expression());
            out.positional.push_back(std::move(v));
        }
        need_comma = true;
    }
    next();  // )
    return true;
}

}  // namespace tito::jinja::detail
