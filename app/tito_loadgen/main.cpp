// File: app/tito_loadgen/main.cpp
// tito-loadgen: HTTP load against a loopback target; prints a summary and TSV rows
// "name<TAB>run<TAB>metric<TAB>value" (bench/results format).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "driver.hpp"

int main(int argc, char** argv) {
    using namespace tito::loadgen;
    CLI::App app{"tito-loadgen: open- or closed-loop HTTP load for tito-server benchmarks (loopback only)"};
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
    auto us = [](std::uint64_t ns) { return static_cast<double>(ns) / 1000.0; };
    std::string statuses;
    for (auto [s, n] : r.by_status) statuses += fmt::format(" {}:{}", s, n);
    fmt::print(stderr, "{}: {:.0f} req/s, p50 {:.1f} us, p90 {:.1f} us, p99 {:.1f} us, max {:.1f} us; statuses{}; transport errors {}\n",
               name, r.throughput(), us(r.latency.percentile(0.5)), us(r.latency.percentile(0.9)),
               us(r.latency.percentile(0.99)), us(r.latency.max()), statuses, r.transport_errors);
    fmt::print("{}\t{}\treq_per_s\t{:.1f}\n", name, run_id, r.throughput());
    fmt::print("{}\t{}\tp50_us\t{:.1f}\n", name, run_id, us(r.latency.percentile(0.5)));
    fmt::print("{}\t{}\tp99_us\t{:.1f}\n", name, run_id, us(r.latency.percentile(0.99)));
    fmt::print("{}\t{}\tok\t{}\n", name, run_id, r.ok);
    fmt::print("{}\t{}\terrors\t{}\n", name, run_id, r.transport_errors + (r.latency.count() - r.ok));
    return r.latency.count() == 0 ? 1 : 0;
}
