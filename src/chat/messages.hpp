// File: chat/messages.hpp
// Message normalization before Jinja rendering (spec 6.1; miles normalize_tool_arguments(.., "dict")):
// on a copy, every assistant message gets content "" when it is missing or null, and every
// tool_calls[i].function.arguments that is a string is replaced by its parsed JSON value.
// Usage:
//   TITO_TRY(boost::json::array msgs, tito::chat::normalize_messages(request_messages));
#pragma once

#include <boost/json/array.hpp>

#include "base/result.hpp"
#include "jinja/value.hpp"

namespace tito::chat {

// Invalid arguments JSON, or a shape Python would trip over (a message or tool call that is not an
// object), is an errc::template_runtime error (a render failure, HTTP 500). The copy lives in `sp`
// (default: the heap; a render passes a short-lived arena).
result<boost::json::array> normalize_messages(const boost::json::array& messages, boost::json::storage_ptr sp = {});

// The normalized messages as the template's list value, in one pass (what the renderer uses; the
// copy above is its reference in the tests): only assistant messages are copied (into `sp`) and
// normalized; the others are converted as they stand. Same values, key order and errors.
result<jinja::value> normalized_message_values(const boost::json::array& messages, boost::json::storage_ptr sp);

}  // namespace tito::chat
