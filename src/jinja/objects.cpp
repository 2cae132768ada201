// File: jinja/objects.cpp
#include "jinja/objects.hpp"

namespace tito::jinja {

value namespace_object::get_attr(std::string_view name) const {
    if (const attr* a = find(name, key_tag(name))) return a->v;
    return value::undefined("'Namespace' object has no attribute '" + std::string(name) + "'");
}

const value* namespace_object::attr_ref(std::string_view name, std::uint64_t tag) const {
    const attr* a = find(name, tag);
    return a ? &a->v : nullptr;
}

bool namespace_object::set_attr(std::string_view name, value v) const {
    return set_attr_tagged(name, key_tag(name), std::move(v));
}

bool namespace_object::set_attr_tagged(std::string_view name, std::uint64_t tag, value&& v) const {
    if (attr* a = find(name, tag)) {
        a->v = std::move(v);
        return true;
    }
    attrs_.push_back(attr{tag, std::string(name), std::move(v)});
    return true;
}

std::string namespace_object::repr() const {
    std::string s = "<Namespace {";
    bool first = true;
    for (const attr& a : attrs_) {
        if (!first) s += ", ";
        first = false;
        append_repr(s, value::from_string(a.name));
        s += ": ";
        append_repr(s, a.v);
    }
    return s + "}>";
}

bool loop_object::loop_attr(int id, value& out) const {
    std::int64_t len = static_cast<std::int64_t>(len_);
    std::int64_t i = static_cast<std::int64_t>(index0_);
    switch (id) {
        case 0: out = value::from_int(i + 1); return true;
        case 1: out = value::from_int(i); return true;
        case 2: out = value::from_bool(i == 0); return true;
        case 3: out = value::from_bool(i == len - 1); return true;
        case 4: out = value::from_int(len); return true;
        case 5: out = value::from_int(len - i); return true;
        case 6: out = value::from_int(len - i - 1); return true;
        default: return false;
    }
}

value loop_object::get_attr(std::string_view n) const {
    std::int64_t len = static_cast<std::int64_t>(len_);
    std::int64_t i = static_cast<std::int64_t>(index0_);
    if (n == "index") return value::from_int(i + 1);
    if (n == "index0") return value::from_int(i);
    if (n == "first") return value::from_bool(i == 0);
    if (n == "last") return value::from_bool(i == len - 1);
    if (n == "length") return value::from_int(len);
    if (n == "revindex") return value::from_int(len - i);
    if (n == "revindex0") return value::from_int(len - i - 1);
    if (n == "depth") return value::from_int(1);
    if (n == "depth0") return value::from_int(0);
    if (n == "previtem") {
        if (i == 0) return value::undefined("there is no previous item");
        return item(static_cast<std::size_t>(i - 1));
    }
    if (n == "nextitem") {
        if (i + 1 >= len) return value::undefined("there is no next item");
        return item(static_cast<std::size_t>(i + 1));
    }
    if (n == "cycle") {
        std::size_t idx = index0_;
        return make_native("cycle", [idx](render_state&, call_args&& a) -> jres<value> {
            if (a.positional.empty()) return fail_type("no items for cycling given");
            return a.positional[idx % a.positional.size()];
        }, "method");
    }
    if (n == "changed") {
        auto last = last_changed_;
        if (!last) last_changed_ = last = std::make_shared<value>();
        return make_native("changed", [last](render_state&, call_args&& a) -> jres<value> {
            value cur = make_tuple(std::vector<value>(std::make_move_iterator(a.positional.begin()),
                                                      std::make_move_iterator(a.positional.end())));
            if (!last->is_undefined() && py_eq(*last, cur)) return value::from_bool(false);
            *last = cur;
            return value::from_bool(true);
        }, "method");
    }
    return object_data::get_attr(n);
}

std::string loop_object::repr() const {
    return "<LoopContext " + std::to_string(index0_ + 1) + "/" + std::to_string(len_) + ">";
}

value macro_object::get_attr(std::string_view n) const {
    if (n == "name") return value::from_string(def_->name);
    if (n == "arguments") {
        std::vector<value> names;
        for (const auto& p : def_->params) names.push_back(value::from_string(p.name));
        return make_tuple(std::move(names));
    }
    return object_data::get_attr(n);
}

std::string macro_object::repr() const { return "<Macro '" + def_->name + "'>"; }

jres<value> macro_object::call(render_state& st, call_args&& args) const {
    return st.call_macro(*def_, owned_ ? owned_.get() : closure_, std::move(args));
}

jres<bool> macro_object::call_into(render_state& st, call_args&& args, std::string& out) const {
    return st.call_macro_into(*def_, owned_ ? owned_.get() : closure_, std::move(args), out);
}

std::string native_function::repr() const { return "<built-in function " + name_ + ">"; }

value make_native(std::string name, native_fn fn, const char* type) {
    return value::from_object(std::make_shared<native_function>(std::move(name), std::move(fn), type));
}

}  // namespace tito::jinja
