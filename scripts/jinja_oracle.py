#!/usr/bin/env python3
"""Reference renderer for chat templates: Python Jinja2 set up like transformers
(shared/testdata/templates/RENDERER.md). Development oracle, not used by the server.

  jinja_oracle.py cross --corpus DIR --cases cases.jsonl > all.jsonl
      renders every template x every fixture seen in cases.jsonl (golden row format)
  jinja_oracle.py render --template T --row row.json
Requires jinja2==3.1.6 (install into a venv: python3 -m venv v && v/bin/pip install jinja2==3.1.6).
"""
import argparse
import datetime
import json
import os
import sys

import jinja2
import jinja2.ext
import jinja2.sandbox

FIXED_NOW = datetime.datetime(2025, 1, 15, 9, 30, 45)
FIXTURE_KWARGS = ("enable_thinking", "clear_thinking", "preserve_thinking", "reasoning_effort")


class AssistantTracker(jinja2.ext.Extension):
    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_render", []), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


def make_env(now):
    env = jinja2.sandbox.ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, jinja2.ext.loopcontrols])

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: now.strftime(fmt)
    return env


def render_row(env_cache, source, row):
    key = source
    if key not in env_cache:
        env_cache[key] = make_env(FIXED_NOW).from_string(source)
    tpl = env_cache[key]
    out = dict(row)
    try:
        out["expected"] = tpl.render(messages=row["messages"], tools=row["tools"], documents=row["documents"],
                                     add_generation_prompt=row["add_generation_prompt"], **row["kwargs"])
        out.pop("error", None)
        out.pop("error_type", None)
    except Exception as e:  # noqa: BLE001 - every failure is a golden "must fail" row
        out.pop("expected", None)
        out["error"] = str(e)
        out["error_type"] = type(e).__name__
    return out


def cross(args):
    index = json.load(open(os.path.join(args.corpus, "index.json")))
    fixtures = {}
    for line in open(args.cases):
        r = json.loads(line)
        if r["fixture"] not in fixtures:
            fixtures[r["fixture"]] = {
                "messages": r["messages"], "tools": r["tools"], "documents": r["documents"],
                "add_generation_prompt": r["add_generation_prompt"],
                "kwargs": {k: v for k, v in r["kwargs"].items() if k in FIXTURE_KWARGS}}
    cache = {}
    for t in index:
        source = open(os.path.join(args.corpus, t["name"] + ".jinja"), encoding="utf-8").read()
        for fid, fx in fixtures.items():
            kwargs = dict(t.get("special_tokens", {}))
            kwargs.update(fx["kwargs"])
            row = {"id": f"{t['name']}/{fid}", "template": t["name"], "fixture": fid,
                   "messages": fx["messages"], "tools": fx["tools"], "documents": fx["documents"],
                   "add_generation_prompt": fx["add_generation_prompt"], "kwargs": kwargs,
                   "now": FIXED_NOW.isoformat()}
            sys.stdout.write(json.dumps(render_row(cache, source, row), ensure_ascii=False) + "\n")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cross")
    c.add_argument("--corpus", required=True)
    c.add_argument("--cases", required=True)
    r = sub.add_parser("render")
    r.add_argument("--template", required=True)
    r.add_argument("--row", required=True)
    args = ap.parse_args()
    if args.cmd == "cross":
        cross(args)
    else:
        row = json.load(open(args.row))
        out = render_row({}, open(args.template, encoding="utf-8").read(), row)
        sys.stdout.write(out.get("expected", "ERROR " + out.get("error_type", "") + ": " + out.get("error", "")))


if __name__ == "__main__":
    main()
