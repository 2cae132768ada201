#!/usr/bin/env python3
"""Builds the tokenizer benchmark corpus: a JSON list of ~2 KB UTF-8 pieces, >= 10 MB in total,
interleaving code (Python stdlib sources), English prose (license and doc texts), CJK text
(CPython's cjkencodings UTF-8 samples) and the multilingual/emoji/chat texts of the tokenizer
goldens. Deterministic for a given machine image.

  python3 bench/make_corpus.py --testdata ../shared/testdata --out build/bench/corpus.json
"""
import argparse
import glob
import json
import os
import sys
import sysconfig

PIECE = 2048


def pieces_of(text):
    data = text.encode("utf-8")
    out, i = [], 0
    while i < len(data):
        j = min(len(data), i + PIECE)
        while j < len(data) and (data[j] & 0xC0) == 0x80:
            j += 1
        out.append(data[i:j].decode("utf-8"))
        i = j
    return out


def read_all(paths, limit):
    buf, total = [], 0
    for p in paths:
        try:
            t = open(p, encoding="utf-8").read()
        except (UnicodeDecodeError, OSError):
            continue
        buf.append(t)
        total += len(t)
        if total >= limit:
            break
    return "\n".join(buf)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--testdata", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--mb", type=float, default=10.5)
    a = ap.parse_args()
    stdlib = sysconfig.get_paths()["stdlib"]
    code = read_all(sorted(glob.glob(os.path.join(stdlib, "*.py"))), 5_000_000)
    prose = read_all(sorted(glob.glob("/usr/share/common-licenses/*")) +
                     sorted(glob.glob("/usr/share/doc/*/copyright")), 3_000_000)
    cjk = read_all(sorted(glob.glob(os.path.join(stdlib, "test", "cjkencodings", "*-utf8.txt"))), 1_000_000)
    golden = []
    for f in sorted(glob.glob(os.path.join(a.testdata, "tokenizers", "qwen3.jsonl"))):
        for line in open(f, encoding="utf-8"):
            row = json.loads(line)
            if row["kind"] == "encode":
                golden.append(row["text"])
    multi = "\n".join(golden)
    sources = [pieces_of(s) for s in (code, prose, cjk, multi) if s]
    out, size, k = [], 0, 0
    target = int(a.mb * 1_000_000)
    while size < target:
        src = sources[k % len(sources)]
        p = src[(k // len(sources)) % len(src)]
        out.append(p)
        size += len(p.encode("utf-8"))
        k += 1
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    json.dump(out, open(a.out, "w", encoding="utf-8"), ensure_ascii=False)
    print(f"{len(out)} pieces, {size / 1e6:.1f} MB -> {a.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
