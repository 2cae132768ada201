// File: api/chat_reply_fast.hpp
// The fast reader of a 200 upstream reply (spec 3.6, 3.8) for the common case: a reply that passes
// every check of validate_upstream_reply, carries no R3 payload (nothing to strip) and is already
// the compact Python text the client gets (so the client body is the reply as received). One SAX
// pass over the text (Boost.JSON's basic_parser): the checks are made on the way, the completion
// ids are collected, and only the assistant message is built as a document; the long
// output_token_logprobs list never becomes one.
// Any other reply (malformed, failing a check, not compact, R3, very deep or large) is nullopt,
// at the first sign, and the caller runs validate_upstream_reply, whose answer (value or 502
// message) is the reference; the two are held equal by tests on fixed and random replies.
// Usage:
//   if (auto fast = read_reply_fast(body)) client_body = body;  // + fast->completion_ids ...
#pragma once

#include <boost/json/value.hpp>

#include <optional>
#include <string_view>

#include "chat/family.hpp"

namespace tito::api {

struct fast_reply {
    boost::json::value assistant_message;  // choices[0].message, heap storage
    chat::token_ids completion_ids;        // entry[1] of output_token_logprobs
};

// Replies larger than this go to the full validator.
inline constexpr std::size_t fast_reply_max_bytes = 1u << 20;

std::optional<fast_reply> read_reply_fast(std::string_view body);

}  // namespace tito::api
