"""The demo trails' drawn paths (data checked against the stops they walk), the time a trail page explains,
and the duration choices a list offers."""
import json
import math
from pathlib import Path

import pytest

import app.accounts.models  # noqa: F401 - the mappers name City, User and Shop: their modules must be loaded
import app.cities.models  # noqa: F401
import app.shops.models  # noqa: F401

from app.core.geo import haversine_m, path_length_m
from app.trails.demo_paths import PATHS
from app.trails.demo_texts import TRAILS
from app.trails.metrics import offered_durations, trail_metrics
from app.trails.models import Trail, TrailStop
from app.trails.services.validation import MAX_DISTANCE_FROM_CENTRE_M, MAX_PATH_POINTS

FACTS = json.loads((Path(__file__).resolve().parents[2] / "app" / "demo" / "cities.json").read_text())
CITIES = {c["slug"]: c for c in FACTS["cities"]}
DEMO = [(city, kind, spec["slug"], key) for city, trails in TRAILS.items()
        for kind, spec in trails.items() for k, key in (("heritage", "heritage_trail"), ("green", "green_route"))
        if str(kind) == k]


def _stops(city: str, key: str) -> list[tuple[float, float]]:
    return [(s["lat"], s["lon"]) for s in CITIES[city][key]["stops"]]


def test_every_demo_trail_and_green_route_has_a_drawn_path():
    assert len(DEMO) == 10 and {(city, slug) for city, _k, slug, _key in DEMO} == set(PATHS)


@pytest.mark.parametrize("city,kind,slug,key", DEMO, ids=[f"{c}/{s}" for c, _k, s, _key in DEMO])
def test_a_demo_path_walks_its_stops_in_order_inside_the_town(city, kind, slug, key):
    path, stops = PATHS[(city, slug)], _stops(city, key)
    centre = CITIES[city]["center"]
    assert 2 * len(stops) <= len(path) <= MAX_PATH_POINTS
    assert all(len(p) == 2 and p == [round(p[0], 5), round(p[1], 5)] for p in path)  # [lat, lon], 5 decimals
    assert all(haversine_m(*centre, *p) < MAX_DISTANCE_FROM_CENTRE_M for p in path)
    assert haversine_m(*path[0], *stops[0]) < 5 and haversine_m(*path[-1], *stops[-1]) < 5
    # every stop is passed (within 30 m), and in the trail's order along the path
    nearest = [min(range(len(path)), key=lambda i, s=s: haversine_m(*s, *path[i])) for s in stops]
    assert all(haversine_m(*s, *path[i]) < 30 for s, i in zip(stops, nearest, strict=True))
    assert nearest == sorted(nearest)
    # drawn along streets: no leg longer than a street block (300 m), and never shorter than the straight legs
    assert max(haversine_m(*a, *b) for a, b in zip(path, path[1:], strict=False)) < 300
    assert path_length_m(path) >= path_length_m(stops)


def test_the_brugge_walk_is_longer_on_the_streets_than_in_straight_lines():
    stops = _stops("brugge", "heritage_trail")
    straight, _ = trail_metrics([], stops)
    walked, minutes = trail_metrics(PATHS[("brugge", "van-markt-tot-minnewater")], stops, dwell_min_per_stop=5)
    assert (straight, walked) == (1318, 1561)
    assert minutes == math.ceil(1561 * 60 / 4500) + 9 * 5 == 66


def _trail(duration: int, dwell: int, n_stops: int, path=None) -> Trail:
    return Trail(duration_min=duration, dwell_minutes=dwell, path=path or [],
                 stops=[TrailStop(position=n, title={}, lat=51.2, lon=3.2) for n in range(1, n_stops + 1)])


@pytest.mark.parametrize("duration,dwell,n,walking,at_stops", [
    (66, 5, 9, 21, 45), (65, 5, 4, 45, 20), (12, 0, 3, 12, 0), (8, 5, 1, 3, 5), (0, 5, 0, 0, 0)])
def test_the_time_splits_into_walking_and_the_stops(duration, dwell, n, walking, at_stops):
    trail = _trail(duration, dwell, n)
    assert (trail.walking_minutes, trail.stop_minutes) == (walking, at_stops)
    assert trail.walking_minutes + trail.stop_minutes == duration


def test_a_path_needs_two_points_to_count_as_drawn():
    assert not _trail(5, 0, 2).has_drawn_path and not _trail(5, 0, 2, [[51.2, 3.2]]).has_drawn_path
    assert _trail(5, 0, 2, [[51.2, 3.2], [51.3, 3.2]]).has_drawn_path


CHOICES = (30, 45, 60, 90, 120, 180)


@pytest.mark.parametrize("durations,offered", [
    ([66, 66], []),  # two walks of the same length: a choice would show all or nothing
    ([54, 88], [60]),  # "up to 30/45" would be empty, "up to 90" would show all
    ([20, 54, 88, 200], [30, 60, 90]),
    ([31, 44, 100], [45]),  # 45 holds two; 60 and 90 the same two: offered once
    ([], []),
    ([240], []),
])
def test_offered_durations_are_never_empty_nor_everything(durations, offered):
    assert offered_durations(durations, CHOICES) == offered
    for limit in offered:  # each one really splits the walks
        assert 0 < sum(d <= limit for d in durations) < len(durations)
