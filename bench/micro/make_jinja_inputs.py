#!/usr/bin/env python3
"""Writes data/jinja_20turn.json: a 20-turn agentic conversation (system prompt, tools, reasoning,
tool calls with object arguments, tool results) used by jinja_bench.cpp and jinja_python_bench.py."""
import json
import os

tools = [
    {"type": "function", "function": {
        "name": "get_weather", "description": "Get the current weather for a city.",
        "parameters": {"type": "object", "properties": {
            "location": {"type": "string", "description": "City name"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}}, "required": ["location"]}}},
    {"type": "function", "function": {
        "name": "search", "description": "Search the web and return the top results.",
        "parameters": {"type": "object", "properties": {
            "query": {"type": "string"}, "max_results": {"type": "integer", "default": 5}}, "required": ["query"]}}},
    {"type": "function", "function": {
        "name": "run_python", "description": "Execute Python code in a sandbox and return stdout.",
        "parameters": {"type": "object", "properties": {"code": {"type": "string"}}, "required": ["code"]}}},
]

messages = [{"role": "system", "content": "You are a careful agent. Think step by step and use tools when useful."}]
cities = ["Tokyo", "Paris", "Lima", "Oslo", "Cairo", "Quito", "Delhi", "Perth", "Rome", "Seoul"]
for turn in range(20):
    city = cities[turn % len(cities)]
    messages.append({"role": "user", "content": f"Turn {turn}: what is the weather in {city}, and is it good for a walk?"})
    if turn % 2 == 0:
        messages.append({"role": "assistant", "content": "",
                         "reasoning_content": f"The user asks about {city}. I should call get_weather first.",
                         "tool_calls": [{"id": f"call_{turn}", "type": "function", "function": {
                             "name": "get_weather", "arguments": {"location": city, "unit": "celsius"}}}]})
        messages.append({"role": "tool", "tool_call_id": f"call_{turn}", "name": "get_weather",
                         "content": json.dumps({"city": city, "temp_c": 12 + turn, "sky": "clear", "wind_kph": 7.5})})
    messages.append({"role": "assistant",
                     "reasoning_content": f"It is {12 + turn} C and clear in {city}; a walk sounds fine.",
                     "content": f"In {city} it is {12 + turn} degrees and clear, so yes, a walk is a good idea."})

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "jinja_20turn.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"messages": messages, "tools": tools}, f, ensure_ascii=False, indent=1)
print(out, len(messages), "messages")
