// File: jinja/interpreter_expr.cpp
// Expression evaluation. Attribute access follows Jinja2's sandboxed getattr: Python attributes
// (the str/list/dict methods) first, then items; subscripts try the item first. Mutating methods
// are blocked by ImmutableSandboxedEnvironment and come back as an "unsafe" undefined that raises
// SecurityError when called.
#include "jinja/builtins.hpp"
#include "jinja/interpreter.hpp"

namespace tito::jinja {
namespace {

failure undefined_failure(const value& v, src_loc w) {
    const undefined_info* u = v.undefined_detail();
    if (u && u->unsafe) return fail(py_exc::security_error, u->hint, w);
    return fail_undefined(u ? u->hint : "value is undefined", w);
}

bool is_unsafe_method(const value& obj, std::string_view n) {
    static constexpr std::string_view list_m[] = {"append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort"};
    static constexpr std::string_view dict_m[] = {"clear", "pop", "popitem", "setdefault", "update"};
    if (obj.is_list() && obj.sequence_kind() == seq_kind::list)
        for (auto m : list_m) if (m == n) return true;
    if (obj.is_dict())
        for (auto m : dict_m) if (m == n) return true;
    return false;
}

value unsafe_undefined(const value& obj, std::string_view n) {
    return value::undefined("access to attribute '" + std::string(n) + "' of '" + type_name(obj) + "' object is unsafe.", true);
}

}  // namespace

jres<value> render_state::get_attribute(const value& obj, std::string_view name, src_loc where) {
    switch (obj.kind()) {
        case value_kind::undefined: return undefined_failure(obj, where);
        case value_kind::dict:
        case value_kind::list:
        case value_kind::string:
            if (is_unsafe_method(obj, name)) return unsafe_undefined(obj, name);
            if (has_method(obj, name)) return bound_method(obj, name);
            if (obj.is_dict()) {
                if (const value* v = obj.dict().find(name)) return *v;
            }
            return value::undefined("'" + std::string(type_name(obj)) + " object' has no attribute '" + std::string(name) + "'");
        case value_kind::object: return obj.object().get_attr(name);
        default:
            return value::undefined("'" + std::string(type_name(obj)) + " object' has no attribute '" + std::string(name) + "'");
    }
}

jres<value> render_state::get_subscript(const value& obj, const value& key, src_loc where) {
    if (obj.is_undefined()) return undefined_failure(obj, where);
    if (obj.is_object()) {
        if (key.is_string()) return obj.object().get_attr(key.str());
        return value::undefined("no item");
    }
    value v = get_item(obj, key);
    if (v.is_undefined() && key.is_string() && (obj.is_dict() || obj.is_list() || obj.is_string())) {
        if (is_unsafe_method(obj, key.str())) return unsafe_undefined(obj, key.str());
        if (has_method(obj, key.str())) return bound_method(obj, key.str());
    }
    return v;
}

jres<bool> render_state::eval_args(const arg_list& a, scope* sc, call_args& out) {
    out.positional.reserve(a.positional.size());
    for (const auto& e : a.positional) {
        JTRY(value v, eval(*e, sc));
        out.positional.push_back(std::move(v));
    }
    for (const auto& [k, e] : a.keyword) {
        JTRY(value v, eval(*e, sc));
        out.keyword.emplace_back(k, std::move(v));
    }
    if (a.star_args) {
        JTRY(value v, eval(*a.star_args, sc));
        JTRY(std::vector<value> items, iterate(v));
        for (auto& x : items) out.positional.push_back(std::move(x));
    }
    if (a.star_kwargs) {
        JTRY(value v, eval(*a.star_kwargs, sc));
        if (!v.is_dict()) return fail_type("argument after ** must be a mapping");
        for (const auto& [k, x] : v.dict().items) out.keyword.emplace_back(to_str(k), x);
    }
    return true;
}

jres<value> render_state::call_value(const value& callee, call_args&& args, src_loc where) {
    if (callee.is_undefined()) return undefined_failure(callee, where);
    if (!callee.is_object()) return fail_type(std::string("'") + type_name(callee) + "' object is not callable", where);
    auto r = callee.object().call(*this, std::move(args));
    if (!r) r.error().set_where(where);
    return r;
}

jres<value> render_state::eval_call(const call_expr& c, scope* sc) {
    if (c.callee->kind == expr_kind::attr) {
        // obj.method(args): call the method directly without building a bound method object.
        const auto& a = static_cast<const attr_expr&>(*c.callee);
        JTRY(value obj, eval(*a.obj, sc));
        if (obj.is_undefined()) return undefined_failure(obj, a.where);
        if ((obj.is_string() || obj.is_list() || obj.is_dict()) && !is_unsafe_method(obj, a.name) &&
            has_method(obj, a.name)) {
            call_args args;
            JTRY_VOID(eval_args(c.args, sc, args));
            bool found = false;
            auto r = call_method(*this, obj, a.name, std::move(args), found);
            if (!r) r.error().set_where(c.where);
            return r;
        }
        JTRY(value fn, get_attribute(obj, a.name, a.where));
        call_args args;
        JTRY_VOID(eval_args(c.args, sc, args));
        return call_value(fn, std::move(args), c.where);
    }
    JTRY(value fn, eval(*c.callee, sc));
    call_args args;
    JTRY_VOID(eval_args(c.args, sc, args));
    return call_value(fn, std::move(args), c.where);
}

jres<value> render_state::apply_filter(const filter_expr& f, value operand, scope* sc) {
    if (!f.fn) return fail(py_exc::template_runtime_error, "No filter named '" + f.name + "' found.", f.where);
    call_args args;
    JTRY_VOID(eval_args(f.args, sc, args));
    auto r = f.fn(*this, operand, args);
    if (!r) r.error().set_where(f.where);
    return r;
}

jres<value> render_state::eval_compare(const compare_expr& c, scope* sc) {
    JTRY(value lhs, eval(*c.first, sc));
    for (const auto& [op, e] : c.rest) {
        JTRY(value rhs, eval(*e, sc));
        bool ok = false;
        switch (op) {
            case cmp_op::eq: ok = py_eq(lhs, rhs); break;
            case cmp_op::ne: ok = !py_eq(lhs, rhs); break;
            case cmp_op::in:
            case cmp_op::not_in: {
                if (rhs.is_undefined() && rhs.undefined_detail() && rhs.undefined_detail()->unsafe)
                    return undefined_failure(rhs, c.where);
                auto r = contains(rhs, lhs);
                if (!r) { r.error().set_where(c.where); return std::move(r).error(); }
                ok = op == cmp_op::in ? *r : !*r;
                break;
            }
            default: {
                const char* sym = op == cmp_op::lt ? "<" : op == cmp_op::le ? "<=" : op == cmp_op::gt ? ">" : ">=";
                auto r = py_compare(lhs, rhs, sym);
                if (!r) { r.error().set_where(c.where); return std::move(r).error(); }
                int k = *r;
                ok = op == cmp_op::lt ? k < 0 : op == cmp_op::le ? k <= 0 : op == cmp_op::gt ? k > 0 : k >= 0;
            }
        }
        if (!ok) return value::from_bool(false);
        lhs = std::move(rhs);
    }
    return value::from_bool(true);
}

jres<value> render_state::eval(const expr& e, scope* sc) {
    switch (e.kind) {
        case expr_kind::literal: return static_cast<const literal_expr&>(e).val;
        case expr_kind::name: {
            const auto& n = static_cast<const name_expr&>(e);
            value v = lookup(n.sym, sc);
            if (v.is_undefined() && !v.undefined_detail()) return value::undefined("'" + n.name + "' is undefined");
            return v;
        }
        case expr_kind::list:
        case expr_kind::tuple: {
            const auto& s = static_cast<const seq_expr&>(e);
            std::vector<value> items;
            items.reserve(s.items.size());
            for (const auto& x : s.items) {
                JTRY(value v, eval(*x, sc));
                items.push_back(std::move(v));
            }
            return value::from_list(std::move(items), e.kind == expr_kind::tuple ? seq_kind::tuple : seq_kind::list);
        }
        case expr_kind::dict: {
            const auto& d = static_cast<const dict_expr&>(e);
            std::vector<std::pair<value, value>> items;
            for (const auto& [ke, ve] : d.items) {
                JTRY(value k, eval(*ke, sc));
                JTRY(value v, eval(*ve, sc));
                bool dup = false;
                for (auto& kv : items) if (py_eq(kv.first, k)) { kv.second = v; dup = true; break; }
                if (!dup) items.emplace_back(std::move(k), std::move(v));
            }
            return value::from_dict(std::move(items));
        }
        case expr_kind::attr: {
            const auto& a = static_cast<const attr_expr&>(e);
            JTRY(value obj, eval(*a.obj, sc));
            return get_attribute(obj, a.name, a.where);
        }
        case expr_kind::item: {
            const auto& it = static_cast<const item_expr&>(e);
            JTRY(value obj, eval(*it.obj, sc));
            JTRY(value key, eval(*it.key, sc));
            return get_subscript(obj, key, it.where);
        }
        case expr_kind::slice: {
            const auto& s = static_cast<const slice_expr&>(e);
            JTRY(value obj, eval(*s.obj, sc));
            value a, b, c;
            if (s.start) { JTRY(a, eval(*s.start, sc)); }
            if (s.stop) { JTRY(b, eval(*s.stop, sc)); }
            if (s.step) { JTRY(c, eval(*s.step, sc)); }
            if (obj.is_undefined()) return undefined_failure(obj, s.where);
            auto r = get_slice(obj, a, b, c);
            if (!r) r.error().set_where(s.where);
            return r;
        }
        case expr_kind::call: return eval_call(static_cast<const call_expr&>(e), sc);
        case expr_kind::filter: {
            const auto& f = static_cast<const filter_expr&>(e);
            JTRY(value operand, eval(*f.operand, sc));
            return apply_filter(f, std::move(operand), sc);
        }
        case expr_kind::test: {
            const auto& t = static_cast<const test_expr&>(e);
            if (!t.fn) return fail(py_exc::template_runtime_error, "No test named '" + t.name + "' found.", t.where);
            JTRY(value operand, eval(*t.operand, sc));
            call_args args;
            JTRY_VOID(eval_args(t.args, sc, args));
            auto r = t.fn(*this, operand, args);
            if (!r) { r.error().set_where(t.where); return std::move(r).error(); }
            return value::from_bool(*r);
        }
        case expr_kind::neg: {
            JTRY(value v, eval(*static_cast<const unary_expr&>(e).operand, sc));
            auto r = negate(v);
            if (!r) r.error().set_where(e.where);
            return r;
        }
        case expr_kind::pos: {
            JTRY(value v, eval(*static_cast<const unary_expr&>(e).operand, sc));
            if (v.is_undefined()) return undefined_failure(v, e.where);
            if (!v.is_number()) return fail_type(std::string("bad operand type for unary +: '") + type_name(v) + "'", e.where);
            return v.is_bool() ? value::from_int(v.as_int()) : v;
        }
        case expr_kind::not_: {
            JTRY(value v, eval(*static_cast<const unary_expr&>(e).operand, sc));
            return value::from_bool(!truthy(v));
        }
        case expr_kind::binary: {
            const auto& b = static_cast<const binary_expr&>(e);
            JTRY(value l, eval(*b.lhs, sc));
            JTRY(value r, eval(*b.rhs, sc));
            auto res = binary_op(b.op, l, r);
            if (!res) res.error().set_where(b.where);
            return res;
        }
        case expr_kind::concat: {
            const auto& c = static_cast<const concat_expr&>(e);
            std::string s;
            for (const auto& p : c.parts) {
                JTRY(value v, eval(*p, sc));
                append_str(s, v);
            }
            return value::from_string(std::move(s));
        }
        case expr_kind::compare: return eval_compare(static_cast<const compare_expr&>(e), sc);
        case expr_kind::and_: {
            const auto& l = static_cast<const logical_expr&>(e);
            JTRY(value a, eval(*l.lhs, sc));
            if (!truthy(a)) return a;
            return eval(*l.rhs, sc);
        }
        case expr_kind::or_: {
            const auto& l = static_cast<const logical_expr&>(e);
            JTRY(value a, eval(*l.lhs, sc));
            if (truthy(a)) return a;
            return eval(*l.rhs, sc);
        }
        case expr_kind::cond: {
            const auto& c = static_cast<const cond_expr&>(e);
            JTRY(value t, eval(*c.test, sc));
            if (truthy(t)) return eval(*c.then, sc);
            if (c.otherwise) return eval(*c.otherwise, sc);
            return value::undefined("the inline if-expression on line " + std::to_string(c.where.line) +
                                    " evaluated to false and no else section was defined.");
        }
    }
    return value();
}

}  // namespace tito::jinja
