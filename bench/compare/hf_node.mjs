// File: bench/compare/hf_node.mjs
// HF tokenizers (Rust crate 0.22 through @anush008/tokenizers, the binding that produced the
// goldens) on the benchmark corpus: load time, MB/s encoding each ~2 KB piece one at a time
// (awaited sequentially: one request at a time, like a server turn), us per piece.
// Prints TSV rows `impl model metric value`.
//   node bench/compare/hf_node.mjs P/tokenizer.json qwen3 build/bench/corpus.json
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("@anush008/tokenizers");

const [path, model, corpusPath] = process.argv.slice(2);
let t0 = process.hrtime.bigint();
const tok = Tokenizer.fromFile(path);
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const pieces = JSON.parse(readFileSync(corpusPath, "utf8"));
const total = pieces.reduce((n, p) => n + Buffer.byteLength(p, "utf8"), 0);
for (const p of pieces.slice(0, 200)) await tok.encode(p, null, { addSpecialTokens: false });
let best = Infinity;
for (let r = 0; r < 2; r++) {
  t0 = process.hrtime.bigint();
  for (const p of pieces) await tok.encode(p, null, { addSpecialTokens: false });
  best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(`hf_node\t${model}\tload_ms\t${loadMs.toFixed(1)}`);
console.log(`hf_node\t${model}\tencode_MBps\t${(total / best / 1e6).toFixed(2)}`);
console.log(`hf_node\t${model}\tus_per_piece\t${(best / pieces.length * 1e6).toFixed(1)}`);
