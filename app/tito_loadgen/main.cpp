// File: app/tito_loadgen/main.cpp
// tito-loadgen: HTTP load against loopback targets; prints a summary on stderr and TSV rows
// "name<TAB>run<TAB>metric<TAB>value" (bench/results format) on stdout. Two modes:
//   tito-loadgen --port P [--rate R] ...      one fixed request, open or closed loop (open_loop.hpp)
//   tito-loadgen sessions --ports P1,P2 ...   multi-turn agent sessions (session_driver.hpp)
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstring>

#include <sys/resource.h>

#include "open_loop.hpp"
#include "report.hpp"
#include "session_driver.hpp"

namespace {

using namespace tito::loadgen;

int fixed_main(int argc, char** argv) {
    CLI::App app{"tito-loadgen: open- or closed-loop HTTP load for tito-server benchmarks (loopback only).\n"
                 "Multi-turn sessions: tito-loadgen sessions --help"};
    run_config cfg;
    std::string name = "run", run_id = "0";
    app.add_option("--host", cfg.tgt.host, "Target address (loopback only)")->capture_default_str();
    app.add_option("--port", cfg.tgt.port, "Target port")->required();
    app.add_option("--method", cfg.tgt.method, "HTTP method")->capture_default_str();
    app.add_option("--path", cfg.tgt.path, "Request target")->capture_default_str();
    app.add_option("--body", cfg.tgt.body, "Request body");
    app.add_option("--connections,-c", cfg.connections, "Concurrent connections")->capture_default_str();
    app.add_option("--threads,-t", cfg.threads, "Client threads")->capture_default_str();
    app.add_option("--rate,-R", cfg.rate, "Total requests/s (open loop); 0 = closed loop")->capture_default_str();
    app.add_option("--warmup", cfg.warmup_s, "Warm-up seconds (not measured)")->capture_default_str();
    app.add_option("--duration,-d", cfg.duration_s, "Measured seconds")->capture_default_str()->check(CLI::Range(0.1, 3600.0));
    app.add_option("--name", name, "Name for the TSV rows");
    app.add_option("--run", run_id, "Run id for the TSV rows");
    CLI11_PARSE(app, argc, argv);
    const auto r = run(cfg);
    report_fixed(stdout, stderr, name, run_id, r);
    return r.latency.count() == 0 ? 1 : 0;
}

int sessions_main(int argc, char** argv) {
    CLI::App app{"tito-loadgen sessions: N concurrent multi-turn agent sessions (POST /sessions, TURNS chat turns, "
                 "optional GET, DELETE), each on one port picked at random; loopback only"};
    sessions_config cfg;
    auto& sc = cfg.script;
    std::string name = "sessions", run_id = "0";
    bool no_tools = false;
    app.add_option("--host", cfg.host, "Target address (loopback only)")->capture_default_str();
    app.add_option("--ports,-p", cfg.ports, "Target ports (comma-separated or repeated); a session sticks to one")
        ->required()
        ->delimiter(',');
    app.add_option("--sessions,-c", cfg.sessions, "Concurrent sessions")->capture_default_str()->check(CLI::Range(1u, 1'000'000u));
    app.add_option("--turns", sc.turns, "Chat turns per session")->capture_default_str()->check(CLI::Range(1u, 100'000u));
    app.add_option("--threads,-t", cfg.threads, "Client threads")->capture_default_str();
    app.add_option("--ramp", cfg.ramp_s, "Seconds over which the session slots start")->capture_default_str();
    app.add_option("--warmup", cfg.warmup_s, "Warm-up seconds (not measured)")->capture_default_str();
    app.add_option("--duration,-d", cfg.duration_s, "Measured seconds")->capture_default_str()->check(CLI::Range(0.1, 3600.0));
    app.add_option("--grace", cfg.grace_s, "Seconds in-flight requests may take after the window")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 3600.0));
    app.add_option("--user-chars", sc.user_chars, "Characters per user message")->capture_default_str();
    app.add_option("--tool-chars", sc.tool_chars, "Characters per tool result")->capture_default_str();
    app.add_option("--system-chars", sc.system_chars, "Characters of a system message (0: none)")->capture_default_str();
    app.add_flag("--no-tools", no_tools, "Do not declare bench_tool (the backend then never calls a tool)");
    app.add_option("--chat-template-kwargs", sc.template_kwargs, "JSON object sent as chat_template_kwargs");
    app.add_flag("--get-session", cfg.get_session, "GET /sessions/{id} after the last turn (timed)");
    app.add_flag("--direct", cfg.direct,
                 "No session lifecycle: chat turns straight to --chat-path (default /v1/chat/completions), e.g. a backend");
    app.add_flag("--any-reply", cfg.any_reply,
                 "Count any 2xx chat answer as a turn (append a fixed assistant reply when it is not a chat completion)");
    std::string chat_path;
    app.add_option("--chat-path", chat_path, "Chat request target; {id} = session id [/sessions/{id}/v1/chat/completions]");
    app.add_option("--seed", cfg.seed, "Seed of the port choice")->capture_default_str();
    app.add_option("--name", name, "Name for the TSV rows")->capture_default_str();
    app.add_option("--run", run_id, "Run id for the TSV rows")->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    sc.tools = !no_tools;
    // One socket per session: lift the soft fd limit to the hard one (like sweep.py does).
    if (rlimit rl{}; getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (!chat_path.empty()) cfg.chat_path = chat_path;
    else if (cfg.direct) cfg.chat_path = "/v1/chat/completions";
    const auto r = run_sessions(cfg);
    report_sessions(stdout, stderr, name, run_id, r);
    return r.chat.ok == 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "sessions") == 0) return sessions_main(argc - 1, argv + 1);
    return fixed_main(argc, argv);
}
