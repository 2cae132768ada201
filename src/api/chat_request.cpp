// File: api/chat_request.cpp
#include "api/chat_request.hpp"

#include "base/json_parse.hpp"

#include <fmt/format.h>

namespace tito::api {

bool python_truthy(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::null: return false;
        case boost::json::kind::bool_: return v.get_bool();
        case boost::json::kind::int64: return v.get_int64() != 0;
        case boost::json::kind::uint64: return v.get_uint64() != 0;
        case boost::json::kind::double_: return v.get_double() != 0.0;
        case boost::json::kind::string: return !v.get_string().empty();
        case boost::json::kind::array: return !v.get_array().empty();
        case boost::json::kind::object: return !v.get_object().empty();
    }
    return false;
}

const boost::json::object& normalized_chat::kwargs() const {
    static const boost::json::object none;
    const auto* k = body.if_contains("chat_template_kwargs");
    return k ? k->get_object() : none;
}

const boost::json::value& normalized_chat::tools() const {
    static const boost::json::value none;
    const auto* t = body.if_contains("tools");
    return t ? *t : none;
}

result<boost::json::value> parse_json_body(std::string_view body, boost::json::storage_ptr sp) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return boost::json::value(boost::json::object(sp));
    boost::system::error_code ec;
    auto v = json::parse_exact(body, ec, 512, std::move(sp));
    if (ec) return error{errc::bad_request, "invalid JSON body: " + ec.message()};
    return v;
}

std::string_view normalized_chat::messages_text() const {
    for (auto it = verbatim.rbegin(); it != verbatim.rend(); ++it)
        if (it->key == "messages") return it->compact ? it->value : std::string_view{};
    return {};
}

namespace {

// `raw` with the known opening of its message list (`m.skipped` bytes, `count` messages) replaced
// by `count` nulls: "[null,null,<the rest of the list>".
std::string with_placeholders(std::string_view raw, const json::raw_member& m, std::size_t count) {
    const auto list_at = static_cast<std::size_t>(m.value.data() - raw.data());
    const std::size_t rest_at = list_at + m.skipped + 1;  // past the comma after the known messages
    std::string out;
    out.reserve(raw.size() - m.skipped + 5 * count + 1);
    out.append(raw.substr(0, list_at));
    out += '[';
    for (std::size_t i = 0; i < count; ++i) out += "null,";
    out.append(raw.substr(rest_at));
    return out;
}

}  // namespace

result<normalized_chat> normalize_chat_request(std::string raw, const chat::family& fam, const chat_flags& flags,
                                               const known_history* known) {
    // The history is most of every body: its text goes upstream as sent when re-serializing it
    // would give the same bytes (only keys the server never rewrites qualify), and the part of it
    // the latest record already sent is not parsed again. (The member views point into raw's heap
    // buffer, which moves with the string; a short string's inline buffer would not, so a short
    // body keeps no views: it is scanned only for the depth of its list.)
    std::vector<json::raw_member> members;
    bool split = false;
    std::string stand_in;
    std::size_t placeholders = 0;
    {
        const bool use_known = raw.size() >= 256 && known && known->count > 0 && known->messages_text.size() >= 2 &&
                               known->messages_text.front() == '[' && known->messages_text.back() == ']';
        if (use_known) {
            const auto opening = known->messages_text.substr(0, known->messages_text.size() - 1);
            split = json::split_members(raw, members, json::known_prefix{"messages", opening});
            const json::raw_member* list = nullptr;
            std::size_t lists = 0;
            for (const auto& m : members)
                if (m.key == "messages") list = &m, ++lists;
            // Only when the whole list goes upstream as sent: the placeholders are never written.
            if (split && lists == 1 && list->skipped > 0 && list->compact) {
                stand_in = with_placeholders(raw, *list, known->count);
                placeholders = known->count;
            }
        } else {
            split = json::split_members(raw, members);
        }
    }
    // The body DOM lives in one arena: built by bumping a pointer, dropped at the end of the turn
    // in one go. The appended messages are copied to the heap on commit.
    auto arena = json::new_arena((placeholders ? stand_in.size() : raw.size()) * 2 + 1024);
    auto parsed = parse_json_body(placeholders ? stand_in : raw, boost::json::storage_ptr(arena.get()));
    if (!parsed && placeholders) {
        // Not expected (the known text parsed before); the whole body gives the error it would have.
        placeholders = 0;
        arena = json::new_arena(raw.size() * 2 + 1024);
        parsed = parse_json_body(raw, boost::json::storage_ptr(arena.get()));
    }
    if (!parsed) return parsed.error();
    if (!parsed->is_object()) return error{errc::bad_request, "invalid JSON body: expected an object"};
    normalized_chat out{std::move(arena), std::move(parsed->get_object())};
    auto& b = out.body;

    if (auto* s = b.if_contains("stream")) out.client_stream = python_truthy(*s);
    b.erase("stream");
    b.erase("stream_options");
    b["logprobs"] = true;
    b["return_meta_info"] = true;
    if (flags.use_routed_experts) b["return_routed_experts"] = true;
    if (flags.use_indexer_topk) b["return_indexer_topk"] = true;
    b["no_stop_trim"] = false;
    if (flags.use_lora) b["lora_path"] = "miles_lora";

    // chat_template_kwargs (3.3)
    boost::json::object eff(b.storage());  // in the arena, like the body it goes into
    auto* req_kw = b.if_contains("chat_template_kwargs");
    if (req_kw && !req_kw->is_null() && !req_kw->is_object())
        return error{errc::bad_request, "chat_template_kwargs must be an object"};
    if (req_kw && req_kw->is_object() && !req_kw->get_object().empty()) {
        TITO_TRY(eff, fam.request_kwargs(req_kw->get_object()));
    } else {
        eff = fam.base_kwargs();
    }
    if (!eff.empty()) b["chat_template_kwargs"] = std::move(eff);
    else b.erase("chat_template_kwargs");

    // messages: a list of objects (the reference fails with a bare 500 otherwise; spec 5.1 asks
    // for an early 400).
    auto* msgs = b.if_contains("messages");
    if (!msgs || !msgs->is_array()) return error{errc::bad_request, "messages must be a list of message objects"};
    for (std::size_t i = placeholders; i < msgs->get_array().size(); ++i)
        if (!msgs->get_array()[i].is_object())
            return error{errc::bad_request, fmt::format("messages[{}] must be an object", i)};

    out.raw = std::move(raw);
    out.placeholders = placeholders;
    if (split)
        for (const auto& m : members) {
            if ((m.key == "messages" || m.key == "tools") && out.raw.size() >= 256) out.verbatim.push_back(m);
            if (m.key == "messages") out.history_recordable = m.depth <= normalized_chat::max_known_depth;
        }
    return out;
}

}  // namespace tito::api
