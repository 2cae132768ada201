// File: session/message_matcher.hpp
// The three built-in session message matchers (spec 5): whether the message a client replays at
// history position i is "the same" as the stored one. Used by the rollback scan (4.3) and the
// append-only validation (4.5); on a match the stored message and tokens stay authoritative.
//   strict             template-relevant keys (role, content, reasoning_content, tool_calls)
//                      equal under Python `==`, with null/""/[] alike and tool-call `index`
//                      ignored.
//   loose_tool_call    strict, plus tool-call `arguments` equal as JSON objects (key order,
//                      spacing and number spelling ignored; types and array order kept).
//   role_content_only  role and content only (high risk: tool calls and reasoning ignored).
// Monotonic: strict => loose_tool_call => role_content_only.
//
// Differences from the Python reference (miles message_matcher_hub), all deliberate:
//  - Where Python raises (RecursionError on nesting deeper than json_depth_limit, which its
//    wrapper turns into a 500), these functions answer false: "not the same message" makes the
//    server roll back or reject, never trust a comparison it could not finish. Where Python
//    catches the RecursionError itself (loose: CANON and RAW), it answers false too.
//  - Python-only inputs of the reference tests (sets, Decimal values, non-string dict keys)
//    cannot occur in a parsed JSON value.
//  - Numbers are compared as the request parser produced them: big integers or doubles that
//    the parser got wrong cannot be repaired here (Python keeps ints exact and rounds floats
//    correctly; Boost.JSON 1.81 does neither in all cases).
// Thread-safety: pure functions of their arguments; inputs are never modified.
// Usage:
//   TITO_TRY(auto kind, parse_matcher_kind(config.session_message_matcher));
//   if (!messages_match(kind, stored[i], request[i])) { /* roll back from i */ }
#pragma once

#include <boost/json/value.hpp>

#include <string_view>

#include "base/result.hpp"
#include "session/json_equality.hpp"  // python_equal, part of this API

namespace tito::session {

enum class matcher_kind { strict, loose_tool_call, role_content_only };

// "strict", "loose_tool_call" or "role_content_only" (exact, case-sensitive). Anything else,
// including the reference's dotted Python import paths (spec 5.6), is an errc::config error
// naming the three built-ins.
tito::result<matcher_kind> parse_matcher_kind(std::string_view name);

std::string_view to_string(matcher_kind kind) noexcept;

// True when `replayed` is the same message as `stored` under `kind`. Arguments are ordered:
// (stored, replayed). A non-object message never matches (the API rejects those with 400
// before any matcher runs). Never throws.
bool messages_match(matcher_kind kind, const boost::json::value& stored,
                    const boost::json::value& replayed) noexcept;

}  // namespace tito::session
