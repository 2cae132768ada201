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

}  // namespace

result<bj::array> normalize_messages(const bj::array& messages, bj::storage_ptr sp) {
    bj::array out(messages, std::move(sp));
    for (std::size_t m = 0; m < out.size(); ++m) {
        auto* msg = out[m].if_object();
        if (!msg) return error{errc::template_runtime, fmt::format("messages[{}] is not an object", m)};
        auto* role = msg->if_contains("role");
        if (!role || !role->is_string() || role->get_string() != "assistant") continue;
        auto* content = msg->if_contains("content");
        if (!content) (*msg)["content"] = "";
        else if (content->is_null()) *content = "";
        if (auto* tc = msg->if_contains("tool_calls"); tc && tc->is_array()) {
            TITO_TRY_VOID(normalize_tool_calls(tc->get_array(), m));
        }
    }
    return out;
}

}  // namespace tito::chat
