// File: session/linear_trajectory.hpp
// The per-session TITO state and its algorithms (spec 4): one-step rollback, first-turn render
// or append-only validation + incremental tokens, and the all-or-nothing commit with the prefix
// check. HTTP-agnostic: messages are JSON values, tokens are ids, rendering is chat::family.
//
// Locking rule: prepare() and commit() are called by the holder of the session's turn lock
// (one writer at a time). Every mutation and snapshot() take the short internal state guard, so
// readers (GET /sessions/{id}) never wait for an upstream call. Committed data is immutable and
// shared (shared_ptr<const ...>), so a snapshot copies pointers, not histories; the history is a
// list of pointers to immutable messages, so a commit appends pointers and never copies the
// messages already stored, and the request's new messages are moved in, not copied.
// Usage:
//   auto p = traj.prepare(messages, tools, kwargs, fam, match);             // 400/500 as errors
//   ... upstream call ...
//   traj.commit(std::move(*p), std::move(messages), assistant_message,
//               completion_ids, record, fam.max_trim_tokens());             // 409/500 as errors
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "chat/family.hpp"

namespace tito::session {

// One committed turn (spec 3.7). Bodies are kept as bytes: the request exactly as sent
// upstream (compact JSON) and the upstream response exactly as received.
struct record {
    double timestamp = 0;          // commit time, epoch seconds
    double request_timestamp = 0;  // arrival of the chat request
    std::string request_json;
    std::string response_json;
    // request.tools, null when absent (the comparator renders with the last turn's tools); shared
    // with the previous record when identical as text, as it is on most turns.
    std::shared_ptr<const boost::json::value> tools;
    chat::token_ids checkpoint;    // prompt_token_ids ++ completion_token_ids
    // Where request_json lists the prompt ids: request_json.substr(prompt_ids_at, prompt_ids_len)
    // is the inner text of input_ids ("1,2,3"), the first prompt_ids_count ids of the checkpoint.
    // The next turn's upstream body copies that text instead of writing the ids again.
    std::size_t prompt_ids_at = 0;
    std::size_t prompt_ids_len = 0;
    std::size_t prompt_ids_count = 0;
    // Where request_json lists the turn's request messages: the compact text of the list
    // ("[{...},{...}]"), messages_count of them; the next request of the session usually opens its
    // list with the same text, so it need not be read again (chat_request's known history).
    std::size_t messages_at = 0;
    std::size_t messages_len = 0;
    std::size_t messages_count = 0;

    // Those ids and their text; both empty when the fields do not fit (a record built elsewhere).
    std::span<const chat::token_id> prompt_ids() const;
    std::string_view prompt_ids_text() const;
    // That list's text; empty when the fields do not fit or no list was recorded.
    std::string_view messages_text() const;
};
using record_ptr = std::shared_ptr<const record>;
using message_ptr = std::shared_ptr<const boost::json::value>;
using message_list = std::vector<message_ptr>;
using messages_ptr = std::shared_ptr<const message_list>;

struct snapshot {
    messages_ptr messages;              // never null; no element is null
    std::vector<record_ptr> records;
    std::vector<std::size_t> ends;      // generated_checkpoint_message_ends
    const chat::token_ids& token_ids() const;  // latest checkpoint, or empty
    boost::json::array messages_array() const; // a copy of the history as one JSON list
};

using matcher_fn = std::function<bool(const boost::json::value& stored, const boost::json::value& replayed)>;

// The result of prepare(): what the upstream call and the commit need.
struct prepared_turn {
    chat::token_ids prompt_token_ids;
    std::size_t expected_num_assistant = 0;  // commit precondition (9.3)
    std::uint64_t expected_version = 0;
    record_ptr previous;                     // the record whose checkpoint this turn builds on (4.6); null on the first turn
    const chat::token_ids& previous_checkpoint() const;  // its checkpoint, or empty (shared, not copied)
};

class linear_trajectory {
public:
    linear_trajectory();

    // Spec 4.2. May roll back (a mutation that stays even if the turn later fails, 4.7).
    // known_equal > 0: the caller holds the turn lock and extends_latest(latest(), known_equal,
    // request_messages, match) was true under it; request_messages[0, known_equal) may then be
    // stand-ins (they are neither matched nor rendered again).
    result<prepared_turn> prepare(const boost::json::array& request_messages, const boost::json::value& tools,
                                  const boost::json::object& kwargs, const chat::family& fam, const matcher_fn& match,
                                  std::size_t known_equal = 0);
    // True when `r` is the latest record, the stored history is its request's `count` messages
    // plus the assistant message it committed, and request_messages[count] matches that message.
    // A request whose first `count` messages are, byte for byte, the ones `r` sent upstream then
    // extends the history with no rollback: those messages matched the stored ones when `r` was
    // prepared, and nothing has changed since.
    bool extends_latest(const record_ptr& r, std::size_t count, const boost::json::array& request_messages,
                        const matcher_fn& match) const;
    // Spec 4.6: precondition (409), prefix check (500), then the all-or-nothing mutation.
    // `request_messages` is the list prepare() saw; its appended messages are moved into the history.
    // `request_messages_text`, when given, is that list's compact text (the 500 message quotes it;
    // the list itself may hold stand-ins, see prepare).
    result<void> commit(prepared_turn turn, boost::json::array request_messages, boost::json::value assistant_message,
                        const chat::token_ids& completion_ids, record rec, std::size_t max_trim_tokens,
                        std::string_view request_messages_text = {});

    snapshot snap() const;
    std::size_t num_assistant() const;
    // The latest record, or null.
    record_ptr latest() const;

private:
    // The number of leading stored messages it matched against the request (all that remain).
    result<std::size_t> rollback_if_needed(const boost::json::array& request, const matcher_fn& match);

    mutable std::mutex guard_;
    messages_ptr messages_;
    std::vector<record_ptr> records_;
    std::vector<std::size_t> ends_;
    std::uint64_t version_ = 0;  // bumped by every rollback and commit
};

// The pinned texts of spec 2.10 / 4.6.
std::string prefix_mismatch_message(const chat::token_ids& prev, const chat::token_ids& all, std::size_t check_len,
                                    std::size_t trim, std::string_view request_messages_json,
                                    const boost::json::value& assistant_message);

}  // namespace tito::session
