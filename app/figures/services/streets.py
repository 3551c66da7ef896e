"""Each street's activity for the premises' matchmaker (registered with app.core.registry.add_street_activity):
the shoppers' stamps of the last full month on the street, split by shop category, and the footfall counted
at the street's counting points.

It reads the figures dashboard of that month, so it hides exactly what the dashboard hides: a street whose
stamps describe fewer shoppers than KICK_FIGURES_MIN_PEOPLE (or would give a hidden shop back) has no
"stamps" here, and a street shown has all its shops shown, so its split by category reveals no hidden cell.
Footfall counts people passing a sensor, no shopper: it is not suppressed (as on the dashboard).
"""
from collections import defaultdict

from flask import current_app

from app.core import clock
from app.core.text import street_of
from app.figures.services.reading import last_full_month, read_dashboard


def street_activity(city) -> dict[str, dict]:
    board = read_dashboard(city, last_full_month(clock.today()),
                           minimum=current_app.config["KICK_FIGURES_MIN_PEOPLE"])
    if not board.has_figures:
        return {}
    by_street: dict[str, dict] = defaultdict(dict)
    for row in board.streets:
        stamps = row.figures["stamps"].now.value
        if stamps is None or not row.name or row.name == "-":
            continue
        split: dict[str, int] = defaultdict(int)
        for shop in board.shops:
            if shop.street == row.name:
                split[shop.kind] += shop.figures["stamps"].now.value or 0
        by_street[row.name] = {"stamps": stamps, "stamps_by_category": dict(split)}
    for point in board.footfall_points:
        counted = point.figures["count"].now.value
        street = street_of(point.name)
        if counted is not None and street:
            by_street[street]["footfall"] = by_street[street].get("footfall", 0) + counted
    return dict(by_street)
