// File: chat/kwargs.hpp
// chat_template_kwargs merge rules (spec 6.6). Conflicts use Python == and repr (python_values.hpp).
// Usage:
//   TITO_TRY(auto base, merge_server_kwargs(server_kw, fixed, "qwen3"));              // start-up
//   TITO_TRY(auto eff, apply_fixed_kwargs(base, fixed, "Qwen3TITOTokenizer", errc::config));
//   auto merged = merge_request_kwargs(base, request, {});                             // per request
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace tito::chat {

// Step 1 (miles' launcher): the family's fixed kwargs merged into the server kwargs; a differing
// user value is errc::config "--apply-chat-template-kwargs <k>=<repr> conflicts with the value
// registered for --tito-model=<family>: <repr>".
result<boost::json::object> merge_server_kwargs(const boost::json::object& server, const boost::json::object& fixed,
                                                std::string_view family_name);

// Step 2 (family construction): eff := copy(kw); each fixed (k, v) must equal eff[k] when present
// (else `code` with "chat template kwarg <k>=<repr> conflicts with the value registered for
// <class_name>: <repr>"), then eff[k] := v (an existing key keeps its position).
result<boost::json::object> apply_fixed_kwargs(boost::json::object kw, const boost::json::object& fixed,
                                               std::string_view class_name, errc code);

// Step 3 (per request): copy(base); if `request` holds any alias key, every alias key is removed
// first; then dict.update(request).
boost::json::object merge_request_kwargs(const boost::json::object& base, const boost::json::object& request,
                                         const std::vector<std::string>& aliases);

}  // namespace tito::chat
