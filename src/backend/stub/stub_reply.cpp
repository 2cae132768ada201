// File: backend/stub/stub_reply.cpp
// What the stub says (see reply_format in stub_backend.hpp). The qwen3 format writes exactly the
// text qwen3_fixed.jinja renders for the assistant message after "<|im_start|>assistant\n":
//   thinking on:  "<think>\n" R "\n</think>\n\n" C [tool calls] "<|im_end|>"
//   thinking off: C [tool calls] "<|im_end|>"   (the generation prompt already holds the empty think block)
// with tool calls as "<tool_call>\n{\"name\": N, \"arguments\": A}\n</tool_call>" (A in json.dumps
// spacing, "\n" between calls and after non-empty content).
#include <fmt/format.h>

#include "backend/stub/stub_backend.hpp"
#include "base/json.hpp"

namespace tito::backend {

namespace {

const boost::json::object* as_object(const boost::json::value* v) { return v && v->is_object() ? &v->get_object() : nullptr; }

std::string last_role(const boost::json::object& req) {
    auto* m = req.if_contains("messages");
    if (!m || !m->is_array() || m->get_array().empty()) return "";
    auto* last = as_object(&m->get_array().back());
    if (!last) return "";
    auto* r = last->if_contains("role");
    return r && r->is_string() ? std::string(r->get_string()) : "";
}

std::string first_tool_name(const boost::json::object& req) {
    auto* t = req.if_contains("tools");
    if (!t || !t->is_array() || t->get_array().empty()) return "";
    auto* tool = as_object(&t->get_array()[0]);
    if (!tool) return "";
    if (auto* fn = as_object(tool->if_contains("function")))
        if (auto* n = fn->if_contains("name"); n && n->is_string()) return std::string(n->get_string());
    if (auto* n = tool->if_contains("name"); n && n->is_string()) return std::string(n->get_string());
    return "";
}

bool thinking_on(const boost::json::object& req) {
    auto* kw = as_object(req.if_contains("chat_template_kwargs"));
    if (!kw) return true;
    auto* et = kw->if_contains("enable_thinking");
    return !(et && et->is_bool() && !et->get_bool());
}

std::size_t message_count(const boost::json::object& req) {
    auto* m = req.if_contains("messages");
    return m && m->is_array() ? m->get_array().size() : 0;
}

}  // namespace

stub_reply make_stub_reply(const stub_config& cfg, const boost::json::value& request) {
    stub_reply out;
    static const boost::json::object empty;
    const auto& req = request.is_object() ? request.get_object() : empty;
    if (cfg.format == reply_format::fixed || !cfg.tok) {
        out.message_json = R"({"role":"assistant","content":)";
        json::append_quoted(out.message_json, cfg.reply_text);
        out.message_json += R"(,"reasoning_content":null,"tool_calls":null})";
        for (std::size_t i = 0; i < cfg.completion_tokens; ++i) out.completion_ids.push_back(static_cast<std::uint32_t>(1000 + i));
        return out;
    }
    const std::size_t n = message_count(req);
    const std::string tool = first_tool_name(req);
    const bool call_tool = !tool.empty() && last_role(req) == "user";
    const bool thinking = thinking_on(req);
    const std::string reasoning = fmt::format("The conversation has {} messages; deciding what to do.", n);
    const std::string content = call_tool ? "" : fmt::format("{} (reply to message {})", cfg.reply_text, n);
    const std::string arguments = fmt::format(R"({{"query": "step {}", "limit": {}}})", n, n % 5 + 1);

    std::string text;
    if (thinking) text += "<think>\n" + reasoning + "\n</think>\n\n";
    text += content;
    out.message_json = R"({"role":"assistant","content":)";
    json::append_quoted(out.message_json, content);
    out.message_json += ",\"reasoning_content\":";
    if (thinking) json::append_quoted(out.message_json, reasoning);
    else out.message_json += "null";
    out.message_json += ",\"tool_calls\":";
    if (call_tool) {
        if (!content.empty()) text += "\n";
        text += "<tool_call>\n{\"name\": \"" + tool + "\", \"arguments\": " + arguments + "}\n</tool_call>";
        out.message_json += fmt::format(R"([{{"id":"call_{}","index":0,"type":"function","function":{{"name":)", n);
        json::append_quoted(out.message_json, tool);
        out.message_json += ",\"arguments\":";
        json::append_quoted(out.message_json, arguments);
        out.message_json += "}}]";
        out.finish_reason = "tool_calls";
    } else {
        out.message_json += "null";
    }
    out.message_json += '}';
    text += cfg.eos_token;
    out.completion_ids = cfg.tok->encode(text, false);
    return out;
}

}  // namespace tito::backend
