// File: jinja/filters.cpp
// Scalar and string filters of Jinja2 (jinja2/filters.py) plus transformers' tojson override.
// Sequence filters (map, select, sort, join, ...) are in filters_seq.cpp.
#include <cmath>
#include <cstdlib>

#include "jinja/builtins.hpp"
#include "jinja/filter_args.hpp"
#include "jinja/pystr.hpp"

namespace tito::jinja {
namespace {

jres<bool> tojson_options(call_args& a, json_options& o) {
    o.ensure_ascii = arg_truthy(a, 0, "ensure_ascii");
    if (const value* ind = arg(a, 1, "indent"); ind && !ind->is_none()) {
        o.has_indent = true;
        if ((ind->is_int() || ind->is_bool()) && ind->as_int() > 4096) return fail(py_exc::limit, "tojson indent too large");
        if (ind->is_string()) o.indent = ind->str();
        else if (ind->is_int() || ind->is_bool()) o.indent = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, ind->as_int())), ' ');
        else return fail_type("indent must be an int or str");
        o.item_sep = ",";
    }
    if (const value* sep = arg(a, 2, "separators"); sep && !sep->is_none()) {
        JTRY(std::vector<value> parts, iterate(*sep));
        if (parts.size() != 2 || !parts[0].is_string() || !parts[1].is_string())
            return fail(py_exc::value_error, "separators must be a pair of strings");
        o.item_sep = parts[0].str();
        o.key_sep = parts[1].str();
    }
    o.sort_keys = arg_truthy(a, 3, "sort_keys");
    return true;
}

jres<value> f_tojson(render_state&, const value& v, call_args& a) {
    json_options o;
    JTRY_VOID(tojson_options(a, o));
    std::string out;
    JTRY_VOID(dump_json(out, v, o));
    return value::from_string(std::move(out));
}

// {{ x | tojson }}: the JSON text goes straight into the output (the result is a plain str).
jres<bool> f_tojson_into(render_state&, const value& v, call_args& a, std::string& out) {
    if (a.positional.empty() && a.keyword.empty()) {
        static const json_options defaults;  // built once: dump_json's fast path checks them
        return dump_json(out, v, defaults);
    }
    json_options o;
    JTRY_VOID(tojson_options(a, o));
    return dump_json(out, v, o);
}

jres<value> f_length(render_state&, const value& v, call_args&) {
    JTRY(std::int64_t n, py_len(v));
    return value::from_int(n);
}

jres<value> f_string(render_state&, const value& v, call_args&) {
    if (v.is_string()) return v;
    return value::from_string(to_str(v));
}

jres<value> f_trim(render_state&, const value& v, call_args& a) {
    std::string s = to_str(v);
    const value* chars = arg(a, 0, "chars");
    if (chars && !chars->is_none()) {
        if (!chars->is_string()) return fail_type("strip arg must be None or str");
        std::string r(py_strip_chars(s, chars->str(), true, true));
        return v.is_markup() ? value::from_markup(std::move(r)) : value::from_string(std::move(r));
    }
    std::string r(py_strip_ws(s));
    return v.is_markup() ? value::from_markup(std::move(r)) : value::from_string(std::move(r));
}

jres<value> f_default(render_state&, const value& v, call_args& a) {
    bool boolean = arg_truthy(a, 1, "boolean");
    if (v.is_undefined() || (boolean && !truthy(v))) {
        const value* d = arg(a, 0, "default_value");
        return d ? *d : value::from_string("");
    }
    return v;
}

jres<value> f_safe(render_state&, const value& v, call_args&) {
    if (v.is_markup()) return v;
    return value::from_markup(to_str(v));
}

jres<value> f_lower(render_state&, const value& v, call_args&) { return value::from_string(py_lower(to_str(v))); }
jres<value> f_upper(render_state&, const value& v, call_args&) { return value::from_string(py_upper(to_str(v))); }
jres<value> f_capitalize(render_state&, const value& v, call_args&) { return value::from_string(py_capitalize(to_str(v))); }
jres<value> f_title(render_state&, const value& v, call_args&) { return value::from_string(py_title(to_str(v))); }

// Python float(str): surrounding whitespace allowed, also inf/nan spellings.
bool parse_py_float(std::string_view s, double& out) {
    std::string t(py_strip_ws(s));
    std::string u;
    for (char c : t) if (c != '_') u.push_back(c);
    if (u.empty()) return false;
    char* end = nullptr;
    out = std::strtod(u.c_str(), &end);
    return end && *end == 0 && u.find_first_of("xXpP") == std::string::npos;
}

bool parse_py_int(std::string_view s, int base, std::int64_t& out) {
    std::string t(py_strip_ws(s));
    std::string u;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '_' && i > 0 && i + 1 < t.size()) continue;
        u.push_back(t[i]);
    }
    if (u.empty()) return false;
    char* end = nullptr;
    errno = 0;
    long long v = std::strtoll(u.c_str(), &end, base);
    if (errno == ERANGE || !end || *end != 0) return false;
    out = v;
    return true;
}

jres<value> f_float(render_state&, const value& v, call_args& a) {
    const value* d = arg(a, 0, "default");
    value dflt = d ? *d : value::from_float(0.0);
    if (v.is_number()) return value::from_float(v.as_float());
    if (v.is_string()) {
        double x;
        if (parse_py_float(v.str(), x)) return value::from_float(x);
    }
    return dflt;
}

jres<value> f_int(render_state&, const value& v, call_args& a) {
    const value* d = arg(a, 0, "default");
    value dflt = d ? *d : value::from_int(0);
    const value* b = arg(a, 1, "base");
    int base = b && (b->is_int()) ? static_cast<int>(b->as_int()) : 10;
    if (v.is_int() || v.is_bool()) return value::from_int(v.as_int());
    if (v.is_float()) {
        if (!std::isfinite(v.as_float())) return dflt;
        return value::from_int(static_cast<std::int64_t>(v.as_float()));
    }
    if (v.is_string()) {
        std::int64_t i;
        if (parse_py_int(v.str(), base, i)) return value::from_int(i);
        double x;
        if (parse_py_float(v.str(), x) && std::isfinite(x)) return value::from_int(static_cast<std::int64_t>(x));
    }
    return dflt;
}

jres<value> f_indent(render_state&, const value& v, call_args& a) {
    std::string ind = "    ";
    if (const value* w = arg(a, 0, "width")) {
        if (!w->is_string() && w->as_int() > 4096) return fail(py_exc::limit, "indent width too large");
        if (w->is_string()) ind = w->str();
        else ind = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, w->as_int())), ' ');
    }
    bool first = arg_truthy(a, 1, "first");
    bool blank = arg_truthy(a, 2, "blank");
    std::string s = to_str(v) + "\n";
    std::vector<std::string> lines = py_splitlines(s);
    std::string rv;
    if (blank) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i) rv += "\n" + ind;
            rv += lines[i];
        }
    } else if (!lines.empty()) {
        rv = lines[0];
        for (std::size_t i = 1; i < lines.size(); ++i) {
            rv += "\n";
            if (!lines[i].empty()) rv += ind;
            rv += lines[i];
        }
    }
    if (first) rv = ind + rv;
    return value::from_string(std::move(rv));
}

jres<value> f_replace(render_state&, const value& v, call_args& a) {
    const value* o = arg(a, 0, "old");
    const value* n = arg(a, 1, "new");
    const value* c = arg(a, 2, "count");
    if (!o || !n) return fail_type("replace() missing required arguments");
    long count = c && !c->is_none() ? static_cast<long>(c->as_int()) : -1;
    return value::from_string(py_replace(to_str(v), to_str(*o), to_str(*n), count));
}

jres<value> f_abs(render_state&, const value& v, call_args&) {
    if (v.is_float()) return value::from_float(std::fabs(v.as_float()));
    if (v.is_int() || v.is_bool()) return value::from_int(std::llabs(v.as_int()));
    return fail_type(std::string("bad operand type for abs(): '") + type_name(v) + "'");
}

jres<value> f_round(render_state&, const value& v, call_args& a) {
    const value* p = arg(a, 0, "precision");
    std::int64_t prec = p ? p->as_int() : 0;
    const value* m = arg(a, 1, "method");
    std::string method = m ? to_str(*m) : "common";
    if (!v.is_number()) return fail_type("type " + std::string(type_name(v)) + " doesn't define __round__ method");
    double x = v.as_float(), scale = std::pow(10.0, static_cast<double>(prec));
    double r;
    if (method == "floor") r = std::floor(x * scale) / scale;
    else if (method == "ceil") r = std::ceil(x * scale) / scale;
    else if (method == "common") r = std::nearbyint(x * scale) / scale;  // round-half-even like Python
    else return fail(py_exc::template_runtime_error, "method must be common, ceil or floor");
    if ((v.is_int() || v.is_bool()) && method == "common") return value::from_int(static_cast<std::int64_t>(r));
    return value::from_float(r);
}

jres<value> f_center(render_state&, const value& v, call_args& a) {
    const value* w = arg(a, 0, "width");
    std::int64_t width = w ? w->as_int() : 80;
    std::string s = to_str(v);
    std::int64_t len = static_cast<std::int64_t>(utf8_length(s));
    if (width <= len) return value::from_string(std::move(s));
    if (width > (std::int64_t(1) << 26)) return fail(py_exc::limit, "center() width too large");
    std::int64_t marg = width - len, left = marg / 2 + (marg & width & 1);
    return value::from_string(std::string(static_cast<std::size_t>(left), ' ') + s +
                              std::string(static_cast<std::size_t>(marg - left), ' '));
}

jres<value> f_escape(render_state&, const value& v, call_args&) {
    if (v.is_markup()) return v;
    return value::from_markup(html_escape(to_str(v)));
}

jres<value> f_wordcount(render_state&, const value& v, call_args&) {
    std::string s = to_str(v);
    std::int64_t n = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = utf8_next(s, i);
        bool w = c == '_' || (c < 0x80 ? std::isalnum(static_cast<int>(c)) != 0 : !py_isspace(c));
        if (w && !in_word) ++n;
        in_word = w;
    }
    return value::from_int(n);
}

jres<value> f_truncate(render_state&, const value& v, call_args& a) {
    std::string s = to_str(v);
    const value* l = arg(a, 0, "length");
    std::int64_t length = l ? l->as_int() : 255;
    bool killwords = arg_truthy(a, 1, "killwords");
    const value* e = arg(a, 2, "end");
    std::string end = e ? to_str(*e) : "...";
    const value* lw = arg(a, 3, "leeway");
    std::int64_t leeway = lw && !lw->is_none() ? lw->as_int() : 5;
    std::vector<char32_t> cps = utf8_decode(s);
    std::int64_t n = static_cast<std::int64_t>(cps.size());
    if (n <= length + leeway) return value::from_string(std::move(s));
    std::int64_t keep = std::max<std::int64_t>(0, length - static_cast<std::int64_t>(utf8_length(end)));
    std::string head;
    for (std::int64_t i = 0; i < keep; ++i) utf8_append(head, cps[static_cast<std::size_t>(i)]);
    if (!killwords) {
        std::size_t sp = head.rfind(' ');
        if (sp != std::string::npos) head.resize(sp);
    }
    return value::from_string(head + end);
}

jres<value> f_attr(render_state& st, const value& v, call_args& a) {
    const value* n = arg(a, 0, "name");
    if (!n) return fail_type("attr() missing name");
    return st.get_attribute(v, to_str(*n), {});
}

jres<value> f_format(render_state&, const value& v, call_args& a) {
    value args = a.positional.size() == 1 ? a.positional[0]
                                          : make_tuple(std::vector<value>(a.positional.begin(), a.positional.end()));
    if (!a.keyword.empty()) {
        std::vector<std::pair<value, value>> kw;
        for (auto& [k, x] : a.keyword) kw.emplace_back(value::from_string(k), x);
        args = value::from_dict(std::move(kw));
    }
    return binary_op(binop::mod, value::from_string(to_str(v)), args);
}

constexpr filter_entry scalar_filters[] = {
    {"tojson", f_tojson},     {"length", f_length},   {"count", f_length},         {"string", f_string},
    {"trim", f_trim},         {"default", f_default}, {"d", f_default},            {"safe", f_safe},
    {"lower", f_lower},       {"upper", f_upper},     {"capitalize", f_capitalize}, {"title", f_title},
    {"float", f_float},       {"int", f_int},         {"indent", f_indent},        {"replace", f_replace},
    {"abs", f_abs},           {"round", f_round},     {"center", f_center},        {"escape", f_escape},
    {"e", f_escape},          {"forceescape", f_escape}, {"wordcount", f_wordcount}, {"truncate", f_truncate},
    {"attr", f_attr},         {"format", f_format},
};

}  // namespace

filter_fn find_filter(std::string_view name) noexcept {
    for (const auto& e : scalar_filters) if (e.name == name) return e.fn;
    return find_seq_filter(name);
}

filter_into_fn find_filter_into(std::string_view name) noexcept {
    return name == "tojson" ? f_tojson_into : nullptr;
}

}  // namespace tito::jinja
