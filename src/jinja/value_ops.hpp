// File: jinja/value_ops.hpp
// Python semantics of the operators on values: truthiness, str()/repr(), ==, ordering,
// arithmetic (int vs float, floor division and modulo), `in`, len(), iteration, indexing, slicing.
// Usage:
//   if (truthy(v)) ...;  append_str(out, v);  JTRY(value r, binary_op(binop::add, a, b));
#pragma once

#include <optional>
#include <string>

#include "jinja/value.hpp"

namespace tito::jinja {

enum class binop : std::uint8_t { add, sub, mul, div, floordiv, mod, pow };

bool truthy(const value& v) noexcept;
bool py_eq(const value& a, const value& b) noexcept;
// <0, 0, >0; TypeError when the types cannot be ordered ('<' not supported between ...).
jres<int> py_compare(const value& a, const value& b, const char* op);

void append_str(std::string& out, const value& v);   // Python str(v); undefined prints ""
void append_repr(std::string& out, const value& v);  // Python repr(v)
std::string to_str(const value& v);
std::string to_repr(const value& v);

jres<value> binary_op(binop op, const value& a, const value& b);
jres<value> negate(const value& v);
jres<bool> contains(const value& container, const value& item);  // `item in container`
jres<std::int64_t> py_len(const value& v);

// Materialises the items iteration yields: list items, dict keys, string code points.
// Undefined iterates as empty. Others raise TypeError ("'int' object is not iterable").
jres<std::vector<value>> iterate(const value& v);
// Same but avoids a copy for lists: returns the list's own storage when possible.
struct iter_view {
    const std::vector<value>* items = nullptr;
    std::vector<value> owned;
    const std::vector<value>& get() const { return items ? *items : owned; }
};
jres<iter_view> iterate_view(const value& v);

// obj[key] for subscripts; undefined if missing (Jinja's environment.getitem).
value get_item(const value& obj, const value& key);
// obj[start:stop:step]
jres<value> get_slice(const value& obj, const value& start, const value& stop, const value& step);
// The items of obj[start:stop] as a range of obj's own items, when obj is a list or tuple and
// both bounds are ints or absent; false when the slice has to be built by get_slice.
bool slice_range(const value& obj, const value& start, const value& stop, std::size_t& begin, std::size_t& count);

value make_tuple(std::vector<value> items);

// markupsafe.escape of a plain string: & < > ' " become entities.
std::string html_escape(std::string_view s);

}  // namespace tito::jinja
