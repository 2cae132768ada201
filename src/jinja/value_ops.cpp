// File: jinja/value_ops.cpp
// Python operator semantics on values (see value_ops.hpp). Integers are int64; an overflow is an
// error rather than a silent wrap (Python would switch to big ints; COMPATIBILITY.md).
#include "jinja/value_ops.hpp"

#include <algorithm>
#include <cmath>

#include "jinja/pystr.hpp"

namespace tito::jinja {
namespace {

std::string qname(const value& v) { return std::string("'") + type_name(v) + "'"; }

failure undefined_error(const value& v) {
    if (v.undefined_unsafe()) return fail(py_exc::security_error, v.undefined_hint());
    return fail_undefined(v.undefined_hint());
}

bool ascii_only(std::string_view s) {
    for (unsigned char c : s) if (c >= 0x80) return false;
    return true;
}

}  // namespace

bool truthy(const value& v) noexcept {
    switch (v.kind()) {
        case value_kind::undefined: case value_kind::none: return false;
        case value_kind::boolean: return v.as_bool();
        case value_kind::integer: return v.as_int() != 0;
        case value_kind::floating: return v.as_float() != 0.0;
        case value_kind::string: return !v.str().empty();
        case value_kind::list:
            return v.sequence_kind() == seq_kind::generator || !v.list().items.empty();
        case value_kind::dict: return !v.dict().items.empty();
        case value_kind::object: return true;
    }
    return false;
}

bool py_eq(const value& a, const value& b) noexcept {
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) return a.as_float() == b.as_float();
        return a.as_int() == b.as_int();
    }
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case value_kind::undefined: case value_kind::none: return true;
        case value_kind::string: return a.str() == b.str();
        case value_kind::list: {
            if (a.sequence_kind() != b.sequence_kind()) return false;
            if (a.sequence_kind() == seq_kind::generator) return &a.list() == &b.list();
            const auto& x = a.list().items;
            const auto& y = b.list().items;
            if (x.size() != y.size()) return false;
            for (std::size_t i = 0; i < x.size(); ++i) if (!py_eq(x[i], y[i])) return false;
            return true;
        }
        case value_kind::dict: {
            const auto& x = a.dict();
            const auto& y = b.dict();
            if (x.items.size() != y.items.size()) return false;
            for (const auto& [k, v] : x.items) {
                const value* o = y.find(k);
                if (!o || !py_eq(v, *o)) return false;
            }
            return true;
        }
        case value_kind::object: return &a.object() == &b.object();
        default: return false;
    }
}

jres<int> py_compare(const value& a, const value& b, const char* op) {
    if (a.is_undefined()) return undefined_error(a);
    if (b.is_undefined()) return undefined_error(b);
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) {
            double x = a.as_float(), y = b.as_float();
            return x < y ? -1 : x > y ? 1 : 0;
        }
        std::int64_t x = a.as_int(), y = b.as_int();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a.is_string() && b.is_string()) {
        int c = a.str().compare(b.str());
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.is_list() && b.is_list() && a.sequence_kind() == b.sequence_kind() &&
        a.sequence_kind() != seq_kind::generator) {
        const auto& x = a.list().items;
        const auto& y = b.list().items;
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (py_eq(x[i], y[i])) continue;
            return py_compare(x[i], y[i], op);
        }
        return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
    }
    return fail_type(std::string("'") + op + "' not supported between instances of " + qname(a) + " and " + qname(b));
}

void append_str(std::string& out, const value& v) {
    switch (v.kind()) {
        case value_kind::undefined: return;
        case value_kind::string: out += v.str(); return;
        default: append_repr(out, v);
    }
}

void append_repr(std::string& out, const value& v) {
    switch (v.kind()) {
        case value_kind::undefined: out += "Undefined"; return;
        case value_kind::none: out += "None"; return;
        case value_kind::boolean: out += v.as_bool() ? "True" : "False"; return;
        case value_kind::integer: out += std::to_string(v.as_int()); return;
        case value_kind::floating: out += py_float_repr(v.as_float()); return;
        case value_kind::string:
            if (v.is_markup()) { out += "Markup(" + py_repr_str(v.str()) + ")"; return; }
            out += py_repr_str(v.str());
            return;
        case value_kind::list: {
            seq_kind sk = v.sequence_kind();
            if (sk == seq_kind::generator) { out += "<generator object sync_do_map at 0x7f0000000000>"; return; }
            const auto& items = v.list().items;
            out += sk == seq_kind::tuple ? '(' : '[';
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (i) out += ", ";
                append_repr(out, items[i]);
            }
            if (sk == seq_kind::tuple && items.size() == 1) out += ',';
            out += sk == seq_kind::tuple ? ')' : ']';
            return;
        }
        case value_kind::dict: {
            out += '{';
            bool first = true;
            for (const auto& [k, x] : v.dict().items) {
                if (!first) out += ", ";
                first = false;
                append_repr(out, k);
                out += ": ";
                append_repr(out, x);
            }
            out += '}';
            return;
        }
        case value_kind::object: out += v.object().repr(); return;
    }
}

std::string to_str(const value& v) {
    if (v.is_string()) return v.str();
    std::string s;
    append_str(s, v);
    return s;
}
std::string to_repr(const value& v) {
    std::string s;
    append_repr(s, v);
    return s;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

value make_tuple(std::vector<value> items) { return value::from_list(std::move(items), seq_kind::tuple); }

namespace {

jres<value> int_result(bool overflow, std::int64_t r) {
    if (overflow) return fail(py_exc::limit, "integer overflow (values beyond int64 are not supported)");
    return value::from_int(r);
}

std::int64_t floordiv_i(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}
std::int64_t floormod_i(std::int64_t a, std::int64_t b) {
    std::int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}

constexpr std::size_t max_repeat_bytes = std::size_t(64) << 20;  // 64 MiB per value

jres<value> repeat(const value& seq, std::int64_t n) {
    if (n < 0) n = 0;
    std::size_t unit = seq.is_string() ? seq.str().size() : seq.list().items.size() * sizeof(value);
    if (unit != 0 && static_cast<std::uint64_t>(n) > max_repeat_bytes / unit)
        return fail(py_exc::limit, "sequence repetition result too large");
    if (seq.is_string()) {
        std::string out;
        for (std::int64_t i = 0; i < n; ++i) out += seq.str();
        return value::from_string(std::move(out));
    }
    std::vector<value> out;
    for (std::int64_t i = 0; i < n; ++i)
        out.insert(out.end(), seq.list().items.begin(), seq.list().items.end());
    return value::from_list(std::move(out), seq.sequence_kind());
}

jres<value> numeric_op(binop op, const value& a, const value& b) {
    bool fl = a.is_float() || b.is_float();
    if (!fl) {
        std::int64_t x = a.as_int(), y = b.as_int(), r = 0;
        switch (op) {
            case binop::add: { bool o = __builtin_add_overflow(x, y, &r); return int_result(o, r); }
            case binop::sub: { bool o = __builtin_sub_overflow(x, y, &r); return int_result(o, r); }
            case binop::mul: { bool o = __builtin_mul_overflow(x, y, &r); return int_result(o, r); }
            case binop::div:
                if (y == 0) return fail(py_exc::zero_division, "division by zero");
                return value::from_float(static_cast<double>(x) / static_cast<double>(y));
            case binop::floordiv:
                if (y == 0) return fail(py_exc::zero_division, "integer division or modulo by zero");
                return value::from_int(floordiv_i(x, y));
            case binop::mod:
                if (y == 0) return fail(py_exc::zero_division, "integer division or modulo by zero");
                return value::from_int(floormod_i(x, y));
            case binop::pow: {
                if (y < 0) return value::from_float(std::pow(static_cast<double>(x), static_cast<double>(y)));
                std::int64_t acc = 1, base = x;
                bool overflow = false;
                for (std::int64_t e = y; e > 0; e >>= 1) {  // exponentiation by squaring
                    if ((e & 1) && __builtin_mul_overflow(acc, base, &acc)) { overflow = true; break; }
                    if (e > 1 && __builtin_mul_overflow(base, base, &base)) {
                        // base no longer fits; only fatal if it is still needed
                        if ((e >> 1) > 0) { overflow = true; break; }
                    }
                }
                return int_result(overflow, acc);
            }
        }
    }
    double x = a.as_float(), y = b.as_float();
    switch (op) {
        case binop::add: return value::from_float(x + y);
        case binop::sub: return value::from_float(x - y);
        case binop::mul: return value::from_float(x * y);
        case binop::div:
            if (y == 0) return fail(py_exc::zero_division, "float division by zero");
            return value::from_float(x / y);
        case binop::floordiv:
            if (y == 0) return fail(py_exc::zero_division, "float floor division by zero");
            return value::from_float(std::floor(x / y));
        case binop::mod: {
            if (y == 0) return fail(py_exc::zero_division, "float modulo");
            double m = std::fmod(x, y);
            if (m != 0 && ((m < 0) != (y < 0))) m += y;
            return value::from_float(m);
        }
        case binop::pow: return value::from_float(std::pow(x, y));
    }
    return value();
}

const char* op_symbol(binop op) {
    switch (op) {
        case binop::add: return "+";
        case binop::sub: return "-";
        case binop::mul: return "*";
        case binop::div: return "/";
        case binop::floordiv: return "//";
        case binop::mod: return "%";
        case binop::pow: return "** or pow()";
    }
    return "?";
}

}  // namespace

jres<value> string_format(const value& fmt, const value& args);  // filters.cpp (printf-style %)

jres<value> binary_op(binop op, const value& a, const value& b) {
    if (a.is_undefined()) return undefined_error(a);
    if (b.is_undefined()) return undefined_error(b);
    if (a.is_number() && b.is_number()) return numeric_op(op, a, b);
    if (op == binop::add) {
        if (a.is_string() && b.is_string()) {
            if (a.is_markup() || b.is_markup()) {
                std::string l = a.is_markup() ? a.str() : html_escape(a.str());
                return value::from_markup(l + (b.is_markup() ? b.str() : html_escape(b.str())));
            }
            return value::from_string(a.str() + b.str());
        }
        if (a.is_list() && b.is_list() && a.sequence_kind() == b.sequence_kind() &&
            a.sequence_kind() != seq_kind::generator) {
            std::vector<value> out = a.list().items;
            out.insert(out.end(), b.list().items.begin(), b.list().items.end());
            return value::from_list(std::move(out), a.sequence_kind());
        }
        if (a.is_string() || (a.is_list() && a.sequence_kind() != seq_kind::generator))
            return fail_type(std::string("can only concatenate ") + type_name(a) + " (not \"" + type_name(b) +
                             "\") to " + type_name(a));
    }
    if (op == binop::mul) {
        bool a_seq = a.is_string() || (a.is_list() && a.sequence_kind() != seq_kind::generator);
        bool b_seq = b.is_string() || (b.is_list() && b.sequence_kind() != seq_kind::generator);
        if (a_seq && (b.is_int() || b.is_bool())) return repeat(a, b.as_int());
        if (b_seq && (a.is_int() || a.is_bool())) return repeat(b, a.as_int());
    }
    if (op == binop::mod && a.is_string()) return string_format(a, b);
    return fail_type(std::string("unsupported operand type(s) for ") + op_symbol(op) + ": " + qname(a) + " and " + qname(b));
}

jres<value> negate(const value& v) {
    if (v.is_undefined()) return undefined_error(v);
    if (v.is_float()) return value::from_float(-v.as_float());
    if (v.is_int() || v.is_bool()) return value::from_int(-v.as_int());
    return fail_type(std::string("bad operand type for unary -: ") + qname(v));
}

jres<bool> contains(const value& c, const value& item) {
    switch (c.kind()) {
        case value_kind::undefined: return false;
        case value_kind::string:
            if (!item.is_string())
                return fail_type(std::string("'in <string>' requires string as left operand, not ") + type_name(item));
            return c.str().find(item.str()) != std::string::npos;
        case value_kind::list:
            for (const auto& x : c.list().items) if (py_eq(x, item)) return true;
            return false;
        case value_kind::dict: return c.dict().find(item) != nullptr;
        default:
            return fail_type(std::string("argument of type ") + qname(c) + " is not iterable");
    }
}

jres<std::int64_t> py_len(const value& v) {
    switch (v.kind()) {
        case value_kind::undefined: return 0;
        case value_kind::string: return static_cast<std::int64_t>(utf8_length(v.str()));
        case value_kind::list:
            if (v.sequence_kind() == seq_kind::generator) break;
            return static_cast<std::int64_t>(v.list().items.size());
        case value_kind::dict: return static_cast<std::int64_t>(v.dict().items.size());
        default: break;
    }
    return fail_type(std::string("object of type ") + qname(v) + " has no len()");
}

jres<iter_view> iterate_view(const value& v) {
    iter_view r;
    switch (v.kind()) {
        case value_kind::undefined: return r;
        case value_kind::list: r.items = &v.list().items; return r;
        case value_kind::dict:
            r.owned.reserve(v.dict().items.size());
            for (const auto& kv : v.dict().items) r.owned.push_back(kv.first);
            return r;
        case value_kind::string: {
            const std::string& s = v.str();
            r.owned.reserve(s.size());
            for (std::size_t i = 0; i < s.size();) {
                std::size_t st = i;
                utf8_next(s, i);
                r.owned.push_back(value::from_string(s.substr(st, i - st)));
            }
            return r;
        }
        default:
            return fail_type(std::string(qname(v)) + " object is not iterable");
    }
}

jres<std::vector<value>> iterate(const value& v) {
    JTRY(iter_view iv, iterate_view(v));
    if (iv.items) return *iv.items;
    return std::move(iv.owned);
}

value get_item(const value& obj, const value& key) {
    auto missing = [&] {
        return value::undefined(std::string("'") + type_name(obj) + " object' has no attribute " + to_repr(key));
    };
    switch (obj.kind()) {
        case value_kind::dict: {
            const value* f = obj.dict().find(key);
            return f ? *f : missing();
        }
        case value_kind::list: {
            if (obj.sequence_kind() == seq_kind::generator || !(key.is_int() || key.is_bool())) return missing();
            const auto& items = obj.list().items;
            std::int64_t i = key.as_int(), n = static_cast<std::int64_t>(items.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) return missing();
            return items[static_cast<std::size_t>(i)];
        }
        case value_kind::string: {
            if (!(key.is_int() || key.is_bool())) return missing();
            const std::string& s = obj.str();
            std::int64_t i = key.as_int();
            if (ascii_only(s)) {
                std::int64_t n = static_cast<std::int64_t>(s.size());
                if (i < 0) i += n;
                if (i < 0 || i >= n) return missing();
                return value::from_string(std::string(1, s[static_cast<std::size_t>(i)]));
            }
            std::vector<char32_t> cps = utf8_decode(s);
            std::int64_t n = static_cast<std::int64_t>(cps.size());
            if (i < 0) i += n;
            if (i < 0 || i >= n) return missing();
            std::string out;
            utf8_append(out, cps[static_cast<std::size_t>(i)]);
            return value::from_string(std::move(out));
        }
        default: return missing();
    }
}

namespace {
// Python's PySlice_AdjustIndices.
// Number of items selected by an adjusted slice (CPython's PySlice_AdjustIndices result).
std::int64_t slice_count(std::int64_t start, std::int64_t stop, std::int64_t step) {
    if (step < 0) return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
    return start < stop ? (stop - start - 1) / step + 1 : 0;
}

void adjust_slice(std::int64_t len, std::int64_t& start, std::int64_t& stop, std::int64_t step, bool has_start,
                  bool has_stop) {
    if (!has_start) start = step < 0 ? len - 1 : 0;
    else if (start < 0) { start += len; if (start < 0) start = step < 0 ? -1 : 0; }
    else if (start >= len) start = step < 0 ? len - 1 : len;
    if (!has_stop) stop = step < 0 ? -1 : len;
    else if (stop < 0) { stop += len; if (stop < 0) stop = step < 0 ? -1 : 0; }
    else if (stop >= len) stop = step < 0 ? len - 1 : len;
}
}  // namespace

bool slice_range(const value& obj, const value& a, const value& b, std::size_t& begin, std::size_t& count) {
    if (!obj.is_list() || obj.sequence_kind() == seq_kind::generator) return false;
    auto index = [](const value& v, std::int64_t& out, bool& has) {
        has = !(v.is_none() || v.is_undefined());
        if (!has) return true;
        if (!(v.is_int() || v.is_bool())) return false;
        out = v.as_int();
        return true;
    };
    std::int64_t start = 0, stop = 0;
    bool hs = false, he = false;
    if (!index(a, start, hs) || !index(b, stop, he)) return false;
    adjust_slice(static_cast<std::int64_t>(obj.list().items.size()), start, stop, 1, hs, he);
    begin = static_cast<std::size_t>(start);
    count = static_cast<std::size_t>(slice_count(start, stop, 1));
    return true;
}

jres<value> get_slice(const value& obj, const value& a, const value& b, const value& c) {
    auto as_index = [](const value& v, std::int64_t& out) -> jres<bool> {
        if (v.is_none() || v.is_undefined()) return false;
        if (v.is_int() || v.is_bool()) { out = v.as_int(); return true; }
        return fail_type("slice indices must be integers or None or have an __index__ method");
    };
    std::int64_t start = 0, stop = 0, step = 1;
    JTRY(bool hs, as_index(a, start));
    JTRY(bool he, as_index(b, stop));
    JTRY(bool hst, as_index(c, step));
    if (hst && step == 0) return fail(py_exc::value_error, "slice step cannot be zero");
    if (!hst) step = 1;
    if (step == INT64_MIN) step = -INT64_MAX;  // same selection, and -step stays representable
    if (obj.is_undefined()) return undefined_error(obj);
    if (obj.is_list() && obj.sequence_kind() != seq_kind::generator) {
        const auto& items = obj.list().items;
        adjust_slice(static_cast<std::int64_t>(items.size()), start, stop, step, hs, he);
        std::vector<value> out;
        std::int64_t count = slice_count(start, stop, step);
        out.reserve(static_cast<std::size_t>(count));
        for (std::int64_t k = 0; k < count; ++k) out.push_back(items[static_cast<std::size_t>(start + k * step)]);
        return value::from_list(std::move(out), obj.sequence_kind());
    }
    if (obj.is_string()) {
        const std::string& s = obj.str();
        std::string out;
        if (ascii_only(s)) {
            adjust_slice(static_cast<std::int64_t>(s.size()), start, stop, step, hs, he);
            if (step == 1) return value::from_string(stop > start ? s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(stop - start)) : std::string());
            std::int64_t count = slice_count(start, stop, step);
            for (std::int64_t k = 0; k < count; ++k) out.push_back(s[static_cast<std::size_t>(start + k * step)]);
            return value::from_string(std::move(out));
        }
        std::vector<char32_t> cps = utf8_decode(s);
        adjust_slice(static_cast<std::int64_t>(cps.size()), start, stop, step, hs, he);
        std::int64_t count = slice_count(start, stop, step);
        for (std::int64_t k = 0; k < count; ++k) utf8_append(out, cps[static_cast<std::size_t>(start + k * step)]);
        return value::from_string(std::move(out));
    }
    return fail_type(std::string(qname(obj)) + " object is not subscriptable");
}

}  // namespace tito::jinja
