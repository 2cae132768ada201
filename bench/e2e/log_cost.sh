#!/usr/bin/env bash
# Issue-6 measurement: what the per-request log lines cost at full load. Runs bench/e2e/turn_cost.sh
# (tito-server on one core, CPU-bound against a zero-latency stub) alternately with the default
# `--log-level info` (chat_start + chat_done for every request) and `--log-level off`, ROUNDS times
# each, and prints the medians of throughput (turns/s) and server CPU per turn, and their ratios.
#   usage: bench/e2e/log_cost.sh [--rounds 5] [--duration 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=5; dur=8
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --duration) dur=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
tsv=$(mktemp)
trap 'rm -f "$tsv"' EXIT
for r in $(seq "$rounds"); do
  for level in info off; do
    bench/e2e/turn_cost.sh --duration "$dur" --server-args "--log-level $level" 2>/dev/null \
      | awk -v l="$level" -F'\t' '$1 == "turn_cost" {print l "\t" $3 "\t" $4}' >> "$tsv"
  done
done
python3 - "$tsv" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
def med(level, metric):
    return statistics.median(float(v) for l, m, v in rows if l == level and m == metric)
def vals(level, metric):
    return " ".join(f"{float(v):.0f}" for l, m, v in rows if l == level and m == metric)
for level in ("info", "off"):
    print(f"--log-level {level:4}: turns/s {med(level, 'turns_per_s'):7.0f} [{vals(level, 'turns_per_s')}]  "
          f"server us/turn {med(level, 'server_us_per_turn'):6.1f} [{vals(level, 'server_us_per_turn')}]")
t = med("info", "turns_per_s") / med("off", "turns_per_s")
c = med("info", "server_us_per_turn") / med("off", "server_us_per_turn")
print(f"logging on/off: throughput x{t:.3f} ({(1 - t) * 100:+.1f}% lost), CPU per turn x{c:.3f}")
PY
