// File: chat/incremental.hpp
// The default incremental algorithm (spec 6.2): render a constant synthetic prefix
// [DUMMY_SYSTEM, dummy_assistant(last stored message)] without and with the appended messages (the
// latter with the generation prompt), require the second text to start with the first, and encode
// the difference.
// Usage:
//   TITO_TRY(auto ids, tito::chat::tokenize_additional(r, tok, stored.back(), stored.size(), request, tools, kwargs));
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <vector>

#include "base/result.hpp"
#include "chat/renderer.hpp"
#include "tokenizer/tokenizer.hpp"

namespace tito::chat {

// {"role":"assistant","content":"","reasoning_content":" ","tool_calls": last.tool_calls or []}
boost::json::object dummy_assistant(const boost::json::value& last, boost::json::storage_ptr sp = {});

// The suffix text for messages[stored_count:] plus the generation prompt; `last_stored` is the
// last message of the stored history (only its tool_calls are read). Nothing else of the history
// is read, so the caller passes the request list as is, without building old + appended copies.
// A failed prefix check is errc::template_runtime "rendered suffix diff failed for ['user',
// 'tool']" (or ['generation_prompt'] when nothing is appended).
result<std::string> rendered_suffix(const renderer& r, const boost::json::value& last_stored, std::size_t stored_count,
                                    const boost::json::array& messages, const boost::json::value& tools,
                                    const boost::json::object& kwargs);

// encode(rendered_suffix(...)) without special-token post-processing.
result<std::vector<tokenizer::token_id>> tokenize_additional(const renderer& r, const tokenizer::tokenizer& tok,
                                                             const boost::json::value& last_stored,
                                                             std::size_t stored_count,
                                                             const boost::json::array& messages,
                                                             const boost::json::value& tools,
                                                             const boost::json::object& kwargs);

}  // namespace tito::chat
