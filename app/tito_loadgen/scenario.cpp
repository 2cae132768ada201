// File: app/tito_loadgen/scenario.cpp
#include "scenario.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <fmt/format.h>

#include "base/json.hpp"

namespace tito::loadgen {

namespace {

constexpr std::string_view bench_tool =
    R"({"type":"function","function":{"name":"bench_tool","description":"Synthetic benchmark tool",)"
    R"("parameters":{"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer"}},"required":[]}}})";

constexpr std::string_view words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
                                      "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};

}  // namespace

std::string filler_text(std::size_t n, std::uint64_t seed) {
    std::string out;
    out.reserve(n + 16);
    std::uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    while (out.size() < n) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if (!out.empty()) out += ' ';
        out += words[x % std::size(words)];
    }
    out.resize(n);
    if (!out.empty() && out.back() == ' ') out.back() = '.';
    return out;
}

conversation::conversation(const scenario& sc, std::uint64_t session_index) : sc_(&sc), index_(session_index) {
    if (sc.system_chars > 0) {
        std::string m = R"({"role":"system","content":)";
        json::append_quoted(m, filler_text(sc.system_chars, 0));
        m += '}';
        append_message(m);
    }
    append_user();
}

void conversation::append_message(std::string_view json) {
    if (messages_++) messages_json_ += ',';
    messages_json_ += json;
}

void conversation::append_user() {
    std::string m = R"({"role":"user","content":)";
    json::append_quoted(m, filler_text(sc_->user_chars, index_ * 131 + turns_done_));
    m += '}';
    append_message(m);
}

std::string conversation::request_body() const {
    std::string body;
    request_body(body);
    return body;
}

void conversation::request_body(std::string& body) const {
    body.clear();
    body.reserve(messages_json_.size() + bench_tool.size() + sc_->template_kwargs.size() + 64);
    body += R"({"model":)";
    json::append_quoted(body, sc_->model);
    body += R"(,"messages":[)";
    body += messages_json_;
    body += ']';
    if (sc_->tools) {
        body += R"(,"tools":[)";
        body += bench_tool;
        body += ']';
    }
    if (!sc_->template_kwargs.empty()) {
        body += R"(,"chat_template_kwargs":)";
        body += sc_->template_kwargs;
    }
    body += '}';
}

bool conversation::apply_reply(std::string_view response_body) {
    // Replies are parsed into a stack arena: no heap traffic for the common small reply.
    unsigned char arena[16384];
    boost::json::monotonic_resource mr{arena, sizeof arena};
    boost::system::error_code ec;
    auto v = boost::json::parse(response_body, ec, &mr);
    if (ec || !v.is_object()) return false;
    auto* choices = v.get_object().if_contains("choices");
    if (!choices || !choices->is_array() || choices->get_array().empty()) return false;
    auto& c0 = choices->get_array()[0];
    auto* msg = c0.is_object() ? c0.get_object().if_contains("message") : nullptr;
    if (!msg || !msg->is_object()) return false;
    // The request must extend the conversation exactly as the backend produced it, so the
    // message is re-sent as returned (compact JSON, the same value).
    if (messages_++) messages_json_ += ',';
    json::append_compact(messages_json_, *msg);
    ++turns_done_;
    std::size_t calls = 0;
    if (auto* tc = msg->get_object().if_contains("tool_calls"); tc && tc->is_array()) {
        for (auto& call : tc->get_array()) {
            if (!call.is_object()) continue;
            std::string m = R"({"role":"tool","content":)";
            json::append_quoted(m, filler_text(sc_->tool_chars, index_ * 131 + turns_done_ + 7 * calls));
            if (auto* id = call.get_object().if_contains("id"); id && id->is_string()) {
                m += R"(,"tool_call_id":)";
                json::append_quoted(m, id->get_string());
            }
            if (auto* fn = call.get_object().if_contains("function"); fn && fn->is_object())
                if (auto* n = fn->get_object().if_contains("name"); n && n->is_string()) {
                    m += R"(,"name":)";
                    json::append_quoted(m, n->get_string());
                }
            m += '}';
            append_message(m);
            ++calls;
        }
    }
    if (calls == 0) append_user();
    return true;
}

void conversation::apply_synthetic_reply() {
    append_message(R"({"role":"assistant","content":"ok"})");
    ++turns_done_;
    append_user();
}

}  // namespace tito::loadgen
