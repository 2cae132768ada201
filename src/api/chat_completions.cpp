// File: api/chat_completions.cpp
// POST /sessions/{id}/v1/chat/completions: the TITO turn (spec 3). Until the tokenizer and the
// template engine are wired in, a known session answers 501 and nothing is forwarded.
#include "api/service.hpp"

namespace tito::api {

void handle_chat_completions(const context& ctx, http::request, http::responder res, const std::string& id) {
    auto s = ctx.sessions.find(id);
    if (!s || s->closing()) return res.send(http::error_response(404, "session not found: session_id=" + id));
    res.send(http::error_response(501, "TITO chat turns are not implemented yet"));
}

}  // namespace tito::api
