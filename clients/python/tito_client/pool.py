"""SessionServerPool: the list of server base URLs and the per-session random pick."""

import random

from tito_client import _http
from tito_client.session import Session


def urls_for_miles_ports(ip: str, session_server_port: list[int]) -> list[str]:
    """The URLs miles would use for `--session-server-ip IP --session-server-port ...`.

    One value P: one server at P. Two values START END: the half-open range [START, END), one
    server per port (miles: router_manager._resolve_session_server_ports).
    """
    if len(session_server_port) == 1:
        ports = list(session_server_port)
    elif len(session_server_port) == 2:
        start, end = session_server_port
        if start >= end:
            raise ValueError(f"session server port range [{start}, {end}) is empty")
        ports = list(range(start, end))
    else:
        raise ValueError(f"expected one port or START END, got {session_server_port!r}")
    host = f"[{ip}]" if ":" in ip and not ip.startswith("[") else ip
    return [f"http://{host}:{p}" for p in ports]


class SessionServerPool:
    """Base URLs of independent session servers; picks one per new session.

    SessionServerPool(["http://10.0.0.5:8000", "http://10.0.0.5:8001"])
    SessionServerPool(host="10.0.0.5", ports=[8000, 8001])
    rng: a random.Random for reproducible picks (default: the module's generator).
    """

    def __init__(self, urls=None, *, host: str | None = None, ports=None, timeout: float = 60.0,
                 rng: random.Random | None = None):
        if urls is None:
            if host is None or not ports:
                raise ValueError("give urls, or host and ports")
            urls = [f"http://{host}:{p}" for p in ports]
        elif host is not None or ports is not None:
            raise ValueError("give urls or host+ports, not both")
        self.urls = [u.rstrip("/") for u in urls]
        if not self.urls:
            raise ValueError("the pool needs at least one URL")
        self.timeout = timeout
        self._rng = rng or random

    @classmethod
    def from_miles(cls, ip: str, session_server_port: list[int], **kwargs) -> "SessionServerPool":
        return cls(urls_for_miles_ports(ip, session_server_port), **kwargs)

    def pick(self) -> str:
        """A uniformly random server URL (the one routing decision of a session)."""
        return self._rng.choice(self.urls)

    def create_session(self, server_url: str | None = None) -> Session:
        """POST /sessions on a picked (or the given) server; the Session stays on that server."""
        url = (server_url or self.pick()).rstrip("/")
        reply = _http.request_json("POST", f"{url}/sessions", {}, timeout=self.timeout)
        return Session(url, reply["session_id"], timeout=self.timeout)

    def health(self, server_url: str) -> dict:
        """GET /health of one server: `{"status": "ok", "session_server_instance_id": ...}`."""
        return _http.request_json("GET", f"{server_url.rstrip('/')}/health", timeout=self.timeout)
