// File: api/upstream_body.hpp
// The JSON text of the request a chat turn sends upstream (spec 3.1 steps 11-12): the normalized
// body with the server-owned keys written in: `input_ids` (always) and `routed_experts_start_len`
// (addition R3). Keys keep Python dict order: a key the client already sent keeps its position
// with the server's value, a new one goes last (input_ids before routed_experts_start_len).
// Most of the text is what the previous turn already wrote: the client's history and the stored
// ids. Both are copied as bytes when that gives the same text: `verbatim` members (the client's
// own text, checked by json::split_members to be what re-serializing writes) and `previous` ids
// (the last body's input_ids text, used when the new ids start with those ids).
// Usage:
//   upstream_body b = write_upstream_body(body, prompt_ids, std::nullopt, {.verbatim = members});
//   std::string_view ids_text = std::string_view(b.text).substr(b.ids_at, b.ids_len);  // "1,2,3"
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/json_raw.hpp"
#include "chat/family.hpp"

namespace tito::api {

// Ids an earlier body wrote, and the text it wrote for them (a list's inner text, "1,2,3").
struct written_ids {
    std::span<const chat::token_id> ids;
    std::string_view text;
};

struct upstream_body_parts {
    std::span<const json::raw_member> verbatim;  // copied by key (the last member of a key counts) when compact
    written_ids previous;                        // reused when input_ids starts with previous.ids
    std::size_t size_hint = 0;                   // the client's body size
};

struct upstream_body {
    std::string text;
    std::size_t ids_at = 0;  // text.substr(ids_at, ids_len) is the input_ids list's inner text
    std::size_t ids_len = 0;
    std::size_t messages_at = 0;  // text.substr(messages_at, messages_len) is the "messages" list, when written
    std::size_t messages_len = 0;
};

upstream_body write_upstream_body(const boost::json::object& body, const chat::token_ids& input_ids,
                                  std::optional<std::int64_t> routed_experts_start_len,
                                  const upstream_body_parts& parts = {});

// The text alone, everything re-serialized.
std::string upstream_body_json(const boost::json::object& body, const chat::token_ids& input_ids,
                               std::optional<std::int64_t> routed_experts_start_len, std::size_t size_hint = 0);

}  // namespace tito::api
