// File: app/tito_loadgen/report.cpp
#include "report.hpp"

#include <fmt/format.h>

namespace tito::loadgen {

namespace {

double us(std::uint64_t ns) { return static_cast<double>(ns) / 1e3; }
double ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

struct rows {
    std::FILE* out;
    const std::string& name;
    const std::string& run;
    void add(std::string_view metric, double v, int digits = 3) const {
        fmt::print(out, "{}\t{}\t{}\t{:.{}f}\n", name, run, metric, v, digits);
    }
    void add(std::string_view metric, std::uint64_t v) const { fmt::print(out, "{}\t{}\t{}\t{}\n", name, run, metric, v); }
};

std::string statuses(const op_stats& s) {
    std::string out;
    for (auto [code, n] : s.by_status) out += fmt::format(" {}:{}", code, n);
    return out.empty() ? " none" : out;
}

void op_rows(const rows& t, std::string_view op, const op_stats& s) {
    t.add(fmt::format("{}_ok", op), s.ok);
    t.add(fmt::format("{}_errors", op), s.errors());
    t.add(fmt::format("{}_transport_errors", op), s.transport_errors);
    t.add(fmt::format("{}_bad_body", op), s.bad_body);
    for (auto [code, n] : s.by_status) t.add(fmt::format("{}_status_{}", op, code), n);
    t.add(fmt::format("{}_p50_ms", op), ms(s.latency.percentile(0.5)));
    t.add(fmt::format("{}_p90_ms", op), ms(s.latency.percentile(0.9)));
    t.add(fmt::format("{}_p99_ms", op), ms(s.latency.percentile(0.99)));
    t.add(fmt::format("{}_max_ms", op), ms(s.latency.max()));
}

void op_line(std::FILE* human, std::string_view op, const op_stats& s) {
    if (s.latency.count() == 0 && s.errors() == 0) return;
    fmt::print(human, "  {:<6} ok {} | p50 {:.3f} ms p90 {:.3f} ms p99 {:.3f} ms max {:.3f} ms | http errors{} | transport {} | bad body {}\n",
               op, s.ok, ms(s.latency.percentile(0.5)), ms(s.latency.percentile(0.9)), ms(s.latency.percentile(0.99)),
               ms(s.latency.max()), statuses(s), s.transport_errors, s.bad_body);
}

}  // namespace

void report_fixed(std::FILE* tsv, std::FILE* human, const std::string& name, const std::string& run, const run_result& r) {
    std::string st;
    for (auto [s, n] : r.by_status) st += fmt::format(" {}:{}", s, n);
    fmt::print(human, "{}: {:.0f} req/s, p50 {:.1f} us, p90 {:.1f} us, p99 {:.1f} us, max {:.1f} us; statuses{}; transport errors {}\n",
               name, r.throughput(), us(r.latency.percentile(0.5)), us(r.latency.percentile(0.9)),
               us(r.latency.percentile(0.99)), us(r.latency.max()), st, r.transport_errors);
    const rows t{tsv, name, run};
    t.add("req_per_s", r.throughput(), 1);
    t.add("p50_us", us(r.latency.percentile(0.5)), 1);
    t.add("p99_us", us(r.latency.percentile(0.99)), 1);
    t.add("ok", r.ok);
    t.add("errors", r.transport_errors + (r.latency.count() - r.ok));
}

void report_sessions(std::FILE* tsv, std::FILE* human, const std::string& name, const std::string& run,
                     const sessions_result& r) {
    const double per_cpu = r.cpu_s > 0 ? static_cast<double>(r.chat.ok) / r.cpu_s : 0;
    fmt::print(human, "{}: {:.1f} chat turns/s over {:.1f} s (loadgen CPU {:.2f} s, {:.0f} turns per CPU-second); "
               "sessions ok {} failed {}\n",
               name, r.chat_per_s(), r.measured_s, r.cpu_s, per_cpu, r.sessions_ok, r.sessions_failed);
    op_line(human, "chat", r.chat);
    op_line(human, "create", r.create);
    op_line(human, "get", r.get);
    op_line(human, "delete", r.del);
    const rows t{tsv, name, run};
    t.add("chat_per_s", r.chat_per_s(), 2);
    op_rows(t, "chat", r.chat);
    if (r.create.latency.count() || r.create.errors()) op_rows(t, "create", r.create);
    if (r.get.latency.count() || r.get.errors()) op_rows(t, "get", r.get);
    if (r.del.latency.count() || r.del.errors()) op_rows(t, "delete", r.del);
    t.add("sessions_ok", r.sessions_ok);
    t.add("sessions_failed", r.sessions_failed);
    t.add("measured_s", r.measured_s);
    t.add("window_start_unix", r.window_start_unix, 3);
    t.add("window_end_unix", r.window_end_unix, 3);
    t.add("cpu_s", r.cpu_s);
    t.add("chat_per_cpu_s", per_cpu, 1);
}

}  // namespace tito::loadgen
