"""A trail a city imports from a GPX file (a walk recorded or drawn in another tool).

The first track (or, without one, the first route) becomes the drawn path, simplified to at most
MAX_IMPORTED_POINTS points; every waypoint becomes a stop (its name the Dutch title, its description
the text). The title is the file's name in its metadata, else the track's. The trail is a draft, saved
through editing.create_trail like one drawn in the studio, so distance and walking time are computed the
same way and every point must lie in the city.

Safety: the file is read within KICK_IMPORT_GPX_MAX_BYTES, must be UTF-8 with a <gpx> root, and may
carry no DOCTYPE or entity declarations (a GPX file never needs them): that refuses entity-expansion
bombs and external entities before gpxpy parses it, whichever XML parser gpxpy picks (lxml when it
is installed, else the standard library's ElementTree). So defusedxml is not needed.

Re-import: the trail keeps the SHA-256 of the file (Trail.source_digest); the same file again returns
the trail made from it the first time (with any edits made since) instead of a second one.
"""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field

import gpxpy
import gpxpy.gpx
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.geo import haversine_m, validate_point
from app.core.problem import ProblemError
from app.core.uploads import read_limited
from app.extensions import db
from app.trails.models import Trail, TrailKind
from app.trails.services.editing import create_trail
from app.trails.services.reading import any_trail_or_404
from app.trails.services.validation import MAX_STOPS, check_point_in_city

MAX_IMPORTED_POINTS = 500  # plenty for a town walk; the editor and phones stay quick
THIN_TO = 2000  # a longer recording is sampled down to this many points before simplifying
M_PER_DEGREE = 111_195.0  # metres per degree of latitude on the mean-radius sphere (app.core.geo)
TITLE_MAX, SUMMARY_MAX, BODY_MAX = 120, 300, 2000
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(<\?.*?\?>\s*|<!--.*?-->\s*)*", re.DOTALL)
_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


@dataclass
class ParsedGpx:
    title: str
    summary: str
    path: list[tuple[float, float]] = field(default_factory=list)
    stops: list[dict] = field(default_factory=list)


def _refuse(message: str, code: str = "bad_gpx") -> ProblemError:
    return ProblemError(422, message, code=code, errors={"file": [message]})


def _xml_text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(_("This is not a GPX file (GPX files are UTF-8 text).")) from None
    if _DECLARATION.search(text):
        raise _refuse(_("This GPX file contains a DOCTYPE or entity declaration, which we do not accept."))
    root = _ROOT.match(text, _PROLOGUE.match(text).end())
    if root is None or root.group(1).lower() != "gpx":
        raise _refuse(_("This is not a GPX file."))
    return text


def _short(text: str | None, limit: int, one_line: bool = True) -> str:
    text = " ".join((text or "").split()) if one_line else (text or "").replace("\r\n", "\n").strip()
    return text[:limit].rstrip()


def _line(gpx: gpxpy.gpx.GPX) -> tuple[list, str]:
    """The points of the first track that has any (all its segments), else of the first route; and its name."""
    for track in gpx.tracks:
        points = [point for segment in track.segments for point in segment.points]
        if len(points) >= 2:
            return points, track.name or ""
    for route in gpx.routes:
        if len(route.points) >= 2:
            return list(route.points), route.name or ""
    raise _refuse(_("This GPX file has no track or route. Export the walk as a track (or route) and try again."),
                  "no_track")


def _thin(points: list[tuple[float, float]], most: int) -> list[tuple[float, float]]:
    """Every k-th point (and the last) so that at most about `most` remain: bounds the work of RDP."""
    if len(points) <= most:
        return points
    step = -(-len(points) // most)
    return points[::step] + ([points[-1]] if (len(points) - 1) % step else [])


def _offset_m(point, start, end) -> float:
    """Distance in metres of `point` from the segment start-end (flat projection: fine at town scale)."""
    scale = math.cos(math.radians(start[0]))
    px, py = (point[1] - start[1]) * scale * M_PER_DEGREE, (point[0] - start[0]) * M_PER_DEGREE
    ex, ey = (end[1] - start[1]) * scale * M_PER_DEGREE, (end[0] - start[0]) * M_PER_DEGREE
    length2 = ex * ex + ey * ey
    t = 0.0 if length2 == 0 else max(0.0, min(1.0, (px * ex + py * ey) / length2))
    return math.hypot(px - t * ex, py - t * ey)


def _importance(points: list[tuple[float, float]]) -> list[float]:
    """Ramer-Douglas-Peucker run to the end, without recursion (a long track cannot exhaust the stack):
    for every point the offset at which RDP keeps it; the two ends are always kept."""
    weight = [0.0] * len(points)
    weight[0] = weight[-1] = math.inf
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = -1.0, None
        for i in range(first + 1, last):
            offset = _offset_m(points[i], points[first], points[last])
            if offset > best:
                best, index = offset, i
        if index is not None:
            weight[index] = best
            stack += [(first, index), (index, last)]
    return weight


def simplify(points: list[tuple[float, float]], max_points: int = MAX_IMPORTED_POINTS) -> list[tuple[float, float]]:
    """The line with repeated points dropped and, when longer than `max_points`, the `max_points` points
    that matter most for its shape (RDP order), in their order along the line."""
    line = [p for n, p in enumerate(points) if n == 0 or p != points[n - 1]]
    if len(line) <= max_points:
        return line
    line = _thin(line, THIN_TO)
    weight = _importance(line)
    kept = sorted(sorted(range(len(line)), key=lambda i: weight[i], reverse=True)[:max_points])
    return [line[i] for i in kept]


def parse_gpx(data: bytes) -> ParsedGpx:
    """The trail in a GPX file, or a ProblemError(422) saying why it cannot be imported."""
    text = _xml_text(data)
    try:
        gpx = gpxpy.parse(text)
    except (gpxpy.gpx.GPXException, ValueError):
        raise _refuse(_("This GPX file could not be read. Check that it is a complete GPX file.")) from None
    points, line_name = _line(gpx)
    try:
        for point in points + list(gpx.waypoints):
            validate_point(float(point.latitude), float(point.longitude))
    except (TypeError, ValueError):
        raise _refuse(_("This GPX file contains a point without a valid latitude and longitude.")) from None
    stops = [{"title": {"nl": _short(wpt.name, TITLE_MAX) or _("Stop %(num)d", num=n)},
              "body": {"nl": _short(wpt.description or wpt.comment, BODY_MAX, one_line=False)} if (wpt.description or wpt.comment) else {},
              "lat": round(wpt.latitude, 6), "lon": round(wpt.longitude, 6)}
             for n, wpt in enumerate(gpx.waypoints, start=1)]
    if len(stops) > MAX_STOPS:
        raise _refuse(_("This GPX file has %(found)d waypoints; a trail can have at most %(num)d stops.",
                        found=len(stops), num=MAX_STOPS), "too_many_stops")
    title = _short(gpx.name or line_name, TITLE_MAX) or _("Imported walk")
    line = [(round(p.latitude, 6), round(p.longitude, 6)) for p in points]
    return ParsedGpx(title=title, summary=_short(gpx.description, SUMMARY_MAX), path=simplify(line), stops=stops)


# A trail may wander up to the editor's limit (validation.MAX_DISTANCE_FROM_CENTRE_M: green routes go out into
# the country), but a town's trail starts in town. Neighbouring West-Flemish towns lie 15-25 km apart, so a
# file that starts farther than this is another town's, uploaded by mistake.
START_RADIUS_M = 15_000


def _check_in_city(city, parsed: ParsedGpx) -> None:
    """Say which point lies outside the city (the services would refuse it too, less precisely), and refuse a
    trail that starts outside the town."""
    start = parsed.path[0] if parsed.path else (parsed.stops[0]["lat"], parsed.stops[0]["lon"])
    away = haversine_m(city.center_lat, city.center_lon, *start)
    if away > START_RADIUS_M:
        raise _refuse(_("This trail starts %(km)d km from the centre of %(city)s; a trail of the town starts "
                        "within %(max)d km. Is this the file of another town?", km=round(away / 1000),
                        city=city.name, max=START_RADIUS_M // 1000), "outside_city")
    named = [(_("Track point %(num)d", num=n), lat, lon) for n, (lat, lon) in enumerate(parsed.path, start=1)]
    named += [(_("Waypoint \"%(name)s\"", name=stop["title"]["nl"]), stop["lat"], stop["lon"]) for stop in parsed.stops]
    for label, lat, lon in named:
        try:
            check_point_in_city(city, lat, lon)
        except ProblemError as problem:
            raise _refuse(f"{label}: {problem.detail}", "outside_city") from None


def import_gpx_file(actor, city, stream) -> tuple[Trail, bool]:
    """(the trail, True) for a new draft; (the trail made from this same file before, False). Commits once."""
    data = read_limited(stream, current_app.config["KICK_IMPORT_GPX_MAX_BYTES"])
    digest = hashlib.sha256(data).hexdigest()
    existing = db.session.execute(select(Trail).where(Trail.city_id == city.id, Trail.source_digest == digest)
                                  ).scalar_one_or_none()
    if existing is not None:
        return any_trail_or_404(city, trail_id=existing.id), False
    parsed = parse_gpx(data)
    _check_in_city(city, parsed)
    values = {"kind": TrailKind.HERITAGE.value, "title": {"nl": parsed.title}}
    if parsed.summary:
        values["summary"] = {"nl": parsed.summary}
    trail = create_trail(city, values, actor, stops=parsed.stops, path=[list(p) for p in parsed.path],
                         source_digest=digest)
    return trail, True


def import_gpx(actor, city, stream) -> Trail:
    """Import the GPX file `stream` into `city` as a draft trail (or find the one this file made before)."""
    return import_gpx_file(actor, city, stream)[0]
