#!/usr/bin/env bash
# Template render speed against Python Jinja2, interleaved: for each round and each template, the
# C++ render (jinja_bench, CPU time) and then the Python render (jinja_python_bench.py, the
# reference set-up of RENDERER.md) are timed back to back, so a slow minute of a shared VM hits
# both sides of a ratio. Prints one row per round and template, then per template the medians and
# the median of the per-round speed-ups (Python / C++).
#   usage: bench/micro/jinja_compare.sh [--rounds N] [--python PY] [TEMPLATE...]
#   (templates: qwen3 qwen3_20msg qwen3_fixed gpt_oss gemma4; default all; PY defaults to
#   /tmp/jvenv/bin/python, a venv with jinja2==3.1.6 as bench/README.md describes)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=5
py=/tmp/jvenv/bin/python
names=()
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --python) py=$2; shift ;;
    *) names+=("$1") ;;
  esac
  shift
done
((${#names[@]})) || names=(qwen3 qwen3_20msg qwen3_fixed gpt_oss gemma4)
[[ -x build/bench/jinja_bench ]] || { echo "build/bench/jinja_bench missing: scripts/build.sh jinja_bench" >&2; exit 2; }
rows=$(mktemp)
trap 'rm -f "$rows"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for n in "${names[@]}"; do
    cpp=$(build/bench/jinja_bench --benchmark_filter="^render/${n}\$" --benchmark_min_time=0.3 2>/dev/null |
          awk -v n="render/$n" '$1 == n {v = $4; u = $5; if (u == "ns") v /= 1000; if (u == "ms") v *= 1000; print v}')
    pyus=$("$py" bench/micro/jinja_python_bench.py --only "$n" --iterations 100 | awk -F'\t' '{print $3}')
    [[ -n $cpp && -n $pyus ]] || { echo "round $r $n: no figure" >&2; exit 1; }
    printf '%d\t%s\t%s\t%s\n' "$r" "$n" "$cpp" "$pyus" | tee -a "$rows"
  done
done
python3 - "$rows" <<'PY'
import statistics, sys
by = {}
for line in open(sys.argv[1]):
    r, n, c, p = line.split("\t")
    by.setdefault(n, []).append((float(c), float(p)))
print("template\ttito us (median, range)\tPython us (median)\tspeed-up per round\tmedian speed-up")
for n, v in by.items():
    c = [x for x, _ in v]
    p = [y for _, y in v]
    s = [y / x for x, y in v]
    print(f"{n}\t{statistics.median(c):.1f} ({min(c):.1f}-{max(c):.1f})\t{statistics.median(p):.0f}\t"
          f"{' '.join(f'{x:.0f}' for x in s)}\t{statistics.median(s):.0f}x")
PY
