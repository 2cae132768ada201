// File: jinja/value.hpp
// tito::jinja::value: a dynamically typed template value with Python semantics. Scalars are held
// inline; strings, lists, dicts and objects live in shared immutable storage, so copies are cheap
// and a value built from a request can be read by the renderer without copying.
// Usage:
//   value v = from_json(boost::json::parse(R"({"role":"user","content":"hi"})"));
//   const value* c = v.dict_find("content");
//   value s = value::from_string("x"); value n = value::none();
// Thread safety: a value and everything it references is immutable once built (except namespace
// objects, which only exist inside one render), so values may be shared across threads.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/container/small_vector.hpp>
#include <boost/json/value.hpp>

#include "base/result.hpp"
#include "jinja/error.hpp"

namespace tito::jinja {

enum class value_kind : std::uint8_t {
    undefined,
    none,
    boolean,
    integer,
    floating,
    string,
    list,    // list, tuple or generator (see seq_kind)
    dict,
    object,  // callables, namespace, loop, ...
};

enum class seq_kind : std::uint8_t { list, tuple, generator };

class value;
struct list_data;
struct dict_data;
class object_data;

struct undefined_info {
    std::string hint;     // the "'x' is undefined" message
    bool unsafe = false;  // sandbox-blocked attribute: calling raises SecurityError
};

class value {
public:
    value() noexcept : k_(value_kind::undefined), markup_(false), ukind_(0), i_(0) {}
    static value none() noexcept { value v; v.k_ = value_kind::none; return v; }
    static value from_bool(bool b) noexcept { value v; v.k_ = value_kind::boolean; v.b_ = b; return v; }
    static value from_int(std::int64_t i) noexcept { value v; v.k_ = value_kind::integer; v.i_ = i; return v; }
    static value from_float(double d) noexcept { value v; v.k_ = value_kind::floating; v.f_ = d; return v; }
    static value from_string(std::string s);
    // markupsafe.Markup: a str that HTML-escapes plain strings concatenated to it with `+`.
    static value from_markup(std::string s);
    static value from_list(std::vector<value> items, seq_kind sk = seq_kind::list);
    static value from_dict(std::vector<std::pair<value, value>> items);  // keys assumed unique
    static value from_object(std::shared_ptr<const object_data> obj);
    static value undefined(std::string hint, bool unsafe = false);
    // Allocation-free undefined values for the hot paths; `name` must outlive the value (it points
    // into the template's AST, which outlives every render).
    static value undefined_name(const std::string* name) noexcept;  // "'name' is undefined"
    static value undefined_attr(const std::string* name) noexcept;  // missing dict key (d.k or d['k'])

    value_kind kind() const noexcept { return k_; }
    bool is_undefined() const noexcept { return k_ == value_kind::undefined; }
    bool is_none() const noexcept { return k_ == value_kind::none; }
    bool is_bool() const noexcept { return k_ == value_kind::boolean; }
    bool is_int() const noexcept { return k_ == value_kind::integer; }
    bool is_float() const noexcept { return k_ == value_kind::floating; }
    bool is_number() const noexcept { return k_ == value_kind::integer || k_ == value_kind::floating || k_ == value_kind::boolean; }
    bool is_string() const noexcept { return k_ == value_kind::string; }
    bool is_markup() const noexcept { return k_ == value_kind::string && markup_; }
    bool is_list() const noexcept { return k_ == value_kind::list; }
    bool is_dict() const noexcept { return k_ == value_kind::dict; }
    bool is_object() const noexcept { return k_ == value_kind::object; }

    bool as_bool() const noexcept { return b_; }
    std::int64_t as_int() const noexcept { return k_ == value_kind::boolean ? (b_ ? 1 : 0) : i_; }
    double as_float() const noexcept {
        return k_ == value_kind::floating ? f_ : static_cast<double>(as_int());
    }
    const std::string& str() const noexcept { return *static_cast<const std::string*>(p_.get()); }
    const list_data& list() const noexcept { return *static_cast<const list_data*>(p_.get()); }
    const dict_data& dict() const noexcept { return *static_cast<const dict_data*>(p_.get()); }
    const object_data& object() const noexcept { return *static_cast<const object_data*>(p_.get()); }
    const undefined_info* undefined_detail() const noexcept {
        return static_cast<const undefined_info*>(p_.get());
    }
    // For undefined values: the UndefinedError message, whether a sandbox block caused it, and
    // whether it carries any information (a default-constructed value carries none).
    std::string undefined_hint() const;
    bool undefined_unsafe() const noexcept { return p_ && undefined_detail()->unsafe; }
    bool undefined_has_info() const noexcept { return p_ || ukind_ != 0; }
    seq_kind sequence_kind() const noexcept;

    // dict lookup by string key (nullptr if absent or not a dict)
    const value* dict_find(std::string_view key) const noexcept;

private:
    value_kind k_;
    bool markup_;          // strings: markupsafe.Markup
    std::uint8_t ukind_;   // undefined: 1 = unknown name, 2 = missing attribute (i_ = name pointer)
    union {
        bool b_;
        std::int64_t i_;
        double f_;
    };
    std::shared_ptr<const void> p_;
};

struct list_data {
    std::vector<value> items;
    seq_kind kind = seq_kind::list;
};

// A dict key's length and first 7 bytes packed into one word (the whole key when it is shorter
// than 8 bytes), so a lookup compares one integer per entry and reads a key string only to
// confirm a longer key. Non-string keys get no_key_tag, which no string shorter than 255 bytes has.
inline std::uint64_t key_tag(std::string_view k) noexcept {
    static_assert(std::endian::native == std::endian::little, "key_tag packs bytes little-endian");
    const char* p = k.data();
    const std::size_t n = k.size();
    std::uint64_t t = 0;
    if (n >= 8) {
        std::memcpy(&t, p, 8);
        t &= 0x00FF'FFFF'FFFF'FFFFull;  // bytes 0..6
    } else {  // byte i at bits 8i, assembled from 4-, 2- and 1-byte loads
        std::size_t i = 0;
        if (n & 4) { std::uint32_t w; std::memcpy(&w, p, 4); t = w; i = 4; }
        if (n & 2) { std::uint16_t h; std::memcpy(&h, p + i, 2); t |= std::uint64_t{h} << (8 * i); i += 2; }
        if (n & 1) t |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    }
    return t | (std::uint64_t{n < 255 ? n : 255} << 56);
}
constexpr std::uint64_t no_key_tag = ~std::uint64_t{0};

struct dict_data {
    std::vector<std::pair<value, value>> items;  // insertion order
    std::vector<std::uint64_t> tags;             // key_tag of each key, parallel to items
    const value* find(const value& key) const noexcept;
    const value* find(std::string_view key) const noexcept { return find(key, key_tag(key)); }
    const value* find(std::string_view key, std::uint64_t tag) const noexcept {
        if (key.size() < 8) {
            for (std::size_t i = 0, n = tags.size(); i < n; ++i)
                if (tags[i] == tag) return &items[i].second;  // the tag is the whole key
            return nullptr;
        }
        if (key.size() < 16) {
            // A matching tag means a string key of this length with the same first 7 bytes; its
            // last 8 bytes cover the rest.
            const std::uint64_t last = load8(key.data() + key.size() - 8);
            for (std::size_t i = 0, n = tags.size(); i < n; ++i) {
                if (tags[i] != tag) continue;
                const std::string& k = items[i].first.str();
                if (load8(k.data() + k.size() - 8) == last) return &items[i].second;
            }
            return nullptr;
        }
        return find_long(key, tag);
    }
    const value* find_long(std::string_view key, std::uint64_t tag) const noexcept;  // keys of 16+ bytes
    static std::uint64_t load8(const char* p) noexcept {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        return x;
    }
};

// Arguments of a call: positional then keyword (in source order).
// Inline room for the usual few arguments, so evaluating a call allocates nothing for them.
struct call_args {
    boost::container::small_vector<value, 3> positional;
    boost::container::small_vector<std::pair<std::string, value>, 2> keyword;
    const value* kw(std::string_view name) const noexcept {
        for (const auto& [k, v] : keyword) if (k == name) return &v;
        return nullptr;
    }
};

class render_state;  // interpreter.hpp

// Everything that is not plain data: functions, macros, bound methods, namespace, loop.
// Which object_data a value holds, for the interpreter's non-virtual fast paths.
enum class object_kind : std::uint8_t { other, namespace_, loop, macro };

class object_data {
public:
    explicit object_data(object_kind k = object_kind::other) noexcept : kind_(k) {}
    virtual ~object_data() = default;
    object_kind kind() const noexcept { return kind_; }
    virtual const char* type_name() const noexcept = 0;  // Python type name
    virtual bool callable() const noexcept { return false; }
    // Attribute lookup; undefined if missing.
    virtual value get_attr(std::string_view name) const;
    // Fast paths used by the interpreter: a pointer to a stored attribute (namespace; `tag` is
    // key_tag(name), computed at parse time), and the loop variable's attributes by id (ast.hpp
    // loop_attr). Both default to "not available".
    virtual const value* attr_ref(std::string_view /*name*/, std::uint64_t /*tag*/) const { return nullptr; }
    virtual bool loop_attr(int /*id*/, value& /*out*/) const { return false; }
    virtual bool set_attr(std::string_view name, value v) const;  // only namespace accepts
    // set_attr with the name's key_tag computed at parse time (`{% set ns.x = ... %}`).
    virtual bool set_attr_tagged(std::string_view name, std::uint64_t /*tag*/, value&& v) const {
        return set_attr(name, std::move(v));
    }
    virtual std::string repr() const;
    // Called with the render state for callables that need the interpreter (macros).
    virtual jres<value> call(render_state& st, call_args&& args) const;

private:
    object_kind kind_;
};

// Builds a value from JSON: object key order kept, duplicate keys: last value wins (at the first
// key's position, like Python's json module), ints stay ints and floats stay floats.
// Note: Boost 1.81 does not always parse doubles correctly rounded; prefer parse_json() on text.
value from_json(const boost::json::value& j);

// Parses JSON text straight into a value (exact doubles, key order kept, duplicate keys: last
// value wins at the first key's position). errc::bad_request on malformed input.
tito::result<value> parse_json(std::string_view text);

// Python type name of v ("str", "int", "NoneType", "list", "dict", "tuple", ...).
const char* type_name(const value& v) noexcept;

}  // namespace tito::jinja
