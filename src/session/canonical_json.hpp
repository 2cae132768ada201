// File: session/canonical_json.hpp
// The loose matcher's CANON normal form of tool-call `arguments` (spec 5.4): a type-tagged JSON
// tree in which numbers are exact decimals, object keys are sorted (objects compare as
// unordered maps) and arrays keep their order. `true` never equals `1`, `null` never equals
// `"null"`, `1` equals `1.0` and `10e-1`.
// Two ways in:
//   canonicalize_json_text: a strict JSON parser for argument *strings* (Python json.loads with
//     duplicate keys, NaN and +-Infinity rejected, numbers kept as Decimal). Boost.JSON cannot
//     do this: it keeps one of two duplicate keys silently and rounds numbers to double.
//   canonicalize_json_value: an already-parsed argument *object*; integers exact, doubles via
//     their shortest round-trip text (Python's Decimal(repr(x))), non-finite doubles rejected.
// Both reject nesting deeper than json_depth_limit (Python: RecursionError, caught as INVALID).
// Usage:
//   auto a = canonicalize_json_text(R"({"b":[1e0],"a":null})");
//   auto b = canonicalize_json_value(boost::json::parse(R"({"a":null,"b":[1.0]})"));
//   assert(a && b && *a == *b);
//   canonicalize_json_text(R"({"x":1,"x":2})");   // nullopt: duplicate key
#pragma once

#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tito::session {

// A plain value tree; copyable, no sharing. Built only by the two functions below, which keep
// the invariants: `text` is the decoded string (UTF-8; a lone surrogate escape is kept as its
// 3-byte generalized UTF-8 form) or to_string(exact_decimal) for numbers; for objects `keys` is
// sorted and unique and `items[i]` is the value of `keys[i]`; for arrays `items` in order.
struct canonical_json {
    enum class kind : std::uint8_t { null, boolean, string, number, array, object };

    kind type = kind::null;
    bool boolean = false;
    std::string text;
    std::vector<std::string> keys;
    std::vector<canonical_json> items;

    friend bool operator==(const canonical_json&, const canonical_json&) = default;
};

// Strict parse of a complete JSON text (surrounding JSON whitespace allowed). nullopt on any
// syntax error, duplicate key, NaN/Infinity/-Infinity, a number outside Decimal's exact range,
// or nesting deeper than json_depth_limit.
std::optional<canonical_json> canonicalize_json_text(std::string_view text);

// Normal form of a parsed value. nullopt for a non-finite double or nesting deeper than
// json_depth_limit.
std::optional<canonical_json> canonicalize_json_value(const boost::json::value& v);

namespace detail {
// An object node from its members in any order; nullopt if two keys are equal.
std::optional<canonical_json> make_canonical_object(
    std::vector<std::pair<std::string, canonical_json>> members);
}  // namespace detail

}  // namespace tito::session
