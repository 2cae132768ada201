"""One blocking HTTP exchange with urllib.request, mapping failures to SessionServerError."""

import json
import urllib.error
import urllib.request

from tito_client.errors import SessionServerError


def _error_text(body: bytes) -> str:
    text = body.decode("utf-8", errors="replace")
    try:
        doc = json.loads(text)
    except ValueError:
        return text
    if isinstance(doc, dict) and "error" in doc:
        err = doc["error"]
        return err if isinstance(err, str) else json.dumps(err)
    return text


def request(method: str, url: str, body=None, timeout: float = 60.0) -> bytes:
    """Sends `body` (a JSON-serializable value, or None for no body); returns the reply bytes."""
    data = None
    headers = {}
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:
            return reply.read()
    except urllib.error.HTTPError as e:
        raise SessionServerError(method, url, e.code, _error_text(e.read())) from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise SessionServerError(method, url, None, str(reason)) from None


def request_json(method: str, url: str, body=None, timeout: float = 60.0):
    return json.loads(request(method, url, body, timeout))
