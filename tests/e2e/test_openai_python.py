"""The real `openai` Python client drives multi-turn tool-calling sessions through tito-server,
with and without stream=True. After six turns, GET /sessions/{id} must show token ids identical to
a from-scratch render of the final messages (qwen3_fixed.jinja via tito-render, then tito-tokenize)
and an empty tito_session_mismatch."""
import json
import subprocess
import urllib.request

import openai
import pytest

from conftest import BIN, MODEL, SHARED

TOOLS = [
    {"type": "function", "function": {"name": "search", "description": "Search the web",
                                      "parameters": {"type": "object", "properties": {"query": {"type": "string"},
                                                                                       "limit": {"type": "integer"}},
                                                     "required": ["query"]}}},
    {"type": "function", "function": {"name": "get_weather", "description": "Current weather",
                                      "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}},
]


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(req) as r:
        raw = r.read()
        return r.status, (json.loads(raw) if raw else None)


def history_reused(server_url):
    with urllib.request.urlopen(f"{server_url}/metrics") as r:
        for line in r.read().decode().splitlines():
            if line.startswith("tito_chat_history_reused_total "):
                return int(line.split()[1])
    raise AssertionError("tito_chat_history_reused_total missing from /metrics")


def assistant_message_from_stream(stream):
    """Rebuilds the assistant message from chunks the way OpenAI delta semantics do."""
    msg = {"role": "assistant", "content": "", "tool_calls": []}
    reasoning = None
    for chunk in stream:
        delta = chunk.choices[0].delta
        if delta.content:
            msg["content"] += delta.content
        extra = getattr(delta, "model_extra", None) or {}
        if extra.get("reasoning_content") is not None:
            reasoning = (reasoning or "") + extra["reasoning_content"]
        for tc in delta.tool_calls or []:
            while len(msg["tool_calls"]) <= tc.index:
                msg["tool_calls"].append({"id": None, "type": "function", "function": {"name": "", "arguments": ""}})
            slot = msg["tool_calls"][tc.index]
            if tc.id:
                slot["id"] = tc.id
            if tc.function.name:
                slot["function"]["name"] += tc.function.name
            if tc.function.arguments:
                slot["function"]["arguments"] += tc.function.arguments
    if reasoning is not None:
        msg["reasoning_content"] = reasoning
    if not msg["tool_calls"]:
        msg["tool_calls"] = None
    return msg


def drive(client, turns, stream):
    messages = [{"role": "system", "content": "You are a careful assistant."},
                {"role": "user", "content": "What is the weather in Paris? Search first."}]
    for k in range(turns):
        if stream:
            msg = assistant_message_from_stream(
                client.chat.completions.create(model="qwen3", messages=messages, tools=TOOLS, stream=True))
        else:
            resp = client.chat.completions.create(model="qwen3", messages=messages, tools=TOOLS)
            msg = resp.choices[0].message.model_dump(exclude_none=True)
            msg.pop("refusal", None)
            msg.pop("annotations", None)
        messages.append(msg)
        if msg.get("tool_calls"):
            messages.append({"role": "tool", "tool_call_id": msg["tool_calls"][0]["id"],
                             "content": json.dumps({"result": "sunny, 21 C", "turn": k})})
        else:
            messages.append({"role": "user", "content": f"Thanks. And turn {k}?"})
    return messages[:-1]


def canonical_tools():
    out = []
    for t in TOOLS:
        f = t["function"]
        out.append({"type": "function",
                    "function": {"description": f.get("description"), "name": f["name"],
                                 "parameters": f.get("parameters"), "strict": False},
                    "defer_loading": None})
    return out


def from_scratch_ids(messages, tmp_path):
    for m in messages:  # the renderer parses string arguments (spec 6.1)
        for tc in m.get("tool_calls") or []:
            if isinstance(tc["function"]["arguments"], str):
                tc["function"]["arguments"] = json.loads(tc["function"]["arguments"])
    (tmp_path / "messages.json").write_text(json.dumps(messages))
    (tmp_path / "tools.json").write_text(json.dumps(canonical_tools()))
    text = subprocess.run([str(BIN / "tito-render"), "render", "--template",
                           str(SHARED / "data" / "templates" / "miles" / "qwen3_fixed.jinja"),
                           "--messages", str(tmp_path / "messages.json"), "--tools", str(tmp_path / "tools.json"),
                           "--kwargs", json.dumps({"clear_thinking": False})],
                          check=True, capture_output=True).stdout
    out = subprocess.run([str(BIN / "tito-tokenize"), "encode", "--tokenizer", str(MODEL / "tokenizer.json"), "-"],
                         input=text, check=True, capture_output=True).stdout
    return [int(x) for x in out.split()]


@pytest.mark.parametrize("stream", [False, True])
def test_six_turn_tool_session_matches_from_scratch_render(server_url, stream, tmp_path):
    status, created = http("POST", f"{server_url}/sessions", {})
    assert status == 200
    sid = created["session_id"]
    client = openai.OpenAI(base_url=f"{server_url}/sessions/{sid}/v1", api_key="unused", max_retries=0)
    reused_before = history_reused(server_url)
    messages = drive(client, 6, stream)
    # httpx (0.28) sends compact JSON, so turns 2-6 open their list with the text the turn before
    # sent upstream: the server neither parses nor matches that part again.
    assert history_reused(server_url) - reused_before == 5
    status, doc = http("GET", f"{server_url}/sessions/{sid}")
    assert status == 200
    assert len(doc["records"]) == 6
    meta = doc["metadata"]
    assert meta["tito_session_mismatch"] == []
    expected = from_scratch_ids(messages, tmp_path)
    assert expected[-1] == 198  # the template's final "\n" after <|im_end|>
    assert meta["accumulated_token_ids"] == expected[:-1]
    assert http("DELETE", f"{server_url}/sessions/{sid}")[0] == 204


def test_errors_surface_as_openai_exceptions(server_url):
    client = openai.OpenAI(base_url=f"{server_url}/sessions/{'0' * 32}/v1", api_key="unused", max_retries=0)
    with pytest.raises(openai.NotFoundError) as e:
        client.chat.completions.create(model="qwen3", messages=[{"role": "user", "content": "hi"}])
    assert e.value.status_code == 404
    assert e.value.response.json() == {"error": f"session not found: session_id={'0' * 32}"}
