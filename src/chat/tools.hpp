// File: chat/tools.hpp
// Tool canonicalization (spec 6.1; miles extract_tool_dicts): request `tools` validated and
// re-dumped through SGLang's pydantic `Tool` model, as the pinned SGLang (v0.5.16, the base image of
// miles' Dockerfile) dumps it:
//   {"type": <str, default "function">,
//    "function": {"description": <str|null>, "name": <str>, "parameters": <any|null>,
//                 "strict": <bool, default false>[, "defer_loading": <bool>]},
//    "defer_loading": <bool|null>}
// `function.defer_loading` is dumped only when set (directly or propagated from the tool level);
// the tool-level key is always dumped. Unknown keys are dropped; `parameters` is kept verbatim.
// Usage:
//   TITO_TRY(auto tools, tito::chat::canonicalize_tools(request_tools));   // nullopt = no tools
//   if (tools) { auto fallback = tito::chat::bare_functions(*tools); }
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <optional>

#include "base/result.hpp"

namespace tito::chat {

// SGLang >= PR #22702 (April 2026; in v0.5.16, miles' pinned base image) has `defer_loading` on Tool
// and Function. Set to false for an older SGLang: the dump is then exactly
// {"type", "function": {"description", "name", "parameters", "strict"}}.
inline constexpr bool sglang_tool_defer_loading = true;

// Falsy tools (null, [], absent, ...) give nullopt. Elements that are objects containing
// "function" are kept, others are wrapped as {"type":"function","function": t}. A validation
// failure is errc::template_runtime (a render failure, HTTP 500).
result<std::optional<boost::json::array>> canonicalize_tools(const boost::json::value& tools);

// The tool-format fallback's argument: each canonical tool's "function" object.
boost::json::array bare_functions(const boost::json::array& canonical_tools);

}  // namespace tito::chat
