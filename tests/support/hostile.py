"""Reusable hostile-input probes: point them at your endpoints and every answer must be a clear 4xx
(or a normal 2xx/3xx) — never a 500, never a stack trace, never a file from outside our folders.

    from tests.support.hostile import probe_get_routes, probe_form, probe_json, failures_report

    def test_my_pages_survive_hostile_input(app, client):
        failures = probe_get_routes(app, client, only=lambda rule: rule.endpoint.startswith("trails."))
        assert not failures, failures_report(failures)

    def test_my_form(client):
        assert not probe_form(client, "/brugge/studio/trails/new", fields=["title", "summary"])

    def test_my_api(client):
        assert not probe_json(client, "POST", "/api/v1/scan", fields=["code"])

Each probe returns a list of Failure(url, status, why); an empty list means every answer was fine.
"""
import re
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import quote

# Path segment values, already URL-encoded as an attacker would send them.
NASTY_SEGMENTS = (
    "..%2f..%2fetc%2fpasswd", "..", "%2e%2e%2f%2e%2e", "%00", "x%00y", "%ff%fe", "%c0%af",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%20'1'%3D'1", "%7B%7B7*7%7D%7D", "%E2%80%AE", "%20",
    "a" * 300, "-1", "99999999999999999999999",
)
NASTY_INTS = ("0", "2147483648", "99999999999999999999999999", "9" * 5000)
NASTY_FLOATS = ("1e999", "9" * 400 + ".0", "0.0")
NASTY_PATHS = ("..%2f..%2fetc%2fpasswd", "a/../../../etc/passwd", "%00", "a/%2e%2e/%2e%2e/x.jpg", "x" * 3000)

# Query strings that features commonly read; values that break naive int()/float()/enum code.
NASTY_QUERIES = (
    "page=-1&per_page=99999999999999999999&limit=-5&offset=1e999&step=NaN",
    "lat=NaN&lon=1e999&lat=91&lon=-181&distance=-1&duration=abc",
    "kind=%ff%fe&category=__class__&sort=1;DROP%20TABLE%20city&q=" + "x" * 1999,
    "next=//evil.example/&next=javascript:alert(1)&format=../../etc/passwd",
    "page=1&page=2&kind[]=a&kind[x]=b&q=%E2%80%AE%F0%9F%98%80",
    "q=%00",  # a NUL: refused up front (PostgreSQL cannot store it)
    "q=" + "y" * 5000,  # far longer than any search
)
NASTY_HEADERS = (
    {"Accept-Language": "x" * 8000},
    {"Accept-Language": "nl;q=NaN, *;q=-1, ;;;"},
    {"Cookie": "session=" + "A" * 4000 + "; kick_lang=%ff"},
    {"If-None-Match": '"' + "x" * 2000},
    {"If-Modified-Since": "Sun, 99 Foo 99999 99:99:99 GMT"},
    {"Range": "bytes=99999999999999999999-1"},
    {"X-Forwarded-For": "not-an-ip, 999.999.999.999"},
)
# Form field values: malformed UTF-8, NUL, huge, wrong shape.
NASTY_FIELD_VALUES = (b"\xff\xfe\xfd", b"a\x00b", b"x" * 100_000, b"99999999999999999999999", b"-1", b"NaN",
                      b"<script>alert(1)</script>", b"\xe2\x80\xae", b"")
NASTY_JSON_BODIES = (
    b"\xff\xfe{}", b"{", b"[]", b"null", b"12", b'"text"', b"[" * 50_000, b'{"a":' * 5_000,
    b'{"x": NaN}', b'{"x": Infinity}', b'{"x": 99999999999999999999999999999}', b'{"x": "a\\u0000b"}',
)
SECRETS_THAT_MUST_NOT_LEAK = ("root:x:0:0", "Traceback (most recent call last)", "SECRET_KEY", "sqlalchemy.exc")


@dataclass(frozen=True)
class Failure:
    url: str
    status: int
    why: str

    def __str__(self) -> str:
        return f"{self.status} {self.url[:160]} — {self.why}"


def failures_report(failures: Iterable[Failure]) -> str:
    return "\n".join(str(f) for f in failures)


def judge(response, url: str) -> Failure | None:
    """A good answer to hostile input: below 500, readable, and leaking nothing."""
    status = response.status_code
    body = response.get_data(as_text=True) if response.mimetype and (
        response.mimetype.startswith("text/") or "json" in response.mimetype) else ""
    if status >= 500:
        return Failure(url, status, "server error")
    for secret in SECRETS_THAT_MUST_NOT_LEAK:
        if secret in body:
            return Failure(url, status, f"response leaks {secret!r}")
    if 400 <= status < 500:
        if response.mimetype == "application/problem+json":
            data = response.get_json(silent=True) or {}
            if not data.get("detail") or data.get("status") != status:
                return Failure(url, status, "problem+json without status/detail")
        elif response.mimetype == "text/html":
            if "<main" not in body or "<h1" not in body:
                return Failure(url, status, "error page is not our themed page")
        elif status not in (405,):
            return Failure(url, status, f"4xx as {response.mimetype!r}, not a page or problem+json")
    return None


# ------------------------------------------------------------------ URL building from the url_map
ARGUMENT = re.compile(r"<(?:(?P<converter>\w+)(?:\([^)]*\))?:)?(?P<name>\w+)>")


def sample_value(converter: str | None, name: str, city: str) -> str:
    """A valid-looking value for an argument we are not attacking in this probe."""
    if name == "city":
        return city
    return {"int": "1", "float": "1.0", "path": "x/y.jpg"}.get(converter or "", "x")


def nasty_values(converter: str | None, name: str) -> tuple[str, ...]:
    if converter == "int":
        return NASTY_INTS
    if converter == "float":
        return NASTY_FLOATS
    if converter == "path":
        return NASTY_PATHS
    return NASTY_SEGMENTS


def build(rule_text: str, values: dict[str, str]) -> str:
    return ARGUMENT.sub(lambda m: values[m.group("name")], rule_text)


def get_rules(app, only: Callable | None = None) -> list:
    rules = [rule for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())]
    return [rule for rule in rules if only is None or only(rule)]


def valid_url(rule, city: str = "brugge") -> str:
    """The rule filled with harmless sample values (the baseline the probes vary)."""
    return build(rule.rule, {m.group("name"): quote(sample_value(m.group("converter"), m.group("name"), city), safe="/")
                             for m in ARGUMENT.finditer(rule.rule)})


def hostile_urls(rule, city: str = "brugge") -> Iterable[str]:
    """For each argument of the rule in turn: every nasty value, the others left valid. Then the
    valid URL with each nasty query string."""
    arguments = [(m.group("converter"), m.group("name")) for m in ARGUMENT.finditer(rule.rule)]
    valid = {name: quote(sample_value(conv, name, city), safe="/") for conv, name in arguments}
    for converter, name in arguments:
        for value in nasty_values(converter, name):
            yield build(rule.rule, {**valid, name: value})
    base = build(rule.rule, valid)
    for query in NASTY_QUERIES:
        yield f"{base}?{query}"


def probe_get_routes(app, client, only: Callable | None = None, city: str = "brugge",
                     headers: bool = True) -> list[Failure]:
    failures = []
    for rule in get_rules(app, only):
        for url in hostile_urls(rule, city):
            failure = judge(client.get(url), url)
            if failure:
                failures.append(failure)
        if headers and not rule.arguments - {"city"}:
            url = build(rule.rule, {"city": city})
            for extra in NASTY_HEADERS:
                failure = judge(client.get(url, headers=extra), f"{url} {list(extra)[0]}")
                if failure:
                    failures.append(failure)
    return failures


def probe_form(client, url: str, fields: Iterable[str], method: str = "POST") -> list[Failure]:
    """Send each nasty value in each field (raw bytes, so malformed UTF-8 really arrives)."""
    failures = []
    fields = list(fields)
    for field in fields:
        for value in NASTY_FIELD_VALUES:
            body = b"&".join(
                quote(name).encode() + b"=" + (quote(value, safe="").encode() if name == field else b"x")
                for name in fields)
            response = client.open(url, method=method, data=body,
                                   content_type="application/x-www-form-urlencoded")
            failure = judge(response, f"{method} {url} {field}={value[:20]!r}")
            if failure:
                failures.append(failure)
    # Wrong shapes: a field sent many times, and a field that is a file.
    many = "&".join(f"{fields[0]}=x" for _ in range(150)) if fields else ""
    for data, content_type in ((many, "application/x-www-form-urlencoded"),
                               (b"\xff\xfe\x00garbage", "multipart/form-data; boundary=zzz")):
        response = client.open(url, method=method, data=data, content_type=content_type)
        failure = judge(response, f"{method} {url} ({content_type.split(';')[0]} shape)")
        if failure:
            failures.append(failure)
    return failures


def probe_json(client, method: str, url: str, fields: Iterable[str] = ()) -> list[Failure]:
    """Malformed and hostile JSON bodies, then each field set to each wrong type."""
    failures = []
    for body in NASTY_JSON_BODIES:
        response = client.open(url, method=method, data=body, content_type="application/json")
        failure = judge(response, f"{method} {url} body={body[:24]!r}")
        if failure:
            failures.append(failure)
    wrong_types = (None, True, -1, 2 ** 62, 1.5, "", "x" * 100_000, [], {}, ["a"] * 1000, {"$gt": ""})
    for field in fields:
        for value in wrong_types:
            response = client.open(url, method=method, json={field: value})
            failure = judge(response, f"{method} {url} {field}={str(value)[:24]}")
            if failure:
                failures.append(failure)
    return failures
