// File: session/matcher_strict.cpp
// The strict matcher (spec 5.3): role, content, reasoning_content and tool_calls equal under
// Python `==` after empty normalization; in tool_calls each object element is compared without
// its top-level "index" (SGLang sends it on non-streaming calls, streaming clients drop or
// renumber it, no template reads it). Arguments are compared raw: '{"a":1}', '{"a": 1}' and
// the object {"a":1} all differ here.
#include "session/matcher_detail.hpp"
#include "session/json_equality.hpp"

#include <boost/json/array.hpp>

namespace tito::session::detail {
namespace {

constexpr std::string_view wire_only_tool_call_key = "index";

// Python: [drop_index(c) if isinstance(c, dict) else c for c in calls] compared with `==`.
// A dict never equals a non-dict, so only object pairs need the projection.
bool tool_calls_equal(const boost::json::value* a, const boost::json::value* b) {
    if (a == nullptr || b == nullptr) return a == b;
    const auto* x = a->if_array();
    const auto* y = b->if_array();
    if (x == nullptr || y == nullptr) return python_equal(*a, *b);
    if (x->size() != y->size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
        const auto* xo = (*x)[i].if_object();
        const auto* yo = (*y)[i].if_object();
        const bool same = xo != nullptr && yo != nullptr
                              ? python_equal_without_key(*xo, *yo, wire_only_tool_call_key)
                              : python_equal((*x)[i], (*y)[i]);
        if (!same) return false;
    }
    return true;
}

}  // namespace

bool strict_match(const boost::json::object& stored, const boost::json::object& replayed) {
    return same_normalized_field(stored, replayed, "role") &&
           same_normalized_field(stored, replayed, "content") &&
           same_normalized_field(stored, replayed, "reasoning_content") &&
           tool_calls_equal(normalized_field(stored, "tool_calls"),
                            normalized_field(replayed, "tool_calls"));
}

}  // namespace tito::session::detail
