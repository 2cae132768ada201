// File: obs/log.hpp
// Structured event logs (STYLE.md 3.7): one line per event, `key=value` text by default or JSON
// lines (--log-format json). A request never waits for the terminal or disk: each thread appends
// its lines to its own bounded buffer, and one writer thread writes all pending text to stderr
// every 50 ms (at once after a warning) in one write(). A line that would overflow its thread's
// buffer is dropped and counted (dropped_lines(), exported as a metric).
// Usage:
//   obs::init_logging({.json = false});
//   obs::event e{"chat_done"};
//   e.add("session_id", id).add("total_ms", 12.5).add("status", 200);
//   obs::emit(e);
#pragma once

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tito::obs {

struct log_config {
    bool json = false;
    std::string min_level = "info";   // info | warn | off: events below are neither built nor written
    std::size_t queue_lines = 65536;  // bound of each thread's pending text, in ~512-byte lines
    bool to_stderr = true;
};

void init_logging(const log_config& cfg);
// Writes what is pending and stops the writer (call at exit, after the threads that log stopped).
void shutdown_logging();
std::uint64_t dropped_lines();
std::uint64_t emitted_lines();
// True when an event of this level ("info", "warn") is written; callers skip building one otherwise.
bool enabled(std::string_view level);
// The levels --log-level accepts.
bool valid_level(std::string_view level);

// One structured line under construction; fields keep insertion order.
class event {
public:
    explicit event(std::string_view name, std::string_view level = "info");
    event& add(std::string_view key, std::string_view value);
    event& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
    event& add(std::string_view key, const std::string& value) { return add(key, std::string_view(value)); }
    event& add(std::string_view key, std::int64_t value);
    event& add(std::string_view key, int value) { return add(key, static_cast<std::int64_t>(value)); }
    event& add(std::string_view key, std::uint64_t value);
    event& add(std::string_view key, double value);  // 3 decimals
    const std::string& level() const { return level_; }
    // Renders the line in the configured format (without trailing newline).
    std::string render(bool json) const;
    void render_to(std::string& out, bool json) const;  // appended to `out`

private:
    // Keys and values live back to back in one buffer, a field is its offsets into it; both
    // buffers start inside the event (a usual line allocates nothing).
    struct field {
        std::uint32_t key, key_len, value, value_len;
        bool quoted;  // string (quoted in JSON; quoted in text only when it contains spaces or '=')
    };
    event& push(std::string_view key, std::size_t value_start, bool quoted);
    event& push_number(std::string_view key, std::string_view text);  // an unquoted value
    std::string_view bytes() const;
    void append_bytes(std::string_view s);
    std::string name_;
    std::string level_;
    boost::container::small_vector<char, 384> bytes_;
    boost::container::small_vector<field, 16> fields_;
};

void emit(const event& e);

}  // namespace tito::obs
