"""Distance and walking time of a trail, derived from its geometry (never typed in)."""
from __future__ import annotations

from collections.abc import Sequence

from app.core.geo import DEFAULT_PACE_KMH, Point, path_length_m, walking_minutes


def walked_line(path: Sequence[Sequence[float]], stops: Sequence[Point]) -> list[Point]:
    """The line a walker follows: the drawn path when there is one, else straight legs between stops."""
    if len(path) >= 2:
        return [(float(lat), float(lon)) for lat, lon in path]
    return [(float(lat), float(lon)) for lat, lon in stops]


def trail_metrics(path: Sequence[Sequence[float]], stops: Sequence[Point], *,
                  pace_kmh: float = DEFAULT_PACE_KMH, dwell_min_per_stop: float = 0) -> tuple[int, int]:
    """(distance in whole metres, duration in whole minutes incl. the dwell time at each stop)."""
    distance = path_length_m(walked_line(path, stops))
    minutes = walking_minutes(distance, len(stops), pace_kmh=pace_kmh, dwell_min_per_stop=dwell_min_per_stop)
    return round(distance), minutes


def offered_durations(durations: Sequence[int], choices: Sequence[int]) -> list[int]:
    """The "up to N minutes" choices worth offering for walks of these durations: never an empty one, never
    one holding the same walks as a shorter one, never one holding every walk (that is "any length")."""
    offered, previous = [], 0
    for limit in sorted(choices):
        count = sum(1 for minutes in durations if minutes <= limit)
        if count == len(durations):
            break
        if count > previous:
            offered.append(limit)
            previous = count
    return offered
