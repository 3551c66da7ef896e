"""Demo agenda of each town, relative to the load date (app.core.clock): its real weekly market(s), a
shopping Sunday, the Christmas market, and a workshop at a demo merchant's shop (one approved, one
waiting for review). Upserted by the events' UIDs: a second run changes nothing."""
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.accounts.services import find_user_by_email
from app.agenda.models import Event, EventStatus
from app.agenda.recurrence import build_rule
from app.agenda.services import editing
from app.cities.models import City
from app.core import clock
from app.core.clock import TZ
from app.extensions import db
from app.shops.models import Shop, ShopStatus

MO, TU, WE, TH, FR, SA, SU = range(7)
# (key, title, place, address, lat, lon, weekday, start, end)
MARKETS = {
    "brugge": [("markt-wo", "Weekmarkt op de Markt", "Markt", "Markt, 8000 Brugge", 51.20861, 3.22389, WE, "08:00", "13:30"),
               ("zand-za", "Zaterdagmarkt op 't Zand", "'t Zand", "'t Zand, 8000 Brugge", 51.2036, 3.2176, SA, "08:00", "13:30")],
    "oostende": [("wapen-ma", "Maandagmarkt op het Wapenplein", "Wapenplein", "Wapenplein, 8400 Oostende", 51.2303, 2.9190, MO, "08:00", "13:00"),
                 ("wapen-do", "Donderdagmarkt op het Wapenplein", "Wapenplein", "Wapenplein, 8400 Oostende", 51.2303, 2.9190, TH, "08:00", "13:00")],
    "kortrijk": [("markt-ma", "Maandagmarkt in het centrum", "Grote Markt", "Grote Markt, 8500 Kortrijk", 50.8278, 3.2649, MO, "08:00", "13:00")],
    "roeselare": [("markt-za", "Zaterdagmarkt", "Grote Markt", "Grote Markt, 8800 Roeselare", 50.9466, 3.1229, SA, "08:00", "12:30")],
    "ieper": [("markt-za", "Zaterdagmarkt op de Grote Markt", "Grote Markt", "Grote Markt, 8900 Ieper", 50.8510, 2.8855, SA, "08:00", "12:30")],
}
CHRISTMAS = {
    "brugge": ("Winterglow: kerstmarkt op de Markt en het Simon Stevinplein", "Markt en Simon Stevinplein", "Markt, 8000 Brugge", 51.20861, 3.22389),
    "oostende": ("Kerstmarkt op het Wapenplein", "Wapenplein", "Wapenplein, 8400 Oostende", 51.2303, 2.9190),
    "kortrijk": ("Winterfeest: kerstmarkt op de Grote Markt", "Grote Markt", "Grote Markt, 8500 Kortrijk", 50.8278, 3.2649),
    "roeselare": ("Kerstmarkt op de Grote Markt", "Grote Markt", "Grote Markt, 8800 Roeselare", 50.9466, 3.1229),
    "ieper": ("Winterfeest Ieper: kerstmarkt op de Grote Markt", "Grote Markt", "Grote Markt, 8900 Ieper", 50.8510, 2.8855),
}
MARKET_TEXT = "<p>Groenten, fruit, kaas, vis, bloemen en kleding: de wekelijkse markt in het centrum.</p>"
CHRISTMAS_TEXT = ("<p>Chalets met <strong>glühwein</strong>, warme chocolademelk en geschenken, "
                  "elke dag van 11 tot 22 uur.</p>")
SUNDAY_TEXT = "<p>De winkels in het centrum zijn open van 13 tot 18 uur. Gratis pendelbus vanaf de randparkings.</p>"
WORKSHOPS = [("Workshop kerstkransen maken", "<p>Maak je eigen kerstkrans met verse takken. Materiaal inbegrepen, "
              "max. 12 deelnemers.</p>", "15 euro", EventStatus.PUBLISHED),
             ("Proeverij: winterbieren van de streek", "<p>Vijf West-Vlaamse winterbieren met een hapje.</p>",
              "12 euro", EventStatus.PROPOSED)]


def _at(day: date, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), TZ)


def _last(today: date, weekday: int, weeks_back: int = 4) -> date:
    return today - timedelta(days=(today.weekday() - weekday) % 7 + 7 * weeks_back)


def _upsert(city, uid: str, values: dict, author=None, status=EventStatus.PUBLISHED) -> None:
    if db.session.execute(select(Event.id).where(Event.uid == uid)).first():
        return
    if status == EventStatus.PROPOSED:
        shop = db.session.get(Shop, values["shop_id"])
        event = editing.propose_event(shop, values, author)
    else:
        event = editing.create_event(city, values, author, status=status)
        if author is not None and values.get("shop_id"):
            event.proposed_by_id = author.id
            event.reviewed_at = clock.now()
    event.uid = uid


def _base(title: str, text: str, kind: str, starts, ends, place, address, lat, lon, **extra) -> dict:
    return {"title": {"nl": title}, "description": {"nl": text}, "kind": kind, "starts_at": starts, "ends_at": ends,
            "place_name": place, "address": address, "lat": lat, "lon": lon, "is_free": True, **extra}


def load() -> None:
    today = clock.today()
    for city in db.session.execute(select(City).order_by(City.slug)).scalars():
        slug = city.slug
        for key, title, place, address, lat, lon, weekday, start, end in MARKETS.get(slug, []):
            first = _last(today, weekday)
            _upsert(city, f"demo-{slug}-{key}@kick.city",
                    _base(title, MARKET_TEXT, "market", _at(first, start), _at(first, end), place, address, lat, lon,
                          rrule=build_rule("weekly", weekdays=[("MO", "TU", "WE", "TH", "FR", "SA", "SU")[weekday]])))
        if slug in CHRISTMAS:
            title, place, address, lat, lon = CHRISTMAS[slug]
            first = today - timedelta(days=10)
            _upsert(city, f"demo-{slug}-kerstmarkt@kick.city",
                    _base(title, CHRISTMAS_TEXT, "christmas_market", _at(first, "11:00"), _at(first, "22:00"), place,
                          address, lat, lon, rrule=build_rule("daily", until=today + timedelta(days=32))))
            sunday = today + timedelta(days=(6 - today.weekday()) % 7 + 14)
            _upsert(city, f"demo-{slug}-koopzondag@kick.city",
                    _base(f"Koopzondag in {city.name}", SUNDAY_TEXT, "shopping_sunday", _at(sunday, "13:00"),
                          _at(sunday, "18:00"), "Winkelcentrum", f"Centrum, {city.name}", lat, lon))
        _workshops(city, today)


def _workshops(city, today: date) -> None:
    merchant = find_user_by_email(f"merchant1@{city.slug}.kick.test")
    if merchant is None:
        return
    shop = db.session.execute(select(Shop).where(Shop.owner_id == merchant.id, Shop.city_id == city.id,
                                                 Shop.status == ShopStatus.APPROVED.value)
                              .order_by(Shop.id)).scalars().first()
    if shop is None:
        return
    for n, (title, text, price, status) in enumerate(WORKSHOPS):
        day = today + timedelta(days=(5 - today.weekday()) % 7 + 7 * n + (0 if n else 7))
        values = _base(title, text, "workshop", _at(day, "14:00"), _at(day, "16:00"), shop.display_name,
                       shop.address, shop.lat, shop.lon, shop_id=shop.id, price=price)
        values["is_free"] = False
        _upsert(city, f"demo-{city.slug}-workshop-{n}@kick.city", values, merchant, status)
