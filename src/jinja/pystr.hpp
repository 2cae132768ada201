// File: jinja/pystr.hpp
// Python str semantics over UTF-8 std::string: whitespace (str.isspace), strip/split/splitlines,
// case mapping, repr() quoting, and float repr (shortest round trip, Python layout).
// Usage:
//   std::string_view t = py_strip_ws(s);          // str.strip()
//   std::string r = py_repr_str("it's");          // "\"it's\""
//   std::string f = py_float_repr(1e16);          // "1e+16"
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tito::jinja {

// Decodes one code point at s[i], advancing i (invalid bytes decode as themselves, one byte).
char32_t utf8_next(std::string_view s, std::size_t& i);
void utf8_append(std::string& out, char32_t cp);
std::size_t utf8_length(std::string_view s);  // number of code points
std::vector<char32_t> utf8_decode(std::string_view s);

bool py_isspace(char32_t c);
std::string_view py_strip_ws(std::string_view s);
std::string_view py_lstrip_ws(std::string_view s);
std::string_view py_rstrip_ws(std::string_view s);
// strip with an explicit character set (Python str.strip(chars)).
std::string_view py_strip_chars(std::string_view s, std::string_view chars, bool left, bool right);

std::vector<std::string> py_split_ws(std::string_view s, long maxsplit = -1);
std::vector<std::string> py_split(std::string_view s, std::string_view sep, long maxsplit = -1);
std::vector<std::string> py_rsplit(std::string_view s, std::string_view sep, long maxsplit = -1);
std::vector<std::string> py_rsplit_ws(std::string_view s, long maxsplit = -1);
std::vector<std::string> py_splitlines(std::string_view s, bool keepends = false);
std::string py_replace(std::string_view s, std::string_view old, std::string_view repl, long count = -1);

std::string py_upper(std::string_view s);
std::string py_lower(std::string_view s);
std::string py_title(std::string_view s);
std::string py_capitalize(std::string_view s);

std::string py_repr_str(std::string_view s);
std::string py_float_repr(double d);

}  // namespace tito::jinja
