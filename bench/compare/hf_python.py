#!/usr/bin/env python3
"""HF `tokenizers` (Python binding of the Rust crate) on the benchmark corpus, single-threaded:
load time, MB/s encoding each ~2 KB piece separately, and us per 2 KB piece. Prints TSV rows
`impl model metric value`.

  python3 bench/compare/hf_python.py --tokenizer P/tokenizer.json --model qwen3 --corpus build/bench/corpus.json
"""
import argparse
import json
import time

from tokenizers import Tokenizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    t0 = time.perf_counter()
    tok = Tokenizer.from_file(a.tokenizer)
    load_ms = (time.perf_counter() - t0) * 1e3
    pieces = json.load(open(a.corpus, encoding="utf-8"))
    total = sum(len(p.encode("utf-8")) for p in pieces)
    for p in pieces[:200]:
        tok.encode(p, add_special_tokens=False)  # warm-up
    best = None
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        for p in pieces:
            tok.encode(p, add_special_tokens=False)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    print(f"hf_python\t{a.model}\tload_ms\t{load_ms:.1f}")
    print(f"hf_python\t{a.model}\tencode_MBps\t{total / best / 1e6:.2f}")
    print(f"hf_python\t{a.model}\tus_per_piece\t{best / len(pieces) * 1e6:.1f}")


if __name__ == "__main__":
    main()
