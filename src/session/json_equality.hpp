// File: session/json_equality.hpp
// The two equalities the message matchers are defined with (spec 5.2, 5.4), on parsed JSON:
//   python_equal: Python's `==` on json.loads output. Objects are unordered maps, arrays
//     ordered, strings exact, numbers by value across int/float (exactly: 2**53 + 1 is not
//     9007199254740992.0), and bool is an int (true == 1 == 1.0, false == 0).
//   raw_equal: the loose matcher's RAW fallback. Type-sensitive: the Python types must be the
//     same (int vs float differ, bool vs int differ; int64 and uint64 are both `int`).
// Both bound their recursion at json_depth_limit nested containers and answer false beyond it,
// where Python would raise RecursionError (see message_matcher.hpp for why "false").
// Usage:
//   python_equal(json::parse("[1, true]"), json::parse("[1.0, 1]"));   // true
//   raw_equal(json::parse("[1, true]"), json::parse("[1.0, 1]"));      // false
#pragma once

#include <boost/json/value.hpp>

#include <cstddef>
#include <string_view>

namespace tito::session {

// Nesting (arrays/objects inside each other) deeper than this is never equal. Python's default
// recursion limit is 1000 frames; its containers compare with one or two frames per level and
// the server's own frames come first, so ~500 is where the reference starts to fail.
inline constexpr std::size_t json_depth_limit = 500;

bool python_equal(const boost::json::value& a, const boost::json::value& b);
bool raw_equal(const boost::json::value& a, const boost::json::value& b);

// python_equal on two objects, both read as if their top-level `ignored_key` were absent.
bool python_equal_without_key(const boost::json::object& a, const boost::json::object& b,
                              std::string_view ignored_key);

}  // namespace tito::session
