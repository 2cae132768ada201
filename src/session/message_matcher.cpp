// File: session/message_matcher.cpp
// Matcher selection, dispatch, the shared field helpers of spec 5.2, and role_content_only
// (5.5), which is nothing but those helpers applied to two keys.
#include "session/message_matcher.hpp"

#include "session/matcher_detail.hpp"

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>
#include <fmt/format.h>

#include <new>

namespace tito::session {

namespace detail {

const boost::json::value* normalized_field(const boost::json::object& message,
                                           std::string_view key) noexcept {
    const boost::json::value* v = message.if_contains(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (const auto* s = v->if_string(); s != nullptr && s->empty()) return nullptr;
    if (const auto* a = v->if_array(); a != nullptr && a->empty()) return nullptr;
    return v;
}

bool normalized_equal(const boost::json::value* a, const boost::json::value* b) {
    if (a == nullptr || b == nullptr) return a == b;
    return python_equal(*a, *b);
}

bool same_normalized_field(const boost::json::object& stored, const boost::json::object& replayed,
                           std::string_view key) {
    return normalized_equal(normalized_field(stored, key), normalized_field(replayed, key));
}

bool role_content_only_match(const boost::json::object& stored,
                             const boost::json::object& replayed) {
    return same_normalized_field(stored, replayed, "role") &&
           same_normalized_field(stored, replayed, "content");
}

}  // namespace detail

tito::result<matcher_kind> parse_matcher_kind(std::string_view name) {
    if (name == "strict") return matcher_kind::strict;
    if (name == "loose_tool_call") return matcher_kind::loose_tool_call;
    if (name == "role_content_only") return matcher_kind::role_content_only;
    return make_error(errc::config,
                      fmt::format("invalid --session-message-matcher '{}'; use one of strict, "
                                  "loose_tool_call, role_content_only (custom matchers are not "
                                  "supported)",
                                  name));
}

std::string_view to_string(matcher_kind kind) noexcept {
    switch (kind) {
        case matcher_kind::strict: return "strict";
        case matcher_kind::loose_tool_call: return "loose_tool_call";
        case matcher_kind::role_content_only: return "role_content_only";
    }
    return "strict";
}

bool messages_match(matcher_kind kind, const boost::json::value& stored,
                    const boost::json::value& replayed) noexcept {
    const auto* s = stored.if_object();
    const auto* r = replayed.if_object();
    if (s == nullptr || r == nullptr) return false;
    // Only allocation can throw (the loose matcher builds normal forms); a comparison that
    // could not finish is "not the same", like excessive nesting.
    try {
        switch (kind) {
            case matcher_kind::strict: return detail::strict_match(*s, *r);
            case matcher_kind::loose_tool_call: return detail::loose_tool_call_match(*s, *r);
            case matcher_kind::role_content_only: return detail::role_content_only_match(*s, *r);
        }
    } catch (const std::bad_alloc&) {
        return false;
    }
    return false;
}

}  // namespace tito::session
