// File: session/matcher_detail.hpp
// Internals shared by the matcher files (spec 5.2): field lookup, empty normalization N(v),
// and the three matchers on message objects. Not part of the session API; include
// message_matcher.hpp instead.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace tito::session::detail {

// N(get(message, key)): the value, or nullptr when it is absent, null, "" or [].
const boost::json::value* normalized_field(const boost::json::object& message,
                                           std::string_view key) noexcept;

// N(a) == N(b) in Python's sense, nullptr standing for None.
bool normalized_equal(const boost::json::value* a, const boost::json::value* b);

// N(get(stored, key)) == N(get(replayed, key)).
bool same_normalized_field(const boost::json::object& stored, const boost::json::object& replayed,
                           std::string_view key);

bool strict_match(const boost::json::object& stored, const boost::json::object& replayed);
bool loose_tool_call_match(const boost::json::object& stored, const boost::json::object& replayed);
bool role_content_only_match(const boost::json::object& stored,
                             const boost::json::object& replayed);

}  // namespace tito::session::detail
