"""One simulated phone: a keep-alive HTTP/1.1 connection to 127.0.0.1 and its own cookie jar,
built on http.client so thousands of requests cost the bench little CPU next to the server."""
import gzip
import http.client
import json
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

USER_AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) KICK-bench"
# The user agent of a signed-in shopper's page views that the bench reports apart (the access log
# has the user agent and no cookies): bench/_report.py reads it back.
SIGNED_IN_AGENT = USER_AGENT + " signed-in"


class ConnectionLost(Exception):
    """The server dropped the connection before a full answer (a killed worker, a restart)."""


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    raw: bytes
    seconds: float
    retried: bool = False

    @property
    def body(self) -> bytes:
        if self.headers.get("Content-Encoding") == "gzip":
            return gzip.decompress(self.raw)
        return self.raw

    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body or b"null")


@dataclass(eq=False)  # each phone is one identity (kept in sets), not a value
class Phone:
    base: str
    timeout: float = 30
    cookies: dict = field(default_factory=dict)
    csrf: str | None = None
    has_account: bool = False  # set once a stamp made (and logged in) its anonymous account
    _conn: http.client.HTTPConnection | None = None
    _used: bool = False

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            parts = urlsplit(self.base)
            self._conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.timeout)
            self._used = False
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _store_cookies(self, headers) -> None:
        for line in headers.get_all("Set-Cookie") or ():
            pair, _, attributes = line.partition(";")
            name, _, value = pair.strip().partition("=")
            attrs = attributes.lower()
            if "max-age=0" in attrs or _expired(attributes):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str | None = None,
                headers: dict | None = None) -> Answer:
        """Like a browser: a request on a reused keep-alive connection the server has just closed is
        sent once more on a fresh one (Answer.retried tells the caller it may have arrived twice)."""
        sent = {"Host": urlsplit(self.base).netloc, "User-Agent": USER_AGENT, "Accept-Encoding": "gzip",
                "Accept-Language": "nl-BE,nl;q=0.9"}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            sent["Content-Type"] = content_type
        sent.update(headers or {})
        for attempt in (1, 2):
            reused = self._used
            started = time.perf_counter()
            try:
                conn = self._connection()
                conn.request(method, path, body=body, headers=sent)
                response = conn.getresponse()
                raw = response.read()
            except (http.client.HTTPException, OSError) as error:
                self.close()
                if attempt == 1 and reused and isinstance(error, (http.client.RemoteDisconnected,
                                                                  ConnectionResetError, BrokenPipeError)):
                    continue
                raise ConnectionLost(f"{type(error).__name__}: {error}") from None
            self._used = True
            if response.will_close:
                self.close()
            self._store_cookies(response.headers)
            return Answer(response.status, response.headers, raw, time.perf_counter() - started, attempt == 2)
        raise AssertionError("unreachable")

    def get(self, path: str, **kw) -> Answer:
        return self.request("GET", path, **kw)

    def post_json(self, path: str, payload: dict) -> Answer:
        headers = {"Accept": "application/json"}
        if self.csrf:
            headers["X-CSRFToken"] = self.csrf
        return self.request("POST", path, json.dumps(payload).encode(), "application/json", headers)

    def post_form(self, path: str, fields: dict) -> Answer:
        from urllib.parse import urlencode
        return self.request("POST", path, urlencode(fields).encode(), "application/x-www-form-urlencoded")


def _expired(attributes: str) -> bool:
    for part in attributes.split(";"):
        key, _, value = part.strip().partition("=")
        if key.lower() == "expires":
            try:
                return parsedate_to_datetime(value).timestamp() < time.time()
            except (TypeError, ValueError):
                return False
    return False
