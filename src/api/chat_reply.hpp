// File: api/chat_reply.hpp
// The upstream side of a chat turn: validation of a 200 response (spec 3.6) and the two client
// renderings of it (3.8): the compact JSON with R3 payloads stripped, and the fake SSE stream.
// Usage:
//   TITO_TRY(auto v, read_upstream_reply(body, stream));    // 502 errors
//   std::string json = v.as_received() ? std::string(body) : client_json_body(v.doc, body, v.text_compact);
//   std::string sse = fake_sse_body(v.doc);                // (stream: the document was read)
#pragma once

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

#include "base/json_parse.hpp"
#include "base/result.hpp"
#include "chat/family.hpp"

namespace tito::api {

struct validated_reply {
    json::owned_arena arena;               // holds doc; the other members are on the heap
    boost::json::value doc;                // the parsed upstream response (unstripped)
    boost::json::value assistant_message;  // choices[0].message (an object; null/missing -> {})
    chat::token_ids completion_ids;        // entry[1] of output_token_logprobs
    bool text_compact = false;             // the reply's text is append_compact's text of doc

    // read_reply_fast vouched for the reply (doc left null, never so after the full validator,
    // whose doc is an object): the client body is the reply as received.
    bool as_received() const noexcept { return doc.is_null(); }
};

// errc::upstream_response (502) on every violation listed in spec 3.6, including non-finite
// numbers anywhere in the document.
result<validated_reply> validate_upstream_reply(std::string_view body);

// The reply as a turn reads it: read_reply_fast (chat_reply_fast.hpp) when it vouches for the
// reply and no document is wanted (`want_doc`: the fake stream is built from one), else
// validate_upstream_reply.
result<validated_reply> read_upstream_reply(std::string_view body, bool want_doc);

// Compact JSON of `doc` without meta_info.routed_experts / indexer_topk in any choice. `text` is
// the reply `doc` was read from: when nothing is stripped and it is already that compact JSON
// (`text_compact`, from parse_exact), it is the body as is.
std::string client_json_body(const boost::json::value& doc, std::string_view text, bool text_compact);

// "data: <chunk>\n\ndata: [DONE]\n\n" per spec 3.8.
std::string fake_sse_body(const boost::json::value& doc);

}  // namespace tito::api
