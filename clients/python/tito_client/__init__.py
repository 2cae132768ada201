"""tito_client: pick a tito-server worker once per session and stick to it.

Standard library only. A pool holds the base URLs of independent session-server processes
(`tito-server --workers N`, or miles' one server per port); `create_session()` picks one
uniformly at random, as miles' OpenAIEndpointTracer does, and the returned Session keeps every
later request (chat turns, samples, get, delete) on that server. There is no router: a session
exists only in the process that created it.

    pool = SessionServerPool(host="127.0.0.1", ports=[8000, 8001])
    with pool.create_session() as s:
        client = openai.OpenAI(base_url=s.openai_base_url, api_key="none")
        ...
        records = s.get()
    # leaving the block deletes the session
"""

from tito_client.errors import SessionServerError
from tito_client.pool import SessionServerPool, urls_for_miles_ports
from tito_client.session import Session

__all__ = ["Session", "SessionServerError", "SessionServerPool", "urls_for_miles_ports"]
