"""The matchmaker's score: how well a concept profile fits a premise, with every reason spelled out.

Pure: no database, no request. The caller hands in plain facts (`PremiseFacts`, `ProfileFacts`, the street's
`StreetFacts`) and the city's `weights`; `score()` answers a `Fit` with a score 0-100 and the `Reason`s
behind it. `describe(reason)` words a reason in the interface language (gettext), so the studio page and the
API say the same.

Parts of the score, each 0..1, weighted (defaults `DEFAULT_WEIGHTS`, adjustable per city by the marketer):
- area: the premise's floor area within the profile's min-max (less the further outside);
- budget: the asking rent within the profile's monthly budget (the low end within: half);
- lease: a lease type the premise offers is one the profile asks (long, short, pop-up);
- timeline: vacant now against the opening date (under option: half);
- mix: the gap in the shop mix: no approved shop of the category on the street (and few in the centre);
- demand: the share of the street's shopper stamps that go to the category (the figures, when there are);
- footfall: the street's counted footfall against the other streets of the centre (when counted).
A part whose facts are unknown (no area asked, no figures) is left out and the other weights count for it,
so the score works without the figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PARTS = ("area", "budget", "lease", "timeline", "mix", "demand", "footfall")
DEFAULT_WEIGHTS = {"area": 3, "budget": 3, "lease": 2, "timeline": 1, "mix": 2, "demand": 1, "footfall": 1}
MAX_WEIGHT = 10
SOON_DAYS = 183  # an opening within half a year fits a premise that is empty now
FAR_DAYS = 365


@dataclass(frozen=True)
class PremiseFacts:
    id: int
    street: str
    floor_area_m2: float | None
    rent_min: int | None
    rent_max: int | None
    lease_types: tuple[str, ...]
    state: str  # vacant | option | let | repurposed


@dataclass(frozen=True)
class ProfileFacts:
    id: int
    category: str
    area_min: int | None
    area_max: int | None
    budget_max: int | None
    lease_types: tuple[str, ...]
    opening_on: date | None


@dataclass(frozen=True)
class StreetFacts:
    """What is known of the premise's street: approved shops per category on it and in the centre, and the
    figures (None: not known, or hidden because too few shoppers)."""
    shops_on_street: dict[str, int] = field(default_factory=dict)
    shops_in_centre: dict[str, int] = field(default_factory=dict)
    stamps: int | None = None
    stamps_by_category: dict[str, int] | None = None
    footfall_tertile: int | None = None  # 1: top third of the centre's counted streets, 2: middle, 3: bottom


@dataclass(frozen=True)
class Reason:
    part: str
    code: str  # what the words say, e.g. "area_within"
    params: dict
    good: bool


@dataclass(frozen=True)
class Fit:
    premise_id: int
    profile_id: int
    score: int
    parts: dict[str, float]
    reasons: tuple[Reason, ...]


def clean_weights(weights: dict | None) -> dict[str, int]:
    """The city's weights with every part present and within 0..MAX_WEIGHT (unknown keys dropped)."""
    merged = dict(DEFAULT_WEIGHTS)
    for part, value in (weights or {}).items():
        if part in merged:
            merged[part] = max(0, min(MAX_WEIGHT, int(value)))
    return merged


def _area(premise: PremiseFacts, profile: ProfileFacts) -> tuple[float, Reason] | None:
    area = premise.floor_area_m2
    low, high = profile.area_min, profile.area_max
    if area is None or (low is None and high is None):
        return None
    low = low if low is not None else 0
    high = high if high is not None else max(low, area)
    params = {"area": round(area), "min": low, "max": high}
    if low <= area <= high:
        return 1.0, Reason("area", "area_within", params, True)
    if area < low:
        return max(0.0, 1 - (low - area) / max(low, 1)), Reason("area", "area_small", params, False)
    return max(0.0, 1 - (area - high) / max(high, 1)), Reason("area", "area_large", params, False)


def _budget(premise: PremiseFacts, profile: ProfileFacts) -> tuple[float, Reason] | None:
    budget = profile.budget_max
    low = premise.rent_min if premise.rent_min is not None else premise.rent_max
    high = premise.rent_max if premise.rent_max is not None else low
    if budget is None or low is None:
        return None
    params = {"budget": budget, "min": low, "max": high}
    if high <= budget:
        return 1.0, Reason("budget", "rent_within", params, True)
    if low <= budget:
        return 0.6, Reason("budget", "rent_partly", params, True)
    return max(0.0, 1 - (low - budget) / max(budget, 1)), Reason("budget", "rent_over", params, False)


def _lease(premise: PremiseFacts, profile: ProfileFacts) -> tuple[float, Reason] | None:
    if not profile.lease_types or not premise.lease_types:
        return None
    shared = [kind for kind in profile.lease_types if kind in premise.lease_types]
    if shared:
        return 1.0, Reason("lease", "lease_offered", {"kinds": tuple(shared)}, True)
    return 0.0, Reason("lease", "lease_missing", {"kinds": tuple(profile.lease_types)}, False)


def _timeline(premise: PremiseFacts, profile: ProfileFacts, today: date) -> tuple[float, Reason] | None:
    if premise.state not in ("vacant", "option"):
        return 0.0, Reason("timeline", "not_available", {}, False)
    if premise.state == "option":
        return 0.5, Reason("timeline", "under_option", {}, False)
    if profile.opening_on is None:
        return 1.0, Reason("timeline", "vacant_now", {}, True)
    days = (profile.opening_on - today).days
    params = {"opening_on": profile.opening_on}
    if days <= SOON_DAYS:
        return 1.0, Reason("timeline", "vacant_for_opening", params, True)
    if days <= FAR_DAYS:
        return 0.6, Reason("timeline", "opening_later", params, False)
    return 0.3, Reason("timeline", "opening_far", params, False)


def _mix(profile: ProfileFacts, street: StreetFacts) -> tuple[float, Reason]:
    on_street = street.shops_on_street.get(profile.category, 0)
    in_centre = street.shops_in_centre.get(profile.category, 0)
    centre_total = sum(street.shops_in_centre.values())
    params = {"category": profile.category, "on_street": on_street, "in_centre": in_centre,
              "centre_total": centre_total}
    street_gap = {0: 1.0, 1: 0.6, 2: 0.3}.get(on_street, 0.1)
    share = in_centre / centre_total if centre_total else 0.0
    centre_gap = max(0.0, 1 - share * 4)  # a quarter of the centre's shops or more: no gap left
    value = 0.7 * street_gap + 0.3 * centre_gap
    if on_street == 0:
        return value, Reason("mix", "street_gap", params, True)
    return value, Reason("mix", "street_has", params, on_street < 2)


def _demand(profile: ProfileFacts, street: StreetFacts) -> tuple[float, Reason] | None:
    if not street.stamps or street.stamps_by_category is None:
        return None
    in_category = street.stamps_by_category.get(profile.category, 0)
    tenths = round(10 * in_category / street.stamps)
    params = {"category": profile.category, "tenths": tenths}
    # Shoppers already come to the street for this category (demand) but few shops serve it (the mix part).
    return min(1.0, 0.3 + tenths / 5), Reason("demand", "stamps_share", params, tenths >= 2)


def _footfall(street: StreetFacts) -> tuple[float, Reason] | None:
    if street.footfall_tertile not in (1, 2, 3):
        return None
    value = {1: 1.0, 2: 0.6, 3: 0.3}[street.footfall_tertile]
    code = {1: "footfall_top", 2: "footfall_middle", 3: "footfall_bottom"}[street.footfall_tertile]
    return value, Reason("footfall", code, {}, street.footfall_tertile == 1)


def score(premise: PremiseFacts, profile: ProfileFacts, street: StreetFacts, weights: dict | None = None, *,
          today: date) -> Fit:
    """The fit of `profile` for `premise` (0-100) with its reasons, strongest weight first."""
    weights = clean_weights(weights)
    found = {"area": _area(premise, profile), "budget": _budget(premise, profile), "lease": _lease(premise, profile),
             "timeline": _timeline(premise, profile, today), "mix": _mix(profile, street),
             "demand": _demand(profile, street), "footfall": _footfall(street)}
    known = {part: result for part, result in found.items() if result is not None}
    total_weight = sum(weights[part] for part in known)
    points = sum(weights[part] * value for part, (value, _reason) in known.items())
    value = round(100 * points / total_weight) if total_weight else 0
    ordered = sorted(known, key=lambda part: (-weights[part], PARTS.index(part)))
    reasons = tuple(known[part][1] for part in ordered if weights[part] > 0)
    return Fit(premise.id, profile.id, value, {part: round(known[part][0], 3) for part in known}, reasons)


def rank(fits: list[Fit]) -> list[Fit]:
    """Best fit first; equal scores keep a stable order (the lower id first)."""
    return sorted(fits, key=lambda fit: (-fit.score, fit.profile_id, fit.premise_id))


def footfall_tertiles(footfall: dict[str, int]) -> dict[str, int]:
    """Each counted street's third of the centre (1 top, 2 middle, 3 bottom) by its footfall."""
    ordered = sorted(footfall, key=lambda street: (-footfall[street], street))
    count = len(ordered)
    return {street: min(3, 1 + (3 * n) // count) for n, street in enumerate(ordered)} if count else {}


def describe(reason: Reason, category_label=lambda category: category, lease_label=lambda kind: kind,
             date_label=lambda day: day.isoformat()) -> str:
    """The reason in words, in the interface language (labels for categories, leases and dates from the caller)."""
    from flask_babel import gettext as _
    p = reason.params
    if reason.code == "area_within":
        return _("area %(area)s m² within %(min)s–%(max)s m² asked", **p)
    if reason.code == "area_small":
        return _("area %(area)s m² is smaller than the %(min)s–%(max)s m² asked", **p)
    if reason.code == "area_large":
        return _("area %(area)s m² is larger than the %(min)s–%(max)s m² asked", **p)
    if reason.code == "rent_within":
        return _("rent within budget (€ %(max)s a month at most, budget € %(budget)s)", **p)
    if reason.code == "rent_partly":
        return _("rent € %(min)s–%(max)s a month: the low end is within the budget of € %(budget)s", **p)
    if reason.code == "rent_over":
        return _("rent from € %(min)s a month is over the budget of € %(budget)s", **p)
    kinds = ", ".join(str(lease_label(kind)) for kind in p.get("kinds", ()))
    if reason.code == "lease_offered":
        return _("lease offered: %(kinds)s", kinds=kinds)
    if reason.code == "lease_missing":
        return _("the lease asked (%(kinds)s) is not offered", kinds=kinds)
    if reason.code == "not_available":
        return _("the premise is not available")
    if reason.code == "under_option":
        return _("the premise is under option")
    if reason.code == "vacant_now":
        return _("vacant now")
    when = date_label(p["opening_on"]) if "opening_on" in p else ""
    if reason.code == "vacant_for_opening":
        return _("vacant now, in time for the opening on %(date)s", date=when)
    if reason.code == "opening_later":
        return _("vacant now, the opening is only on %(date)s", date=when)
    if reason.code == "opening_far":
        return _("vacant now, the opening is more than a year away (%(date)s)", date=when)
    category = str(category_label(p.get("category", "")))
    if reason.code == "street_gap":
        return _("the street has no shop in this category (%(in_centre)s of %(centre_total)s shops in the centre "
                 "are %(category)s)", category=category, in_centre=p["in_centre"], centre_total=p["centre_total"])
    if reason.code == "street_has":
        return _("the street has %(num)s shop(s) in this category already", num=p["on_street"])
    if reason.code == "stamps_share":
        return _("%(tenths)s shoppers' stamps out of 10 on this street go to %(category)s",
                 tenths=p["tenths"], category=category)
    if reason.code == "footfall_top":
        return _("footfall on this street in the top third of the centre")
    if reason.code == "footfall_middle":
        return _("footfall on this street in the middle third of the centre")
    if reason.code == "footfall_bottom":
        return _("footfall on this street in the bottom third of the centre")
    return reason.code
