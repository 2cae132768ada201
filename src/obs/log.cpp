// File: obs/log.cpp
#include "obs/log.hpp"

#include <fmt/format.h>
#include <spdlog/async.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <ctime>

#include "base/json.hpp"

namespace tito::obs {

namespace {
std::atomic<bool> g_json{false};
std::atomic<std::uint64_t> g_emitted{0};
std::shared_ptr<spdlog::details::thread_pool> g_pool;
std::shared_ptr<spdlog::logger> g_logger;

std::string now_iso() {
    const auto now = std::chrono::system_clock::now();
    const auto t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    return fmt::format("{}.{:03}Z", buf, ms);
}
}  // namespace

namespace {
std::atomic<int> g_min_rank{0};
int rank_of(std::string_view level) {
    if (level == "info") return 0;
    if (level == "warn") return 1;
    if (level == "error") return 2;
    return 3;  // off
}
}  // namespace

bool valid_level(std::string_view level) { return level == "info" || level == "warn" || level == "error" || level == "off"; }
bool enabled(std::string_view level) { return rank_of(level) >= g_min_rank.load(std::memory_order_relaxed) && level != "off"; }

void init_logging(const log_config& cfg) {
    g_json.store(cfg.json);
    g_min_rank.store(rank_of(cfg.min_level));
    g_pool = std::make_shared<spdlog::details::thread_pool>(cfg.queue_lines, 1);
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    g_logger = std::make_shared<spdlog::async_logger>("tito", sink, g_pool, spdlog::async_overflow_policy::overrun_oldest);
    g_logger->set_pattern("%v");
    g_logger->flush_on(spdlog::level::warn);
}

void shutdown_logging() {
    if (g_logger) g_logger->flush();
    g_logger.reset();
    g_pool.reset();
}

std::uint64_t dropped_lines() { return g_pool ? g_pool->overrun_counter() : 0; }
std::uint64_t emitted_lines() { return g_emitted.load(std::memory_order_relaxed); }

event::event(std::string_view name, std::string_view level) : name_(name), level_(level) { fields_.reserve(20); }

event& event::add(std::string_view key, std::string_view value) {
    fields_.push_back({std::string(key), std::string(value), true});
    return *this;
}
event& event::add(std::string_view key, std::int64_t value) {
    fields_.push_back({std::string(key), fmt::format("{}", value), false});
    return *this;
}
event& event::add(std::string_view key, std::uint64_t value) {
    fields_.push_back({std::string(key), fmt::format("{}", value), false});
    return *this;
}
event& event::add(std::string_view key, double value) {
    fields_.push_back({std::string(key), fmt::format("{:.3f}", value), false});
    return *this;
}

std::string event::render(bool json) const {
    std::string out;
    out.reserve(256);
    if (json) {
        out += "{\"ts\":\"" + now_iso() + "\",\"level\":";
        json::append_quoted(out, level_);
        out += ",\"event\":";
        json::append_quoted(out, name_);
        for (const auto& f : fields_) {
            out += ',';
            json::append_quoted(out, f.key);
            out += ':';
            if (f.quoted) json::append_quoted(out, f.value);
            else out += f.value;
        }
        out += '}';
        return out;
    }
    out += "ts=" + now_iso() + " level=" + level_ + " event=" + name_;
    for (const auto& f : fields_) {
        out += ' ';
        out += f.key;
        out += '=';
        const bool needs_quotes = f.quoted && (f.value.empty() || f.value.find_first_of(" =\"\n\t") != std::string::npos);
        if (needs_quotes) json::append_quoted(out, f.value);
        else out += f.value;
    }
    return out;
}

void emit(const event& e) {
    if (!enabled(e.level())) return;
    g_emitted.fetch_add(1, std::memory_order_relaxed);
    auto line = e.render(g_json.load(std::memory_order_relaxed));
    if (g_logger) g_logger->info(line);
    else fmt::print(stderr, "{}\n", line);
}

}  // namespace tito::obs
