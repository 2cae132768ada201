// File: api/chat_request.hpp
// Request normalization of the chat route (spec 3.2, 3.3): parse, pop stream/stream_options,
// force the flags TITO needs, resolve per-request chat_template_kwargs against the family.
// Stateless, so it runs before the turn lock (a malformed body gets 400 without queueing).
// Usage:
//   TITO_TRY(auto n, normalize_chat_request(std::move(req.body), fam, flags));
//   prepare(n.messages(), ...);  // the client's list, read in place inside the body
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "base/json_parse.hpp"
#include "base/json_raw.hpp"
#include "base/result.hpp"
#include "chat/family.hpp"

namespace tito::api {

// Server-wide switches of spec 1.2 that change the upstream request.
struct chat_flags {
    bool use_routed_experts = false;  // use_rollout_routing_replay
    bool use_indexer_topk = false;    // use_rollout_indexer_replay
    bool use_addition_r3 = false;     // pause_generation_mode == in_place
    bool use_lora = false;            // lora_rank > 0 or an adapter path
};

// What the session's latest record sent upstream as the message list: its compact text and
// length. A client's next request usually opens its list with exactly that text.
struct known_history {
    std::string_view messages_text;  // "[{...},...]"
    std::size_t count = 0;
};

// `body` lives in `arena`: move-construct a normalized_chat, never move-assign it (Boost.JSON
// copies on assignment across memory resources); nothing copy-constructed from it may outlive it.
struct normalized_chat {
    json::owned_arena arena;      // holds body (and the client's message list moved out of it)
    boost::json::object body;     // what goes upstream (input_ids added after prepare)
    std::string raw;              // the client's body text
    std::vector<json::raw_member> verbatim;  // raw's "messages" and "tools" when their text is what re-serializing writes
    bool client_stream = false;   // Python truthiness of the popped "stream"
    // messages()[0, placeholders) are nulls standing in for the client's first messages, whose
    // text was the known history's (not parsed again). The turn confirms under its lock that the
    // history is still the session's (linear_trajectory::extends_latest), else reads the body again
    // without it. Nonzero only when the whole list is verbatim (messages_text() is its text).
    std::size_t placeholders = 0;
    // The list's text may serve as the next turn's known history: it was scanned (the part not
    // scanned was a known history, which was recordable in its turn) and nests at most
    // max_known_depth levels. A message nested past the matchers' depth limit does not match even
    // itself, so skipping its match would skip a rollback the full path makes.
    bool history_recordable = false;
    static constexpr std::size_t max_known_depth = 400;

    // The effective chat-template kwargs of this turn's render: body["chat_template_kwargs"] as
    // normalized (spec 3.3), or {} when there are none.
    const boost::json::object& kwargs() const;
    // body["tools"], or null when absent (in the arena: the record keeps a heap copy or shares one).
    const boost::json::value& tools() const;

    // The client's list as compact text when verbatim has it, else empty.
    std::string_view messages_text() const;

    // The client's raw list, body["messages"] (checked to be a list of objects after the placeholders).
    boost::json::array& messages() { return body.at("messages").get_array(); }
    const boost::json::array& messages() const { return body.at("messages").get_array(); }
};

// Python truthiness of a JSON value (false, null, 0, 0.0, "", [], {} are false).
bool python_truthy(const boost::json::value& v);

// 400 (errc::bad_request) on invalid JSON, a non-object body, bad messages or kwargs. With a
// known history whose text opens the client's list, those messages become placeholders.
result<normalized_chat> normalize_chat_request(std::string body, const chat::family& fam, const chat_flags& flags,
                                               const known_history* known = nullptr);

// Parses a JSON text the way the reference does for bodies: key order kept, duplicate keys keep
// the last value; errc::bad_request "invalid JSON body: ..." on failure.
result<boost::json::value> parse_json_body(std::string_view body, boost::json::storage_ptr sp = {});

}  // namespace tito::api
