// File: api/session_view.cpp
// GET /sessions/{id} (spec 2.4, 7): a snapshot of the committed state taken under the short state
// guard (never the turn lock), then written out piece by piece: the records' request and
// response bodies are copied as the bytes that were sent and received, never re-parsed.
#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include "api/service.hpp"
#include "base/json.hpp"

namespace tito::api {

namespace {

void append_ids(std::string& out, const chat::token_ids& ids) { json::append_uint_list(out, ids); }

void append_record(std::string& out, const session::record& r) {
    out += "{\"timestamp\":";
    json::append_python_float(out, r.timestamp);
    out += ",\"request_timestamp\":";
    json::append_python_float(out, r.request_timestamp);
    out += R"(,"method":"POST","path":"/v1/chat/completions","request":)";
    out += r.request_json;
    out += ",\"response\":";
    out += r.response_json;
    out += ",\"status_code\":200}";
}

void append_mismatches(std::string& out, const std::vector<chat::mismatch>& ms) {
    out += '[';
    for (std::size_t i = 0; i < ms.size(); ++i) {
        const auto& m = ms[i];
        if (i) out += ',';
        out += "{\"type\":";
        json::append_quoted(out, m.type);
        fmt::format_to(std::back_inserter(out), ",\"segment_index\":{},\"expected_text\":", m.segment_index);
        json::append_quoted(out, m.expected_text);
        out += ",\"actual_text\":";
        json::append_quoted(out, m.actual_text);
        out += ",\"detail\":";
        json::append_quoted(out, m.detail);
        out += '}';
    }
    out += ']';
}

}  // namespace

// The metadata object of spec 7.1 (shared with the samples op).
std::string session_metadata_json(const context& ctx, const session::snapshot& snap) {
    std::string out = "{";
    const auto& ids = snap.token_ids();
    if (!ids.empty() && ctx.family) {
        const boost::json::value& tools = snap.records.empty() ? boost::json::value() : snap.records.back()->tools;
        auto ms = ctx.family->compare(snap.messages_array(), tools, ids);
        if (ms) {  // a failure is omitted, never an error (7.1)
            out += "\"tito_session_mismatch\":";
            append_mismatches(out, *ms);
            out += ',';
        }
    }
    out += "\"accumulated_token_ids\":";
    append_ids(out, ids);
    fmt::format_to(std::back_inserter(out), ",\"max_trim_tokens\":{}}}", ctx.family ? ctx.family->max_trim_tokens() : 0);
    return out;
}

void handle_get_session(const context& ctx, http::request, http::responder res, const std::string& id) {
    auto s = ctx.sessions.find(id);
    if (!s) return res.send(http::error_response(404, "session not found: session_id=" + id));
    auto snap = s->trajectory().snap();
    std::size_t size = 128 + snap.token_ids().size() * 7;
    for (const auto& r : snap.records) size += r->request_json.size() + r->response_json.size() + 160;
    std::string body;
    body.reserve(size);
    body += "{\"session_id\":";
    json::append_quoted(body, s->id());
    body += ",\"records\":[";
    for (std::size_t i = 0; i < snap.records.size(); ++i) {
        if (i) body += ',';
        append_record(body, *snap.records[i]);
    }
    body += "],\"metadata\":";
    body += session_metadata_json(ctx, snap);
    body += '}';
    res.send(http::json_response(200, std::move(body)));
}

}  // namespace tito::api
