"""Media: hardened image uploads and their storage (local folder by default, S3 as an option)."""


def init_app(app):
    from app.media import views
    from app.media.service import media_url
    from app.media.storage import storage_from_config

    app.extensions["kick_storage"] = storage_from_config(app.config)
    app.register_blueprint(views.bp)
    app.jinja_env.globals["media_url"] = media_url
