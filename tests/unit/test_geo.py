import math

import pytest

from app.core.geo import (
    EARTH_RADIUS_M,
    BBox,
    bbox,
    haversine_m,
    path_length_m,
    walking_minutes,
)

MARKT = (51.20861, 3.22389)
BELFORT = (51.20822, 3.22490)


def law_of_cosines_m(lat1, lon1, lat2, lon2):
    """Independent reference: spherical law of cosines with the same mean radius."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371008.8 * math.acos(min(1.0, c))


def test_radius_is_iugg_mean():
    assert EARTH_RADIUS_M == 6371008.8


def test_one_degree_of_latitude():
    # 2*pi*R/360 = 111195.08 m
    assert haversine_m(50.0, 3.0, 51.0, 3.0) == pytest.approx(111195.08, abs=0.01)


def test_one_degree_of_longitude_at_equator_and_at_60n():
    assert haversine_m(0.0, 0.0, 0.0, 1.0) == pytest.approx(111195.08, abs=0.01)
    # At 60 deg N a degree of longitude spans about half as much (slightly more: great circle).
    assert haversine_m(60.0, 0.0, 60.0, 1.0) == pytest.approx(55597.0, abs=5)


def test_markt_to_belfort_matches_law_of_cosines():
    expected = law_of_cosines_m(*MARKT, *BELFORT)
    got = haversine_m(*MARKT, *BELFORT)
    assert 80 < got < 84  # "about 82 m"
    assert got == pytest.approx(expected, abs=0.05)


def test_haversine_symmetric_and_zero():
    assert haversine_m(*MARKT, *MARKT) == 0.0
    assert haversine_m(*MARKT, *BELFORT) == haversine_m(*BELFORT, *MARKT)


def test_antipodal_points_half_circumference():
    assert haversine_m(0, 0, 0, 180) == pytest.approx(math.pi * 6371008.8)


@pytest.mark.parametrize(
    "point",
    [(90.0001, 0), (-90.5, 0), (0, 180.01), (0, -181), (math.nan, 0), (0, math.inf)],
)
def test_invalid_coordinates_raise(point):
    with pytest.raises(ValueError):
        haversine_m(*point, 0, 0)
    with pytest.raises(ValueError):
        haversine_m(0, 0, *point)
    with pytest.raises(ValueError):
        path_length_m([point])
    with pytest.raises(ValueError):
        bbox([(0, 0), point])


def test_boundaries_are_valid():
    assert haversine_m(90, 180, -90, -180) == pytest.approx(math.pi * 6371008.8)


def test_path_length_sums_legs():
    a, b, c = (50.0, 3.0), (51.0, 3.0), (51.0, 4.0)
    expected = law_of_cosines_m(*a, *b) + law_of_cosines_m(*b, *c)
    assert path_length_m([a, b, c]) == pytest.approx(expected, rel=1e-9)


def test_path_length_degenerate():
    assert path_length_m([]) == 0.0
    assert path_length_m([MARKT]) == 0.0


@pytest.mark.parametrize(
    ("distance", "stops", "kwargs", "expected"),
    [
        (4500, 0, {}, 60),  # exactly one hour at 4.5 km/h; float noise must not add a minute
        (4501, 0, {}, 61),  # rounded up
        (0, 0, {}, 0),
        (75, 0, {}, 1),  # 1.0 min exactly
        (76, 0, {}, 2),
        (3000, 5, {"pace_kmh": 3.0, "dwell_min_per_stop": 4}, 80),
        (1000, 3, {"dwell_min_per_stop": 2.5}, 21),  # 13.33 + 7.5 = 20.83 -> 21
    ],
)
def test_walking_minutes(distance, stops, kwargs, expected):
    assert walking_minutes(distance, stops, **kwargs) == expected
    assert isinstance(walking_minutes(distance, stops, **kwargs), int)


@pytest.mark.parametrize(
    "args",
    [(-1, 0), (100, -1), (100, 0, 0), (100, 0, -4), (100, 0, 4.5, -1), (math.nan, 0)],
)
def test_walking_minutes_rejects(args):
    with pytest.raises(ValueError):
        walking_minutes(*args)


def test_bbox():
    box = bbox([MARKT, BELFORT, (51.2, 3.3)])
    assert box == BBox(min_lat=51.2, min_lon=3.22389, max_lat=51.20861, max_lon=3.3)
    assert bbox([MARKT]) == BBox(*MARKT, *MARKT)


def test_bbox_empty_raises():
    with pytest.raises(ValueError):
        bbox([])
