// File: jinja/globals.cpp
// Globals of the transformers environment: Jinja2's range/dict/namespace/cycler/joiner plus
// raise_exception(msg) and strftime_now(fmt). strftime_now reads the clock from the render
// options when one is fixed (goldens, tests), else local time.
#include <ctime>

#include "jinja/builtins.hpp"
#include "jinja/objects.hpp"

namespace tito::jinja {
namespace {

constexpr std::int64_t max_range = 100000;  // jinja2.sandbox.MAX_RANGE

jres<value> g_range(render_state&, call_args&& a) {
    std::int64_t start = 0, stop = 0, step = 1;
    auto num = [](const value& v) -> jres<std::int64_t> {
        if (v.is_int() || v.is_bool()) return v.as_int();
        return fail_type(std::string("'") + type_name(v) + "' object cannot be interpreted as an integer");
    };
    if (a.positional.size() == 1) { JTRY(stop, num(a.positional[0])); }
    else if (a.positional.size() >= 2) {
        JTRY(start, num(a.positional[0]));
        JTRY(stop, num(a.positional[1]));
        if (a.positional.size() >= 3) { JTRY(step, num(a.positional[2])); }
    } else return fail_type("range expected at least 1 argument, got 0");
    if (step == 0) return fail(py_exc::value_error, "range() arg 3 must not be zero");
    // Length as Python computes it, in unsigned arithmetic so that no bound overflows.
    std::uint64_t n = 0;
    const auto ustart = static_cast<std::uint64_t>(start), ustop = static_cast<std::uint64_t>(stop);
    const auto ustep = static_cast<std::uint64_t>(step);
    if (step > 0 && start < stop) n = (ustop - ustart - 1) / ustep + 1;
    if (step < 0 && start > stop) n = (ustart - ustop - 1) / (0 - ustep) + 1;
    if (n > static_cast<std::uint64_t>(max_range))
        return fail(py_exc::limit, "Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
    std::vector<value> out;
    out.reserve(n);
    std::uint64_t i = ustart;
    for (std::uint64_t k = 0; k < n; ++k, i += ustep) out.push_back(value::from_int(static_cast<std::int64_t>(i)));
    return value::from_list(std::move(out));
}

jres<value> g_namespace(render_state&, call_args&& a) {
    auto ns = std::make_shared<namespace_object>();
    for (const value& p : a.positional) {
        if (!p.is_dict()) return fail_type("namespace() positional argument must be a mapping");
        for (const auto& [k, v] : p.dict().items) ns->set_attr(to_str(k), v);
    }
    for (auto& [k, v] : a.keyword) ns->set_attr(k, std::move(v));
    return value::from_object(std::move(ns));
}

jres<value> g_dict(render_state&, call_args&& a) {
    std::vector<std::pair<value, value>> items;
    for (const value& p : a.positional) {
        if (!p.is_dict()) return fail_type("dict() positional argument must be a mapping");
        items = p.dict().items;
    }
    for (auto& [k, v] : a.keyword) {
        bool dup = false;
        for (auto& kv : items) if (kv.first.is_string() && kv.first.str() == k) { kv.second = v; dup = true; }
        if (!dup) items.emplace_back(value::from_string(k), std::move(v));
    }
    return value::from_dict(std::move(items));
}

jres<value> g_raise_exception(render_state&, call_args&& a) {
    const value* m = a.positional.empty() ? a.kw("message") : &a.positional[0];
    return fail(py_exc::template_error, m ? to_str(*m) : std::string());
}

jres<value> g_strftime_now(render_state& st, call_args&& a) {
    const value* f = a.positional.empty() ? a.kw("format") : &a.positional[0];
    if (!f || !f->is_string()) return fail_type("strftime() argument 1 must be str");
    std::tm tm{};
    if (auto fixed = st.now()) {
        tm = *fixed;
    } else {
        std::time_t t = std::time(nullptr);
        localtime_r(&t, &tm);
    }
    if (f->str().empty()) return value::from_string("");
    std::string buf(f->str().size() * 4 + 64, '\0');
    std::size_t n = std::strftime(buf.data(), buf.size(), f->str().c_str(), &tm);
    buf.resize(n);
    return value::from_string(std::move(buf));
}

struct global_entry {
    const char* name;
    value v;
};

const std::vector<global_entry>& globals_table() {
    static const std::vector<global_entry> table = {
        {"range", make_native("range", g_range, "type")},
        {"namespace", make_native("namespace", g_namespace, "type")},
        {"dict", make_native("dict", g_dict, "type")},
        {"raise_exception", make_native("raise_exception", g_raise_exception, "function")},
        {"strftime_now", make_native("strftime_now", g_strftime_now, "function")},
    };
    return table;
}

}  // namespace

value find_global(std::string_view name) {
    for (const auto& g : globals_table()) if (name == g.name) return g.v;
    return value();
}

}  // namespace tito::jinja
