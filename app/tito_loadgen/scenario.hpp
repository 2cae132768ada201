// File: app/tito_loadgen/scenario.hpp
// The multi-turn session script of `tito-loadgen sessions`: what one agent session sends. Each
// turn's request carries the whole conversation so far (append-only, like an agent loop): the
// backend's assistant message is appended exactly as returned, then a tool result for every tool
// call it made, else a new user message of a configured size. Pure (no I/O), so it is unit-tested.
// Usage:
//   scenario sc;  sc.user_chars = 512;
//   conversation c{sc, /*session_index=*/7};
//   std::string body = c.request_body();          // turn 0
//   if (!c.apply_reply(response_body)) ...        // then request_body() again for turn 1
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tito::loadgen {

struct scenario {
    unsigned turns = 6;               // chat turns per session
    std::size_t user_chars = 256;     // size of each user message's content
    std::size_t tool_chars = 256;     // size of each tool result's content
    std::size_t system_chars = 0;     // 0: no system message
    bool tools = true;                // declare bench_tool, so an agent-like backend calls it
    std::string template_kwargs;      // raw JSON object for chat_template_kwargs ("" = omit)
    std::string model = "tito-bench";
};

// Filler text of exactly n bytes (ASCII words), varied by a seed so sessions differ.
std::string filler_text(std::size_t n, std::uint64_t seed);

class conversation {
public:
    conversation(const scenario& sc, std::uint64_t session_index);
    // The JSON body of the next chat turn (the second form reuses the caller's buffer).
    std::string request_body() const;
    void request_body(std::string& out) const;
    // Appends the reply's choices[0].message and the next input (tool results or a user
    // message). False when the body is not a chat completion with a message.
    bool apply_reply(std::string_view response_body);
    // Appends a fixed assistant text message and the next user message: for targets that answer
    // 2xx but not with a chat completion (a transparent proxy in front of a non-chat path).
    void apply_synthetic_reply();
    unsigned turns_done() const { return turns_done_; }
    std::size_t message_count() const { return messages_; }

private:
    void append_message(std::string_view json);
    void append_user();
    const scenario* sc_;
    std::uint64_t index_;
    std::string messages_json_;  // the items of the messages array, comma-separated
    std::size_t messages_ = 0;
    unsigned turns_done_ = 0;
};

}  // namespace tito::loadgen
