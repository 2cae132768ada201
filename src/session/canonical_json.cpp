// File: session/canonical_json.cpp
// canonicalize_json_value (already-parsed arguments) and the object builder shared with the
// strict text parser (canonical_json_parser.cpp).
#include "session/canonical_json.hpp"

#include "session/exact_decimal.hpp"
#include "session/json_equality.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace tito::session {
namespace {

namespace json = boost::json;

std::optional<canonical_json> number_node(std::string_view literal) {
    auto d = parse_exact_decimal(literal);
    if (!d) return std::nullopt;
    canonical_json node;
    node.type = canonical_json::kind::number;
    node.text = to_string(*d);
    return node;
}

std::optional<canonical_json> double_node(double d) {
    if (!std::isfinite(d)) return std::nullopt;
    // fmt's "{}" is the shortest round-trip text, like Python's repr(float) ("1e+16", "0.1").
    return number_node(fmt::format("{}", d));
}

std::optional<canonical_json> from_value(const json::value& v, std::size_t depth);

std::optional<canonical_json> from_array(const json::array& a, std::size_t depth) {
    canonical_json node;
    node.type = canonical_json::kind::array;
    node.items.reserve(a.size());
    for (const json::value& item : a) {
        auto c = from_value(item, depth);
        if (!c) return std::nullopt;
        node.items.push_back(std::move(*c));
    }
    return node;
}

std::optional<canonical_json> from_object(const json::object& o, std::size_t depth) {
    std::vector<std::pair<std::string, canonical_json>> members;
    members.reserve(o.size());
    for (const auto& entry : o) {
        auto c = from_value(entry.value(), depth);
        if (!c) return std::nullopt;
        members.emplace_back(std::string(entry.key()), std::move(*c));
    }
    return detail::make_canonical_object(std::move(members));
}

std::optional<canonical_json> from_value(const json::value& v, std::size_t depth) {
    canonical_json node;
    switch (v.kind()) {
        case json::kind::null: return node;
        case json::kind::bool_:
            node.type = canonical_json::kind::boolean;
            node.boolean = v.get_bool();
            return node;
        case json::kind::int64: return number_node(std::to_string(v.get_int64()));
        case json::kind::uint64: return number_node(std::to_string(v.get_uint64()));
        case json::kind::double_: return double_node(v.get_double());
        case json::kind::string:
            node.type = canonical_json::kind::string;
            node.text = std::string(v.get_string());
            return node;
        case json::kind::array:
            if (depth >= json_depth_limit) return std::nullopt;
            return from_array(v.get_array(), depth + 1);
        case json::kind::object:
            if (depth >= json_depth_limit) return std::nullopt;
            return from_object(v.get_object(), depth + 1);
    }
    return std::nullopt;
}

}  // namespace

std::optional<canonical_json> canonicalize_json_value(const json::value& v) {
    return from_value(v, 0);
}

namespace detail {

std::optional<canonical_json> make_canonical_object(
    std::vector<std::pair<std::string, canonical_json>> members) {
    std::sort(members.begin(), members.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    canonical_json node;
    node.type = canonical_json::kind::object;
    node.keys.reserve(members.size());
    node.items.reserve(members.size());
    for (auto& [key, value] : members) {
        if (!node.keys.empty() && node.keys.back() == key) return std::nullopt;
        node.keys.push_back(std::move(key));
        node.items.push_back(std::move(value));
    }
    return node;
}

}  // namespace detail
}  // namespace tito::session
