// File: app/tito_loadgen/open_loop.hpp
// The load driver: C keep-alive connections spread over T threads, each running one request at
// a time. Closed loop (rate 0: send again as soon as the answer arrives) or open loop (each
// connection sends on a fixed schedule; latency counts from the intended send time, so a
// stalled server cannot hide its stall: wrk2's correction for coordinated omission).
// Bounded in duration; loopback targets only.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "histogram.hpp"

namespace tito::loadgen {

struct target {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8000;
    std::string method = "GET";
    std::string path = "/health";
    std::string body;
};

struct run_config {
    target tgt;
    unsigned connections = 50;
    unsigned threads = 1;
    double rate = 0;          // total requests/s; 0 = closed loop
    double warmup_s = 1;
    double duration_s = 5;    // measured part, after warm-up
};

struct run_result {
    histogram latency;
    std::uint64_t ok = 0;                       // 2xx
    std::map<int, std::uint64_t> by_status;     // every status seen (measured part)
    std::uint64_t transport_errors = 0;
    double measured_s = 0;
    double throughput() const { return measured_s > 0 ? static_cast<double>(latency.count()) / measured_s : 0; }
};

// Fails (returns a result with no samples and transport_errors > 0) when the target is not on
// a loopback address.
run_result run(const run_config& cfg);

}  // namespace tito::loadgen
