"""Small spherical-earth helpers: distances (trails, a shop near its city) and walking durations.

A sphere is accurate to ~0.5 % against the WGS84 ellipsoid, far better than a walker's path
deviates from the drawn line, so there is no need for a geodesy dependency.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

EARTH_RADIUS_M = 6_371_008.8  # IUGG mean Earth radius
DEFAULT_PACE_KMH = 4.5

Point = tuple[float, float]  # (lat, lon) in degrees, WGS84


class BBox(NamedTuple):
    """Named fields because lat/lon order differs between Leaflet, GeoJSON and GPX."""

    min_lat: float
    min_lon: float
    max_lat: float
    max_lon: float


def validate_point(lat: float, lon: float) -> None:
    """Raise ValueError unless (lat, lon) is a finite WGS84 coordinate."""
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError(f"coordinate must be finite, got ({lat!r}, {lon!r})")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"latitude {lat!r} outside [-90, 90]")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon!r} outside [-180, 180]")


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two (lat, lon) points in degrees."""
    validate_point(lat1, lon1)
    validate_point(lat2, lon2)
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    # min() guards against a > 1 from rounding for antipodal points.
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def path_length_m(points: Sequence[Point]) -> float:
    """Sum of the great-circle legs of a polyline; 0 for fewer than two points."""
    for lat, lon in points:
        validate_point(lat, lon)
    return sum(
        haversine_m(a[0], a[1], b[0], b[1]) for a, b in zip(points, points[1:], strict=False)
    )


def walking_minutes(
    distance_m: float,
    stops: int,
    pace_kmh: float = DEFAULT_PACE_KMH,
    dwell_min_per_stop: float = 0,
) -> int:
    """Walking time plus time spent at stops, rounded up to whole minutes."""
    if not math.isfinite(distance_m) or distance_m < 0:
        raise ValueError("distance_m must be a finite number >= 0")
    if stops < 0:
        raise ValueError("stops must be >= 0")
    if not math.isfinite(pace_kmh) or pace_kmh <= 0:
        raise ValueError("pace_kmh must be > 0")
    if not math.isfinite(dwell_min_per_stop) or dwell_min_per_stop < 0:
        raise ValueError("dwell_min_per_stop must be >= 0")
    minutes = distance_m * 60 / (pace_kmh * 1000) + stops * dwell_min_per_stop
    # The epsilon stops float noise (60.000000001) from adding a whole minute.
    return max(0, math.ceil(minutes - 1e-9))


def bbox(points: Iterable[Point]) -> BBox:
    """Bounding box of the points. Does not handle the antimeridian (irrelevant in Flanders)."""
    pts = list(points)
    if not pts:
        raise ValueError("bbox of no points")
    for lat, lon in pts:
        validate_point(lat, lon)
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    return BBox(min(lats), min(lons), max(lats), max(lons))
