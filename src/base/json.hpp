// File: base/json.hpp
// JSON output the way the reference (Python's json module) writes it: keys in insertion order,
// non-ASCII raw, floats as Python repr (1e-05, 1e+16, 25.0, -0.0). Boost.JSON's own serializer
// writes 25.0 as "2.5E1", which is why this exists.
// Usage:
//   std::string s = tito::json::compact(value);          // {"a":1,"b":[2.0]}
//   tito::json::append_python_float(out, 0.1);           // "0.1"
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tito::json {

// Python repr of a double. Non-finite values give NaN / Infinity / -Infinity like json.dumps.
void append_python_float(std::string& out, double d);
// The same text in `buf` (no allocation), as a view of it.
std::string_view python_float(double d, char (&buf)[32]);
// True when `text` is exactly that text for d (read, not written: no digits are produced).
bool is_python_float(std::string_view text, double d);
// A JSON string literal, quotes included; escapes like json.dumps(ensure_ascii=False).
void append_quoted(std::string& out, std::string_view s);
// The size of that literal, quotes included, without writing it.
std::size_t quoted_length(std::string_view s);
// Decimal integers (no temporary strings; the writers of long id lists use these).
void append_int(std::string& out, std::int64_t v);
void append_uint(std::string& out, std::uint64_t v);
// [1,2,3]: a token id list, the bulk of every upstream request and session record.
void append_uint_list(std::string& out, std::span<const std::uint32_t> ids);
// The same without the brackets: 1,2,3
void append_uint_items(std::string& out, std::span<const std::uint32_t> ids);
// True when a and b serialize to the same text: unlike Boost.JSON's ==, key order counts, and so do
// -0.0 vs 0.0 and 1 vs 1.0 (what a template renders from them can differ).
bool identical(const boost::json::value& a, const boost::json::value& b);
// Compact (',' and ':' separators) serialization.
void append_compact(std::string& out, const boost::json::value& v);
std::string compact(const boost::json::value& v);

}  // namespace tito::json
