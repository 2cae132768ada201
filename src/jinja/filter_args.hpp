// File: jinja/filter_args.hpp
// Small helpers shared by filters.cpp, filters_seq.cpp, tests.cpp, methods.cpp and globals.cpp:
// Python-style argument binding (positional index or keyword name) and registry entries.
// Usage:
//   const value* indent = arg(a, 1, "indent");   // 2nd positional (after the operand) or indent=
#pragma once

#include <string_view>

#include "jinja/interpreter.hpp"

namespace tito::jinja {

// Argument `pos` (0-based, not counting the filtered value) or keyword `name`; nullptr if absent.
inline const value* arg(const call_args& a, std::size_t pos, std::string_view name) {
    if (pos < a.positional.size()) return &a.positional[pos];
    return a.kw(name);
}
inline bool arg_truthy(const call_args& a, std::size_t pos, std::string_view name, bool dflt = false) {
    const value* v = arg(a, pos, name);
    return v ? truthy(*v) : dflt;
}

struct filter_entry {
    std::string_view name;
    filter_fn fn;
};

// Sequence filters (filters_seq.cpp).
filter_fn find_seq_filter(std::string_view name) noexcept;

// Jinja's make_attrgetter: "a.b.0" walks items/attributes via getitem; undefined if missing.
jres<value> attr_path(render_state& st, const value& obj, const value& attribute);

// Apply a named test (for select/reject/selectattr).
jres<bool> run_named_test(render_state& st, std::string_view name, const value& v, std::vector<value> extra);

value make_generator(std::vector<value> items);

}  // namespace tito::jinja
