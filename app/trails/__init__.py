"""Trails and green routes: public map pages, GPX/GeoJSON downloads, the studio editor and the API."""
from flask_babel import lazy_gettext as _l


def home_walks(city) -> dict | None:
    """Home-page block: a few published walks, or nothing when the city has none yet."""
    from app.trails.services.reading import public_trails
    trails = public_trails(city, limit=3)
    return {"trails": trails} if trails else None


def sitemap_pages(cities) -> list:
    """/sitemap.xml: each town's walks and green lists and its published trails (one query for all towns)."""
    from sqlalchemy import select

    from app.core.registry import SitemapEntry
    from app.extensions import db
    from app.trails.models import Trail, TrailStatus
    by_id = {city.id: city for city in cities}
    entries = [SitemapEntry(city, endpoint) for city in cities for endpoint in ("trails.index", "trails.green")]
    rows = db.session.execute(select(Trail.city_id, Trail.slug, Trail.updated_at)
                              .where(Trail.status == TrailStatus.PUBLISHED.value, Trail.city_id.in_(by_id))
                              .order_by(Trail.city_id, Trail.slug))
    entries += [SitemapEntry(by_id[city_id], "trails.detail", {"slug": slug}, updated)
                for city_id, slug, updated in rows]
    return entries


def init_app(app):
    from app.core.registry import (add_city_figure, add_home_section, add_nav, add_privacy_part, add_sitemap_part,
                                   add_studio_section)
    from app.extensions import api as rest_api
    from app.trails import api, models, privacy  # noqa: F401 - models register with the metadata
    from app.trails.services.reading import published_trails_per_city
    from app.trails.views import public, studio

    app.register_blueprint(public.bp)
    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")

    add_nav(app, "cities.home", _l("Home"), "home", 10)
    add_nav(app, "trails.index", _l("Walks"), "trail", 20)  # short: it must fit a tab
    add_nav(app, "trails.green", _l("Green"), "leaf", 30)
    add_studio_section(app, "trails_studio.index", _l("Trails and green routes"), "map", 20)
    add_studio_section(app, "trails_studio.import_gpx", _l("Import a trail (GPX)"), "upload", 25)
    add_home_section(app, "trails/_home_section.html", home_walks, 20)
    add_city_figure(app, "published_trails", _l("Published trails"), published_trails_per_city, order=20)
    add_privacy_part(app, "trails", export_user=privacy.export_user, forget_user=privacy.forget_user, order=30)
    add_sitemap_part(app, sitemap_pages, order=30)
