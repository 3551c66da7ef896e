"""Getting there and getting around: parking (with live occupancy from the city's feeds), bike parking, toilets,
EV charging and stops; the public page /<city>/bereikbaarheid, map layers on every city map, the API and the
studio (/<city>/studio/access)."""
from app.access.models import PlaceGroup

LAYERS = ((PlaceGroup.PARKING, 10), (PlaceGroup.BIKE, 20), (PlaceGroup.TOILET, 30), (PlaceGroup.STOP, 40),
          (PlaceGroup.CHARGING, 50))


def _layer_url(group):
    def url(city):
        from flask import url_for
        return url_for("access.layer", city=city.slug, group=group.value)
    return url


def trail_parking(trail) -> dict | None:
    """The trails' page panel: the car park nearest to the trail's first stop, its free places and when counted
    (the trail hands over its stops; this package never imports trails)."""
    from flask import g

    from app.access.presenters import live_line, route_url
    from app.access.services.places import nearest_parking
    from app.core import clock
    stops = list(getattr(trail, "stops", None) or [])
    city = g.get("city")
    if not stops or city is None:
        return None
    view = nearest_parking(city, stops[0].lat, stops[0].lon, clock.now())
    if view is None:
        return None
    return {"view": view, "live_line": live_line(view.live), "route_url": route_url(view.place)}


def sitemap_pages(cities) -> list:
    """/sitemap.xml: "Getting there" of each town that lists places (one grouped query for all towns)."""
    from sqlalchemy import func, select

    from app.access.models import AccessPlace
    from app.core.registry import SitemapEntry
    from app.extensions import db
    by_id = {city.id: city for city in cities}
    rows = db.session.execute(select(AccessPlace.city_id, func.max(AccessPlace.updated_at))
                              .where(AccessPlace.city_id.in_(by_id)).group_by(AccessPlace.city_id)).all()
    return [SitemapEntry(by_id[city_id], "access.index", lastmod=changed) for city_id, changed in rows]


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.access import api, cli, models  # noqa: F401 - models register with the metadata
    from app.access.presenters import GROUP_LABELS
    from app.access.views import public, studio
    from app.core.registry import TRAIL_PAGE, add_map_layer, add_panel, add_sitemap_part, add_studio_section
    from app.extensions import api as rest_api

    app.register_blueprint(public.bp)
    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    app.cli.add_command(cli.access_cli)
    add_studio_section(app, "access_studio.index", _l("Getting there"), "pin", 45)
    for group, order in LAYERS:
        add_map_layer(app, f"access-{group.value}", GROUP_LABELS[group], _layer_url(group), order=order)
    add_panel(app, TRAIL_PAGE, "access/_trail_parking.html", trail_parking, order=20)
    add_sitemap_part(app, sitemap_pages, order=45)
