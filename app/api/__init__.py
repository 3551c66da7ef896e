"""/api/v1: JSON API. Feature blueprints register themselves; this adds the API-wide request rules."""
from flask import request

from app.core.problem import problem_response

JSON_TYPES = ("application/json", "application/merge-patch+json")


def require_json_body():
    """Unsafe API calls with a body must send JSON: a clear 415 instead of a confusing 422."""
    if not request.path.startswith("/api/") or request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    if not request.content_length and not request.headers.get("Transfer-Encoding"):
        return None
    if request.mimetype in JSON_TYPES or request.mimetype == "multipart/form-data":
        return None
    return problem_response(415, "Send the request body as application/json.", code="unsupported_media_type")


def init_app(app):
    from app.api.openapi import OperationDocs, spec_options
    from app.extensions import api as rest_api

    app.before_request(require_json_body)
    # Runs before the features register their blueprints (app.INFRASTRUCTURE first), so every operation
    # passes through the plugin; info and servers are merged into the document as it is written.
    rest_api.spec.plugins.append(OperationDocs())
    options = spec_options(app.config)
    rest_api.spec.options.setdefault("info", {}).update(options["info"])
    rest_api.spec.options["servers"] = options["servers"]
