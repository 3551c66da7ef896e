"""RFC 9457 problem details: the one error shape of the JSON API."""
from flask import jsonify
from werkzeug.exceptions import NotFound
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_MIMETYPE = "application/problem+json"


class ProblemError(Exception):
    """A business-rule refusal a service can raise; rendered as problem+json or an HTML page.

    `code` is a stable machine-readable reason (e.g. "cooldown"); `errors` maps fields to messages.
    """

    def __init__(self, status: int, detail: str, *, code: str | None = None, title: str | None = None,
                 errors: dict | None = None, headers: dict | None = None, extra: dict | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.code = code
        self.title = title or HTTP_STATUS_CODES.get(status, "Error")
        self.errors = errors
        self.headers = headers or {}
        self.extra = extra or {}


def not_found() -> ProblemError:
    """The 404 a service raises for a row the actor may not see (another merchant's, another city's): the
    same answer as a missing one, so an id leaks nothing, and the same page or problem+json as abort(404)."""
    return ProblemError(404, NotFound.description)


def problem_response(status: int, detail: str = "", *, title: str | None = None, code: str | None = None,
                     errors: dict | None = None, headers: dict | None = None, extra: dict | None = None):
    body = {
        "type": f"https://kick.city/problems/{code}" if code else "about:blank",
        "title": title or HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": detail or HTTP_STATUS_CODES.get(status, ""),
    }
    if code:
        body["code"] = code
    if errors:
        body["errors"] = errors
    if extra:
        body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = PROBLEM_MIMETYPE
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def flatten_messages(messages) -> dict[str, list[str]]:
    """webargs nests messages by location ({"json": {"email": [...]}}); clients want {field: [msgs]}."""
    if not isinstance(messages, dict):
        return {"_schema": [str(messages)]}
    if set(messages) <= {"json", "query", "form", "files", "headers", "cookies", "view_args", "path"}:
        merged: dict = {}
        for part in messages.values():
            merged.update(part if isinstance(part, dict) else {"_schema": part})
        messages = merged
    flat: dict[str, list[str]] = {}

    def walk(prefix, value):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else str(key), inner)
        elif isinstance(value, (list, tuple)):
            if all(isinstance(v, str) for v in value):
                flat.setdefault(prefix or "_schema", []).extend(value)
            else:
                for item in value:
                    walk(prefix, item)
        else:
            flat.setdefault(prefix or "_schema", []).append(str(value))

    walk("", messages)
    return flat
