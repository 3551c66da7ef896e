"""Unknown Host headers are refused with a 400 page (Flask's ``TRUSTED_HOSTS``, from
``KICK_TRUSTED_HOSTS`` or, in production, the host of ``KICK_PUBLIC_URL``).

Flask checks the host while it pushes the request context, before routing: a refused request then
has no URL adapter, so the themed error page (and every ``url_for``) would fail with a 500. This
small WSGI layer checks first, with werkzeug's own rule and the same list: a request for another
host is handed to Flask under the canonical host and marked, and the first URL preprocessor turns
the mark into a normal 400 (themed page; problem+json under /api/).

The health checks answer whatever the Host: load balancers and orchestrators probe an instance by
its IP address (AWS, GCP, Kubernetes all do), and their answers carry no URL or personal data.

The layer sits inside ProxyFix (``app.ops.proxy``, registered after this package), so behind a
trusted proxy the host that counts is the forwarded one.
"""
from flask import request
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

from app.core.problem import ProblemError

ANY_HOST_PATHS = frozenset({"/healthz", "/readyz"})
REFUSED = "kick.untrusted_host"


def canonical_host(trusted: list[str]) -> str:
    return trusted[0].lstrip(".")


class HostGuard:
    def __init__(self, wsgi_app, app):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        trusted = self.app.config.get("TRUSTED_HOSTS")
        if trusted:
            try:
                get_host(environ, trusted)
            except SecurityError:
                if environ.get("PATH_INFO") not in ANY_HOST_PATHS:
                    environ[REFUSED] = True
                environ["HTTP_HOST"] = canonical_host(trusted)
                environ.pop("HTTP_X_FORWARDED_HOST", None)
        return self.wsgi_app(environ, start_response)


def refuse_marked_request(endpoint, values):
    if request.environ.get(REFUSED):
        raise ProblemError(400, "This address is not served here.", code="unknown_host")


def init_app(app):
    app.wsgi_app = HostGuard(app.wsgi_app, app)
    # Before every other URL preprocessor (the city lookup would answer 404 first).
    app.url_value_preprocessors.setdefault(None, []).insert(0, refuse_marked_request)
