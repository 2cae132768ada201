// File: api/upstream_body.hpp
// The JSON text of the request a chat turn sends upstream (spec 3.1 steps 11-12): the normalized
// body with the server-owned keys written in: `input_ids` (always) and `routed_experts_start_len`
// (addition R3). Keys keep Python dict order: a key the client already sent keeps its position
// with the server's value, a new one goes last (input_ids before routed_experts_start_len).
// The ids are written straight from the token vector, never built as a JSON array.
// Usage:
//   std::string text = upstream_body_json(body, prompt_ids, std::nullopt, raw_body.size());
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "chat/family.hpp"

namespace tito::api {

std::string upstream_body_json(const boost::json::object& body, const chat::token_ids& input_ids,
                               std::optional<std::int64_t> routed_experts_start_len, std::size_t size_hint = 0);

}  // namespace tito::api
