// File: chat/json_parse.hpp
// JSON text -> boost::json::value the way Python's json.loads reads it, for the texts the chat
// component parses itself (tool-call arguments strings): doubles re-read from their text with
// std::from_chars (Boost 1.81's parser is not always correctly rounded: 2.5e-300 would become
// 2.5000000000000003e-300 and change the rendered prompt), key order kept, a duplicate key keeps
// its first position with the last value. Not modelled: NaN/Infinity literals and integers wider
// than 64 bits (Python accepts both).
// Usage:
//   TITO_TRY(boost::json::value v, tito::chat::parse_json_exact(R"({"a": 2.5e-300})"));
#pragma once

#include <boost/json/value.hpp>

#include <string_view>

#include "base/result.hpp"

namespace tito::chat {

// errc::bad_request "invalid JSON: ..." on malformed input (callers re-map the code).
result<boost::json::value> parse_json_exact(std::string_view text);

}  // namespace tito::chat
