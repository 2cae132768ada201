// File: chat/python_values.cpp
// See python_values.hpp. repr and == come from the Jinja engine's value model, which implements
// Python's rules (float repr, string quoting, numeric equality across bool/int/float).
#include "chat/python_values.hpp"

#include "jinja/value.hpp"
#include "jinja/value_ops.hpp"

namespace tito::chat {

namespace bj = boost::json;

bool py_truthy(const bj::value& v) noexcept {
    switch (v.kind()) {
        case bj::kind::null: return false;
        case bj::kind::bool_: return v.get_bool();
        case bj::kind::int64: return v.get_int64() != 0;
        case bj::kind::uint64: return v.get_uint64() != 0;
        case bj::kind::double_: return v.get_double() != 0.0;
        case bj::kind::string: return !v.get_string().empty();
        case bj::kind::array: return !v.get_array().empty();
        case bj::kind::object: return !v.get_object().empty();
    }
    return false;
}

std::string py_repr(const bj::value& v) { return jinja::to_repr(jinja::from_json(v)); }

bool py_equal(const bj::value& a, const bj::value& b) { return jinja::py_eq(jinja::from_json(a), jinja::from_json(b)); }

}  // namespace tito::chat
