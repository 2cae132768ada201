// File: chat/family.hpp
// A TITO tokenizer family (spec 6.3): how one model family renders and tokenizes turns.
// Implementations are immutable after construction and shared by all threads (render and
// encode take no lock). The session core (session/linear_trajectory) only sees this interface.
// Usage:
//   auto ids = fam.first_turn(messages, tools, kwargs);                  // 4.4
//   auto more = fam.merge_tokens(old, effective, prefix, tools, kwargs);  // 4.2 step 5, 6.2
//   auto same = fam.merge_tokens(old.back(), old.size(), request, prefix, tools, kwargs);
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace tito::chat {

using token_id = std::uint32_t;
using token_ids = std::vector<token_id>;

// One entry of GET /sessions/{id} metadata.tito_session_mismatch (spec 7.3).
struct mismatch {
    std::string type;  // special_token_count | special_token_type | assistant_text | non_assistant_text
    std::int64_t segment_index = -1;
    std::string expected_text;
    std::string actual_text;
    std::string detail;
};

class family {
public:
    virtual ~family() = default;

    virtual std::string_view name() const = 0;
    // Roles a client may append after the stored history (4.5).
    virtual bool append_role_allowed(std::string_view role) const = 0;
    // Python repr of the allowed set, for the pinned 400 message, e.g. {'assistant', 'tool', 'user'}.
    virtual std::string allowed_roles_repr() const = 0;
    // Tokens at the end of a stored checkpoint that the next prompt may rewrite (4.6): 0 or 1.
    virtual std::size_t max_trim_tokens() const = 0;

    // Server-default kwargs merged with the family's fixed kwargs (6.6 step 2).
    virtual const boost::json::object& base_kwargs() const = 0;
    // Request-scoped kwargs (3.3, 6.6 step 3); errc::bad_request on a conflict with a fixed kwarg.
    virtual result<boost::json::object> request_kwargs(const boost::json::object& request) const = 0;

    // First-turn render + encode (4.4). Render failures are errc::template_* / internal (500).
    virtual result<token_ids> first_turn(const boost::json::array& messages, const boost::json::value& tools,
                                         const boost::json::object& kwargs) const = 0;
    // boundary(prefix) ++ tokens of the appended messages and the generation prompt (6.2, 6.4).
    // Returns the full prompt: prefix (after the boundary rule) followed by the new tokens.
    // The appended messages are messages[stored_count:]; of the stored history only its last
    // message is read, so the session passes the request list itself (no old + appended copy).
    virtual result<token_ids> merge_tokens(const boost::json::value& last_stored, std::size_t stored_count,
                                           const boost::json::array& messages, const token_ids& prefix,
                                           const boost::json::value& tools, const boost::json::object& kwargs) const = 0;
    // The same with the stored history as a list (effective = old ++ appended).
    result<token_ids> merge_tokens(const boost::json::array& old_messages, const boost::json::array& effective_messages,
                                   const token_ids& prefix, const boost::json::value& tools,
                                   const boost::json::object& kwargs) const {
        if (old_messages.empty()) return error{errc::internal, "incremental render needs a stored history"};
        return merge_tokens(old_messages.back(), old_messages.size(), effective_messages, prefix, tools, kwargs);
    }

    // The mismatch comparator (7.2-7.3) over the canonical render of `messages` with base kwargs.
    virtual result<std::vector<mismatch>> compare(const boost::json::array& messages, const boost::json::value& tools,
                                                  const token_ids& actual) const = 0;
};

}  // namespace tito::chat

#include <memory>

namespace tito::chat {

// How to build the family (spec 1.2, 6.3, 6.6); filled from tito-server's flags.
struct family_config {
    std::string tito_model = "default";       // default, qwen3, qwen35, qwennext, glm47
    std::string hf_checkpoint;                // local model folder, or a hub id found in the local HF cache
    std::string chat_template_path;           // replaces the native template (default family only)
    boost::json::object chat_template_kwargs; // server-default kwargs (--apply-chat-template-kwargs)
};

// Loads tokenizer + template and returns the family. Start-up errors (unknown family, missing
// template, conflicting kwargs, newline not one token, ...) are errc::config with a clear message.
result<std::shared_ptr<const family>> make_family(const family_config& cfg);

}  // namespace tito::chat
