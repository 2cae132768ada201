// File: jinja/interpreter_access.cpp
// Attribute and item access, calls and filter application. Attribute access follows Jinja2's
// sandboxed getattr: Python attributes (the str/list/dict methods) first, then items; subscripts
// try the item first. Mutating methods are blocked by ImmutableSandboxedEnvironment and come back
// as an "unsafe" undefined that raises SecurityError when called.
#include "jinja/builtins.hpp"
#include "jinja/interpreter.hpp"

namespace tito::jinja {

failure undefined_failure(const value& v, src_loc w) {
    if (v.undefined_unsafe()) return fail(py_exc::security_error, v.undefined_hint(), w);
    return fail_undefined(v.undefined_hint(), w);
}

namespace {

value unsafe_undefined(const value& obj, std::string_view n) {
    return value::undefined("access to attribute '" + std::string(n) + "' of '" + type_name(obj) + "' object is unsafe.", true);
}

value missing_attribute(const value& obj, std::string_view name) {
    return value::undefined("'" + std::string(type_name(obj)) + " object' has no attribute '" + std::string(name) + "'");
}

}  // namespace

jres<value> render_state::get_attribute(const value& obj, std::string_view name, src_loc where) {
    return get_attribute(obj, name, method_mask(name), where);
}

jres<value> render_state::get_attribute(const value& obj, std::string_view name, std::uint8_t mask, src_loc where) {
    switch (obj.kind()) {
        case value_kind::undefined: return undefined_failure(obj, where);
        case value_kind::dict:
        case value_kind::list:
        case value_kind::string: {
            int ms = method_status(obj, mask);
            if (ms == 2) return unsafe_undefined(obj, name);
            if (ms == 1) return bound_method(obj, name);
            if (obj.is_dict()) {
                if (const value* v = obj.dict().find(name)) return *v;
            }
            return missing_attribute(obj, name);
        }
        case value_kind::object: return obj.object().get_attr(name);
        default: return missing_attribute(obj, name);
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
        int ms = method_status(obj, method_mask(key.str()));
        if (ms == 2) return unsafe_undefined(obj, key.str());
        if (ms == 1) return bound_method(obj, key.str());
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
        value tmp;
        JREF(obj, eval_ref(*a.obj, sc, tmp));
        if (obj->is_undefined()) return undefined_failure(*obj, a.where);
        if (method_status(*obj, a.method_mask) == 1) {
            call_args args;
            JTRY_VOID(eval_args(c.args, sc, args));
            auto r = call_known_method(*this, *obj, a.name, std::move(args));
            if (!r) r.error().set_where(c.where);
            return r;
        }
        JTRY(value fn, get_attribute(*obj, a.name, a.method_mask, a.where));
        call_args args;
        JTRY_VOID(eval_args(c.args, sc, args));
        return call_value(fn, std::move(args), c.where);
    }
    value tmp;
    JREF(fn, eval_ref(*c.callee, sc, tmp));
    call_args args;
    JTRY_VOID(eval_args(c.args, sc, args));
    return call_value(*fn, std::move(args), c.where);
}

jres<value> render_state::apply_filter(const filter_expr& f, const value& operand, scope* sc) {
    if (!f.fn) return fail(py_exc::template_runtime_error, "No filter named '" + f.name + "' found.", f.where);
    call_args args;
    if (!f.args.positional.empty() || !f.args.keyword.empty() || f.args.star_args || f.args.star_kwargs)
        JTRY_VOID(eval_args(f.args, sc, args));
    auto r = f.fn(*this, operand, args);
    if (!r) r.error().set_where(f.where);
    return r;
}

}  // namespace tito::jinja
