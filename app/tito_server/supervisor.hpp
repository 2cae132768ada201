// File: app/tito_server/supervisor.hpp
// `tito-server --workers N` (or `--ports a,b,c`): a supervisor process that re-executes this
// binary once per worker (/proc/self/exe, same arguments, `--workers 1 --port <P+i>
// --instance-id <prefix>-<i>`), so every worker is an ordinary single server with its own
// sessions. It prints `worker <i> pid <pid> listening on http://HOST:PORT` per worker, restarts a
// worker that dies (event `worker_restart` with the sessions it lost, as last seen on its
// /metrics) with exponential back-off, forwards SIGTERM/SIGINT for a graceful drain and exits 0
// after a clean drain; it exits 1 if any worker fails to start.
// Usage (main.cpp, right after flag parsing):
//   tito::app::worker_options w;  tito::app::add_worker_options(app, w);
//   CLI11_PARSE(app, argc, argv);
//   if (tito::app::supervisor_wanted(w)) return tito::app::run_supervisor(argc, argv, {w, host, port, id, drain});
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "tito_server/worker_plan.hpp"

namespace tito::app {

// Declares --workers and --ports on the server's command line.
void add_worker_options(CLI::App& app, worker_options& o);

struct supervisor_config {
    worker_options workers;
    std::string host;             // --host (also where the supervisor polls /metrics)
    std::uint16_t port = 0;       // --port: first worker's port
    std::string instance_prefix;  // --instance-id; empty: a random 32-hex prefix
    double drain_timeout_s = 30;  // workers' --drain-timeout; the supervisor waits this + a margin
    bool json_logs = false;       // the supervisor's own event lines as JSON (--log-format json)
};

// Runs until SIGTERM/SIGINT (then drains) or a start-up failure; returns the process exit code.
// Call from the main thread before any other thread exists (it forks).
int run_supervisor(int argc, char** argv, const supervisor_config& cfg);

}  // namespace tito::app
