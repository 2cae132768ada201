// File: app/tito_loadgen/session_driver.hpp
// `tito-loadgen sessions`: N concurrent agent sessions. Each session sticks to one port picked at
// random from the target list and runs POST /sessions -> `turns` chat turns (scenario.hpp) ->
// optional GET /sessions/{id} -> DELETE, on one keep-alive connection; a slot starts a new session
// as soon as its previous one ends, so N stay in flight. Slots start on a linear ramp. Turns are
// sequential, so there is no open-loop schedule inside a session: the chat latency is the client's
// wall time from send to the full response. Everything completed inside the measured window
// (after warm-up) is counted; errors are classified (HTTP status >= 400 by status, transport) and
// end only their session (spec 11.4). Bounded: no new turn after the window, in-flight requests
// get `grace_s`, then the run stops. Loopback targets only.
// Usage:
//   sessions_config cfg;  cfg.ports = {8000, 8001};  cfg.sessions = 200;
//   sessions_result r = run_sessions(cfg);
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "histogram.hpp"
#include "scenario.hpp"

namespace tito::loadgen {

struct sessions_config {
    std::string host = "127.0.0.1";
    std::vector<std::uint16_t> ports;
    unsigned sessions = 100;  // concurrent sessions
    unsigned threads = 1;
    double ramp_s = 1;        // slot i starts at ramp_s * i / sessions
    double warmup_s = 5;
    double duration_s = 45;   // measured window, after warm-up
    double grace_s = 10;      // after the window: time left for in-flight requests
    bool direct = false;      // no session lifecycle: chat turns straight to chat_path (a backend)
    bool get_session = false; // GET /sessions/{id} after the last turn
    bool any_reply = false;   // a 2xx chat answer that is not a chat completion still counts (see apply_synthetic_reply)
    std::string chat_path = "/sessions/{id}/v1/chat/completions";  // {id}: the session id
    std::uint64_t seed = 1;
    scenario script;
};

// One kind of request (chat, create, get, delete), counted when it completes inside the window.
struct op_stats {
    histogram latency;                       // every completed request (any status)
    std::uint64_t ok = 0;                    // 2xx
    std::map<int, std::uint64_t> by_status;  // non-2xx statuses
    std::uint64_t transport_errors = 0;
    std::uint64_t bad_body = 0;              // 2xx whose body is not what the script needs
    std::uint64_t errors() const;
    void merge(const op_stats& o);
};

struct sessions_result {
    op_stats chat, create, get, del;
    std::uint64_t sessions_ok = 0;      // finished every turn without an error, inside the window
    std::uint64_t sessions_failed = 0;  // ended by an error, inside the window
    double measured_s = 0;
    double window_start_unix = 0, window_end_unix = 0;  // wall clock, for matching server logs
    double cpu_s = 0;                   // this process's CPU time inside the window
    double chat_per_s() const { return measured_s > 0 ? static_cast<double>(chat.ok) / measured_s : 0; }
};

// Fails (no samples, one transport error) when the host is not a loopback address or no port is given.
sessions_result run_sessions(const sessions_config& cfg);

}  // namespace tito::loadgen
