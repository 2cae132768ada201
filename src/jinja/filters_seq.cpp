// File: jinja/filters_seq.cpp
// Sequence filters of Jinja2: join, list, items, dictsort, sort, unique, map, select/reject,
// selectattr/rejectattr, first, last, reverse, sum, min, max, batch. map/select/reject/unique/
// items return generators (as in Jinja2) which iterate once and are not JSON serializable.
#include <algorithm>

#include "jinja/builtins.hpp"
#include "jinja/filter_args.hpp"
#include "jinja/pystr.hpp"

namespace tito::jinja {

value make_generator(std::vector<value> items) { return value::from_list(std::move(items), seq_kind::generator); }

jres<value> attr_path(render_state& st, const value& obj, const value& attribute) {
    if (!attribute.is_string()) return st.get_subscript(obj, attribute, {});
    value cur = obj;
    std::string_view path = attribute.str();
    while (true) {
        std::size_t dot = path.find('.');
        std::string_view part = path.substr(0, dot);
        bool digits = !part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
        value key = digits ? value::from_int(std::atoll(std::string(part).c_str())) : value::from_string(std::string(part));
        JTRY(cur, st.get_subscript(cur, key, {}));
        if (dot == std::string_view::npos) return cur;
        path = path.substr(dot + 1);
    }
}

jres<bool> run_named_test(render_state& st, std::string_view name, const value& v, std::vector<value> extra) {
    test_fn t = find_test(name);
    if (!t) return fail(py_exc::template_runtime_error, "No test named '" + std::string(name) + "' found.");
    call_args a;
    a.positional.assign(std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()));
    return t(st, v, a);
}

namespace {

value ignore_case(const value& v) { return v.is_string() ? value::from_string(py_lower(v.str())) : v; }

jres<value> f_join(render_state& st, const value& v, call_args& a) {
    const value* d = arg(a, 0, "d");
    std::string sep = d ? to_str(*d) : "";
    const value* attribute = arg(a, 1, "attribute");
    JTRY(iter_view iv, iterate_view(v));
    std::string out;
    bool first = true;
    for (const value& x : iv.get()) {
        if (!first) out += sep;
        first = false;
        if (attribute && !attribute->is_none()) {
            JTRY(value y, attr_path(st, x, *attribute));
            append_str(out, y);
        } else {
            append_str(out, x);
        }
    }
    return value::from_string(std::move(out));
}

jres<value> f_list(render_state&, const value& v, call_args&) {
    JTRY(std::vector<value> items, iterate(v));
    return value::from_list(std::move(items));
}

jres<value> f_items(render_state&, const value& v, call_args&) {
    if (v.is_undefined()) return make_generator({});
    if (!v.is_dict()) return fail_type("Can only get item pairs from a mapping.");
    std::vector<value> out;
    for (const auto& [k, x] : v.dict().items) out.push_back(make_tuple({k, x}));
    return make_generator(std::move(out));
}

// Stable sort with Python comparison; the first comparison error is returned.
jres<bool> py_sort(std::vector<std::pair<value, value>>& keyed, bool reverse) {
    failure err;
    bool failed = false;
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
        if (failed) return false;
        auto r = reverse ? py_compare(y.first, x.first, "<") : py_compare(x.first, y.first, "<");
        if (!r) { failed = true; err = r.error(); return false; }
        return *r < 0;
    });
    if (failed) return err;
    return true;
}

jres<value> f_dictsort(render_state&, const value& v, call_args& a) {
    bool cs = arg_truthy(a, 0, "case_sensitive");
    const value* by = arg(a, 1, "by");
    bool by_value = by && by->is_string() && by->str() == "value";
    if (by && !(by->is_string() && (by->str() == "key" || by->str() == "value")))
        return fail(py_exc::template_runtime_error, "You can only sort by either \"key\" or \"value\"");
    bool reverse = arg_truthy(a, 2, "reverse");
    if (!v.is_dict()) return fail(py_exc::template_runtime_error, "dictsort needs a mapping");
    std::vector<std::pair<value, value>> keyed;
    for (const auto& [k, x] : v.dict().items) {
        const value& key = by_value ? x : k;
        keyed.emplace_back(cs ? key : ignore_case(key), make_tuple({k, x}));
    }
    JTRY_VOID(py_sort(keyed, reverse));
    std::vector<value> out;
    for (auto& kv : keyed) out.push_back(std::move(kv.second));
    return value::from_list(std::move(out));
}

jres<value> f_sort(render_state& st, const value& v, call_args& a) {
    bool reverse = arg_truthy(a, 0, "reverse");
    bool cs = arg_truthy(a, 1, "case_sensitive");
    const value* attribute = arg(a, 2, "attribute");
    JTRY(iter_view iv, iterate_view(v));
    std::vector<std::pair<value, value>> keyed;
    for (const value& x : iv.get()) {
        value key = x;
        if (attribute && !attribute->is_none()) { JTRY(key, attr_path(st, x, *attribute)); }
        keyed.emplace_back(cs ? key : ignore_case(key), x);
    }
    JTRY_VOID(py_sort(keyed, reverse));
    std::vector<value> out;
    for (auto& kv : keyed) out.push_back(std::move(kv.second));
    return value::from_list(std::move(out));
}

jres<value> f_unique(render_state& st, const value& v, call_args& a) {
    bool cs = arg_truthy(a, 0, "case_sensitive");
    const value* attribute = arg(a, 1, "attribute");
    JTRY(iter_view iv, iterate_view(v));
    std::vector<value> seen, out;
    for (const value& x : iv.get()) {
        value key = x;
        if (attribute && !attribute->is_none()) { JTRY(key, attr_path(st, x, *attribute)); }
        if (!cs) key = ignore_case(key);
        if (key.is_list() || key.is_dict()) return fail_type(std::string("unhashable type: '") + type_name(key) + "'");
        bool dup = false;
        for (const value& s : seen) if (py_eq(s, key)) { dup = true; break; }
        if (dup) continue;
        seen.push_back(key);
        out.push_back(x);
    }
    return make_generator(std::move(out));
}

jres<value> f_map(render_state& st, const value& v, call_args& a) {
    if (!truthy(v)) return make_generator({});  // Jinja: `if value:` before iterating
    JTRY(iter_view iv, iterate_view(v));
    std::vector<value> out;
    if (a.positional.empty()) {
        const value* attribute = a.kw("attribute");
        if (!attribute) return make_generator({});
        const value* dflt = a.kw("default");
        for (const value& x : iv.get()) {
            JTRY(value y, attr_path(st, x, *attribute));
            if (y.is_undefined() && dflt && !dflt->is_none()) y = *dflt;
            out.push_back(std::move(y));
        }
        return make_generator(std::move(out));
    }
    std::string name = to_str(a.positional[0]);
    filter_fn f = find_filter(name);
    if (!f) return fail(py_exc::template_runtime_error, "No filter named '" + name + "' found.");
    for (const value& x : iv.get()) {
        call_args sub;
        sub.positional.assign(a.positional.begin() + 1, a.positional.end());
        sub.keyword = a.keyword;
        JTRY(value y, f(st, x, sub));
        out.push_back(std::move(y));
    }
    return make_generator(std::move(out));
}

jres<value> select_impl(render_state& st, const value& v, call_args& a, bool by_attr, bool keep) {
    if (!truthy(v)) return make_generator({});  // Jinja: `if value:` before iterating
    JTRY(iter_view iv, iterate_view(v));
    std::size_t off = by_attr ? 1 : 0;
    if (by_attr && a.positional.empty()) return fail_type("Missing parameter for attribute name");
    std::vector<value> out;
    for (const value& x : iv.get()) {
        value item = x;
        if (by_attr) { JTRY(item, attr_path(st, x, a.positional[0])); }
        bool ok;
        if (a.positional.size() > off) {
            std::vector<value> extra(a.positional.begin() + static_cast<std::ptrdiff_t>(off + 1), a.positional.end());
            JTRY(ok, run_named_test(st, to_str(a.positional[off]), item, std::move(extra)));
        } else {
            ok = truthy(item);
        }
        if (ok == keep) out.push_back(x);
    }
    return make_generator(std::move(out));
}
jres<value> f_select(render_state& st, const value& v, call_args& a) { return select_impl(st, v, a, false, true); }
jres<value> f_reject(render_state& st, const value& v, call_args& a) { return select_impl(st, v, a, false, false); }
jres<value> f_selectattr(render_state& st, const value& v, call_args& a) { return select_impl(st, v, a, true, true); }
jres<value> f_rejectattr(render_state& st, const value& v, call_args& a) { return select_impl(st, v, a, true, false); }

jres<value> f_first(render_state&, const value& v, call_args&) {
    JTRY(iter_view iv, iterate_view(v));
    if (iv.get().empty()) return value::undefined("No first item, sequence was empty.");
    return iv.get().front();
}

jres<value> f_last(render_state&, const value& v, call_args&) {
    if (v.is_list() && v.sequence_kind() == seq_kind::generator)
        return fail_type("'generator' object is not reversible");
    JTRY(iter_view iv, iterate_view(v));
    if (iv.get().empty()) return value::undefined("No last item, sequence was empty.");
    return iv.get().back();
}

jres<value> f_reverse(render_state&, const value& v, call_args&) {
    if (v.is_string()) {
        std::vector<char32_t> cps = utf8_decode(v.str());
        std::string out;
        for (auto it = cps.rbegin(); it != cps.rend(); ++it) utf8_append(out, *it);
        return value::from_string(std::move(out));
    }
    JTRY(std::vector<value> items, iterate(v));
    std::reverse(items.begin(), items.end());
    return make_generator(std::move(items));
}

jres<value> f_sum(render_state& st, const value& v, call_args& a) {
    const value* attribute = arg(a, 0, "attribute");
    const value* start = arg(a, 1, "start");
    value acc = start ? *start : value::from_int(0);
    JTRY(iter_view iv, iterate_view(v));
    for (const value& x : iv.get()) {
        value item = x;
        if (attribute && !attribute->is_none()) { JTRY(item, attr_path(st, x, *attribute)); }
        JTRY(acc, binary_op(binop::add, acc, item));
    }
    return acc;
}

jres<value> min_max(render_state& st, const value& v, call_args& a, bool want_max) {
    bool cs = arg_truthy(a, 0, "case_sensitive");
    const value* attribute = arg(a, 1, "attribute");
    JTRY(iter_view iv, iterate_view(v));
    const value* best = nullptr;
    value best_key;
    for (const value& x : iv.get()) {
        value key = x;
        if (attribute && !attribute->is_none()) { JTRY(key, attr_path(st, x, *attribute)); }
        if (!cs) key = ignore_case(key);
        if (best) {
            JTRY(int c, py_compare(key, best_key, want_max ? ">" : "<"));
            if (want_max ? c <= 0 : c >= 0) continue;
        }
        best = &x;
        best_key = key;
    }
    if (!best) return value::undefined("No aggregated item, sequence was empty.");
    return *best;
}
jres<value> f_min(render_state& st, const value& v, call_args& a) { return min_max(st, v, a, false); }
jres<value> f_max(render_state& st, const value& v, call_args& a) { return min_max(st, v, a, true); }

jres<value> f_batch(render_state&, const value& v, call_args& a) {
    const value* n = arg(a, 0, "linecount");
    if (!n || n->as_int() <= 0) return fail_type("batch needs a positive linecount");
    const value* fill = arg(a, 1, "fill_with");
    JTRY(std::vector<value> items, iterate(v));
    std::vector<value> out, cur;
    for (auto& x : items) {
        cur.push_back(std::move(x));
        if (static_cast<std::int64_t>(cur.size()) == n->as_int()) { out.push_back(value::from_list(std::move(cur))); cur.clear(); }
    }
    if (!cur.empty()) {
        if (fill && !fill->is_none()) while (static_cast<std::int64_t>(cur.size()) < n->as_int()) cur.push_back(*fill);
        out.push_back(value::from_list(std::move(cur)));
    }
    return make_generator(std::move(out));
}

constexpr filter_entry seq_filters[] = {
    {"join", f_join},       {"list", f_list},         {"items", f_items},           {"dictsort", f_dictsort},
    {"sort", f_sort},       {"unique", f_unique},     {"map", f_map},               {"select", f_select},
    {"reject", f_reject},   {"selectattr", f_selectattr}, {"rejectattr", f_rejectattr}, {"first", f_first},
    {"last", f_last},       {"reverse", f_reverse},   {"sum", f_sum},               {"min", f_min},
    {"max", f_max},         {"batch", f_batch},
};

}  // namespace

filter_fn find_seq_filter(std::string_view name) noexcept {
    for (const auto& e : seq_filters) if (e.name == name) return e.fn;
    return nullptr;
}

}  // namespace tito::jinja
