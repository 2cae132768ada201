// File: app/tito_server/supervisor.cpp
// The supervisor's single-threaded poll loop over one signalfd (SIGCHLD, SIGTERM, SIGINT) and
// each worker's stdout pipe. Phases: starting (every worker must print its listening line
// within start_timeout, else all are stopped and the exit code is 1) -> running (restart dead
// workers with back-off, poll /metrics for the live session count) -> draining (signal forwarded,
// wait for every worker; SIGKILL after --drain-timeout plus a margin).
// Back-off: a worker that dies before it was up for stable_after counts as a quick failure;
// the restart delay is backoff_first * 2^quick_failures, capped at backoff_max; a worker that
// ran stably restarts after backoff_first.
#include "tito_server/supervisor.hpp"

#include <filesystem>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <optional>

#include "obs/log.hpp"
#include "tito_server/worker_probe.hpp"

namespace tito::app {

namespace {

using clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr auto start_timeout = std::chrono::seconds{120};
constexpr auto metrics_interval = milliseconds{1000};
constexpr auto metrics_timeout = milliseconds{250};
constexpr auto stable_after = std::chrono::seconds{10};
constexpr auto backoff_first = milliseconds{100};
constexpr auto backoff_max = milliseconds{30000};
constexpr auto drain_margin = std::chrono::seconds{5};
constexpr std::size_t max_line_bytes = 64 * 1024;

struct worker {
    worker_slot slot;
    pid_t pid = -1;
    int out_fd = -1;
    std::string out_buf;
    bool ready = false;
    clock::time_point started_at{};
    std::optional<clock::time_point> restart_at;
    unsigned quick_failures = 0;
    unsigned restarts = 0;
    std::optional<std::int64_t> sessions_live;
    clock::time_point sessions_seen_at{};
};

enum class phase { starting, running, draining };

std::string describe_status(int status) {
    if (WIFEXITED(status)) return fmt::format("exit {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return fmt::format("signal {}", WTERMSIG(status));
    return "unknown";
}

std::int64_t ms_between(clock::time_point a, clock::time_point b) {
    return std::chrono::duration_cast<milliseconds>(b - a).count();
}

// The real path of this binary, resolved once before any fork, so workers show up as
// "tito-server" (exec of /proc/self/exe would name them "exe").
const std::string& self_path() {
    static const std::string path = [] {
        std::error_code ec;
        auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
        return ec ? std::string("/proc/self/exe") : p.string();
    }();
    return path;
}

// Runs in the forked child: restore what exec must not inherit, then become the worker.
[[noreturn]] void exec_worker(std::vector<char*>& argv, int out_fd, pid_t parent) {
    if (out_fd != STDOUT_FILENO) dup2(out_fd, STDOUT_FILENO);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    std::signal(SIGPIPE, SIG_DFL);
    prctl(PR_SET_PDEATHSIG, SIGTERM);  // a SIGKILLed supervisor must not leave workers behind
    if (getppid() != parent) _exit(1);
    execv(self_path().c_str(), argv.data());
    _exit(127);
}

class supervisor {
public:
    supervisor(supervisor_config cfg, std::vector<worker_slot> slots, std::vector<const char*> original)
        : cfg_(std::move(cfg)), original_(std::move(original)) {
        for (auto& s : slots) {
            worker w;
            w.slot = std::move(s);
            workers_.push_back(std::move(w));
        }
    }

    int run() {
        if (!open_signal_fd()) return 1;
        start_deadline_ = clock::now() + start_timeout;
        for (auto& w : workers_) {
            if (!spawn(w)) {
                begin_drain(SIGTERM, 1);
                break;
            }
        }
        while (!(phase_ == phase::draining && live_workers() == 0)) {
            step_deadlines();
            wait_and_dispatch();
        }
        close(signal_fd_);
        return exit_code_;
    }

private:
    bool open_signal_fd() {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGCHLD);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        sigprocmask(SIG_BLOCK, &set, nullptr);
        std::signal(SIGPIPE, SIG_IGN);
        signal_fd_ = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
        if (signal_fd_ < 0) fmt::print(stderr, "tito-server: supervisor: signalfd failed\n");
        return signal_fd_ >= 0;
    }

    bool spawn(worker& w) {
        auto args = worker_argv(original_, w.slot);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) return spawn_failed(w, "pipe");
        const pid_t parent = getpid();
        const pid_t pid = fork();
        if (pid < 0) {
            close(fds[0]);
            close(fds[1]);
            return spawn_failed(w, "fork");
        }
        if (pid == 0) exec_worker(argv, fds[1], parent);
        close(fds[1]);
        fcntl(fds[0], F_SETFL, O_NONBLOCK);
        w.pid = pid;
        w.out_fd = fds[0];
        w.out_buf.clear();
        w.ready = false;
        w.started_at = clock::now();
        w.restart_at.reset();
        w.sessions_live.reset();
        return true;
    }

    bool spawn_failed(worker& w, const char* what) {
        const int err = errno;
        obs::event e{"worker_spawn_failed", "error"};
        e.add("worker", static_cast<std::uint64_t>(w.slot.index)).add("call", what).add("errno", err);
        log(e);
        return false;
    }

    // Synchronous on stderr: the supervisor has no logging thread (it forks), and its few lines
    // are not on any request path.
    void log(const obs::event& e) const { write_line(stderr, e.render(cfg_.json_logs)); }

    // Never throws (fmt::print does when the stream fails): a closed stdout must not take the
    // supervisor, and with it every worker, down.
    static void write_line(std::FILE* to, std::string line) {
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), to);
        std::fflush(to);
    }

    std::size_t live_workers() const {
        return static_cast<std::size_t>(std::count_if(workers_.begin(), workers_.end(), [](const worker& w) { return w.pid > 0; }));
    }

    void step_deadlines() {
        const auto now = clock::now();
        if (phase_ == phase::starting) {
            if (std::all_of(workers_.begin(), workers_.end(), [](const worker& w) { return w.ready; })) {
                phase_ = phase::running;
                next_metrics_ = now + metrics_interval;
                obs::event e{"supervisor_ready"};
                e.add("workers", static_cast<std::uint64_t>(workers_.size())).add("pid", static_cast<std::int64_t>(getpid()));
                log(e);
            } else if (now >= start_deadline_) {
                for (auto& w : workers_) {
                    if (w.ready) continue;
                    obs::event e{"worker_start_timeout", "error"};
                    e.add("worker", static_cast<std::uint64_t>(w.slot.index)).add("port", static_cast<std::uint64_t>(w.slot.port));
                    log(e);
                }
                begin_drain(SIGTERM, 1);
            }
        }
        if (phase_ == phase::running) {
            for (auto& w : workers_) {
                if (w.restart_at && now >= *w.restart_at) restart(w);
            }
            if (now >= next_metrics_) {
                poll_metrics();
                next_metrics_ = clock::now() + metrics_interval;
            }
        }
        if (phase_ == phase::draining && !killed_ && now >= drain_deadline_) {
            for (auto& w : workers_) {
                if (w.pid > 0) kill(w.pid, SIGKILL);
            }
            killed_ = true;
            exit_code_ = 1;
            log(obs::event{"supervisor_drain_timeout", "error"});
        }
    }

    int poll_timeout_ms() const {
        auto next = clock::now() + metrics_interval;
        if (phase_ == phase::starting) next = std::min(next, start_deadline_);
        if (phase_ == phase::running) {
            next = std::min(next, next_metrics_);
            for (const auto& w : workers_) {
                if (w.restart_at) next = std::min(next, *w.restart_at);
            }
        }
        if (phase_ == phase::draining && !killed_) next = std::min(next, drain_deadline_);
        return static_cast<int>(std::max<std::int64_t>(0, ms_between(clock::now(), next) + 1));
    }

    void wait_and_dispatch() {
        std::vector<pollfd> fds{{signal_fd_, POLLIN, 0}};
        std::vector<worker*> owners{nullptr};
        for (auto& w : workers_) {
            if (w.out_fd < 0) continue;
            fds.push_back({w.out_fd, POLLIN, 0});
            owners.push_back(&w);
        }
        if (poll(fds.data(), fds.size(), poll_timeout_ms()) <= 0) return;
        for (std::size_t i = 1; i < fds.size(); ++i) {
            if (fds[i].revents != 0) read_output(*owners[i]);
        }
        if (fds[0].revents != 0) drain_signal_fd();
    }

    void drain_signal_fd() {
        signalfd_siginfo info;
        while (read(signal_fd_, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
            const int sig = static_cast<int>(info.ssi_signo);
            if (sig == SIGCHLD) reap();
            else if (phase_ != phase::draining) begin_drain(sig, 0);
        }
    }

    void reap() {
        int status = 0;
        pid_t pid;
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            for (auto& w : workers_) {
                if (w.pid == pid) on_exit(w, status);
            }
        }
    }

    void read_output(worker& w) {
        char buf[4096];
        for (;;) {
            const auto n = read(w.out_fd, buf, sizeof buf);
            if (n > 0) {
                w.out_buf.append(buf, static_cast<std::size_t>(n));
                std::size_t eol;
                while ((eol = w.out_buf.find('\n')) != std::string::npos) {
                    on_line(w, std::string_view(w.out_buf).substr(0, eol));
                    w.out_buf.erase(0, eol + 1);
                }
                if (w.out_buf.size() > max_line_bytes) {  // bound the buffer: pass a runaway line on in pieces
                    on_line(w, w.out_buf);
                    w.out_buf.clear();
                }
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
            if (!w.out_buf.empty()) on_line(w, w.out_buf);  // EOF or error: the stream is over
            w.out_buf.clear();
            close(w.out_fd);
            w.out_fd = -1;
            return;
        }
    }

    void on_line(worker& w, std::string_view line) {
        const auto port = w.ready ? std::nullopt : listening_port(line);
        if (!port) {
            write_line(stdout, fmt::format("worker {}: {}", w.slot.index, line));
            return;
        }
        w.ready = true;
        w.slot.port = *port;  // a worker asked for port 0 keeps the port it got across restarts
        write_line(stdout, fmt::format("worker {} pid {} listening on http://{}:{} instance_id={}", w.slot.index, w.pid,
                                       cfg_.host, *port, w.slot.instance_id));
    }

    void on_exit(worker& w, int status) {
        if (w.out_fd >= 0) read_output(w);  // keep what it printed before dying
        if (w.out_fd >= 0) {
            close(w.out_fd);
            w.out_fd = -1;
        }
        const pid_t old_pid = w.pid;
        w.pid = -1;
        const auto now = clock::now();
        if (phase_ == phase::draining) {
            obs::event e{"worker_exit"};
            e.add("worker", static_cast<std::uint64_t>(w.slot.index)).add("pid", static_cast<std::int64_t>(old_pid))
                .add("status", describe_status(status));
            log(e);
            if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0)) exit_code_ = 1;
            return;
        }
        if (phase_ == phase::starting) {
            obs::event e{"worker_start_failed", "error"};
            e.add("worker", static_cast<std::uint64_t>(w.slot.index)).add("pid", static_cast<std::int64_t>(old_pid))
                .add("port", static_cast<std::uint64_t>(w.slot.port)).add("status", describe_status(status));
            log(e);
            begin_drain(SIGTERM, 1);
            return;
        }
        schedule_restart(w, old_pid, status, now);
    }

    void schedule_restart(worker& w, pid_t old_pid, int status, clock::time_point now) {
        if (!w.ready || now - w.started_at < stable_after) ++w.quick_failures;
        else w.quick_failures = 0;
        auto delay = backoff_first;
        for (unsigned i = 0; i < w.quick_failures && delay < backoff_max; ++i) delay *= 2;
        delay = std::min(delay, backoff_max);
        w.restart_at = now + delay;
        ++w.restarts;
        obs::event e{"worker_restart", "warn"};
        e.add("worker", static_cast<std::uint64_t>(w.slot.index)).add("old_pid", static_cast<std::int64_t>(old_pid))
            .add("port", static_cast<std::uint64_t>(w.slot.port)).add("status", describe_status(status));
        if (w.sessions_live) {
            // The count is the last one the supervisor saw on the worker's /metrics.
            e.add("sessions_lost", *w.sessions_live).add("sessions_seen_ms_ago", ms_between(w.sessions_seen_at, now));
        } else {
            e.add("sessions_lost", "unknown");
        }
        e.add("restart_in_ms", static_cast<std::int64_t>(delay.count())).add("restarts", static_cast<std::uint64_t>(w.restarts));
        log(e);
    }

    void restart(worker& w) {
        if (!spawn(w)) w.restart_at = clock::now() + backoff_max;
    }

    void poll_metrics() {
        const auto host = probe_host(cfg_.host);
        for (auto& w : workers_) {
            if (w.pid <= 0 || !w.ready) continue;
            if (auto live = fetch_sessions_live(host, w.slot.port, metrics_timeout)) {
                w.sessions_live = live;
                w.sessions_seen_at = clock::now();
            }
        }
    }

    void begin_drain(int sig, int exit_code) {
        phase_ = phase::draining;
        exit_code_ = std::max(exit_code_, exit_code);
        drain_deadline_ = clock::now() + milliseconds(static_cast<std::int64_t>(cfg_.drain_timeout_s * 1000)) + drain_margin;
        std::size_t signalled = 0;
        for (auto& w : workers_) {
            w.restart_at.reset();
            if (w.pid > 0 && kill(w.pid, sig) == 0) ++signalled;
        }
        obs::event e{"supervisor_drain"};
        e.add("signal", sig).add("workers", static_cast<std::uint64_t>(signalled));
        log(e);
    }

    supervisor_config cfg_;
    std::vector<const char*> original_;
    std::vector<worker> workers_;
    int signal_fd_ = -1;
    phase phase_ = phase::starting;
    int exit_code_ = 0;
    bool killed_ = false;
    clock::time_point start_deadline_{};
    clock::time_point next_metrics_{};
    clock::time_point drain_deadline_{};
};

}  // namespace

void add_worker_options(CLI::App& app, worker_options& o) {
    app.add_option("--workers", o.workers,
                   "Worker processes on consecutive ports from --port, each an independent server with its own "
                   "sessions, under a supervisor that restarts them")
        ->capture_default_str();
    app.add_option("--ports", o.ports, "Explicit worker ports (comma-separated); one worker per port, overrides --port")
        ->delimiter(',');
}

int run_supervisor(int argc, char** argv, const supervisor_config& cfg) {
    (void)self_path();  // resolve before forking
    worker_plan_input in{cfg.workers, cfg.port, cfg.instance_prefix};
    if (in.instance_prefix.empty()) in.instance_prefix = random_instance_prefix();
    auto slots = plan_workers(in);
    if (!slots) {
        fmt::print(stderr, "tito-server: {}\n", slots.error().describe());
        return 1;
    }
    std::vector<const char*> original(argv, argv + argc);
    supervisor s{cfg, std::move(*slots), std::move(original)};
    return s.run();
}

}  // namespace tito::app
