"""Demo vacancy registers: every demo town's shopping streets (app/demo/cities.json) lined with premises, most
of them let, the approved demo shops' premises linked to their shop, a few re-purposed, and the empty ones
chosen so the centre's rate is near the published one (Brugge about 8 %, Oostende 10 %, Kortrijk 12 %,
Roeselare and Ieper about 10 %), their vacancy spread over friction, long-term and structural, with history
(some premises filled in the last year, so the rate over time moves) and the towns' incentives.
Roeselare has an empty shop on Ooststraat. Idempotent: a premise is upserted by its address and left as it is
once it exists; dates are counted back from the day of the first load."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from app.core import clock
from app.demo import city_facts
from app.extensions import db
from app.premises.models import Incentive, Premise, PremiseStateChange
from app.shops.models import Shop, ShopStatus
from app.cities.models import City

REGISTER_START = date(2019, 1, 1)  # the day the towns' spreadsheets begin
# slug: (premises on the streets besides the shops' own, vacant ages in months, option ages, re-purposed,
#        premises filled in the last year: (months vacant ago, months let ago))
PLANS = {
    "brugge": (60, (4, 20, 30, 55), (9,), 2, ((14, 5), (10, 2))),
    "oostende": (46, (3, 11, 16, 30, 50), (), 2, ((20, 6), (15, 4), (12, 1))),
    "kortrijk": (45, (2, 8, 14, 26, 40, 70), (), 1, ((18, 7), (13, 3))),
    "roeselare": (37, (5, 19, 44), (10,), 1, ((16, 6), (11, 2))),
    "ieper": (43, (6, 15, 38), (2, 27), 1, ((14, 8),)),
    "diksmuide": (24, (7, 30), (13,), 1, ()),
}
EMPTY_ON = {"roeselare": "Ooststraat 37"}  # the done-means premise: an empty shop on Ooststraat
PREVIOUS_USES = ("fashion", "shoes", "bank branch", "bakery", "travel agency", "phone shop", "jeweller",
                 "florist", "bookshop", "café")
DESCRIPTIONS = {
    "nl": "Handelspand met etalage in het winkelhart, {area} m² waarvan {sales} m² verkoopruimte.",
    "fr": "Surface commerciale avec vitrine au cœur commerçant, {area} m² dont {sales} m² de vente.",
    "en": "Shop unit with a display window in the shopping heart, {area} m², {sales} m² of sales floor.",
    "de": "Ladenlokal mit Schaufenster in der Haupteinkaufslage, {area} m², davon {sales} m² Verkaufsfläche.",
}
INCENTIVES = (
    ("starterspremie", {"nl": "Starterspremie", "fr": "Prime de démarrage", "en": "Starter premium",
                        "de": "Gründerprämie"},
     {"nl": "Tot € 5 000 voor wie een eerste zaak opent in een leegstaand pand van het kernwinkelgebied.",
      "fr": "Jusqu’à 5 000 € pour l'ouverture d'un premier commerce dans une cellule vide du centre.",
      "en": "Up to EUR 5,000 for opening a first business in an empty unit of the shopping centre.",
      "de": "Bis zu 5000 EUR für die Eröffnung eines ersten Geschäfts in einem leeren Ladenlokal."}),
    ("vrijstelling-leegstandsheffing", {"nl": "Vrijstelling leegstandsheffing", "fr": "Exonération de la taxe "
                                        "sur les cellules vides", "en": "Vacancy-tax exemption",
                                        "de": "Befreiung von der Leerstandsabgabe"},
     {"nl": "De eigenaar betaalt geen leegstandsheffing zolang het pand als pop-up verhuurd wordt.",
      "fr": "Le propriétaire ne paie pas la taxe tant que la cellule est louée en pop-up.",
      "en": "The owner pays no vacancy tax while the unit is let as a pop-up.",
      "de": "Keine Leerstandsabgabe, solange das Ladenlokal als Pop-up vermietet ist."}),
    ("huurpremie", {"nl": "Huurpremie", "fr": "Prime au loyer", "en": "Rent subsidy", "de": "Mietzuschuss"},
     {"nl": "Het eerste jaar 30 % van de huur, met een maximum van € 500 per maand.",
      "fr": "La première année, 30 % du loyer, au maximum 500 € par mois.",
      "en": "In the first year 30 % of the rent, at most EUR 500 a month.",
      "de": "Im ersten Jahr 30 % der Miete, höchstens 500 EUR im Monat."}),
)


def _months_ago(today: date, months: int) -> date:
    return today - timedelta(days=round(months * 30.44))


def _incentives(city) -> list[Incentive]:
    found = {i.code: i for i in db.session.execute(select(Incentive).where(Incentive.city_id == city.id)).scalars()}
    for code, name, description in INCENTIVES:
        if code not in found:
            found[code] = Incentive(city_id=city.id, code=code, name=name, description=description, active=True)
            db.session.add(found[code])
    db.session.flush()
    return [found[code] for code, _name, _text in INCENTIVES]


def _addresses(streets: list[dict], taken: set[str], count: int) -> list[tuple[str, float, float]]:
    """`count` addresses spread over the streets, odd and even numbers, none of the shops' own."""
    out, number = [], {s["name"]: 1 for s in streets}
    index = 0
    while len(out) < count:
        street = streets[index % len(streets)]
        index += 1
        n = number[street["name"]]
        number[street["name"]] += 3
        address = f"{street['name']} {n}"
        if address in taken:
            continue
        step = (n % 40) - 20
        out.append((address, round(street["lat"] + step * 0.000045, 6), round(street["lon"] + step * 0.00006, 6)))
    return out


def _premise(city, address, lat, lon, seq: int) -> Premise:
    area = 45 + (seq * 37) % 190
    sales = round(area * 0.75)
    premise = Premise(city_id=city.id, lat=lat, lon=lon, floor_area_m2=float(area), sales_floor_m2=float(sales),
                      frontage_m=float(4 + seq % 9), floors=1 + seq % 3, rent_min=900 + (seq * 113) % 2200,
                      lease_types=["long"] if seq % 3 else ["long", "short", "popup"],
                      permitted_uses="retail, food and drink" if seq % 4 else "retail, services",
                      previous_use=PREVIOUS_USES[seq % len(PREVIOUS_USES)],
                      condition=("turnkey", "good", "refurbish", "shell")[seq % 4], step_free=seq % 5 != 0,
                      owner_contact=f"Vastgoed {address.split()[0]} · +32 50 {10 + seq % 89:02d} {seq % 100:02d} 00",
                      description={k: v.format(area=area, sales=sales) for k, v in DESCRIPTIONS.items()})
    premise.rent_max = premise.rent_min + 400
    premise.set_address(address)
    return premise


def _history(premise: Premise, states: list[tuple[date, str]], note: str = "") -> None:
    previous = None
    for on, state in states:
        premise.changes.append(PremiseStateChange(from_state=previous, to_state=state, changed_on=on, note=note))
        previous = state
    premise.state = previous
    premise.vacant_since = None
    for on, state in states:  # the start of the last empty spell (vacant, then maybe under option)
        if state in ("vacant", "option"):
            premise.vacant_since = premise.vacant_since or on
        else:
            premise.vacant_since = None


def _load_city(city, facts: dict, today: date) -> None:
    count, vacant_ages, option_ages, repurposed, filled = PLANS[city.slug]
    existing = set(db.session.execute(select(Premise.address).where(Premise.city_id == city.id)).scalars())
    incentives = _incentives(city)
    shops = db.session.execute(select(Shop).where(Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value)
                               .order_by(Shop.id)).scalars().all()
    shop_addresses = {shop.address for shop in shops}
    spots = _addresses(facts["shopping_streets"], shop_addresses, count + repurposed)
    wanted = EMPTY_ON.get(city.slug)
    if wanted and all(address != wanted for address, _lat, _lon in spots):
        street = next(s for s in facts["shopping_streets"] if wanted.startswith(s["name"]))
        spots[0] = (wanted, round(street["lat"] - 0.0002, 6), round(street["lon"] + 0.0003, 6))
    if wanted:  # the empty shop comes first, so it is one of the vacant ones
        spots.sort(key=lambda spot: spot[0] != wanted)
    plan: list[tuple[str, list]] = []
    for months in vacant_ages:
        plan.append(("vacant", [(REGISTER_START, "let"), (_months_ago(today, months), "vacant")]))
    for months in option_ages:
        since = _months_ago(today, months)
        plan.append(("option", [(REGISTER_START, "let"), (since, "vacant"),
                                (max(since, _months_ago(today, 1)), "option")]))
    for vacant_ago, let_ago in filled:
        plan.append(("let", [(REGISTER_START, "let"), (_months_ago(today, vacant_ago), "vacant"),
                             (_months_ago(today, let_ago), "let")]))
    for _ in range(repurposed):
        plan.append(("repurposed", [(REGISTER_START, "vacant"), (_months_ago(today, 20), "repurposed")]))
    for seq, (address, lat, lon) in enumerate(spots):
        if address in existing:
            continue
        premise = _premise(city, address, lat, lon, seq)
        states = plan[seq][1] if seq < len(plan) else [(REGISTER_START, "let")]
        _history(premise, states, "Demo")
        if premise.is_available:
            premise.incentives = incentives[: 1 + seq % len(incentives)]
        db.session.add(premise)
    for seq, shop in enumerate(shops):  # the approved shops' own premises, linked: one unit each
        if shop.address in existing:
            continue
        premise = _premise(city, shop.address, shop.lat, shop.lon, 100 + seq)
        premise.shop_id = shop.id
        _history(premise, [(REGISTER_START, "let")], "Demo")
        db.session.add(premise)
    db.session.flush()


def load() -> None:
    today = clock.today()
    facts = {f["slug"]: f for f in city_facts()}
    for city in db.session.execute(select(City).order_by(City.id)).scalars():
        if city.slug in PLANS and city.slug in facts:
            _load_city(city, facts[city.slug], today)
    from app.premises import match_demo
    match_demo.load()  # room match: entrepreneurs and their requests
    db.session.commit()
