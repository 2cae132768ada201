// File: app/tito_server/worker_plan.hpp
// What the supervisor starts: one slot per worker (index, port, instance id) from the
// `--workers` / `--port` / `--ports` / `--instance-id` flags, and the argv that re-executes this
// binary as that worker (the original arguments minus those four flags, plus
// `--workers 1 --port <P> --instance-id <prefix>-<i>`).
// Usage:
//   auto slots = plan_workers({.workers = 2, .base_port = 8000, .instance_prefix = "run7"});
//   // slots: {0, 8000, "run7-0"}, {1, 8001, "run7-1"}
//   auto args = worker_argv(argv_span, (*slots)[1]);   // exec'd via /proc/self/exe
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace tito::app {

struct worker_options {
    unsigned workers = 1;                // --workers
    std::vector<std::uint16_t> ports;    // --ports a,b,c (overrides --port; one worker per port)
};

// True unless the flags ask for one plain server (`--workers 1`, no `--ports`); `--workers 0`
// goes to the supervisor too, whose plan rejects it.
bool supervisor_wanted(const worker_options& o);

struct worker_slot {
    std::size_t index = 0;
    std::uint16_t port = 0;  // 0: any free port (learned from the worker's stdout, then kept)
    std::string instance_id;
};

struct worker_plan_input {
    worker_options options;
    std::uint16_t base_port = 0;   // --port
    std::string instance_prefix;   // --instance-id; empty: the caller supplies a random one
};

// Consecutive ports from base_port (all 0 when base_port is 0), or the explicit list.
// Errors (errc::config): zero workers, --workers disagreeing with --ports, duplicate ports,
// a range past 65535.
result<std::vector<worker_slot>> plan_workers(const worker_plan_input& in);

// The worker's argv: argv[0] kept, `--workers`, `--ports`, `--port`, `--instance-id` removed in
// both `--flag value` and `--flag=value` forms, the slot's values appended.
std::vector<std::string> worker_argv(std::span<const char* const> original, const worker_slot& slot);

// A random 32-hex-digit prefix (like miles' uuid4().hex instance ids).
std::string random_instance_prefix();

}  // namespace tito::app
