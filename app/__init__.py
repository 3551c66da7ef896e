"""KICK City application factory."""
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent

# Infrastructure, registered before the features in this order, because Flask runs before_request hooks
# in registration order and after_request hooks in reverse: the API's JSON-body rule answers before the
# ops input guard; ops checks URL values before cities resolves the city; security's headers are set last,
# on every answer, including the ones the other layers send. The page cache's WSGI layer sits between ops' ProxyFix
# (outside: the cache keys on the host the visitor used) and security's host guard (inside: a refused host is
# never answered from the cache); its after_request hook is put first in line, so it runs last of all.
INFRASTRUCTURE = ("api", "security", "cache", "ops", "media", "jobs")
# Feature packages in registration order (privacy and admin last: they read the parts the others registered);
# each exposes init_app(app).
FEATURES = ("cities", "accounts", "shops", "trails", "premises", "access", "agenda", "loyalty", "figures", "voice", "pwa",
            "privacy", "admin")


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(ROOT / "instance"), instance_relative_config=True,
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    register_config(app, test_config)
    register_extensions(app)
    register_infrastructure(app)
    register_features(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def register_config(app: Flask, test_config: dict | None) -> None:
    from app.config import build_config
    app.config.from_mapping(build_config(Path(app.instance_path)))
    if test_config:
        app.config.from_mapping(test_config)


def register_extensions(app: Flask) -> None:
    from app.core.i18n import select_locale
    from app.core.schemas import ProblemSchema
    from app.extensions import api, babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    api.ERROR_SCHEMA = ProblemSchema  # the API's documented error answers, as app.errors sends them
    api.init_app(app)


def register_infrastructure(app: Flask) -> None:
    _init_packages(app, INFRASTRUCTURE)


def register_features(app: Flask) -> None:
    _init_packages(app, FEATURES)


def _init_packages(app: Flask, names: tuple[str, ...]) -> None:
    import importlib
    for name in names:
        importlib.import_module(f"app.{name}").init_app(app)


def register_error_handlers(app: Flask) -> None:
    from app.errors import register_error_handlers as register
    register(app)


def register_template_helpers(app: Flask) -> None:
    from app.templating import init_templating
    init_templating(app)


def register_commands(app: Flask) -> None:
    from app.cli import register_cli
    register_cli(app)
