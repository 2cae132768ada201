// File: jinja/builtins.hpp
// Lookup of built-in filters (filters.cpp), tests (tests.cpp), global functions (globals.cpp) and
// Python methods of str/list/dict (methods.cpp).
// Usage:
//   filter_fn f = find_filter("tojson");   // nullptr if unknown
#pragma once

#include <string_view>

#include "jinja/ast.hpp"

namespace tito::jinja {

filter_fn find_filter(std::string_view name) noexcept;
// The streaming form of a filter whose result is a plain str, used when the filter is the whole
// of an output expression ({{ x | tojson }}); nullptr for the others.
filter_into_fn find_filter_into(std::string_view name) noexcept;
test_fn find_test(std::string_view name) noexcept;

// Global functions available to every template (range, namespace, dict, raise_exception,
// strftime_now, cycler, joiner); undefined value if not a global.
value find_global(std::string_view name);

// obj.name(args) for Python methods of str/list/dict. Returns false in `found` if obj has no such
// method (then attribute/item lookup applies).
jres<value> call_method(render_state& st, const value& obj, std::string_view name, call_args&& args, bool& found);
// call_method for a method known to exist (method_status(obj, method_mask(name)) == 1).
jres<value> call_known_method(render_state& st, const value& obj, std::string_view name, call_args&& args);
// True if obj (a str/list/dict) has a Python attribute `name` (a method); used by getattr.
bool has_method(const value& obj, std::string_view name) noexcept;

// Which built-in types have a method called `name`, as bits; computed once per attribute name at
// parse time so attribute lookups do not compare method names at render time.
enum method_bits : std::uint8_t {
    mm_str = 1, mm_list = 2, mm_tuple = 4, mm_dict = 8, mm_unsafe_list = 16, mm_unsafe_dict = 32,
};
std::uint8_t method_mask(std::string_view name) noexcept;
// 0: obj has no such attribute, 1: a callable method, 2: a method the immutable sandbox forbids.
int method_status(const value& obj, std::uint8_t mask) noexcept;
// A bound method object for obj.name (when the method is read without being called).
value bound_method(const value& obj, std::string_view name);

// json.dumps(v, ensure_ascii, indent, separators, sort_keys) (tojson.cpp)
struct json_options {
    bool ensure_ascii = false;
    bool sort_keys = false;
    bool has_indent = false;
    std::string indent;  // the indent unit
    std::string item_sep = ", ";
    std::string key_sep = ": ";
};
jres<bool> dump_json(std::string& out, const value& v, const json_options& opts);

}  // namespace tito::jinja
