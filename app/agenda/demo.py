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


def _t(nl: str, en: str, fr: str, de: str) -> dict:
    return {"nl": nl, "en": en, "fr": fr, "de": de}


# (key, title, place, address, lat, lon, weekday, start, end)
MARKETS = {
    "brugge": [("markt-wo", _t("Weekmarkt op de Markt", "Weekly market on the Markt", "Marché hebdomadaire sur la Grand-Place",
                               "Wochenmarkt auf dem Markt"),
                "Markt", "Markt, 8000 Brugge", 51.20861, 3.22389, WE, "08:00", "13:30"),
               ("zand-za", _t("Zaterdagmarkt op 't Zand", "Saturday market on 't Zand", "Marché du samedi sur le Zand",
                              "Samstagsmarkt auf dem Zand"),
                "'t Zand", "'t Zand, 8000 Brugge", 51.2036, 3.2176, SA, "08:00", "13:30")],
    "oostende": [("wapen-ma", _t("Maandagmarkt op het Wapenplein", "Monday market on the Wapenplein",
                                 "Marché du lundi sur la place d’Armes", "Montagsmarkt auf dem Wapenplein"),
                  "Wapenplein", "Wapenplein, 8400 Oostende", 51.2303, 2.9190, MO, "08:00", "13:00"),
                 ("wapen-do", _t("Donderdagmarkt op het Wapenplein", "Thursday market on the Wapenplein",
                                 "Marché du jeudi sur la place d’Armes", "Donnerstagsmarkt auf dem Wapenplein"),
                  "Wapenplein", "Wapenplein, 8400 Oostende", 51.2303, 2.9190, TH, "08:00", "13:00")],
    "kortrijk": [("markt-ma", _t("Maandagmarkt in het centrum", "Monday market in the town centre",
                                 "Marché du lundi au centre-ville", "Montagsmarkt im Zentrum"),
                  "Grote Markt", "Grote Markt, 8500 Kortrijk", 50.8278, 3.2649, MO, "08:00", "13:00")],
    "roeselare": [("markt-za", _t("Zaterdagmarkt", "Saturday market", "Marché du samedi", "Samstagsmarkt"),
                   "Grote Markt", "Grote Markt, 8800 Roeselare", 50.9466, 3.1229, SA, "08:00", "12:30")],
    "ieper": [("markt-za", _t("Zaterdagmarkt op de Grote Markt", "Saturday market on the Grote Markt",
                              "Marché du samedi sur la Grand-Place", "Samstagsmarkt auf dem Marktplatz"),
               "Grote Markt", "Grote Markt, 8900 Ieper", 50.8510, 2.8855, SA, "08:00", "12:30")],
}
CHRISTMAS = {
    "brugge": (_t("Winterglow: kerstmarkt op de Markt en het Simon Stevinplein",
                  "Winterglow: Christmas market on the Markt and Simon Stevinplein",
                  "Winterglow : marché de Noël sur la Grand-Place et la place Simon Stevin",
                  "Winterglow: Weihnachtsmarkt auf dem Markt und dem Simon-Stevin-Platz"),
               "Markt en Simon Stevinplein", "Markt, 8000 Brugge", 51.20861, 3.22389),
    "oostende": (_t("Kerstmarkt op het Wapenplein", "Christmas market on the Wapenplein",
                    "Marché de Noël sur la place d’Armes", "Weihnachtsmarkt auf dem Wapenplein"),
                 "Wapenplein", "Wapenplein, 8400 Oostende", 51.2303, 2.9190),
    "kortrijk": (_t("Winterfeest: kerstmarkt op de Grote Markt", "Winter festival: Christmas market on the Grote Markt",
                    "Fête d’hiver : marché de Noël sur la Grand-Place", "Winterfest: Weihnachtsmarkt auf dem Marktplatz"),
                 "Grote Markt", "Grote Markt, 8500 Kortrijk", 50.8278, 3.2649),
    "roeselare": (_t("Kerstmarkt op de Grote Markt", "Christmas market on the Grote Markt",
                     "Marché de Noël sur la Grand-Place", "Weihnachtsmarkt auf dem Marktplatz"),
                  "Grote Markt", "Grote Markt, 8800 Roeselare", 50.9466, 3.1229),
    "ieper": (_t("Winterfeest Ieper: kerstmarkt op de Grote Markt", "Ypres winter festival: Christmas market on the Grote Markt",
                 "Fête d’hiver d’Ypres : marché de Noël sur la Grand-Place",
                 "Winterfest Ypern: Weihnachtsmarkt auf dem Marktplatz"),
              "Grote Markt", "Grote Markt, 8900 Ieper", 50.8510, 2.8855),
}
MARKET_TEXT = _t("<p>Groenten, fruit, kaas, vis, bloemen en kleding: de wekelijkse markt in het centrum.</p>",
                 "<p>Vegetables, fruit, cheese, fish, flowers and clothes: the weekly market in the town centre.</p>",
                 "<p>Légumes, fruits, fromages, poisson, fleurs et vêtements : le marché hebdomadaire du centre-ville.</p>",
                 "<p>Gemüse, Obst, Käse, Fisch, Blumen und Kleidung: der Wochenmarkt im Zentrum.</p>")
CHRISTMAS_TEXT = _t("<p>Chalets met <strong>glühwein</strong>, warme chocolademelk en geschenken, "
                    "elke dag van 11 tot 22 uur.</p>",
                    "<p>Chalets with <strong>mulled wine</strong>, hot chocolate and gifts, every day from 11 am to 10 pm.</p>",
                    "<p>Des chalets avec du <strong>vin chaud</strong>, du chocolat chaud et des cadeaux, tous les jours "
                    "de 11 h à 22 h.</p>",
                    "<p>Hütten mit <strong>Glühwein</strong>, heißer Schokolade und Geschenken, täglich von 11 bis 22 Uhr.</p>")
SUNDAY_TITLE = _t("Koopzondag in {nl}", "Shopping Sunday in {en}", "Dimanche shopping à {fr}", "Verkaufsoffener Sonntag in {de}")
SUNDAY_TEXT = _t("<p>De winkels in het centrum zijn open van 13 tot 18 uur. Gratis pendelbus vanaf de randparkings.</p>",
                 "<p>The shops in the centre are open from 1 pm to 6 pm. Free shuttle bus from the car parks on the edge "
                 "of town.</p>",
                 "<p>Les magasins du centre sont ouverts de 13 h à 18 h. Navette gratuite au départ des parkings de "
                 "dissuasion.</p>",
                 "<p>Die Geschäfte im Zentrum sind von 13 bis 18 Uhr geöffnet. Kostenloser Pendelbus ab den Parkplätzen "
                 "am Stadtrand.</p>")
WORKSHOPS = [(_t("Workshop kerstkransen maken", "Workshop: make your own Christmas wreath",
                 "Atelier : réalisez votre couronne de Noël", "Workshop: Weihnachtskränze binden"),
              _t("<p>Maak je eigen kerstkrans met verse takken. Materiaal inbegrepen, max. 12 deelnemers.</p>",
                 "<p>Make your own Christmas wreath from fresh greenery. Materials included, 12 participants at most.</p>",
                 "<p>Réalisez votre propre couronne de Noël avec des branches fraîches. Matériel compris, 12 participants "
                 "au maximum.</p>",
                 "<p>Binden Sie Ihren eigenen Weihnachtskranz aus frischen Zweigen. Material inbegriffen, höchstens 12 "
                 "Teilnehmende.</p>"),
              "15 euro", EventStatus.PUBLISHED),
             (_t("Proeverij: winterbieren van de streek", "Tasting: winter beers of the region",
                 "Dégustation : bières d’hiver de la région", "Verkostung: Winterbiere aus der Region"),
              _t("<p>Vijf West-Vlaamse winterbieren met een hapje.</p>",
                 "<p>Five West Flemish winter beers, with a bite to eat.</p>",
                 "<p>Cinq bières d’hiver de Flandre-Occidentale, accompagnées d’une bouchée.</p>",
                 "<p>Fünf westflämische Winterbiere mit einem kleinen Imbiss.</p>"),
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


def _base(title: dict, text: dict, kind: str, starts, ends, place, address, lat, lon, **extra) -> dict:
    return {"title": title, "description": text, "kind": kind, "starts_at": starts, "ends_at": ends,
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
                    _base(_sunday_title(city), SUNDAY_TEXT, "shopping_sunday", _at(sunday, "13:00"),
                          _at(sunday, "18:00"), "Winkelcentrum", f"Centrum, {city.name}", lat, lon))
        _workshops(city, today)


def _sunday_title(city) -> dict:
    names = {locale: city.names.get(locale) or city.names["nl"] for locale in SUNDAY_TITLE}
    return {locale: text.format(**names) for locale, text in SUNDAY_TITLE.items()}


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
