// File: jinja/methods.cpp
// Python methods callable from templates on str, list/tuple and dict, as allowed by
// ImmutableSandboxedEnvironment (mutating list/dict methods are rejected before reaching here).
#include <algorithm>

#include "jinja/builtins.hpp"
#include "jinja/filter_args.hpp"
#include "jinja/objects.hpp"
#include "jinja/pystr.hpp"

namespace tito::jinja {
namespace {

constexpr std::string_view str_methods[] = {
    "split", "rsplit", "strip", "lstrip", "rstrip", "startswith", "endswith", "replace", "upper", "lower",
    "title", "capitalize", "find", "rfind", "index", "rindex", "count", "join", "splitlines", "isdigit",
    "isalpha", "isalnum", "isspace", "isupper", "islower", "isnumeric", "isdecimal", "zfill", "center",
    "ljust", "rjust", "partition", "rpartition", "removeprefix", "removesuffix", "casefold", "swapcase",
    "encode", "format", "expandtabs", "istitle", "isidentifier", "isprintable", "isascii", "format_map",
    "maketrans", "translate"};
constexpr std::string_view list_methods[] = {"count", "index", "copy"};
constexpr std::string_view list_unsafe[] = {"append", "clear", "extend", "insert", "pop", "remove", "reverse", "sort"};
constexpr std::string_view tuple_methods[] = {"count", "index"};
constexpr std::string_view dict_methods[] = {"get", "items", "keys", "values", "copy", "fromkeys"};
constexpr std::string_view dict_unsafe[] = {"clear", "pop", "popitem", "setdefault", "update"};

template <std::size_t N>
bool in_list(const std::string_view (&l)[N], std::string_view n) {
    for (auto m : l) if (m == n) return true;
    return false;
}

jres<std::string> str_arg(const value* v, const char* what) {
    if (!v || !v->is_string())
        return fail_type(std::string(what) + " arg must be None or str");
    return v->str();
}

value str_list(std::vector<std::string> parts) {
    std::vector<value> out;
    out.reserve(parts.size());
    for (auto& p : parts) out.push_back(value::from_string(std::move(p)));
    return value::from_list(std::move(out));
}

// Code point index of byte offset b.
std::int64_t cp_index(std::string_view s, std::size_t b) { return static_cast<std::int64_t>(utf8_length(s.substr(0, b))); }

jres<value> affix_test(const std::string& s, const call_args& a, bool prefix) {
    const value* p = arg(a, 0, prefix ? "prefix" : "suffix");
    if (!p) return fail_type("startswith/endswith takes at least 1 argument");
    std::vector<value> cands;
    if (p->is_string()) cands.push_back(*p);
    else if (p->is_list() && p->sequence_kind() == seq_kind::tuple) cands = p->list().items;
    else return fail_type(std::string(prefix ? "startswith" : "endswith") + " first arg must be str or a tuple of str, not " + type_name(*p));
    for (const value& c : cands) {
        if (!c.is_string()) return fail_type("tuple for startswith/endswith must only contain str");
        const std::string& x = c.str();
        if (prefix ? s.compare(0, x.size(), x) == 0 && s.size() >= x.size()
                   : s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0)
            return value::from_bool(true);
    }
    return value::from_bool(false);
}

// A plain str with nothing to strip comes back as itself, as CPython returns the same object;
// no copy of the text.
jres<value> str_strip(const value& obj, const call_args& a, bool l, bool r) {
    const std::string& s = obj.str();
    const value* c = arg(a, 0, "chars");
    std::string_view v = s;
    if (c && !c->is_none()) {
        JTRY(std::string chars, str_arg(c, "strip"));
        v = py_strip_chars(s, chars, l, r);
    } else {
        if (l) v = py_lstrip_ws(v);
        if (r) v = py_rstrip_ws(v);
    }
    if (v.size() == s.size() && !obj.is_markup()) return obj;
    return value::from_string(std::string(v));
}

jres<value> str_split(const std::string& s, const call_args& a, bool right) {
    const value* sep = arg(a, 0, "sep");
    const value* mx = arg(a, 1, "maxsplit");
    long maxsplit = mx ? static_cast<long>(mx->as_int()) : -1;
    if (!sep || sep->is_none()) return str_list(right ? py_rsplit_ws(s, maxsplit) : py_split_ws(s, maxsplit));
    JTRY(std::string sp, str_arg(sep, "split"));
    if (sp.empty()) return fail(py_exc::value_error, "empty separator");
    return str_list(right ? py_rsplit(s, sp, maxsplit) : py_split(s, sp, maxsplit));
}

template <class Pred>
value all_cps(const std::string& s, Pred p) {
    if (s.empty()) return value::from_bool(false);
    for (std::size_t i = 0; i < s.size();) if (!p(utf8_next(s, i))) return value::from_bool(false);
    return value::from_bool(true);
}

jres<value> str_find(const std::string& s, const call_args& a, bool reverse, bool raise) {
    JTRY(std::string sub, str_arg(arg(a, 0, "sub"), "find"));
    std::size_t p = reverse ? s.rfind(sub) : s.find(sub);
    if (p == std::string::npos) {
        if (raise) return fail(py_exc::value_error, "substring not found");
        return value::from_int(-1);
    }
    return value::from_int(cp_index(s, p));
}

jres<value> str_pad(const std::string& s, const call_args& a, int mode) {
    const value* w = arg(a, 0, "width");
    if (!w) return fail_type("missing width");
    const value* f = arg(a, 1, "fillchar");
    std::string fill = f && f->is_string() ? f->str() : " ";
    std::int64_t len = static_cast<std::int64_t>(utf8_length(s)), width = w->as_int();
    if (width <= len) return value::from_string(s);
    if (width > (std::int64_t(1) << 26)) return fail(py_exc::limit, "padding width too large");
    std::int64_t total = width - len, left = mode == 0 ? 0 : mode == 1 ? total : total / 2 + (total & width & 1);
    std::string out;
    for (std::int64_t i = 0; i < left; ++i) out += fill;
    out += s;
    for (std::int64_t i = 0; i < total - left; ++i) out += fill;
    return value::from_string(std::move(out));
}

jres<value> call_str_method(render_state& st, const value& obj, std::string_view n, call_args& a) {
    const std::string& s = obj.str();
    if (n == "split") return str_split(s, a, false);
    if (n == "rsplit") return str_split(s, a, true);
    if (n == "strip") return str_strip(obj, a, true, true);
    if (n == "lstrip") return str_strip(obj, a, true, false);
    if (n == "rstrip") return str_strip(obj, a, false, true);
    if (n == "startswith") return affix_test(s, a, true);
    if (n == "endswith") return affix_test(s, a, false);
    if (n == "replace") {
        const value* o = arg(a, 0, "old");
        const value* r = arg(a, 1, "new");
        const value* c = arg(a, 2, "count");
        if (!o || !r || !o->is_string() || !r->is_string()) return fail_type("replace() arguments must be str");
        return value::from_string(py_replace(s, o->str(), r->str(), c ? static_cast<long>(c->as_int()) : -1));
    }
    if (n == "upper") return value::from_string(py_upper(s));
    if (n == "lower" || n == "casefold") return value::from_string(py_lower(s));
    if (n == "title") return value::from_string(py_title(s));
    if (n == "capitalize") return value::from_string(py_capitalize(s));
    if (n == "find") return str_find(s, a, false, false);
    if (n == "rfind") return str_find(s, a, true, false);
    if (n == "index") return str_find(s, a, false, true);
    if (n == "rindex") return str_find(s, a, true, true);
    if (n == "count") {
        JTRY(std::string sub, str_arg(arg(a, 0, "sub"), "count"));
        if (sub.empty()) return value::from_int(static_cast<std::int64_t>(utf8_length(s)) + 1);
        std::int64_t c = 0;
        for (std::size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++c;
        return value::from_int(c);
    }
    if (n == "join") {
        const value* it = arg(a, 0, "iterable");
        if (!it) return fail_type("join() takes exactly one argument");
        JTRY(iter_view iv, iterate_view(*it));
        std::string out;
        bool first = true;
        for (const value& x : iv.get()) {
            if (!x.is_string()) return fail_type(std::string("sequence item: expected str instance, ") + type_name(x) + " found");
            if (!first) out += s;
            first = false;
            out += x.str();
        }
        return value::from_string(std::move(out));
    }
    if (n == "splitlines") return str_list(py_splitlines(s, arg_truthy(a, 0, "keepends")));
    if (n == "isdigit" || n == "isnumeric" || n == "isdecimal") return all_cps(s, [](char32_t c) { return c >= '0' && c <= '9'; });
    if (n == "isalpha") return all_cps(s, [](char32_t c) { return c >= 0x80 ? !py_isspace(c) : std::isalpha(static_cast<int>(c)) != 0; });
    if (n == "isalnum") return all_cps(s, [](char32_t c) { return c >= 0x80 ? !py_isspace(c) : std::isalnum(static_cast<int>(c)) != 0; });
    if (n == "isspace") return all_cps(s, [](char32_t c) { return py_isspace(c); });
    if (n == "isascii") return value::from_bool(std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    if (n == "isupper") return value::from_bool(py_upper(s) == s && py_lower(s) != s);
    if (n == "islower") return value::from_bool(py_lower(s) == s && py_upper(s) != s);
    if (n == "zfill") {
        const value* w = arg(a, 0, "width");
        std::int64_t width = w ? w->as_int() : 0, len = static_cast<std::int64_t>(utf8_length(s));
        if (width <= len) return value::from_string(s);
        if (width > (std::int64_t(1) << 26)) return fail(py_exc::limit, "zfill() width too large");
        std::string pad(static_cast<std::size_t>(width - len), '0');
        if (!s.empty() && (s[0] == '-' || s[0] == '+')) return value::from_string(s.substr(0, 1) + pad + s.substr(1));
        return value::from_string(pad + s);
    }
    if (n == "ljust") return str_pad(s, a, 0);
    if (n == "rjust") return str_pad(s, a, 1);
    if (n == "center") return str_pad(s, a, 2);
    if (n == "partition" || n == "rpartition") {
        JTRY(std::string sep, str_arg(arg(a, 0, "sep"), "partition"));
        if (sep.empty()) return fail(py_exc::value_error, "empty separator");
        std::size_t p = n == "partition" ? s.find(sep) : s.rfind(sep);
        if (p == std::string::npos) {
            if (n == "partition") return make_tuple({value::from_string(s), value::from_string(""), value::from_string("")});
            return make_tuple({value::from_string(""), value::from_string(""), value::from_string(s)});
        }
        return make_tuple({value::from_string(s.substr(0, p)), value::from_string(sep), value::from_string(s.substr(p + sep.size()))});
    }
    if (n == "removeprefix" || n == "removesuffix") {
        JTRY(std::string x, str_arg(arg(a, 0, "prefix"), std::string(n).c_str()));
        if (n == "removeprefix" && s.compare(0, x.size(), x) == 0 && s.size() >= x.size()) return value::from_string(s.substr(x.size()));
        if (n == "removesuffix" && !x.empty() && s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0)
            return value::from_string(s.substr(0, s.size() - x.size()));
        return value::from_string(s);
    }
    (void)st;
    return fail(py_exc::template_runtime_error, "str." + std::string(n) + "() is not supported by this engine");
}

jres<value> call_list_method(const value& obj, std::string_view n, call_args& a) {
    const auto& items = obj.list().items;
    if (n == "count") {
        const value* x = arg(a, 0, "value");
        if (!x) return fail_type("count() takes exactly one argument");
        std::int64_t c = 0;
        for (const value& y : items) c += py_eq(*x, y);
        return value::from_int(c);
    }
    if (n == "index") {
        const value* x = arg(a, 0, "value");
        if (!x) return fail_type("index() takes at least 1 argument");
        for (std::size_t i = 0; i < items.size(); ++i) if (py_eq(*x, items[i])) return value::from_int(static_cast<std::int64_t>(i));
        return fail(py_exc::value_error, to_repr(*x) + " is not in list");
    }
    if (n == "copy") return value::from_list(items);
    return fail(py_exc::security_error, "access to attribute '" + std::string(n) + "' of 'list' object is unsafe.");
}

jres<value> call_dict_method(const value& obj, std::string_view n, call_args& a) {
    const auto& d = obj.dict();
    if (n == "get") {
        const value* k = arg(a, 0, "key");
        if (!k) return fail_type("get expected at least 1 argument, got 0");
        if (const value* v = d.find(*k)) return *v;
        const value* dflt = arg(a, 1, "default");
        return dflt ? *dflt : value::none();
    }
    if (n == "items") {
        std::vector<value> out;
        out.reserve(d.items.size());
        for (const auto& [k, v] : d.items) out.push_back(make_tuple({k, v}));
        return value::from_list(std::move(out));
    }
    if (n == "keys" || n == "values") {
        std::vector<value> out;
        out.reserve(d.items.size());
        for (const auto& [k, v] : d.items) out.push_back(n == "keys" ? k : v);
        return value::from_list(std::move(out));
    }
    if (n == "copy") return value::from_dict(d.items);
    return fail(py_exc::security_error, "access to attribute '" + std::string(n) + "' of 'dict' object is unsafe.");
}

}  // namespace

std::uint8_t method_mask(std::string_view name) noexcept {
    std::uint8_t m = 0;
    if (in_list(str_methods, name)) m |= mm_str;
    if (in_list(list_methods, name)) m |= mm_list;
    if (in_list(list_unsafe, name)) m |= mm_unsafe_list;
    if (in_list(tuple_methods, name)) m |= mm_tuple;
    if (in_list(dict_methods, name)) m |= mm_dict;
    if (in_list(dict_unsafe, name)) m |= mm_unsafe_dict;
    return m;
}

int method_status(const value& obj, std::uint8_t mask) noexcept {
    if (mask == 0) return 0;
    switch (obj.kind()) {
        case value_kind::string: return (mask & mm_str) ? 1 : 0;
        case value_kind::list:
            if (obj.sequence_kind() == seq_kind::tuple) return (mask & mm_tuple) ? 1 : 0;
            if (obj.sequence_kind() == seq_kind::list) return (mask & mm_unsafe_list) ? 2 : (mask & mm_list) ? 1 : 0;
            return 0;
        case value_kind::dict: return (mask & mm_unsafe_dict) ? 2 : (mask & mm_dict) ? 1 : 0;
        default: return 0;
    }
}

bool has_method(const value& obj, std::string_view name) noexcept { return method_status(obj, method_mask(name)) == 1; }

jres<value> call_method(render_state& st, const value& obj, std::string_view name, call_args&& args, bool& found) {
    found = has_method(obj, name);
    if (!found) return value();
    return call_known_method(st, obj, name, std::move(args));
}

jres<value> call_known_method(render_state& st, const value& obj, std::string_view name, call_args&& args) {
    if (obj.is_string()) return call_str_method(st, obj, name, args);
    if (obj.is_list()) return call_list_method(obj, name, args);
    return call_dict_method(obj, name, args);
}

value bound_method(const value& obj, std::string_view name) {
    std::string n(name);
    return make_native(n, [obj, n](render_state& st, call_args&& a) -> jres<value> {
        bool found = false;
        return call_method(st, obj, n, std::move(a), found);
    }, "builtin_function_or_method");
}

}  // namespace tito::jinja
