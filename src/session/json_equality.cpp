// File: session/json_equality.cpp
// python_equal and raw_equal (see the header). Numbers compare exactly across representations:
// an integer equals a double only when the double is integral and the same value, the way
// CPython's float_richcompare compares int and float without rounding the int.
#include "session/json_equality.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cmath>
#include <cstdint>

namespace tito::session {
namespace {

namespace json = boost::json;

bool is_number_like(json::kind k) noexcept {
    return k == json::kind::bool_ || k == json::kind::int64 || k == json::kind::uint64 ||
           k == json::kind::double_;
}

// An integral value as (negative, magnitude), wide enough for both int64 and uint64.
struct integer_value {
    bool negative;
    std::uint64_t magnitude;
    friend bool operator==(const integer_value&, const integer_value&) = default;
};

integer_value as_integer(const json::value& v) noexcept {
    switch (v.kind()) {
        case json::kind::bool_: return {false, v.get_bool() ? 1u : 0u};
        case json::kind::int64: {
            const std::int64_t i = v.get_int64();
            // Two's complement magnitude, also right for INT64_MIN.
            return i < 0 ? integer_value{true, ~static_cast<std::uint64_t>(i) + 1}
                         : integer_value{false, static_cast<std::uint64_t>(i)};
        }
        default: return {false, v.get_uint64()};
    }
}

bool integer_equals_double(integer_value i, double d) noexcept {
    if (!std::isfinite(d) || std::trunc(d) != d) return false;
    if (i.magnitude == 0) return d == 0.0;  // 0 == -0.0
    if ((d < 0) != i.negative) return false;
    const double m = std::fabs(d);
    if (m >= 18446744073709551616.0) return false;  // 2^64: beyond any uint64 magnitude
    return static_cast<std::uint64_t>(m) == i.magnitude;
}

bool numbers_equal(const json::value& a, const json::value& b) noexcept {
    const bool a_double = a.is_double();
    const bool b_double = b.is_double();
    if (a_double && b_double) return a.get_double() == b.get_double();
    if (a_double) return integer_equals_double(as_integer(b), a.get_double());
    if (b_double) return integer_equals_double(as_integer(a), b.get_double());
    return as_integer(a) == as_integer(b);
}

bool python_equal_at(const json::value& a, const json::value& b, std::size_t depth);

bool python_equal_arrays(const json::array& a, const json::array& b, std::size_t depth) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (!python_equal_at(a[i], b[i], depth)) return false;
    return true;
}

bool python_equal_objects(const json::object& a, const json::object& b, std::size_t depth,
                          std::string_view ignored_key) {
    std::size_t a_size = a.size();
    std::size_t b_size = b.size();
    if (!ignored_key.empty()) {
        a_size -= a.contains(ignored_key) ? 1 : 0;
        b_size -= b.contains(ignored_key) ? 1 : 0;
    }
    if (a_size != b_size) return false;
    for (const auto& entry : a) {
        if (!ignored_key.empty() && entry.key() == ignored_key) continue;
        const json::value* other = b.if_contains(entry.key());
        if (other == nullptr || !python_equal_at(entry.value(), *other, depth)) return false;
    }
    return true;
}

bool python_equal_at(const json::value& a, const json::value& b, std::size_t depth) {
    if (is_number_like(a.kind()) && is_number_like(b.kind())) return numbers_equal(a, b);
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case json::kind::null: return true;
        case json::kind::string: return a.get_string() == b.get_string();
        case json::kind::array:
            return depth < json_depth_limit &&
                   python_equal_arrays(a.get_array(), b.get_array(), depth + 1);
        case json::kind::object:
            return depth < json_depth_limit &&
                   python_equal_objects(a.get_object(), b.get_object(), depth + 1, {});
        default: return false;  // numbers handled above
    }
}

// Python type of a JSON value: int64 and uint64 are both `int`; bool is its own type.
enum class py_type { none, boolean, integer, floating, string, list, dict };

py_type type_of(const json::value& v) noexcept {
    switch (v.kind()) {
        case json::kind::null: return py_type::none;
        case json::kind::bool_: return py_type::boolean;
        case json::kind::int64:
        case json::kind::uint64: return py_type::integer;
        case json::kind::double_: return py_type::floating;
        case json::kind::string: return py_type::string;
        case json::kind::array: return py_type::list;
        case json::kind::object: return py_type::dict;
    }
    return py_type::none;
}

bool raw_equal_at(const json::value& a, const json::value& b, std::size_t depth) {
    if (type_of(a) != type_of(b)) return false;
    switch (a.kind()) {
        case json::kind::array: {
            if (depth >= json_depth_limit) return false;
            const json::array& x = a.get_array();
            const json::array& y = b.get_array();
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (!raw_equal_at(x[i], y[i], depth + 1)) return false;
            return true;
        }
        case json::kind::object: {
            if (depth >= json_depth_limit) return false;
            const json::object& x = a.get_object();
            const json::object& y = b.get_object();
            if (x.size() != y.size()) return false;
            for (const auto& entry : x) {
                const json::value* other = y.if_contains(entry.key());
                if (other == nullptr) return false;
                if (!raw_equal_at(entry.value(), *other, depth + 1)) return false;
            }
            return true;
        }
        default: return python_equal_at(a, b, depth);  // same-type scalars: plain `==`
    }
}

}  // namespace

bool python_equal(const json::value& a, const json::value& b) { return python_equal_at(a, b, 0); }

bool raw_equal(const json::value& a, const json::value& b) { return raw_equal_at(a, b, 0); }

bool python_equal_without_key(const json::object& a, const json::object& b,
                              std::string_view ignored_key) {
    return python_equal_objects(a, b, 1, ignored_key);
}

}  // namespace tito::session
