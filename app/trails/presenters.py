"""Turn a Trail into what the page, the map script and the exports need, in the visitor's language."""
from flask import url_for

from app.core.i18n import translate
from app.core.urls import external_url
from app.trails.metrics import walked_line
from app.trails.services.exports import ExportStop, ExportTrail


def trail_url(trail, **kwargs) -> str:
    return url_for("trails.detail", slug=trail.slug, **kwargs)


def export_trail(trail) -> ExportTrail:
    """Absolute URLs, because a GPX file lives on in a hiking app far from our site."""
    page = external_url("trails.detail", slug=trail.slug)
    return ExportTrail(
        title=translate(trail.title), summary=translate(trail.summary), url=page, slug=trail.slug,
        path=[(lat, lon) for lat, lon in (trail.path or [])],
        stops=[ExportStop(position=s.position, title=translate(s.title), description=translate(s.body),
                          lat=s.lat, lon=s.lon, url=f"{page}#stop-{s.position}") for s in trail.stops],
    )


def map_data(trail) -> dict:
    """Data for static/js/trail-map.js (read from a JSON script block, never executed)."""
    city = trail.city
    return {
        "key": f"{city.slug}/{trail.slug}",
        "drawn": trail.has_drawn_path,  # False: straight legs between the stops (drawn dashed)
        "line": [[lat, lon] for lat, lon in walked_line(trail.path or [], [(s.lat, s.lon) for s in trail.stops])],
        "stops": [{"n": s.position, "title": translate(s.title), "lat": s.lat, "lon": s.lon} for s in trail.stops],
    }
