// File: api/session_view.cpp
// GET /sessions/{id} (spec 2.4, 7): a snapshot of the committed state taken under the short state
// guard (never the turn lock), then written out piece by piece: the records' request and
// response bodies go out as the bytes that were sent and received, by reference (one gather
// write), never re-parsed nor copied into one document.
#include <boost/json/parse.hpp>
#include <fmt/format.h>

#include "api/service.hpp"
#include "base/json.hpp"

namespace tito::api {

namespace {

// One record of spec 2.4 / 3.7: glue text around the stored request and response bytes, which go
// out by reference (the record is immutable and kept alive by the answer).
void append_record(http::gathered_builder& b, const session::record_ptr& r) {
    auto& out = b.text();
    out += "{\"timestamp\":";
    json::append_python_float(out, r->timestamp);
    out += ",\"request_timestamp\":";
    json::append_python_float(out, r->request_timestamp);
    out += R"(,"method":"POST","path":"/v1/chat/completions","request":)";
    b.external(r->request_json, r);
    b.text() += ",\"response\":";
    b.external(r->response_json, r);
    b.text() += ",\"status_code\":200}";
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
        static const boost::json::value none;
        const boost::json::value& tools =
            snap.records.empty() || !snap.records.back()->tools ? none : *snap.records.back()->tools;
        auto ms = ctx.family->compare(snap.messages_array(), tools, ids);
        if (ms) {  // a failure is omitted, never an error (7.1)
            out += "\"tito_session_mismatch\":";
            append_mismatches(out, *ms);
            out += ',';
        }
    }
    out += "\"accumulated_token_ids\":";
    json::append_uint_list(out, ids);
    fmt::format_to(std::back_inserter(out), ",\"max_trim_tokens\":{}}}", ctx.family ? ctx.family->max_trim_tokens() : 0);
    return out;
}

void handle_get_session(const context& ctx, http::request, http::responder res, const std::string& id) {
    auto s = ctx.sessions.find(id);
    if (!s) return res.send(http::error_response(404, "session not found: session_id=" + id));
    auto snap = s->trajectory().snap();
    // Records are written by reference, never copied into one document (a long session's records
    // can hold hundreds of MB of logprobs); only the glue and the metadata are built here.
    http::gathered_builder b;
    b.text().reserve(256 + snap.records.size() * 160 + snap.token_ids().size() * 7);
    b.text() += "{\"session_id\":";
    json::append_quoted(b.text(), s->id());
    b.text() += ",\"records\":[";
    for (std::size_t i = 0; i < snap.records.size(); ++i) {
        if (i) b.text() += ',';
        append_record(b, snap.records[i]);
    }
    b.text() += "],\"metadata\":";
    b.text() += session_metadata_json(ctx, snap);
    b.text() += '}';
    res.send(std::move(b).json_response(200));
}

}  // namespace tito::api
