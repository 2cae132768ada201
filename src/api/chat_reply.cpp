// File: api/chat_reply.cpp
#include "api/chat_reply.hpp"

#include <fmt/format.h>

#include <cmath>

#include "api/chat_reply_fast.hpp"
#include "base/json.hpp"
#include "base/json_parse.hpp"

namespace tito::api {

namespace {

error bad(std::string msg) { return error{errc::upstream_response, std::move(msg)}; }

bool is_integer(const boost::json::value& v) { return v.is_int64() || v.is_uint64(); }

// The document's numbers (parse_exact's flag also counts values a repeated key discarded).
bool all_finite(const boost::json::value& v, int depth = 0) {
    if (depth > 512) return false;
    switch (v.kind()) {
        case boost::json::kind::double_: return std::isfinite(v.get_double());
        case boost::json::kind::array:
            for (const auto& e : v.get_array())
                if (!all_finite(e, depth + 1)) return false;
            return true;
        case boost::json::kind::object:
            for (const auto& kv : v.get_object())
                if (!all_finite(kv.value(), depth + 1)) return false;
            return true;
        default: return true;
    }
}

}  // namespace

result<validated_reply> validate_upstream_reply(std::string_view body) {
    boost::system::error_code ec;
    // The document lives in an arena (dropped with the reply); what the session keeps (the
    // assistant message, the ids) is copied out below.
    auto arena = json::new_arena(body.size() * 2 + 1024);
    bool finite = true;
    bool compact = false;
    auto doc_value = json::parse_exact(body, ec, 512, boost::json::storage_ptr(arena.get()), &finite, &compact);
    validated_reply out{std::move(arena), std::move(doc_value)};
    out.text_compact = compact;
    if (ec) return bad("upstream response is not valid JSON: " + ec.message());
    const auto& doc = out.doc;
    if (!doc.is_object()) return bad("invalid chat completion response: expected a JSON object");
    // Parsing noticed every non-finite number read; only then is the document itself walked.
    if (!finite && !all_finite(doc)) return bad("invalid chat completion response: non-finite number");
    const auto& root = doc.get_object();
    static const boost::json::value empty_choice = boost::json::object{};
    const boost::json::value* choice = &empty_choice;
    if (auto* choices = root.if_contains("choices")) {
        if (!choices->is_array() || choices->get_array().empty())
            return bad("invalid chat completion response: choices must be a non-empty array");
        choice = &choices->get_array()[0];
        if (!choice->is_object()) return bad("invalid chat completion response: choices[0] must be an object");
    }
    const auto& ch = choice->get_object();
    auto* meta = ch.if_contains("meta_info");
    if (!meta || !meta->is_object() || !meta->get_object().contains("output_token_logprobs"))
        return bad("meta_info and output_token_logprobs must be in choice (requires logprobs=True)");
    const auto* msg = ch.if_contains("message");
    if (msg && !msg->is_null() && !msg->is_object())
        return bad("invalid chat completion response: message must be an object");
    // Copy-assigned: the copy takes the member's heap storage (the session keeps it), not the arena.
    if (msg && msg->is_object()) out.assistant_message = *msg;
    else out.assistant_message = boost::json::object{};
    auto* content = out.assistant_message.get_object().if_contains("content");
    if (!content || content->is_null())
        return bad("assistant message content is None, when tool call parser failed SGLang should still return an "
                   "empty content rather than None. Please check your modified SGLang version.");
    const auto& mi = meta->get_object();
    auto* ct = mi.if_contains("completion_tokens");
    if (!ct) return bad("invalid chat completion response: meta_info.completion_tokens is missing");
    if (!is_integer(*ct)) return bad("invalid chat completion response: meta_info.completion_tokens must be an integer");
    const auto& otl = mi.at("output_token_logprobs");
    if (!otl.is_array()) return bad("invalid chat completion response: output_token_logprobs must be an array");
    const auto n = otl.get_array().size();
    const auto want = ct->is_int64() ? ct->get_int64() : static_cast<std::int64_t>(ct->get_uint64());
    if (static_cast<std::int64_t>(n) != want)
        return bad(fmt::format("invalid chat completion response: len(output_token_logprobs)={} != completion_tokens={}. "
                               "Please check whether you use the correct SGLang branch which has fix the tokenizer "
                               "batch decode issue.",
                               n, want));
    out.completion_ids.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& e = otl.get_array()[i];
        if (!e.is_array() || e.get_array().size() < 2)
            return bad(fmt::format("invalid chat completion response: output_token_logprobs[{}] must be an array of "
                                   "length >= 2",
                                   i));
        const auto& lp = e.get_array()[0];
        const auto& id = e.get_array()[1];
        if (!(lp.is_double() || is_integer(lp)))
            return bad(fmt::format("invalid chat completion response: output_token_logprobs[{}][0] must be a number", i));
        if (!is_integer(id) || (id.is_int64() && (id.get_int64() < 0 || id.get_int64() > 0xFFFFFFFFll)) ||
            (id.is_uint64() && id.get_uint64() > 0xFFFFFFFFull))
            return bad(fmt::format("invalid chat completion response: output_token_logprobs[{}][1] must be a token id", i));
        out.completion_ids.push_back(static_cast<chat::token_id>(id.is_int64() ? id.get_int64() : static_cast<std::int64_t>(id.get_uint64())));
    }
    return out;
}

result<validated_reply> read_upstream_reply(std::string_view body, bool want_doc) {
    if (!want_doc) {
        if (auto fast = read_reply_fast(body)) {
            validated_reply out;
            out.assistant_message = std::move(fast->assistant_message);
            out.completion_ids = std::move(fast->completion_ids);
            return out;
        }
    }
    return validate_upstream_reply(body);
}

std::string client_json_body(const boost::json::value& doc, std::string_view text, bool text_compact) {
    const auto& root = doc.get_object();
    auto* choices = root.if_contains("choices");
    bool needs_strip = false;
    if (choices && choices->is_array()) {
        for (const auto& c : choices->get_array()) {
            if (!c.is_object()) continue;
            auto* mi = c.get_object().if_contains("meta_info");
            if (mi && mi->is_object() && (mi->get_object().contains("routed_experts") || mi->get_object().contains("indexer_topk")))
                needs_strip = true;
        }
    }
    if (!needs_strip) return text_compact ? std::string(text) : json::compact(doc);
    boost::json::value copy = doc;
    for (auto& c : copy.get_object()["choices"].get_array()) {
        if (!c.is_object()) continue;
        auto* mi = c.get_object().if_contains("meta_info");
        if (!mi || !mi->is_object()) continue;
        // Rebuilt without the two keys: object::erase moves the last member into the hole, and
        // the other keys must keep their order (Python's dict.pop keeps it; "nothing else changes").
        auto& m = mi->get_object();
        boost::json::object kept(m.storage());
        kept.reserve(m.size());
        for (auto& kv : m)
            if (kv.key() != "routed_experts" && kv.key() != "indexer_topk") kept.emplace(kv.key(), std::move(kv.value()));
        m = std::move(kept);
    }
    return json::compact(copy);
}

std::string fake_sse_body(const boost::json::value& doc) {
    const auto& root = doc.get_object();
    static const boost::json::object empty;
    const boost::json::object* choice = &empty;
    if (auto* cs = root.if_contains("choices"); cs && cs->is_array() && !cs->get_array().empty() &&
                                                 cs->get_array()[0].is_object())
        choice = &cs->get_array()[0].get_object();
    const boost::json::object* message = &empty;
    if (auto* m = choice->if_contains("message"); m && m->is_object()) message = &m->get_object();

    boost::json::object delta;
    auto* role = message->if_contains("role");
    delta["role"] = (role && !role->is_null()) ? *role : boost::json::value("assistant");
    auto* content = message->if_contains("content");
    delta["content"] = content ? *content : boost::json::value(nullptr);
    if (auto* rc = message->if_contains("reasoning_content"); rc && !rc->is_null()) delta["reasoning_content"] = *rc;
    if (auto* tc = message->if_contains("tool_calls"); tc && tc->is_array() && !tc->get_array().empty()) {
        boost::json::array calls;
        std::int64_t i = 0;
        for (const auto& call : tc->get_array()) {
            boost::json::value c = call;
            if (c.is_object()) c.get_object()["index"] = i;
            ++i;
            calls.push_back(std::move(c));
        }
        delta["tool_calls"] = std::move(calls);
    }
    boost::json::object chunk_choice;
    chunk_choice["index"] = 0;
    chunk_choice["delta"] = std::move(delta);
    auto* fr = choice->if_contains("finish_reason");
    chunk_choice["finish_reason"] = fr ? *fr : boost::json::value(nullptr);

    boost::json::object chunk;
    auto copy_or_null = [&](const char* k) {
        auto* v = root.if_contains(k);
        chunk[k] = v ? *v : boost::json::value(nullptr);
    };
    copy_or_null("id");
    chunk["object"] = "chat.completion.chunk";
    copy_or_null("created");
    copy_or_null("model");
    chunk["choices"] = boost::json::array{std::move(chunk_choice)};
    if (auto* u = root.if_contains("usage"); u && !u->is_null()) chunk["usage"] = *u;
    std::string out = "data: ";
    json::append_compact(out, chunk);
    out += "\n\ndata: [DONE]\n\n";
    return out;
}

}  // namespace tito::api
