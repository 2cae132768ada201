// File: chat/python_values.hpp
// Python semantics of JSON values as json.loads would return them, used wherever the reference's
// behaviour depends on them: truthiness (`if not tools`), repr() in error messages, == in the
// kwarg conflict test.
// Usage:
//   if (!py_truthy(tools)) ...;   py_repr(v) == "True";   py_equal(js("0"), js("false")) == true
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace tito::chat {

bool py_truthy(const boost::json::value& v) noexcept;
// repr(): True/False/None, 'str', 1, 0.5, [1, 'a'], {'k': 1}.
std::string py_repr(const boost::json::value& v);
// ==: True == 1, 1 == 1.0, dicts compare without regard to key order.
bool py_equal(const boost::json::value& a, const boost::json::value& b);

}  // namespace tito::chat
