// File: obs/metrics.hpp
// Metrics (STYLE.md 3.7): each thread that serves requests records into its own
// `thread_metrics` (obs::local()), with plain non-atomic fields, so the hot path shares nothing
// across cores. A scrape asks every shard to copy its block on its own thread (api/metrics.cpp)
// and merges the copies. Latency histograms have fixed buckets (100 us .. 600 s).
// The metric names and descriptions are listed once, in metric_list() (docs/metrics.md is
// generated from it and checked by a test).
// Usage:
//   obs::local().request("chat", 200, 0.0123);
//   std::string text = obs::render_prometheus(merged, gauges);
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tito::obs {

class latency_histogram {
public:
    static constexpr std::array<double, 19> bounds = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                     0.025,  0.05,    0.1,    0.25,  0.5,    1,     2.5,
                                                     5,      10,      30,     60,    600};
    void observe(double seconds) noexcept;
    void merge(const latency_histogram& o) noexcept;
    std::uint64_t count() const noexcept { return count_; }
    double sum() const noexcept { return sum_; }
    // Cumulative count of observations <= bounds[i]; i == bounds.size() is +Inf.
    std::uint64_t cumulative(std::size_t i) const noexcept;

private:
    std::array<std::uint64_t, bounds.size() + 1> counts_{};
    std::uint64_t count_ = 0;
    double sum_ = 0;
};

// The phases of one chat turn (chat_done line and histograms).
enum class chat_phase : std::uint8_t { lock_wait, tokenize_in, upstream, tokenize_out, total, count_ };

struct thread_metrics {
    std::map<std::pair<std::string, int>, std::uint64_t> requests;  // (route, status) -> count
    std::map<std::string, latency_histogram> request_seconds;       // route -> latency
    std::array<latency_histogram, static_cast<std::size_t>(chat_phase::count_)> chat;
    std::uint64_t turns_committed = 0;
    std::uint64_t history_reused = 0;  // committed turns whose known message list was not read again
    std::int64_t chat_inflight = 0;  // may be negative on one shard; the sum is right

    void request(const std::string& route, int status, double seconds);
    void merge(const thread_metrics& o);
};

// This thread's block (created on first use, lives until exit).
thread_metrics& local();

struct gauge {
    std::string name;
    std::string help;
    double value;
    std::string type = "gauge";
};

struct metric_info {
    std::string name;
    std::string type;
    std::string help;
};
// Every metric tito-server exports, in exposition order.
const std::vector<metric_info>& metric_list();

// Prometheus text exposition format 0.0.4.
std::string render_prometheus(const thread_metrics& m, const std::vector<gauge>& gauges);

// Resident and virtual memory of this process in bytes, from /proc/self/statm (0 if unknown).
std::pair<std::uint64_t, std::uint64_t> process_memory_bytes();

}  // namespace tito::obs
