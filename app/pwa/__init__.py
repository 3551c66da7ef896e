"""The installable city app: manifest, icons, service worker, offline pages, theme studio.

Each city is its own PWA: everything here is served under /<city>/ so the service worker's
default scope is exactly that city's pages.
"""


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.core.registry import add_studio_section
    from app.pwa import compression, seo, views
    from app.pwa.theme import clean_attribution

    app.register_blueprint(views.bp)
    app.register_blueprint(seo.bp)
    add_studio_section(app, "pwa.theme_studio", _l("Look and app"), "palette", 80)
    compression.init_app(app)
    # Leaflet shows the attribution as HTML: every map gets it as text and https links only.
    app.add_template_filter(clean_attribution, "tile_attribution")
