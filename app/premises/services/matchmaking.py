"""The matchmaker's lists (the studio page and the API): for a premise, the entrepreneurs ranked by fit (those
who asked for it and the profiles open to proposals), for a profile, the available premises ranked by fit.

Facts come from the database in a fixed number of queries per list (the city's approved shops once, the
street activity once through the registry), the score from app.premises.services.matching (pure).
"""
from collections import Counter
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core import clock
from app.core.registry import street_activity_for
from app.extensions import db
from app.premises.match_models import ConceptProfile, MatchWeights, PremiseMatch
from app.premises.models import Premise, PremiseState
from app.premises.services import matching
from app.shops.models import Shop, ShopStatus
from app.core.text import street_of


@dataclass
class Candidate:
    fit: matching.Fit
    user: object
    profile: ConceptProfile | None = None
    match: PremiseMatch | None = None
    premise: Premise | None = None


# ------------------------------------------------------------------ weights
def weights_of(city) -> dict[str, int]:
    row = db.session.execute(select(MatchWeights).where(MatchWeights.city_id == city.id)).scalar_one_or_none()
    return matching.clean_weights(row.weights if row else None)


def save_weights(city, values: dict) -> dict[str, int]:
    row = db.session.execute(select(MatchWeights).where(MatchWeights.city_id == city.id)).scalar_one_or_none()
    if row is None:
        row = MatchWeights(city_id=city.id)
        db.session.add(row)
    row.weights = matching.clean_weights({part: values[part] for part in matching.PARTS if part in values})
    return row.weights


# ------------------------------------------------------------------ facts
def premise_facts(premise: Premise) -> matching.PremiseFacts:
    return matching.PremiseFacts(premise.id, premise.street or street_of(premise.address), premise.floor_area_m2,
                                 premise.rent_min, premise.rent_max, tuple(premise.lease_types or ()),
                                 str(premise.state))


def profile_facts(profile: ConceptProfile | None, fallback_id: int = 0) -> matching.ProfileFacts:
    if profile is None:  # a request without a profile yet: only the premise's own facts count
        return matching.ProfileFacts(fallback_id, "", None, None, None, (), None)
    return matching.ProfileFacts(profile.id, profile.category, profile.area_min, profile.area_max,
                                 profile.budget_max, tuple(profile.lease_types or ()), profile.opening_on)


class CityFacts:
    """The city's shop mix (approved shops per street and category) and the street activity, read once."""

    def __init__(self, city):
        self.on_street: dict[str, Counter] = {}
        self.centre: Counter = Counter()
        for category, address in db.session.execute(select(Shop.category, Shop.address).where(
                Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value)):
            self.centre[category] += 1
            self.on_street.setdefault(street_of(address), Counter())[category] += 1
        self.activity = street_activity_for(current_app, city)
        self.tertiles = matching.footfall_tertiles({street: figures["footfall"] for street, figures
                                                    in self.activity.items() if figures.get("footfall") is not None})

    def street(self, name: str) -> matching.StreetFacts:
        figures = self.activity.get(name, {})
        return matching.StreetFacts(dict(self.on_street.get(name, {})), dict(self.centre), figures.get("stamps"),
                                    figures.get("stamps_by_category"), self.tertiles.get(name))


# ------------------------------------------------------------------ lists
def candidates_for_premise(city, premise: Premise, facts: CityFacts | None = None) -> list[Candidate]:
    """Who asked for `premise` (their request, their profile if any) and the open profiles of the city that have
    no match with it yet, best fit first."""
    facts = facts or CityFacts(city)
    weights, today = weights_of(city), clock.today()
    street = facts.street(premise.street or street_of(premise.address))
    facts_of_premise = premise_facts(premise)
    matches = list(db.session.scalars(select(PremiseMatch).where(PremiseMatch.premise_id == premise.id)
                                      .options(selectinload(PremiseMatch.user), selectinload(PremiseMatch.profile))))
    asked = {match.user_id for match in matches}
    open_profiles = db.session.scalars(select(ConceptProfile).where(
        ConceptProfile.city_id == city.id, ConceptProfile.open_to_proposals.is_(True))
        .options(selectinload(ConceptProfile.user)))
    found = [Candidate(matching.score(facts_of_premise, profile_facts(m.profile, -m.id), street, weights, today=today),
                       m.user, m.profile, m) for m in matches]
    found += [Candidate(matching.score(facts_of_premise, profile_facts(p), street, weights, today=today), p.user, p)
              for p in open_profiles if p.user_id not in asked]
    return sorted(found, key=lambda c: (-c.fit.score, c.match is None, c.fit.profile_id))


def premises_for_profile(city, profile: ConceptProfile, facts: CityFacts | None = None) -> list[Candidate]:
    """The city's available premises ranked for `profile`."""
    facts = facts or CityFacts(city)
    weights, today = weights_of(city), clock.today()
    premises = db.session.scalars(select(Premise).where(
        Premise.city_id == city.id, Premise.state.in_((PremiseState.VACANT.value, PremiseState.OPTION.value))))
    facts_of_profile = profile_facts(profile)
    found = [Candidate(matching.score(premise_facts(p), facts_of_profile, facts.street(p.street), weights, today=today),
                       profile.user, profile, premise=p) for p in premises]
    return sorted(found, key=lambda c: (-c.fit.score, c.premise.id))


def open_profiles(city) -> list[ConceptProfile]:
    return list(db.session.scalars(select(ConceptProfile).where(ConceptProfile.city_id == city.id)
                                   .options(selectinload(ConceptProfile.user)).order_by(ConceptProfile.name)))


def premises_with_requests(city) -> list[tuple[Premise, int]]:
    """The city's available premises with how many entrepreneurs asked or were proposed (one grouped query)."""
    from sqlalchemy import func
    counts = dict(db.session.execute(select(PremiseMatch.premise_id, func.count(PremiseMatch.id))
                                     .where(PremiseMatch.city_id == city.id).group_by(PremiseMatch.premise_id)).all())
    premises = db.session.scalars(select(Premise).where(
        Premise.city_id == city.id, Premise.state.in_((PremiseState.VACANT.value, PremiseState.OPTION.value)))
        .order_by(Premise.street, Premise.address))
    return sorted(((p, counts.get(p.id, 0)) for p in premises), key=lambda row: (-row[1], row[0].address))
