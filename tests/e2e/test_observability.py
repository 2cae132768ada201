"""Per-request observability over real processes: chat_start/chat_done lines (text and JSON),
the stats heartbeat, and GET /metrics in the Prometheus text format."""
import json
import re
import subprocess
import time
import urllib.request

from conftest import BIN, MODEL, SERVER


def start(args, stderr):
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr, text=True)
    line = proc.stdout.readline()
    return proc, int(re.search(r"http://127\.0\.0\.1:(\d+)", line).group(1))


def call(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=None if body is None else json.dumps(body).encode(), method=method,
                                 headers=headers or {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def run_server(tmp_path, log_format, extra=()):
    stub, stub_port = start([str(BIN / "tito-stub"), "--port", "0", "--tokenizer", str(MODEL)], subprocess.DEVNULL)
    log = open(tmp_path / f"server-{log_format}.log", "w")
    srv, port = start([str(SERVER), "--port", "0", "--threads", "2", "--hf-checkpoint", str(MODEL),
                       "--tito-model", "qwen3", "--backend-url", f"http://127.0.0.1:{stub_port}",
                       "--log-format", log_format, "--stats-interval", "0.3", *extra], log)
    return stub, srv, port, tmp_path / f"server-{log_format}.log"


def one_session(port):
    base = f"http://127.0.0.1:{port}"
    sid = json.loads(call("POST", f"{base}/sessions", {})[1])["session_id"]
    status, _ = call("POST", f"{base}/sessions/{sid}/v1/chat/completions",
                     {"model": "m", "messages": [{"role": "user", "content": "hi"}]}, {"X-Request-Id": "corr-42"})
    assert status == 200
    assert call("POST", f"{base}/sessions/{'f' * 32}/v1/chat/completions", {"messages": []})[0] == 404
    return base, sid


def stop(*procs):
    for p in procs:
        p.terminate()
        p.wait(timeout=10)


def test_text_log_lines_and_metrics(tmp_path):
    stub, srv, port, log = run_server(tmp_path, "text")
    try:
        base, sid = one_session(port)
        status, metrics = call("GET", f"{base}/metrics")
        assert status == 200
        assert 'tito_http_requests_total{route="chat",status="200"} 1' in metrics
        assert 'tito_http_requests_total{route="chat",status="404"} 1' in metrics
        assert "tito_chat_turns_committed_total 1" in metrics
        assert "# TYPE tito_chat_total_seconds histogram" in metrics
        assert re.search(r"^tito_sessions_live 1$", metrics, re.M)
        assert re.search(r"^tito_process_resident_memory_bytes [1-9]", metrics, re.M)
        time.sleep(0.8)
    finally:
        stop(srv, stub)
    text = log.read_text()
    done = [l for l in text.splitlines() if "event=chat_done" in l]
    assert len(done) == 2
    ok = next(l for l in done if "status=200" in l)
    for key in ("port=", "pid=", f"session_id={sid}", "request_id=", "x_request_id=corr-42", "lock_wait_ms=",
                "tokenize_in_ms=", "proxy_elapsed_ms=", "tokenize_out_ms=", "total_ms=", "inflight_now=",
                "prompt_tokens=", "completion_tokens="):
        assert key in ok, (key, ok)
    assert re.search(r"request_id=[0-9a-f]{8} ", ok)
    assert "completion_tokens=-1" in next(l for l in done if "status=404" in l)
    assert any("event=chat_start" in l and "messages=1" in l for l in text.splitlines())
    stats = [l for l in text.splitlines() if "event=stats" in l]
    assert stats and all(k in stats[-1] for k in ("requests_total=", "requests_since_last=", "inflight=",
                                                   "turns_completed=1", "live_sessions=1", "rss_mb=", "vms_mb="))


def test_json_log_lines(tmp_path):
    stub, srv, port, log = run_server(tmp_path, "json")
    try:
        one_session(port)
    finally:
        stop(srv, stub)
    events = [json.loads(l) for l in log.read_text().splitlines() if l.startswith("{")]
    done = [e for e in events if e["event"] == "chat_done" and e["status"] == 200]
    assert len(done) == 1
    assert done[0]["prompt_tokens"] > 0 and done[0]["completion_tokens"] > 0
    assert done[0]["total_ms"] >= done[0]["proxy_elapsed_ms"]


def test_log_level_warn_keeps_metrics_and_only_5xx_chat_lines(tmp_path):
    stub, srv, port, log = run_server(tmp_path, "text", ["--log-level", "warn"])
    try:
        base, sid = one_session(port)
        status, metrics = call("GET", f"{base}/metrics")
        assert 'tito_http_requests_total{route="chat",status="200"} 1' in metrics
        assert "tito_chat_turns_committed_total 1" in metrics
    finally:
        stop(srv, stub)
    text = log.read_text()
    assert "event=chat_start" not in text and "event=chat_done" not in text
    assert "event=stats" not in text  # an info line


def test_log_level_warn_still_writes_5xx_chat_done(tmp_path):
    # No backend listening: the chat answers 502 and its chat_done line is a warning.
    stub, srv, port, log = run_server(tmp_path, "text", ["--log-level", "warn"])
    stop(stub)
    try:
        base = f"http://127.0.0.1:{port}"
        sid = json.loads(call("POST", f"{base}/sessions", {})[1])["session_id"]
        status, _ = call("POST", f"{base}/sessions/{sid}/v1/chat/completions",
                         {"model": "m", "messages": [{"role": "user", "content": "hi"}]})
        assert status == 502
    finally:
        stop(srv)
    done = [l for l in log.read_text().splitlines() if "event=chat_done" in l]
    assert len(done) == 1 and "level=warn" in done[0] and "status=502" in done[0] and "upstream_url=" in done[0]
