// File: obs/log.cpp
#include "obs/log.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/json.hpp"

namespace tito::obs {

namespace {
std::atomic<bool> g_json{false};
std::atomic<std::uint64_t> g_emitted{0};

// Each thread appends finished lines to its own buffer (one uncontended lock, no syscall, no
// wake-up); one writer thread swaps the buffers out every flush_interval (or at once for a
// warning) and writes them to stderr in one write(). spdlog's async logger, used before, woke its
// worker and wrote once per line: ~15 % of a chat turn's CPU at full load (bench/e2e/log_cost.sh).
constexpr auto flush_interval = std::chrono::milliseconds(50);

struct thread_buffer {
    std::mutex mu;
    std::string text;
};

class writer {
public:
    explicit writer(std::size_t cap_bytes) : cap_(cap_bytes), th_([this] { run(); }) {}
    const std::uint64_t id = next_id().fetch_add(1) + 1;  // tells a thread its buffer belongs to an older writer
    ~writer() {
        {
            std::lock_guard lk{wake_mu_};
            stop_ = true;
        }
        wake_.notify_one();
        th_.join();
    }
    void append(const std::string& line, bool urgent) {
        thread_local std::shared_ptr<thread_buffer> mine;
        thread_local std::uint64_t owner = 0;
        if (owner != id) {  // first line of this thread (for this writer)
            mine = std::make_shared<thread_buffer>();
            owner = id;
            std::lock_guard lk{reg_mu_};
            buffers_.push_back(mine);
        }
        {
            std::lock_guard lk{mine->mu};
            if (mine->text.size() + line.size() + 1 > cap_) {
                dropped_.fetch_add(1, std::memory_order_relaxed);
                return;
            }
            mine->text += line;
            mine->text += '\n';
        }
        if (urgent) {
            {
                std::lock_guard lk{wake_mu_};
                flush_now_ = true;
            }
            wake_.notify_one();
        }
    }
    void flush() {
        std::lock_guard lk{drain_mu_};
        drain();
    }
    std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

private:
    static std::atomic<std::uint64_t>& next_id() {
        static std::atomic<std::uint64_t> n{0};
        return n;
    }
    void run() {
        std::unique_lock lk{wake_mu_};
        for (;;) {
            wake_.wait_for(lk, flush_interval, [this] { return stop_ || flush_now_; });
            const bool last = stop_;
            flush_now_ = false;
            lk.unlock();
            flush();
            lk.lock();
            if (last) return;
        }
    }
    void drain() {
        std::vector<std::shared_ptr<thread_buffer>> bufs;
        {
            std::lock_guard lk{reg_mu_};
            bufs = buffers_;
        }
        out_.clear();
        for (auto& b : bufs) {
            std::lock_guard lk{b->mu};
            out_ += b->text;
            b->text.clear();  // keeps its capacity
        }
        const char* p = out_.data();
        std::size_t left = out_.size();
        while (left > 0) {
            const ssize_t n = ::write(STDERR_FILENO, p, left);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;  // stderr gone: nothing else to do with the lines
            p += n;
            left -= static_cast<std::size_t>(n);
        }
    }

    const std::size_t cap_;
    std::mutex reg_mu_;  // buffers_ (a thread's first line only)
    std::vector<std::shared_ptr<thread_buffer>> buffers_;
    std::atomic<std::uint64_t> dropped_{0};
    std::mutex drain_mu_;
    std::string out_;
    std::mutex wake_mu_;
    std::condition_variable wake_;
    bool stop_ = false;
    bool flush_now_ = false;
    std::thread th_;
};

std::mutex g_writer_mu;
std::unique_ptr<writer> g_writer;
std::atomic<writer*> g_active{nullptr};

// "2026-11-27T05:50:01.123Z"; the part up to the seconds is formatted once per second per thread.
void append_now_iso(std::string& out) {
    const auto now = std::chrono::system_clock::now();
    const auto t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    thread_local std::time_t cached_second = -1;
    thread_local char seconds[32];
    if (t != cached_second) {
        std::tm tm{};
        gmtime_r(&t, &tm);
        std::strftime(seconds, sizeof seconds, "%Y-%m-%dT%H:%M:%S", &tm);
        cached_second = t;
    }
    out += seconds;
    out += '.';
    out += static_cast<char>('0' + ms / 100);
    out += static_cast<char>('0' + ms / 10 % 10);
    out += static_cast<char>('0' + ms % 10);
    out += 'Z';
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
    std::lock_guard lk{g_writer_mu};
    g_active.store(nullptr);
    g_writer.reset();
    if (!cfg.to_stderr) return;
    // A line is ~300-600 bytes; queue_lines bounds each thread's pending text.
    g_writer = std::make_unique<writer>(cfg.queue_lines * 512);
    g_active.store(g_writer.get());
}

void shutdown_logging() {
    std::lock_guard lk{g_writer_mu};
    g_active.store(nullptr);
    g_writer.reset();  // the writer's last pass writes what is pending
}

std::uint64_t dropped_lines() {
    auto* w = g_active.load();
    return w ? w->dropped() : 0;
}
std::uint64_t emitted_lines() { return g_emitted.load(std::memory_order_relaxed); }

event::event(std::string_view name, std::string_view level) : name_(name), level_(level) {}

std::string_view event::bytes() const { return {bytes_.data(), bytes_.size()}; }
void event::append_bytes(std::string_view s) { bytes_.insert(bytes_.end(), s.begin(), s.end()); }

event& event::push(std::string_view key, std::size_t value_start, bool quoted) {
    // The value was appended at value_start; the key follows it.
    const auto value_len = bytes_.size() - value_start;
    const auto key_start = bytes_.size();
    append_bytes(key);
    fields_.push_back({static_cast<std::uint32_t>(key_start), static_cast<std::uint32_t>(key.size()),
                       static_cast<std::uint32_t>(value_start), static_cast<std::uint32_t>(value_len), quoted});
    return *this;
}

event& event::add(std::string_view key, std::string_view value) {
    const auto start = bytes_.size();
    append_bytes(value);
    return push(key, start, true);
}
event& event::add(std::string_view key, std::int64_t value) {
    const fmt::format_int f(value);
    return push_number(key, {f.data(), f.size()});
}
event& event::add(std::string_view key, std::uint64_t value) {
    const fmt::format_int f(value);
    return push_number(key, {f.data(), f.size()});
}
event& event::add(std::string_view key, double value) {
    char buf[64];
    // Three decimals. Values below 1e9 in magnitude (durations, sizes) are written from
    // round(value * 1000), a tenth of the cost of fmt's {:.3f}: the product is then exact to
    // 2^-12, so the two can differ in the last digit only within that of a half (halves go away
    // from zero). Larger values (a coarser product would move the digit): fmt.
    if (std::fabs(value) < 1e9) {
        const auto thousandths = static_cast<std::int64_t>(std::round(value * 1000.0));
        const std::uint64_t magnitude = static_cast<std::uint64_t>(thousandths < 0 ? -thousandths : thousandths);
        char* p = buf;
        if (thousandths < 0 || (thousandths == 0 && std::signbit(value))) *p++ = '-';
        const auto r = fmt::format_to_n(p, sizeof buf - 5, FMT_COMPILE("{}"), magnitude / 1000);
        p += r.size;
        const auto frac = static_cast<unsigned>(magnitude % 1000);
        *p++ = '.';
        *p++ = static_cast<char>('0' + frac / 100);
        *p++ = static_cast<char>('0' + frac / 10 % 10);
        *p++ = static_cast<char>('0' + frac % 10);
        return push_number(key, {buf, static_cast<std::size_t>(p - buf)});
    }
    const auto r = fmt::format_to_n(buf, sizeof buf, FMT_COMPILE("{:.3f}"), value);
    return push_number(key, {buf, std::min(r.size, sizeof buf)});
}

event& event::push_number(std::string_view key, std::string_view text) {
    const auto start = bytes_.size();
    append_bytes(text);
    return push(key, start, false);
}

std::string event::render(bool json) const {
    std::string out;
    render_to(out, json);
    return out;
}

void event::render_to(std::string& out, bool json) const {
    out.reserve(out.size() + 256);
    const std::string_view b = bytes();
    if (json) {
        out += "{\"ts\":\"";
        append_now_iso(out);
        out += "\",\"level\":";
        json::append_quoted(out, level_);
        out += ",\"event\":";
        json::append_quoted(out, name_);
        for (const auto& f : fields_) {
            out += ',';
            json::append_quoted(out, b.substr(f.key, f.key_len));
            out += ':';
            const auto value = b.substr(f.value, f.value_len);
            if (f.quoted) json::append_quoted(out, value);
            else out += value;
        }
        out += '}';
        return;
    }
    out += "ts=";
    append_now_iso(out);
    out += " level=";
    out += level_;
    out += " event=";
    out += name_;
    for (const auto& f : fields_) {
        out += ' ';
        out += b.substr(f.key, f.key_len);
        out += '=';
        const auto value = b.substr(f.value, f.value_len);
        const bool needs_quotes = f.quoted && (value.empty() || value.find_first_of(" =\"\n\t") != std::string_view::npos);
        if (needs_quotes) json::append_quoted(out, value);
        else out += value;
    }
}

void emit(const event& e) {
    if (!enabled(e.level())) return;
    g_emitted.fetch_add(1, std::memory_order_relaxed);
    thread_local std::string line;  // reused: a line costs no allocation once the buffer has grown
    line.clear();
    e.render_to(line, g_json.load(std::memory_order_relaxed));
    if (auto* w = g_active.load(std::memory_order_acquire)) w->append(line, e.level() != "info");
    else fmt::print(stderr, "{}\n", line);
    if (line.capacity() > 64 * 1024) std::string().swap(line);  // an outsized line's room is not kept
}

}  // namespace tito::obs
