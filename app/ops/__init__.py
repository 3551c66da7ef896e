"""Running in production: static files, health checks, proxy headers, hostile-input guards, log privacy."""


def init_app(app):
    from app.ops import db_session, health, input_guard, log_privacy, proxy, static_files

    static_files.init_app(app)  # inside ProxyFix, outside the host guard (app.security)
    proxy.init_app(app)
    input_guard.init_app(app)
    log_privacy.init_app(app)
    health.init_app(app)
    db_session.init_app(app)
