// File: chat/incremental.cpp
// See incremental.hpp (miles TITOTokenizer._tokenize_rendered_suffix / tokenize_additional_messages).
#include "chat/incremental.hpp"

#include <fmt/format.h>

#include "chat/python_values.hpp"

namespace tito::chat {
namespace {

namespace bj = boost::json;

// Python repr of a role for the failure message ('user'; a missing role is a KeyError in Python,
// shown here as None).
std::string role_repr(const bj::value& msg) {
    const auto* o = msg.if_object();
    const bj::value* r = o ? o->if_contains("role") : nullptr;
    return r ? py_repr(*r) : "None";
}

}  // namespace

bj::object dummy_assistant(const bj::value& last) {
    bj::object a;
    a["role"] = "assistant";
    a["content"] = "";
    a["reasoning_content"] = " ";
    const bj::value* tc = last.is_object() ? last.get_object().if_contains("tool_calls") : nullptr;
    a["tool_calls"] = (tc && py_truthy(*tc)) ? *tc : bj::value(bj::array{});
    return a;
}

result<std::string> rendered_suffix(const renderer& r, const bj::array& old_messages, const bj::array& new_messages,
                                    const bj::value& tools, const bj::object& kwargs) {
    if (old_messages.empty()) return error{errc::internal, "incremental render needs a stored history"};
    if (new_messages.size() < old_messages.size())
        return error{errc::internal, fmt::format("new messages ({}) are fewer than stored messages ({})",
                                                 new_messages.size(), old_messages.size())};
    bj::array base;
    base.reserve(2 + new_messages.size() - old_messages.size());
    base.push_back(bj::object{{"role", "system"}, {"content", "dummy system"}});
    base.push_back(dummy_assistant(old_messages.back()));
    TITO_TRY(std::string without, r.render(base, tools, false, kwargs));
    for (std::size_t i = old_messages.size(); i < new_messages.size(); ++i) base.push_back(new_messages[i]);
    TITO_TRY(std::string with, r.render(base, tools, true, kwargs));
    if (!with.starts_with(without)) {
        std::string roles;
        for (std::size_t i = old_messages.size(); i < new_messages.size(); ++i) {
            if (!roles.empty()) roles += ", ";
            roles += role_repr(new_messages[i]);
        }
        if (roles.empty()) roles = "'generation_prompt'";
        return error{errc::template_runtime, fmt::format("rendered suffix diff failed for [{}]", roles)};
    }
    return with.substr(without.size());
}

result<std::vector<tokenizer::token_id>> tokenize_additional(const renderer& r, const tokenizer::tokenizer& tok,
                                                             const bj::array& old_messages, const bj::array& new_messages,
                                                             const bj::value& tools, const bj::object& kwargs) {
    TITO_TRY(std::string suffix, rendered_suffix(r, old_messages, new_messages, tools, kwargs));
    return tok.encode(suffix, false);
}

}  // namespace tito::chat
