#!/usr/bin/env python3
"""Differential rows for the tokenizer: random tricky texts encoded/decoded by the HF `tokenizers`
Python package (pip install tokenizers==0.22.2, the crate version behind the goldens), written in
the golden row format so `tito-tokenize check` can compare.

  python3 tests/tools/differential_rows.py --tokenizer P/tokenizer.json --rows 3000 --seed 1 > /tmp/x.jsonl
  build/bin/tito-tokenize check --tokenizer P/tokenizer.json /tmp/x.jsonl

Not a CTest (needs the pip package); a development oracle, like the regex oracle in STYLE.md 3.8.
"""
import argparse
import json
import random
import sys

from tokenizers import Tokenizer

POOLS = [
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789",
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    "     \t\n\r\n\n",
    "\u0085\u00a0\u2028\u2029\u3000\u200b\ufeff\u180e\u2000\u200a\u202f\u205f\u1680\x0b\x0c\x1c\x1d\x1e\x1f\x00\x7f",
    "\u017f\u212a\u0130\u0131\u00df\u1e9e\ufb01\u01c5\u01c9\u03a3\u03c2",
    "\u0301\u0308\u0327\u20dd\u0e31\u0e48\u093f\u094d\u05b7",
    "αβγδεΑΒΓΔЖжЯяԱաԲ",
    "中文字符测试漢字日本語のテキストカタカナひらがな한국어텍스트",
    "العربيةעבריתहिन्दीไทยລາວ",
    "٠١٢٣٤٥٦٧٨٩０１２３４５６７８９²³¹½⅓Ⅻⅻ①㊿",
    "😀👍🏽👨‍👩‍👧‍👦🇫🇷❤️✨🤖\U0001f9d1\u200d\U0001f4bb",
    "\ue000\U000f0000\u0378\U0001ffff\U0001e030\U0001e04f\U00031350\U0002ebf0\U0001cc00\U00010d40\u1dbf\U0001f6dc",
    "ｱｲｳｴｵＡＢＣａｂｃ！？、。「」『』【】",
    "éèêëàâäôöûüçñÉÈÊÀÇÑ",
]
WORDS = ["'s", "'S", "'t", "'T", "'re", "'RE", "'Re", "'ve", "'m", "'M", "'ll", "'LL", "'lL", "'d", "'D",
         "'\u017f", "'\u212a", "don't", "I'M", "it's", "   ", "\n\n\n", " \n ", "\r\n", "1234567", "3.14159",
         "https://example.com/a?b=c", "def f(x):\n    return x", "<html>", "</s>", "<s>", "[INST]", "▁", "▁▁",
         "<0x0A>", "<unk>", "\\n", "\t\t"]


def random_text(rng, specials):
    parts = []
    for _ in range(rng.randint(1, 14)):
        r = rng.random()
        if r < 0.15 and specials:
            parts.append(rng.choice(specials))
        elif r < 0.35:
            parts.append(rng.choice(WORDS))
        else:
            pool = rng.choice(POOLS)
            parts.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 8))))
        if rng.random() < 0.3:
            parts.append(" " * rng.randint(1, 3))
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokenizer", required=True)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    tok = Tokenizer.from_file(a.tokenizer)
    rng = random.Random(a.seed)
    added = tok.get_added_tokens_decoder()
    specials = [t.content for t in added.values()][:64]
    vocab_size = tok.get_vocab_size(True)
    out = sys.stdout
    for i in range(a.rows):
        text = random_text(rng, specials)
        add = rng.random() < 0.5
        ids = tok.encode(text, add_special_tokens=add).ids
        out.write(json.dumps({"id": f"diff-enc-{i}", "kind": "encode", "category": "diff", "text": text,
                              "add_special_tokens": add, "ids": ids, "tokens": []}, ensure_ascii=False) + "\n")
        skip = rng.random() < 0.5
        if rng.random() < 0.5:
            dec_ids = [rng.randrange(vocab_size + 5) for _ in range(rng.randint(1, 12))]
        else:
            dec_ids = ids[rng.randint(0, max(0, len(ids) - 1)):]
        text_out = tok.decode(dec_ids, skip_special_tokens=skip)
        out.write(json.dumps({"id": f"diff-dec-{i}", "kind": "decode", "category": "diff", "ids": dec_ids,
                              "skip_special_tokens": skip, "text": text_out}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
