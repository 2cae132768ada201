# tests/tools/sglang_tool_dump.py: the oracle for tests/unit/chat/tools_test.cpp. Re-declares SGLang's pydantic
# Function/Tool models (python/sglang/srt/entrypoints/openai/protocol.py, defer_loading era, v0.5.16)
# and miles' extract_tool_dicts, and prints the canonical dumps of the test inputs (pydantic 2.x).
# Run: python3 tests/tools/sglang_tool_dump.py
from __future__ import annotations
import json
from typing import Optional
from pydantic import BaseModel, Field, TypeAdapter, model_serializer, model_validator

class Function(BaseModel):
    description: Optional[str] = Field(default=None, examples=[None])
    name: str
    parameters: Optional[object] = None
    strict: bool = False
    defer_loading: Optional[bool] = None
    @model_serializer(mode="wrap")
    def _serialize(self, handler):
        data = handler(self)
        if self.defer_loading is None:
            data.pop("defer_loading", None)
        return data

class Tool(BaseModel):
    type: str = Field(default="function", examples=["function"])
    function: Function
    defer_loading: Optional[bool] = None
    @model_validator(mode="after")
    def _propagate_defer_loading(self) -> "Tool":
        if self.defer_loading is not None and self.function.defer_loading is None:
            self.function.defer_loading = self.defer_loading
        return self

def extract(tools):
    if not tools:
        return None
    wrapped = [t if isinstance(t, dict) and "function" in t else {"type": "function", "function": t} for t in tools]
    validated = TypeAdapter(list[Tool]).validate_python(wrapped)
    return [t.model_dump() for t in validated]

cases = [
 '[{"function":{"name":"f","parameters":{"type":"object","properties":{"b":{},"a":{}}},"description":"d"},"type":"function"}]',
 '[{"function":{"name":"f","extra":1},"x":2}]',
 '[{"name":"g","description":"x","parameters":{}}]',
 '[{"type":"function","function":{"name":"f","strict":true,"defer_loading":false}}]',
 '[{"type":"function","defer_loading":true,"function":{"name":"f","strict":1}}]',
 '[{"function":{"name":"f","strict":"yes"}}]',
 '[{"type":"custom","function":{"name":"f"}}]',
 '[{"function":{"name":"f","strict":1.0}}]',
 '[{"function":{"name":"f","strict":"Off"}}]',
]
bad = ['[{"function":{"description":"no name"}}]','[{"function":{"name":1}}]','[{"function":{"name":"f","description":3}}]',
       '[{"function":{"name":"f","strict":2}}]','[{"type":1,"function":{"name":"f"}}]','[{"function":"f"}]','["f"]','{"a":1}',
       '[{"function":{"name":"f","strict":" true"}}]']
for c in cases:
    print(json.dumps(extract(json.loads(c)), separators=(",", ":")))
for c in bad:
    try:
        print("UNEXPECTED OK", extract(json.loads(c)))
    except Exception as e:
        print("error", type(e).__name__)
