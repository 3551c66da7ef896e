"""Media: hardened image uploads and their storage (local folder by default)."""


def init_app(app):
    from pathlib import Path

    from app.media import views
    from app.media.service import media_url
    from app.media.storage import LocalStorage

    app.extensions["kick_storage"] = LocalStorage(Path(app.config["MEDIA_ROOT"]))
    app.register_blueprint(views.bp)
    app.jinja_env.globals["media_url"] = media_url
