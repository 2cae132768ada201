#!/usr/bin/env bash
# Two tito-server builds compared by turn_cost.sh in one sitting: runs alternate A, B, A, B, ...
# (so slow minutes of a shared VM hit both), then medians, the per-pair ratios B/A and their
# median. On a noisy VM the per-pair ratio is the figure to trust, not one run's µs/turn.
#   usage: bench/e2e/turn_cost_ab.sh BIN_A BIN_B [--pairs N] [turn_cost.sh options...]
#   e.g.   bench/e2e/turn_cost_ab.sh /tmp/tito-server-old build/bin/tito-server --pairs 6 --turns 20
# Raw rows (build, pair, µs/turn) go to stdout as TSV before the summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ $# -ge 2 ]] || { sed -n 2,7p "$0" >&2; exit 2; }
bin_a=$1 bin_b=$2
shift 2
pairs=5
args=()
while (($#)); do
  case $1 in
    --pairs) pairs=$2; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
for b in "$bin_a" "$bin_b"; do [[ -x $b ]] || { echo "not an executable: $b" >&2; exit 2; }; done
run() {
  TITO_SERVER_BIN=$1 bench/e2e/turn_cost.sh "${args[@]}" 2>/dev/null | awk -F'\t' '$3 == "server_us_per_turn" {print $4}'
}
a=() b=()
for ((i = 1; i <= pairs; i++)); do
  x=$(run "$bin_a"); y=$(run "$bin_b")
  [[ -n $x && -n $y ]] || { echo "pair $i: a run gave no figure" >&2; exit 1; }
  printf 'A\t%d\t%s\nB\t%d\t%s\n' "$i" "$x" "$i" "$y"
  a+=("$x") b+=("$y")
done
python3 - "${a[*]}" "${b[*]}" "$bin_a" "$bin_b" <<'PY'
import statistics, sys
a = [float(x) for x in sys.argv[1].split()]
b = [float(x) for x in sys.argv[2].split()]
r = [y / x for x, y in zip(a, b)]
print(f"A {sys.argv[3]}: median {statistics.median(a):.1f} us/turn (runs {min(a):.1f}-{max(a):.1f})")
print(f"B {sys.argv[4]}: median {statistics.median(b):.1f} us/turn (runs {min(b):.1f}-{max(b):.1f})")
print(f"B/A per pair: {' '.join(f'{x:.2f}' for x in r)}; median {statistics.median(r):.3f}")
PY
