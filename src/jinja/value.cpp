// File: jinja/value.cpp
// Construction of values, JSON import and the object_data defaults.
#include "jinja/value.hpp"

#include <cstring>

#include <boost/json.hpp>

#include "jinja/value_ops.hpp"

namespace tito::jinja {

value value::from_string(std::string s) {
    value v;
    v.k_ = value_kind::string;
    v.p_ = std::make_shared<const std::string>(std::move(s));
    return v;
}

value value::from_markup(std::string s) {
    value v = from_string(std::move(s));
    v.markup_ = true;
    return v;
}

value value::from_list(std::vector<value> items, seq_kind sk) {
    value v;
    v.k_ = value_kind::list;
    auto d = std::make_shared<list_data>();
    d->items = std::move(items);
    d->kind = sk;
    v.p_ = std::move(d);
    return v;
}

value value::from_dict(std::vector<std::pair<value, value>> items) {
    value v;
    v.k_ = value_kind::dict;
    auto d = std::make_shared<dict_data>();
    d->items = std::move(items);
    d->tags.reserve(d->items.size());
    for (const auto& kv : d->items) d->tags.push_back(kv.first.is_string() ? key_tag(kv.first.str()) : no_key_tag);
    v.p_ = std::move(d);
    return v;
}

value value::from_object(std::shared_ptr<const object_data> obj) {
    value v;
    v.k_ = value_kind::object;
    v.p_ = std::move(obj);
    return v;
}

value value::undefined(std::string hint, bool unsafe) {
    value v;
    v.p_ = std::make_shared<const undefined_info>(undefined_info{std::move(hint), unsafe});
    return v;
}

value value::undefined_name(const std::string* name) noexcept {
    value v;  // undefined; i_ holds the name pointer
    v.i_ = reinterpret_cast<std::intptr_t>(name);
    v.ukind_ = 1;
    return v;
}

value value::undefined_attr(const std::string* name) noexcept {
    value v = undefined_name(name);
    v.ukind_ = 2;
    return v;
}

std::string value::undefined_hint() const {
    if (p_) return undefined_detail()->hint;
    const auto* name = reinterpret_cast<const std::string*>(i_);
    if (ukind_ == 1 && name) return "'" + *name + "' is undefined";
    if (ukind_ == 2 && name) return "'dict object' has no attribute '" + *name + "'";  // dicts only
    return "value is undefined";
}

seq_kind value::sequence_kind() const noexcept { return list().kind; }

const value* value::dict_find(std::string_view key) const noexcept {
    if (k_ != value_kind::dict) return nullptr;
    return dict().find(key);
}

const value* dict_data::find_long(std::string_view key, std::uint64_t tag) const noexcept {
    const std::uint64_t* t = tags.data();
    if (key.size() < 24) {
        // Bytes 7..14 and the last 8 cover the rest of a 16..23-byte key (reasoning_content):
        // two word compares instead of a memcmp call.
        const std::uint64_t mid = load8(key.data() + 7), last = load8(key.data() + key.size() - 8);
        for (std::size_t i = 0, n = tags.size(); i < n; ++i) {
            if (t[i] != tag) continue;
            const std::string& k = items[i].first.str();
            if (load8(k.data() + 7) == mid && load8(k.data() + k.size() - 8) == last) return &items[i].second;
        }
        return nullptr;
    }
    for (std::size_t i = 0, n = tags.size(); i < n; ++i) {
        if (t[i] != tag) continue;
        const value& k = items[i].first;
        if (k.is_string() && k.str() == key) return &items[i].second;
    }
    return nullptr;
}

const value* dict_data::find(const value& key) const noexcept {
    if (key.is_string()) return find(std::string_view(key.str()));
    for (const auto& kv : items)
        if (py_eq(kv.first, key)) return &kv.second;
    return nullptr;
}

value object_data::get_attr(std::string_view name) const {
    return value::undefined(std::string("'") + type_name() + "' object has no attribute '" + std::string(name) + "'");
}
bool object_data::set_attr(std::string_view, value) const { return false; }
std::string object_data::repr() const { return std::string("<") + type_name() + " object>"; }
jres<value> object_data::call(render_state&, call_args&&) const {
    return fail_type(std::string("'") + type_name() + "' object is not callable");
}

value from_json(const boost::json::value& j) {
    switch (j.kind()) {
        case boost::json::kind::null: return value::none();
        case boost::json::kind::bool_: return value::from_bool(j.get_bool());
        case boost::json::kind::int64: return value::from_int(j.get_int64());
        case boost::json::kind::uint64: {
            std::uint64_t u = j.get_uint64();
            if (u > static_cast<std::uint64_t>(INT64_MAX)) return value::from_float(static_cast<double>(u));
            return value::from_int(static_cast<std::int64_t>(u));
        }
        case boost::json::kind::double_: return value::from_float(j.get_double());
        case boost::json::kind::string: return value::from_string(std::string(j.get_string()));
        case boost::json::kind::array: {
            std::vector<value> items;
            items.reserve(j.get_array().size());
            for (const auto& e : j.get_array()) items.push_back(from_json(e));
            return value::from_list(std::move(items));
        }
        case boost::json::kind::object: {
            std::vector<std::pair<value, value>> items;
            items.reserve(j.get_object().size());
            for (const auto& kv : j.get_object()) {
                std::string_view k = kv.key();
                bool dup = false;
                for (auto& e : items) {
                    if (e.first.str() == k) { e.second = from_json(kv.value()); dup = true; break; }
                }
                if (!dup) items.emplace_back(value::from_string(std::string(k)), from_json(kv.value()));
            }
            return value::from_dict(std::move(items));
        }
    }
    return value::none();
}

const char* type_name(const value& v) noexcept {
    switch (v.kind()) {
        case value_kind::undefined: return "Undefined";
        case value_kind::none: return "NoneType";
        case value_kind::boolean: return "bool";
        case value_kind::integer: return "int";
        case value_kind::floating: return "float";
        case value_kind::string: return v.is_markup() ? "Markup" : "str";
        case value_kind::list:
            switch (v.sequence_kind()) {
                case seq_kind::list: return "list";
                case seq_kind::tuple: return "tuple";
                case seq_kind::generator: return "generator";
            }
            return "list";
        case value_kind::dict: return "dict";
        case value_kind::object: return v.object().type_name();
    }
    return "object";
}

}  // namespace tito::jinja
