"""Session: one session on the one server that created it; every URL is built from that server."""

from tito_client import _http
from tito_client.errors import SessionServerError


class Session:
    """A session pinned to `server_url` (e.g. "http://127.0.0.1:8001").

    base_url: `{server_url}/sessions/{session_id}`, the value miles hands to agents; the agent
        posts to `{base_url}/v1/chat/completions`.
    openai_base_url: `{base_url}/v1`, for `openai.OpenAI(base_url=...)` (the SDK appends
        `/chat/completions`).
    Used as a context manager it deletes the session on exit (a session already gone is fine).
    Not thread-safe beyond what urllib is; one turn at a time per session is the protocol anyway.
    """

    def __init__(self, server_url: str, session_id: str, timeout: float = 60.0):
        self.server_url = server_url.rstrip("/")
        self.session_id = session_id
        self.timeout = timeout

    @property
    def base_url(self) -> str:
        return f"{self.server_url}/sessions/{self.session_id}"

    @property
    def openai_base_url(self) -> str:
        return f"{self.base_url}/v1"

    @property
    def chat_completions_url(self) -> str:
        return f"{self.base_url}/v1/chat/completions"

    def get(self) -> dict:
        """GET the session: `{"session_id", "records", "metadata"}`."""
        return _http.request_json("GET", self.base_url, timeout=self.timeout)

    def chat(self, request: dict) -> dict:
        """One chat turn (an OpenAI ChatCompletion request body, full history); the reply as a dict."""
        return _http.request_json("POST", self.chat_completions_url, request, timeout=self.timeout)

    def samples(self, max_seq_len: int | None = None, metadata: dict | None = None) -> bytes:
        """The samples op; returns the raw reply (safetensors bytes, spec 8.7)."""
        body = {"max_seq_len": max_seq_len}
        if metadata is not None:
            body["metadata"] = metadata
        return _http.request("POST", f"{self.base_url}/samples", body, timeout=self.timeout)

    def delete(self, missing_ok: bool = False) -> None:
        """DELETE the session; with missing_ok a 404 (already deleted) is not an error."""
        try:
            _http.request("DELETE", self.base_url, timeout=self.timeout)
        except SessionServerError as e:
            if not (missing_ok and e.status == 404):
                raise

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, *exc) -> None:
        self.delete(missing_ok=True)

    def __repr__(self) -> str:
        return f"Session({self.server_url!r}, {self.session_id!r})"
