"""Privacy: the per-city privacy page (what is stored, why, and for how long)."""


def init_app(app):
    from app.privacy import views

    app.config.setdefault("KICK_SCAN_RETENTION_MONTHS", 13)
    app.config.setdefault("KICK_LOG_RETENTION_DAYS", 14)
    app.config.setdefault("KICK_PRIVACY_CONTACT", "privacy@kick.city")
    app.register_blueprint(views.bp)
