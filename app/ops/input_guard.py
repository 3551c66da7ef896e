"""Hostile input that no feature should have to think about, refused before any view runs.

- URL parts (slugs, ids): NUL/control characters or absurd lengths are a 400; integer ids outside
  the range of our integer columns are a 404 (such a row cannot exist; SQLite would raise on them).
- Query strings and form fields: NUL bytes (PostgreSQL refuses them in text, which would be a 500)
  and absurd lengths are a 400.
- JSON bodies: larger than KICK_MAX_JSON_BYTES is a 413; too deep nesting (Python's parser would recurse until RecursionError), NaN/Infinity
  and integers beyond what a JavaScript client can represent are a 400.

- Url-encoded forms: the multipart limits (MAX_FORM_MEMORY_SIZE, MAX_FORM_PARTS) apply too.
- HTML form routes (everything outside /api/) read form bodies only: a JSON body, text/plain or any
  other content type is a 415 page. (Flask-WTF would otherwise build the form from the JSON body,
  and a list or object where a field expects text is a 500 deep in WTForms.) Runs after the rate
  limiter, so a limited client still gets its 429.

Everything else (types, ranges, lengths of real fields) stays the job of each feature's schema.
"""
import math
import re

from flask import Request, abort, current_app, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge

from flask_limiter.util import get_qualified_name

from app.core.problem import ProblemError
from app.extensions import limiter

MAX_PATH_SEGMENT = 200
MAX_QUERY_VALUE = 2000
MAX_JSON_DEPTH = 32
MAX_JSON_INT = 2 ** 53  # Number.MAX_SAFE_INTEGER + 1; larger ids or counts are never ours
MAX_DB_INT = 2 ** 31 - 1  # our integer columns
BRACKETS = re.compile(rb"[\[\]{}]")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

BAD_ADDRESS = _l("This address contains characters or a length that we do not accept.")
BAD_TEXT = _l("The request contains a control character or a value that is far too long.")
FORM_ONLY = _l("This page accepts a form only. Please use the form on the page.")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BAD_JSON = _l("The JSON body is nested too deeply or contains a number we cannot accept.")


def refuse(message, code: str):
    raise ProblemError(400, str(message), code=code)


def check_url_values(endpoint, values):
    """Runs before every other URL value preprocessor (before the city is looked up)."""
    for value in (values or {}).values():
        if isinstance(value, str):
            if len(value) > MAX_PATH_SEGMENT or CONTROL_CHARS.search(value):
                refuse(BAD_ADDRESS, "bad_address")
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_DB_INT:
            abort(404)
        elif isinstance(value, float) and not math.isfinite(value):
            abort(404)


def check_text_fields():
    for value in request.args.values():
        if len(value) > MAX_QUERY_VALUE or "\x00" in value:
            refuse(BAD_TEXT, "bad_text")
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and request.mimetype in (
            "application/x-www-form-urlencoded", "multipart/form-data"):
        # Form field sizes are bounded by MAX_FORM_MEMORY_SIZE; only NUL needs a look here.
        for value in request.form.values():
            if "\x00" in value:
                refuse(BAD_TEXT, "bad_text")


def json_problem(value, depth: int = 0) -> bool:
    if depth > MAX_JSON_DEPTH:
        return True
    if isinstance(value, dict):
        return any(json_problem(k, depth + 1) or json_problem(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(json_problem(item, depth + 1) for item in value)
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, int):
        return abs(value) > MAX_JSON_INT
    if isinstance(value, float):
        return not math.isfinite(value)
    return False


def bracket_depth(raw: bytes) -> int:
    """Nesting depth of a JSON text without parsing it (brackets inside strings over-count,
    which can only make us stricter than MAX_JSON_DEPTH allows for such odd bodies)."""
    depth = deepest = 0
    for byte in BRACKETS.findall(raw):
        if byte in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def check_form_body():
    """A body sent to an HTML form route must be a form (an empty body without a type is fine)."""
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or request.path.startswith("/api/"):
        return
    if request.mimetype in FORM_TYPES:
        return
    if not request.mimetype and not request.content_length and "chunked" not in request.headers.get(
            "Transfer-Encoding", "").lower():
        return
    check_view_rate_limits()  # a client over its limit gets the 429 it would get with a form
    raise ProblemError(415, str(FORM_ONLY), code="form_only")


def check_view_rate_limits():
    """Evaluate the view's own Flask-Limiter limits now (they normally run in the view's wrapper,
    which a refused body never reaches); raises RateLimitExceeded, our 429 page."""
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None:
        limiter._check_request_limit(in_middleware=False, callable_name=get_qualified_name(view))


def check_json_body():
    if request.method not in ("POST", "PUT", "PATCH", "DELETE") or not request.is_json:
        return
    if (request.content_length or 0) > current_app.config["KICK_MAX_JSON_BYTES"]:
        abort(413)
    raw = request.get_data(cache=True)
    if len(raw) > current_app.config["KICK_MAX_JSON_BYTES"]:  # chunked bodies have no length
        abort(413)
    if not raw:
        return
    if bracket_depth(raw) > MAX_JSON_DEPTH:
        refuse(BAD_JSON, "bad_json")
    try:
        body = request.get_json(silent=False)
    except BadRequest:
        return  # the view's parser answers malformed JSON with its own 400
    if json_problem(body):
        refuse(BAD_JSON, "bad_json")


class BoundedFormRequest(Request):
    """Werkzeug applies MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS to multipart bodies only; an
    url-encoded form could otherwise fill all of MAX_CONTENT_LENGTH (12 MB) with thousands of
    fields. Apply both limits to url-encoded forms too (a 413, before parsing when we can)."""

    def _load_form_data(self) -> None:
        urlencoded = self.mimetype == "application/x-www-form-urlencoded"
        if urlencoded and self.max_form_memory_size is not None and (
                self.content_length or 0) > self.max_form_memory_size:
            raise RequestEntityTooLarge()
        super()._load_form_data()
        if urlencoded and self.max_form_parts is not None and len(
                list(self.form.items(multi=True))) > self.max_form_parts:
            raise RequestEntityTooLarge()


def guard_request():
    check_form_body()
    check_text_fields()
    check_json_body()


def init_app(app):
    app.request_class = BoundedFormRequest
    # No API call needs more than this; photos travel as multipart uploads, not JSON.
    app.config.setdefault("KICK_MAX_JSON_BYTES", 1024 * 1024)
    app.url_value_preprocessor(check_url_values)
    app.before_request(guard_request)
