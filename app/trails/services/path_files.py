"""A trail's walking path from a file: a GPX track (or route) or a GeoJSON LineString drawn in another tool.

Limits: the file is read within MAX_PATH_FILE_BYTES; a line of more than MAX_FILE_POINTS points is refused
(a town walk never needs that many; simplify the recording first), a longer one than the editor keeps
(imports.MAX_IMPORTED_POINTS) is simplified. GPX is checked as the trail import checks it (UTF-8, a <gpx> root,
no DOCTYPE or entities); GeoJSON is bounded in nesting before it is parsed.

The ends: a path is walked from the first stop to the last. The line is taken the way round whose ends lie
closer to them (a track recorded backwards is turned round) when both ends lie within MAX_END_GAP_M;
anything else is refused, naming the gap, because it is almost surely the file of another walk.
Nothing changes on a refusal; the path is saved through editing.set_path (every point inside the city).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import gpxpy
import gpxpy.gpx
from flask_babel import gettext as _

from app.core.geo import haversine_m, validate_point
from app.core.problem import ProblemError
from app.core.uploads import read_limited
from app.trails.models import Trail
from app.trails.services.editing import set_path
from app.trails.services.imports import _line, _xml_text, simplify
from app.ops.input_guard import bracket_depth

MAX_PATH_FILE_BYTES = 2 * 1024 * 1024
MAX_FILE_POINTS = 20_000
MAX_END_GAP_M = 250
GEOJSON_MAX_DEPTH = 8  # FeatureCollection > features > Feature > geometry > coordinates > position


@dataclass(frozen=True)
class PathImport:
    trail: Trail
    points: int
    reversed: bool
    simplified_from: int | None  # the file's point count when it was simplified


def _refuse(message: str, code: str = "bad_path_file", status: int = 422) -> ProblemError:
    return ProblemError(status, message, code=code, errors={"file": [message]})


def _from_gpx(data: bytes) -> list[tuple[float, float]]:
    text = _xml_text(data)
    try:
        gpx = gpxpy.parse(text)
    except (gpxpy.gpx.GPXException, ValueError):
        raise _refuse(_("This GPX file could not be read. Check that it is a complete GPX file.")) from None
    points, _name = _line(gpx)
    return [(p.latitude, p.longitude) for p in points]


def _geojson_line(doc) -> list:
    """The coordinates of the first LineString (or MultiLineString, joined) in a geometry, Feature or collection."""
    if not isinstance(doc, dict):
        return []
    kind = doc.get("type")
    if kind == "FeatureCollection":
        for feature in doc.get("features") or []:
            line = _geojson_line(feature)
            if line:
                return line
        return []
    if kind == "Feature":
        return _geojson_line(doc.get("geometry"))
    if kind == "LineString":
        return doc.get("coordinates") or []
    if kind == "MultiLineString":
        return [position for part in doc.get("coordinates") or [] if isinstance(part, list) for position in part]
    return []


def _from_geojson(data: bytes) -> list[tuple[float, float]]:
    if bracket_depth(data) > GEOJSON_MAX_DEPTH:
        raise _refuse(_("This GeoJSON file is nested too deeply to be a walking path."))
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise _refuse(_("This GeoJSON file could not be read. Check that it is complete.")) from None
    line = _geojson_line(doc)
    if len(line) < 2:
        raise _refuse(_("This GeoJSON file has no LineString. Export the walk as a line and try again."), "no_line")
    points = []
    for position in line:
        # GeoJSON positions are [longitude, latitude(, elevation)]
        if (not isinstance(position, list) or not 2 <= len(position) <= 3
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)):
            raise _refuse(_("This GeoJSON line contains a position that is not [longitude, latitude]."))
        points.append((float(position[1]), float(position[0])))
    return points


def read_path_file(data: bytes) -> list[tuple[float, float]]:
    """The line in a GPX or GeoJSON file as (lat, lon), or a ProblemError(422) saying why not."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        points = _from_gpx(data)
    elif head in (b"{", b"["):
        points = _from_geojson(data)
    else:
        raise _refuse(_("This is not a GPX or GeoJSON file."), "not_a_path_file")
    if len(points) > MAX_FILE_POINTS:
        raise _refuse(_("This line has %(found)d points; at most %(num)d are accepted. Simplify it in your GPS "
                        "tool first.", found=len(points), num=MAX_FILE_POINTS), "too_many_points")
    try:
        for lat, lon in points:
            validate_point(lat, lon)
    except ValueError:
        raise _refuse(_("This file contains a point without a valid latitude and longitude.")) from None
    return [(round(lat, 6), round(lon, 6)) for lat, lon in points]


def fit_to_stops(points: list[tuple[float, float]], stops: list[tuple[float, float]]
                 ) -> tuple[list[tuple[float, float]], bool]:
    """(the line, reversed?) walked from the first stop to the last; a ProblemError when its ends are far."""
    if not stops:
        return points, False
    first, last = stops[0], stops[-1]

    def gaps(line):
        return haversine_m(*line[0], *first), haversine_m(*line[-1], *last)

    forward, backward = gaps(points), gaps(points[::-1])
    flipped = sum(backward) < sum(forward)  # the way round whose ends lie closer to the first and last stop
    if max(backward if flipped else forward) <= MAX_END_GAP_M:
        return (points[::-1], True) if flipped else (points, False)
    start_gap, end_gap = forward
    raise _refuse(_("This line starts %(start)d m from the first stop and ends %(end)d m from the last stop; "
                    "a path must start and end within %(max)d m of them. Is it the file of another walk?",
                    start=round(start_gap), end=round(end_gap), max=MAX_END_GAP_M), "ends_too_far")


def import_path_file(trail: Trail, stream, author, *, expected_version: int | None) -> PathImport:
    """Read the file, fit it to the stops and save it as the trail's path (one commit, or nothing)."""
    data = read_limited(stream, MAX_PATH_FILE_BYTES)
    points = read_path_file(data)
    line, flipped = fit_to_stops(points, [(s.lat, s.lon) for s in trail.stops])
    kept = simplify(line)
    trail = set_path(trail, [list(p) for p in kept], author, expected_version=expected_version)
    return PathImport(trail=trail, points=len(trail.path), reversed=flipped,
                      simplified_from=len(line) if len(kept) < len(line) else None)
