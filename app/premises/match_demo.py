"""Demo entrepreneurs for the matchmaker (room match), called from app.premises.demo.load: concept profiles in
Roeselare and Kortrijk and their requests, so the matcher has something to rank. Roeselare's empty shop on
Ooststraat has two requests (a coffee roaster and a zero-waste shop); a bike-repair pop-up is open to proposals.
Idempotent: people by email, a profile per person and town, a request per person and premise."""
from datetime import timedelta

from sqlalchemy import select

from app.accounts.demo import upsert_user
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.premises.match_models import ConceptProfile, MatchOrigin, MatchStage, MatchStageChange, PremiseMatch
from app.premises.models import Premise, PremiseState

# (email, name, town, concept, sells, unique, category, area, budget, months to opening, leases, open, asks for)
PEOPLE = (
    ("koffie@ondernemer.kick.test", "Lotte Vandamme", "roeselare", "Branderij Lotte",
     "Koffie van eigen branding, espresso en filterkoffie om mee te nemen, bonen per zak.",
     "De koffie wordt in de winkel zelf gebrand, je ruikt het tot op de Grote Markt.", "food_drink",
     (45, 80), 1500, 4, ["long"], False, "Ooststraat 37"),
    ("zerowaste@ondernemer.kick.test", "Jonas Declercq", "roeselare", "Bokaal & Co",
     "Verpakkingsvrije boodschappen: granen, pasta, noten, zeep en schoonmaakmiddelen in eigen bokaal.",
     "Lokale leveranciers uit de Westhoek en een statiegeldsysteem voor bokalen.", "home_living",
     (60, 120), 1200, 8, ["long", "short"], True, "Ooststraat 37"),
    ("fiets@ondernemer.kick.test", "Sara Maes", "roeselare", "Fietsdokter pop-up",
     "Herstellingen terwijl je winkelt, tweedehands stadsfietsen, onderdelen.",
     "Een pop-up van drie maanden, daarna misschien vast.", "services",
     (25, 40), 900, 1, ["popup", "short"], True, None),
    ("boeken@ondernemer.kick.test", "Pieter Goethals", "kortrijk", "Leeshoek",
     "Tweedehands boeken en strips, een leestafel met koffie.", "Avonden met lezingen van Kortrijkse auteurs.",
     "books_music", (50, 100), 1400, 6, ["long"], True, "first"),
    ("keramiek@ondernemer.kick.test", "Amber Claeys", "kortrijk", "Atelier Klei",
     "Keramiek uit eigen atelier en workshops draaien.", "Je ziet de ovens en de draaischijven vanuit de etalage.",
     "design_crafts", (40, 90), 1200, 3, ["long", "popup"], False, "first"),
)
NOTES = {"Branderij Lotte": "De etalage op Ooststraat is ideaal voor de brander.",
         "Bokaal & Co": "Graag een bezoek: past een toog met silo's?",
         "Leeshoek": "Een pand met een leestafel vooraan zou perfect zijn.",
         "Atelier Klei": "Is er krachtstroom voor de oven?"}


def _premise_for(city, wanted: str | None) -> Premise | None:
    query = select(Premise).where(Premise.city_id == city.id, Premise.state == PremiseState.VACANT.value)
    if wanted and wanted != "first":
        query = query.where(Premise.address == wanted)
    return db.session.execute(query.order_by(Premise.id).limit(1)).scalar_one_or_none()


def load() -> None:
    today = clock.today()
    cities = {city.slug: city for city in db.session.execute(select(City)).scalars()}
    for (email, person, town, concept, sells, unique, category, (low, high), budget, months, leases, open_,
         wanted) in PEOPLE:
        city = cities.get(town)
        if city is None:
            continue
        user = upsert_user(email, person, locale="nl")
        db.session.flush()
        profile = db.session.execute(select(ConceptProfile).where(ConceptProfile.city_id == city.id,
                                                                  ConceptProfile.user_id == user.id)).scalar_one_or_none()
        if profile is None:
            profile = ConceptProfile(city_id=city.id, user_id=user.id, name=concept, sells=sells, unique=unique,
                                     category=category, area_min=low, area_max=high, budget_max=budget,
                                     opening_on=today + timedelta(days=30 * months), lease_types=leases,
                                     open_to_proposals=open_)
            db.session.add(profile)
            db.session.flush()
        premise = _premise_for(city, wanted) if wanted else None
        if premise is None:
            continue
        exists = db.session.execute(select(PremiseMatch.id).where(PremiseMatch.premise_id == premise.id,
                                                                  PremiseMatch.user_id == user.id)).scalar()
        if exists is None:
            match = PremiseMatch(city_id=city.id, premise_id=premise.id, user_id=user.id, profile_id=profile.id,
                                 origin=MatchOrigin.INTEREST.value, note=NOTES.get(concept, ""),
                                 stage=MatchStage.PROPOSED.value, stage_on=today)
            match.changes.append(MatchStageChange(to_stage=MatchStage.PROPOSED.value, on=today, by_id=user.id))
            db.session.add(match)
    db.session.flush()
