"""SessionServerError: a non-2xx answer or a transport failure, with the server's error text."""


class SessionServerError(Exception):
    """Raised for every failed request.

    status: the HTTP status, or None when no answer arrived (connection refused, timeout).
    error: the `error` field of the server's `{"error": ...}` body when there is one, else the
    body text (or the transport failure's text).
    method, url: the request that failed.
    """

    def __init__(self, method: str, url: str, status: int | None, error: str):
        self.method = method
        self.url = url
        self.status = status
        self.error = error
        where = f"{method} {url}"
        super().__init__(f"{where} failed with {status}: {error}" if status is not None else f"{where} failed: {error}")
