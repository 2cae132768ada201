// File: jinja/tests.cpp
// Jinja2 tests (jinja2/tests.py), with Python's type model: bool is a number, Undefined is
// iterable and a sequence, dicts are sequences (Jinja only checks len and __getitem__).
#include <cmath>

#include "jinja/builtins.hpp"
#include "jinja/filter_args.hpp"
#include "jinja/pystr.hpp"

namespace tito::jinja {
namespace {

using T = jres<bool>;
using S = render_state;
using A = call_args;

T t_defined(S&, const value& v, A&) { return !v.is_undefined(); }
T t_undefined(S&, const value& v, A&) { return v.is_undefined(); }
T t_none(S&, const value& v, A&) { return v.is_none(); }
T t_boolean(S&, const value& v, A&) { return v.is_bool(); }
T t_true(S&, const value& v, A&) { return v.is_bool() && v.as_bool(); }
T t_false(S&, const value& v, A&) { return v.is_bool() && !v.as_bool(); }
T t_integer(S&, const value& v, A&) { return v.is_int(); }
T t_float(S&, const value& v, A&) { return v.is_float(); }
T t_number(S&, const value& v, A&) { return v.is_number(); }
T t_string(S&, const value& v, A&) { return v.is_string(); }
T t_mapping(S&, const value& v, A&) { return v.is_dict(); }
T t_iterable(S&, const value& v, A&) { return v.is_undefined() || v.is_string() || v.is_list() || v.is_dict(); }
T t_sequence(S&, const value& v, A&) {
    return v.is_undefined() || v.is_string() || v.is_dict() || (v.is_list() && v.sequence_kind() != seq_kind::generator);
}
T t_callable(S&, const value& v, A&) { return v.is_object() && v.object().callable(); }
T t_odd(S&, const value& v, A&) {
    if (!v.is_number()) return fail_type("not an integer");
    return (v.as_int() % 2) != 0;
}
T t_even(S&, const value& v, A&) {
    if (!v.is_number()) return fail_type("not an integer");
    return (v.as_int() % 2) == 0;
}
T t_divisibleby(S&, const value& v, A& a) {
    const value* n = arg(a, 0, "num");
    if (!n) return fail_type("divisibleby() missing argument");
    JTRY(value m, binary_op(binop::mod, v, *n));
    return !truthy(m);
}
T t_lower(S&, const value& v, A&) {
    std::string s = to_str(v);
    return py_lower(s) == s && py_upper(s) != s;
}
T t_upper(S&, const value& v, A&) {
    std::string s = to_str(v);
    return py_upper(s) == s && py_lower(s) != s;
}
T t_escaped(S&, const value&, A&) { return false; }
T t_sameas(S&, const value& v, A& a) {
    const value* o = arg(a, 0, "other");
    if (!o) return fail_type("sameas() missing argument");
    if (v.kind() != o->kind()) return false;
    switch (v.kind()) {
        case value_kind::none: case value_kind::undefined: return true;
        case value_kind::boolean: return v.as_bool() == o->as_bool();
        case value_kind::integer: return v.as_int() == o->as_int() && v.as_int() >= -5 && v.as_int() <= 256;
        case value_kind::string: return &v.str() == &o->str();
        case value_kind::list: return &v.list() == &o->list();
        case value_kind::dict: return &v.dict() == &o->dict();
        case value_kind::object: return &v.object() == &o->object();
        default: return false;
    }
}
T t_in(S&, const value& v, A& a) {
    const value* seq = arg(a, 0, "seq");
    if (!seq) return fail_type("in() missing argument");
    return contains(*seq, v);
}
T cmp_test(const value& v, A& a, int want_lo, int want_hi, const char* op) {
    const value* o = arg(a, 0, "other");
    if (!o) return fail_type("missing argument");
    JTRY(int c, py_compare(v, *o, op));
    return c >= want_lo && c <= want_hi;
}
T t_eq(S&, const value& v, A& a) {
    const value* o = arg(a, 0, "other");
    if (!o) return fail_type("missing argument");
    return py_eq(v, *o);
}
T t_ne(S& s, const value& v, A& a) {
    JTRY(bool e, t_eq(s, v, a));
    return !e;
}
T t_lt(S&, const value& v, A& a) { return cmp_test(v, a, -1, -1, "<"); }
T t_le(S&, const value& v, A& a) { return cmp_test(v, a, -1, 0, "<="); }
T t_gt(S&, const value& v, A& a) { return cmp_test(v, a, 1, 1, ">"); }
T t_ge(S&, const value& v, A& a) { return cmp_test(v, a, 0, 1, ">="); }
T t_filter(S&, const value& v, A&) { return v.is_string() && find_filter(v.str()) != nullptr; }
T t_test(S&, const value& v, A&) { return v.is_string() && find_test(v.str()) != nullptr; }

struct test_entry {
    std::string_view name;
    test_fn fn;
};

constexpr test_entry all_tests[] = {
    {"defined", t_defined},   {"undefined", t_undefined}, {"none", t_none},         {"boolean", t_boolean},
    {"true", t_true},         {"false", t_false},         {"integer", t_integer},   {"float", t_float},
    {"number", t_number},     {"string", t_string},       {"mapping", t_mapping},   {"iterable", t_iterable},
    {"sequence", t_sequence}, {"callable", t_callable},   {"odd", t_odd},           {"even", t_even},
    {"divisibleby", t_divisibleby}, {"lower", t_lower},   {"upper", t_upper},       {"escaped", t_escaped},
    {"sameas", t_sameas},     {"in", t_in},               {"eq", t_eq},             {"equalto", t_eq},
    {"==", t_eq},             {"ne", t_ne},               {"!=", t_ne},             {"lt", t_lt},
    {"lessthan", t_lt},       {"<", t_lt},                {"le", t_le},             {"<=", t_le},
    {"gt", t_gt},             {"greaterthan", t_gt},      {">", t_gt},              {"ge", t_ge},
    {">=", t_ge},             {"filter", t_filter},       {"test", t_test},
};

}  // namespace

test_fn find_test(std::string_view name) noexcept {
    for (const auto& e : all_tests) if (e.name == name) return e.fn;
    return nullptr;
}

}  // namespace tito::jinja
