"""Unbound extension objects; bound to an app in create_app()."""
import threading

from apispec import BasePlugin
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData

# Stable constraint names so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


PROBLEM_JSON = "application/problem+json"
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


class ProblemResponsesPlugin(BasePlugin):
    """Document every error answer as app.errors sends it: problem+json with the Problem schema.

    Clients (and the schemathesis fuzz, tests/app/test_fuzz_api.py) check answers against the
    document; an error documented as application/json with another shape would be a broken contract.
    """

    def operation_helper(self, path=None, operations=None, **kwargs):
        for operation in (operations or {}).values():
            for status, response in (operation.get("responses") or {}).items():
                if isinstance(response, dict) and (str(status) == "default" or str(status)[:1] in "45"):
                    response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}


class KickApi(Api):
    """flask-smorest Api whose errors are rendered by app.errors (problem+json), not by smorest."""

    def _register_error_handlers(self):  # noqa: D401 - intentionally a no-op
        pass

    # The OpenAPI document is written when it is first asked for (GET /api/v1/openapi.json), not while the app
    # is made: documenting every blueprint's operations was a third of create_app(), which the test suite runs
    # once per test. The blueprints themselves (the routes) are registered at once, as smorest does.
    def register_blueprint(self, blp, *, parameters=None, **options):
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self._app.extensions.setdefault("kick_api_undocumented", []).append((blp, name, parameters))

    _doc_lock = threading.Lock()  # two first requests at once must not both document (or half-document)

    def _document_blueprints(self, app):
        with self._doc_lock:
            waiting = app.extensions.pop("kick_api_undocumented", [])
            for blp, name, parameters in waiting:
                blp.register_views_in_doc(self, app, self.spec, name=name, parameters=parameters)
                self.spec.tag({"name": name, "description": blp.description})

    def _openapi_json(self):
        from flask import current_app
        self._document_blueprints(current_app)
        return super()._openapi_json()

    def _init_spec(self, *, extra_plugins=None, **kwargs):
        super()._init_spec(extra_plugins=[*(extra_plugins or ()), ProblemResponsesPlugin()], **kwargs)

    def _register_responses(self):
        # smorest's shared error responses ("default", 422, ...) in our shape (ERROR_SCHEMA, which
        # create_app sets to app.core.schemas.ProblemSchema: extensions import nothing of app) and media type
        self.DEFAULT_RESPONSE_CONTENT_TYPE = PROBLEM_JSON
        try:
            super()._register_responses()
        finally:
            del self.DEFAULT_RESPONSE_CONTENT_TYPE  # success answers stay application/json


db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING_CONVENTION))
migrate = Migrate(compare_type=True, render_as_batch=True)
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)
babel = Babel()
csrf = CSRFProtect()
cache = Cache()  # Flask-Caching: the page cache's home (app.cache), Redis with REDIS_URL
api = KickApi()
