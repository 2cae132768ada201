// File: obs/metrics.cpp
#include "obs/metrics.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace tito::obs {

void latency_histogram::observe(double seconds) noexcept {
    std::size_t i = 0;
    while (i < bounds.size() && seconds > bounds[i]) ++i;
    ++counts_[i];
    ++count_;
    sum_ += seconds;
}

void latency_histogram::merge(const latency_histogram& o) noexcept {
    for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += o.counts_[i];
    count_ += o.count_;
    sum_ += o.sum_;
}

std::uint64_t latency_histogram::cumulative(std::size_t i) const noexcept {
    std::uint64_t c = 0;
    for (std::size_t k = 0; k <= i && k < counts_.size(); ++k) c += counts_[k];
    return c;
}

void thread_metrics::request(const std::string& route, int status, double seconds) {
    ++requests[{route, status}];
    request_seconds[route].observe(seconds);
}

void thread_metrics::merge(const thread_metrics& o) {
    for (const auto& [k, v] : o.requests) requests[k] += v;
    for (const auto& [k, h] : o.request_seconds) request_seconds[k].merge(h);
    for (std::size_t i = 0; i < chat.size(); ++i) chat[i].merge(o.chat[i]);
    turns_committed += o.turns_committed;
    history_reused += o.history_reused;
    chat_inflight += o.chat_inflight;
}

thread_metrics& local() {
    thread_local thread_metrics m;
    return m;
}

namespace {
constexpr const char* phase_names[] = {"lock_wait", "tokenize_in", "upstream", "tokenize_out", "total"};
constexpr const char* phase_help[] = {
    "Time a chat turn waited for its session's turn lock",
    "Time to prepare a chat turn: rollback, render and tokenize the new messages",
    "Time of the upstream (inference backend) call of a chat turn",
    "Time to validate the upstream reply and commit the turn",
    "Total time of a chat turn from arrival to response",
};

void write_histogram(std::string& out, const std::string& name, const std::string& labels, const latency_histogram& h) {
    const std::string sep = labels.empty() ? "" : ",";
    for (std::size_t i = 0; i < latency_histogram::bounds.size(); ++i)
        fmt::format_to(std::back_inserter(out), "{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep,
                       latency_histogram::bounds[i], h.cumulative(i));
    fmt::format_to(std::back_inserter(out), "{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, h.count());
    const std::string braces = labels.empty() ? "" : "{" + labels + "}";
    fmt::format_to(std::back_inserter(out), "{}_sum{} {}\n{}_count{} {}\n", name, braces, h.sum(), name, braces, h.count());
}

void header(std::string& out, const std::string& name, const std::string& type, const std::string& help) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}
}  // namespace

const std::vector<metric_info>& metric_list() {
    static const std::vector<metric_info> list = [] {
        std::vector<metric_info> l = {
            {"tito_http_requests_total", "counter", "HTTP requests answered, by route and status"},
            {"tito_http_request_duration_seconds", "histogram", "HTTP request latency from parsed request to response, by route"},
            {"tito_chat_turns_committed_total", "counter", "Chat turns committed to a session"},
            {"tito_chat_inflight", "gauge", "Chat turns admitted and not yet answered"},
            {"tito_chat_history_reused_total", "counter",
             "Committed chat turns whose opening messages were the latest record's, by their text, and were not parsed or matched again"},
        };
        for (std::size_t i = 0; i < std::size(phase_names); ++i)
            l.push_back({fmt::format("tito_chat_{}_seconds", phase_names[i]), "histogram", phase_help[i]});
        l.push_back({"tito_sessions_live", "gauge", "Sessions created and not yet deleted"});
        l.push_back({"tito_process_resident_memory_bytes", "gauge", "Resident set size of the process"});
        l.push_back({"tito_process_virtual_memory_bytes", "gauge", "Virtual memory size of the process"});
        l.push_back({"tito_upstream_connections_opened_total", "counter", "Upstream connections opened"});
        l.push_back({"tito_upstream_transport_errors_total", "counter", "Upstream exchanges that failed in transport"});
        l.push_back({"tito_log_lines_dropped_total", "counter", "Log lines dropped because their thread's pending log text was at its bound"});
        return l;
    }();
    return list;
}

std::string render_prometheus(const thread_metrics& m, const std::vector<gauge>& gauges) {
    std::string out;
    out.reserve(8192);
    header(out, "tito_http_requests_total", "counter", metric_list()[0].help);
    for (const auto& [k, v] : m.requests)
        fmt::format_to(std::back_inserter(out), "tito_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", k.first, k.second, v);
    header(out, "tito_http_request_duration_seconds", "histogram", metric_list()[1].help);
    for (const auto& [route, h] : m.request_seconds)
        write_histogram(out, "tito_http_request_duration_seconds", fmt::format("route=\"{}\"", route), h);
    header(out, "tito_chat_turns_committed_total", "counter", metric_list()[2].help);
    fmt::format_to(std::back_inserter(out), "tito_chat_turns_committed_total {}\n", m.turns_committed);
    header(out, "tito_chat_inflight", "gauge", metric_list()[3].help);
    fmt::format_to(std::back_inserter(out), "tito_chat_inflight {}\n", m.chat_inflight);
    header(out, "tito_chat_history_reused_total", "counter", metric_list()[4].help);
    fmt::format_to(std::back_inserter(out), "tito_chat_history_reused_total {}\n", m.history_reused);
    for (std::size_t i = 0; i < std::size(phase_names); ++i) {
        const auto name = fmt::format("tito_chat_{}_seconds", phase_names[i]);
        header(out, name, "histogram", phase_help[i]);
        write_histogram(out, name, "", m.chat[i]);
    }
    for (const auto& g : gauges) {
        header(out, g.name, g.type, g.help);
        fmt::format_to(std::back_inserter(out), "{} {}\n", g.name, g.value);
    }
    return out;
}

std::pair<std::uint64_t, std::uint64_t> process_memory_bytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return {0, 0};
    unsigned long long size = 0, resident = 0;
    const int n = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    if (n != 2) return {0, 0};
    const auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    return {resident * page, size * page};
}

}  // namespace tito::obs
