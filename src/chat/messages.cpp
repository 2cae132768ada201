// File: chat/messages.cpp
// See messages.hpp. Python's json.loads is the reference parser for the arguments strings
// (base/json_parse.hpp reads them the same way: exact doubles, Python's duplicate-key rule).
#include "chat/messages.hpp"

#include <fmt/format.h>

#include "base/json_parse.hpp"
#include "chat/python_values.hpp"

namespace tito::chat {
namespace {

namespace bj = boost::json;

result<void> normalize_tool_calls(bj::array& calls, std::size_t msg_index) {
    for (std::size_t i = 0; i < calls.size(); ++i) {
        auto* call = calls[i].if_object();
        if (!call)
            return error{errc::template_runtime,
                         fmt::format("messages[{}].tool_calls[{}] is not an object", msg_index, i)};
        auto* func = call->if_contains("function");
        if (!func || !py_truthy(*func)) continue;
        auto* fo = func->if_object();
        if (!fo)
            return error{errc::template_runtime,
                         fmt::format("messages[{}].tool_calls[{}].function is not an object", msg_index, i)};
        auto* args = fo->if_contains("arguments");
        if (!args || !args->is_string()) continue;
        boost::system::error_code ec;
        bj::value parsed = json::parse_exact(args->get_string(), ec);
        if (ec)
            return error{errc::template_runtime,
                         fmt::format("messages[{}].tool_calls[{}].function.arguments is not valid JSON: {}", msg_index,
                                     i, ec.message())};
        *args = std::move(parsed);
    }
    return {};
}

// An assistant message (an object) normalized in place.
result<void> normalize_assistant(bj::object& msg, std::size_t m) {
    auto* content = msg.if_contains("content");
    if (!content) msg["content"] = "";
    else if (content->is_null()) *content = "";
    if (auto* tc = msg.if_contains("tool_calls"); tc && tc->is_array()) {
        TITO_TRY_VOID(normalize_tool_calls(tc->get_array(), m));
    }
    return {};
}

bool is_assistant(const bj::object& msg) {
    const auto* role = msg.if_contains("role");
    return role && role->is_string() && role->get_string() == "assistant";
}

error not_an_object(std::size_t m) { return error{errc::template_runtime, fmt::format("messages[{}] is not an object", m)}; }

}  // namespace

result<bj::array> normalize_messages(const bj::array& messages, bj::storage_ptr sp) {
    bj::array out(messages, std::move(sp));
    for (std::size_t m = 0; m < out.size(); ++m) {
        auto* msg = out[m].if_object();
        if (!msg) return not_an_object(m);
        if (is_assistant(*msg)) TITO_TRY_VOID(normalize_assistant(*msg, m));
    }
    return out;
}

result<jinja::value> normalized_message_values(const bj::array& messages, bj::storage_ptr sp) {
    std::vector<jinja::value> items;
    items.reserve(messages.size());
    for (std::size_t m = 0; m < messages.size(); ++m) {
        const auto* msg = messages[m].if_object();
        if (!msg) return not_an_object(m);
        if (!is_assistant(*msg)) {
            items.push_back(jinja::from_json(messages[m]));
            continue;
        }
        bj::value copy(messages[m], sp);
        TITO_TRY_VOID(normalize_assistant(copy.get_object(), m));
        items.push_back(jinja::from_json(copy));
    }
    return jinja::value::from_list(std::move(items));
}

}  // namespace tito::chat
