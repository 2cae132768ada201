// File: session/matcher_loose.cpp
// The loose_tool_call matcher (spec 5.4): strict, or else role/content/reasoning_content equal
// and the tool calls equal call by call, where a call's `function.arguments` compare as JSON
// objects (CANON) and everything else about the call (id, type, name, unknown fields, count,
// order) still compares with `==`. Values that are not JSON objects fall back to RAW, the
// type-sensitive equality, so the relaxation never widens beyond argument objects.
#include "session/canonical_json.hpp"
#include "session/json_equality.hpp"
#include "session/matcher_detail.hpp"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

namespace tito::session::detail {
namespace {

namespace json = boost::json;

constexpr std::string_view wire_only_tool_call_key = "index";

canonical_json empty_object() {
    canonical_json c;
    c.type = canonical_json::kind::object;
    return c;
}

// CANON(v): null and "" are the empty object; a string is parsed strictly; an object is
// converted; anything else (and anything that fails) is INVALID (nullopt).
std::optional<canonical_json> canonical_arguments(const json::value& v) {
    if (v.is_null()) return empty_object();
    if (const auto* s = v.if_string()) {
        if (s->empty()) return empty_object();
        auto c = canonicalize_json_text(*s);
        if (!c || c->type != canonical_json::kind::object) return std::nullopt;
        return c;
    }
    if (v.is_object()) return canonicalize_json_value(v);
    return std::nullopt;
}

bool arguments_match(const json::value& stored, const json::value& replayed) {
    const auto s = canonical_arguments(stored);
    const auto r = canonical_arguments(replayed);
    if (!s || !r) return raw_equal(stored, replayed);
    return *s == *r;
}

std::size_t size_without(const json::object& o, std::string_view ignored) {
    return o.size() - (!ignored.empty() && o.contains(ignored) ? 1 : 0);
}

// The key sets of a and b (each without `ignored`) are equal.
bool same_keys(const json::object& a, const json::object& b, std::string_view ignored) {
    if (size_without(a, ignored) != size_without(b, ignored)) return false;
    for (const auto& entry : a)
        if (entry.key() != ignored && !b.contains(entry.key())) return false;
    return true;
}

bool functions_match(const json::value& stored, const json::value& replayed) {
    const auto* s = stored.if_object();
    const auto* r = replayed.if_object();
    if (s == nullptr || r == nullptr) return raw_equal(stored, replayed);
    if (!same_keys(*s, *r, {})) return false;  // absent arguments never equal empty ones
    for (const auto& entry : *s) {
        const json::value& other = r->at(entry.key());
        const bool same = entry.key() == "arguments" ? arguments_match(entry.value(), other)
                                                     : python_equal(entry.value(), other);
        if (!same) return false;
    }
    return true;
}

bool tool_call_matches(const json::value& stored, const json::value& replayed) {
    const auto* s = stored.if_object();
    const auto* r = replayed.if_object();
    if (s == nullptr || r == nullptr) return raw_equal(stored, replayed);
    if (!same_keys(*s, *r, wire_only_tool_call_key)) return false;
    for (const auto& entry : *s) {
        if (entry.key() == wire_only_tool_call_key) continue;
        const json::value& other = r->at(entry.key());
        const bool same = entry.key() == "function" ? functions_match(entry.value(), other)
                                                    : python_equal(entry.value(), other);
        if (!same) return false;
    }
    return true;
}

bool tool_calls_match(const json::value* stored, const json::value* replayed) {
    const json::array* s = stored != nullptr ? stored->if_array() : nullptr;
    const json::array* r = replayed != nullptr ? replayed->if_array() : nullptr;
    if (s == nullptr || r == nullptr) {
        // RAW(a, b) with None for nullptr: None only equals None.
        if (stored == nullptr || replayed == nullptr) return stored == replayed;
        return raw_equal(*stored, *replayed);
    }
    if (s->size() != r->size()) return false;
    for (std::size_t i = 0; i < s->size(); ++i)
        if (!tool_call_matches((*s)[i], (*r)[i])) return false;
    return true;
}

}  // namespace

bool loose_tool_call_match(const json::object& stored, const json::object& replayed) {
    if (strict_match(stored, replayed)) return true;
    return same_normalized_field(stored, replayed, "role") &&
           same_normalized_field(stored, replayed, "content") &&
           same_normalized_field(stored, replayed, "reasoning_content") &&
           tool_calls_match(normalized_field(stored, "tool_calls"),
                            normalized_field(replayed, "tool_calls"));
}

}  // namespace tito::session::detail
