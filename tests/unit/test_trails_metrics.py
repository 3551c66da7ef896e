"""Distance and walking time come from the geometry, checked against hand-computed values."""
import math

import pytest

from app.trails.metrics import trail_metrics, walked_line

# One hundredth of a degree of latitude along a meridian: R * 0.01 * pi / 180.
R = 6_371_008.8
CENTI_DEGREE_M = R * math.radians(0.01)  # 1111.95 m
STOPS = [(51.00, 3.0), (51.01, 3.0), (51.02, 3.0)]


def test_distance_along_the_stops_when_no_path_is_drawn():
    distance, _ = trail_metrics([], STOPS)
    assert CENTI_DEGREE_M == pytest.approx(1111.95, abs=0.01)
    assert distance == round(2 * CENTI_DEGREE_M) == 2224


def test_a_drawn_path_replaces_the_straight_legs():
    detour = [[51.00, 3.0], [51.01, 3.0], [51.02, 3.0], [51.01, 3.0], [51.02, 3.0]]  # walks a bit back and forth
    distance, _ = trail_metrics(detour, STOPS)
    assert distance == round(4 * CENTI_DEGREE_M) == 4448
    assert walked_line(detour, STOPS) == [tuple(p) for p in detour]


def test_a_single_path_point_is_no_path():
    assert walked_line([[51.0, 3.0]], STOPS) == STOPS


def test_duration_is_distance_at_the_pace_plus_dwell_time_per_stop():
    # 2223.9 m at 4.5 km/h = 29.65 min; + 3 stops x 5 min = 44.65 -> 45 (rounded up)
    assert trail_metrics([], STOPS, pace_kmh=4.5, dwell_min_per_stop=5) == (2224, 45)
    # same walk at 3 km/h without stopping: 44.48 min -> 45
    assert trail_metrics([], STOPS, pace_kmh=3, dwell_min_per_stop=0) == (2224, 45)
    # at 6 km/h with 2-minute stops: 22.24 + 6 = 28.24 -> 29
    assert trail_metrics([], STOPS, pace_kmh=6, dwell_min_per_stop=2) == (2224, 29)


def test_east_west_legs_shrink_with_latitude():
    # 0.01 degree of longitude at 51 N is cos(51 deg) times a degree of latitude: 699.8 m.
    distance, _ = trail_metrics([], [(51.0, 3.00), (51.0, 3.01)])
    assert distance == pytest.approx(CENTI_DEGREE_M * math.cos(math.radians(51.0)), abs=1)
    assert distance == 700


def test_no_stops_is_zero():
    assert trail_metrics([], []) == (0, 0)
    assert trail_metrics([], [(51.0, 3.0)], dwell_min_per_stop=5) == (0, 5)
