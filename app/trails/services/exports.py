"""GPX 1.1 and GeoJSON builders for a trail, from plain data (no models, no Flask).

The view translates the trail into the wanted locale and builds absolute URLs
(app.trails.presenters.export_trail) and hands an ``ExportTrail`` over; these functions only serialise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import gpxpy.gpx

from app.core.geo import Point, bbox, validate_point

COORD_DECIMALS = 6  # ~0.1 m: more is false precision and bigger files
GPX_CONTENT_TYPE = "application/gpx+xml"
GEOJSON_CONTENT_TYPE = "application/geo+json"

# Characters XML 1.0 forbids even when escaped (control chars, lone surrogates, U+FFFE/F).
_XML_INVALID = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class ExportStop:
    position: int
    title: str
    description: str
    lat: float
    lon: float
    url: str


@dataclass(frozen=True)
class ExportTrail:
    title: str
    summary: str
    url: str
    slug: str
    path: list[Point] = field(default_factory=list)  # drawn path as (lat, lon); may be empty
    stops: list[ExportStop] = field(default_factory=list)


# ---------------------------------------------------------------- GPX


def to_gpx(trail: ExportTrail, creator: str = "KICK City") -> str:
    """GPX 1.1 document: metadata, one waypoint per stop, then the drawn path as a track,
    or — without a drawn path — a route through the stops. Valid against the GPX 1.1 XSD."""
    gpx = gpxpy.gpx.GPX()
    gpx.creator = _attr(creator)
    gpx.name = _text(trail.title)
    gpx.description = _text(trail.summary) or None
    gpx.link = _attr(trail.url)
    gpx.link_text = _text(trail.title)
    stops = _ordered(trail.stops)
    gpx.waypoints.extend(_waypoint(stop) for stop in stops)
    if trail.path:
        gpx.tracks.append(_track(trail))
    elif stops:
        gpx.routes.append(_route(trail, stops))
    return gpx.to_xml(version="1.1")


def _attr(value: str) -> str:
    # gpxpy 1.6 writes attribute values verbatim (it escapes only element text), so an "&" in a
    # URL query would produce broken XML. Escape here; tests round-trip such a URL.
    return escape(_text(value), {'"': "&quot;"})


def _text(value: str | None) -> str:
    return _XML_INVALID.sub("", value or "")


def _gpx_lon(lon: float) -> float:
    # The GPX schema wants longitude in [-180, 180): 180 and -180 are the same meridian.
    return -180.0 if lon == 180.0 else lon


def _ordered(stops: list[ExportStop]) -> list[ExportStop]:
    for stop in stops:
        validate_point(stop.lat, stop.lon)
    return sorted(stops, key=lambda s: s.position)


def _waypoint(stop: ExportStop) -> gpxpy.gpx.GPXWaypoint:
    wpt = gpxpy.gpx.GPXWaypoint(
        latitude=_r(stop.lat),
        longitude=_r(_gpx_lon(stop.lon)),
        name=_text(stop.title),
        description=_text(stop.description) or None,
    )
    if stop.url:
        wpt.link = _attr(stop.url)
        wpt.link_text = _text(stop.title)
    return wpt


def _track(trail: ExportTrail) -> gpxpy.gpx.GPXTrack:
    track = gpxpy.gpx.GPXTrack(name=_text(trail.title))
    segment = gpxpy.gpx.GPXTrackSegment()
    for lat, lon in trail.path:
        validate_point(lat, lon)
        segment.points.append(gpxpy.gpx.GPXTrackPoint(_r(lat), _r(_gpx_lon(lon))))
    track.segments.append(segment)
    return track


def _route(trail: ExportTrail, stops: list[ExportStop]) -> gpxpy.gpx.GPXRoute:
    route = gpxpy.gpx.GPXRoute(name=_text(trail.title))
    for stop in stops:
        route.points.append(
            gpxpy.gpx.GPXRoutePoint(_r(stop.lat), _r(_gpx_lon(stop.lon)), name=_text(stop.title))
        )
    return route


# ---------------------------------------------------------------- GeoJSON


def to_geojson(trail: ExportTrail) -> dict[str, Any]:
    """RFC 7946 FeatureCollection: the line first (drawn path, else the stops in order),
    then one Point per stop. Coordinates are [lon, lat], rounded to 6 decimals."""
    stops = _ordered(trail.stops)
    line = trail.path or [(s.lat, s.lon) for s in stops]
    for lat, lon in line:
        validate_point(lat, lon)
    features: list[dict[str, Any]] = []
    if len(line) >= 2:  # RFC 7946: a LineString needs two or more positions
        features.append(_line_feature(trail, line))
    features.extend(_stop_feature(stop) for stop in stops)
    collection: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    all_points = [*line, *((s.lat, s.lon) for s in stops)]
    if all_points:
        box = bbox(all_points)
        collection["bbox"] = [_r(box.min_lon), _r(box.min_lat), _r(box.max_lon), _r(box.max_lat)]
    return collection


def path_feature(trail: ExportTrail) -> dict[str, Any]:
    """The walking line alone as one RFC 7946 Feature (a LineString, with a bbox): the drawn path, or
    without one the straight legs between the stops (then `properties.kind` is "stops")."""
    line = trail.path or [(s.lat, s.lon) for s in _ordered(trail.stops)]
    if len(line) < 2:
        raise ValueError("a line needs two or more points")
    for lat, lon in line:
        validate_point(lat, lon)
    feature = _line_feature(trail, line)
    box = bbox(line)
    feature["bbox"] = [_r(box.min_lon), _r(box.min_lat), _r(box.max_lon), _r(box.max_lat)]
    return feature


def _r(value: float) -> float:
    return round(value, COORD_DECIMALS)


def _position(lat: float, lon: float) -> list[float]:
    return [_r(lon), _r(lat)]  # GeoJSON order is longitude first


def _line_feature(trail: ExportTrail, line: list[Point]) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [_position(*p) for p in line]},
        "properties": {
            "kind": "path" if trail.path else "stops",
            "title": trail.title,
            "summary": trail.summary,
            "slug": trail.slug,
            "url": trail.url,
        },
    }


def _stop_feature(stop: ExportStop) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": _position(stop.lat, stop.lon)},
        "properties": {
            "position": stop.position,
            "title": stop.title,
            "description": stop.description,
            "url": stop.url,
        },
    }
