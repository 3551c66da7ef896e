"""One place decides how an error looks: problem+json under /api/, a themed page elsewhere."""
import logging

from flask import g, render_template, request
from marshmallow import ValidationError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.core.problem import ProblemError, flatten_messages, problem_response
from app.extensions import db, login_manager

log = logging.getLogger(__name__)
HTML_PAGES = {400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500, 503}


def wants_json_response() -> bool:
    return request.path.startswith("/api/")


def _retry_after(error) -> dict:
    # Flask-Limiter sets Retry-After on its own response; keep it on ours.
    response = getattr(error, "response", None)
    if response is not None and response.headers.get("Retry-After"):
        return {"Retry-After": response.headers["Retry-After"]}
    return {}


def render_error(status: int, detail: str = "", *, code=None, errors=None, headers=None, title=None, extra=None):
    if wants_json_response():
        return problem_response(status, detail, code=code, errors=errors, headers=headers, title=title,
                                extra=extra)
    page = status if status in HTML_PAGES else (500 if status >= 500 else 400)
    body = render_template("errors/error.html", status=page, detail=detail, errors=errors)
    return body, status, headers or {}


def _rollback() -> None:
    """Whatever the failed request wrote is undone before the error page is drawn."""
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - the connection is gone; nothing to roll back
        pass


def handle_http_exception(error: HTTPException):
    _rollback()
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = flatten_messages(data["messages"]) if "messages" in data else None
    if getattr(error, "kick_detail", False):  # our own sentence for this refusal (e.g. uploads): show it
        errors = {"upload": [error.description]}
    headers = _retry_after(error)
    if status == 405 and error.valid_methods:
        headers["Allow"] = ", ".join(error.valid_methods)
    detail = error.description if status != 422 else "The request has invalid fields."
    if status == 429 and not getattr(error, "kick_detail", False):
        detail = "Too many attempts. Please wait a moment and try again."
    code = getattr(error, "kick_code", None) or (
        "validation_error" if errors else ("rate_limited" if status == 429 else None))
    return render_error(status, detail, errors=errors, headers=headers, code=code)


def handle_problem(error: ProblemError):
    _rollback()
    return render_error(error.status, error.detail, code=error.code, errors=error.errors,
                        headers=error.headers, title=error.title, extra=error.extra)


def handle_validation_error(error: ValidationError):
    _rollback()
    return render_error(422, "The request has invalid fields.", code="validation_error",
                        errors=flatten_messages(error.messages))


def handle_database_down(error: DBAPIError):
    # Only connection-level failures are an outage; anything else is a bug and must be a 500.
    if not isinstance(error, OperationalError) and not getattr(error, "connection_invalidated", False):
        return handle_unexpected(error)
    log.warning("database unavailable: %s", error.__class__.__name__)
    # The 503 page must not need the database: keep what is loaded (g.city, for the theme) instead
    # of letting the rollback expire it, and show the page as to a visitor (no user lookup).
    db.session.expunge_all()
    g._login_user = login_manager.anonymous_user()
    _rollback()
    return render_error(503, "The service is briefly unavailable. Please try again in a moment.",
                        code="unavailable", headers={"Retry-After": "5"})


def handle_unexpected(error: Exception):
    log.exception("unhandled error")
    _rollback()
    return render_error(500, InternalServerError.description)


def register_error_handlers(app):
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ProblemError, handle_problem)
    app.register_error_handler(ValidationError, handle_validation_error)
    app.register_error_handler(DBAPIError, handle_database_down)
    app.register_error_handler(Exception, handle_unexpected)
