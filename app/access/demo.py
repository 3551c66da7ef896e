"""Demo places of the five towns: garages and car parks, Shop & Go zones, park-and-rides, bike parking, toilets,
charging points and stops, near the real streets (pins are estimates, good to a few dozen metres).

Kortrijk's garages follow a (paused) demo feed and carry occupancy counted at the time of the demo load, with
two hours of history for the trend: as stale is computed from the clock, they show as live for
KICK_ACCESS_STALE_MINUTES after the load and as "last updated" after that (load the demo again, or point the feed
at a real source). Idempotent: places are upserted by (town, code).
"""
from datetime import timedelta

from sqlalchemy import select

from app.access.models import AccessFeed, AccessPlace, FeedAdapter, PlaceKind
from app.access.services.live import add_to_history
from app.cities.models import City
from app.core import clock
from app.extensions import db

P, S, R, B, T, C, ST = (PlaceKind.PARKING, PlaceKind.SHORT_STAY, PlaceKind.PARK_RIDE, PlaceKind.BIKE,
                        PlaceKind.TOILET, PlaceKind.CHARGING, PlaceKind.STOP)
ALWAYS = "Elke dag 0:00–24:00"

# code, kind, name, lat, lon, capacity, hours, price, extra
PLACES = {
    "kortrijk": [
        ("P-SCHOUWBURG", P, "Parking Schouwburg", 50.82930, 3.26230, 650, ALWAYS, "€1,80 per uur · dagtarief €12", {}),
        ("P-K", P, "Parking K in Kortrijk", 50.82520, 3.26420, 1300, "Ma–za 8:00–20:00", "Eerste 30 minuten gratis, daarna €1,60 per uur", {}),
        ("P-BROELTORENS", P, "Parking Budabrug / Broeltorens", 50.83070, 3.26590, 400, ALWAYS, "€1,80 per uur", {}),
        ("P-HAVEN", P, "Parking P Haven", 50.83350, 3.26880, 360, ALWAYS, "€1,20 per uur · dagtarief €6", {}),
        ("P-STATION", P, "Parking Station", 50.82390, 3.26330, 700, ALWAYS, "€1,50 per uur · dagtarief €8", {}),
        ("SG-LANGESTEEN", S, "Shop & Go Lange Steenstraat", 50.82640, 3.26700, 12, "Ma–za 9:00–18:00", "30 minuten gratis met parkeerschijf", {}),
        ("PR-EXPO", R, "P+R Kortrijk Xpo", 50.81640, 3.29190, 800, ALWAYS, "Gratis", {"shuttle": "Stadsbus 1 naar de Grote Markt, elke 10 minuten"}),
        ("B-STATION", B, "Fietsenstalling Station", 50.82440, 3.26480, 1500, ALWAYS, "Gratis, overdekt", {}),
        ("B-GROTEMARKT", B, "Fietsparking Grote Markt", 50.82790, 3.26520, 80, None, None, {}),
        ("B-K", B, "Fietsenstalling K in Kortrijk", 50.82560, 3.26500, 250, "Ma–za 8:00–20:00", "Gratis", {}),
        ("T-BELFORT", T, "Openbaar toilet Grote Markt (Belfort)", 50.82770, 3.26580, None, "Elke dag 9:00–19:00", "Gratis", {"accessible": True, "baby_changing": True}),
        ("T-K", T, "Toilet K in Kortrijk", 50.82530, 3.26460, None, "Ma–za 9:30–18:30", None, {"accessible": True, "baby_changing": True}),
        ("T-BROELKAAI", T, "Openbaar toilet Broelkaai", 50.83000, 3.26620, None, "Elke dag 8:00–20:00", "€0,50", {}),
        ("C-SCHOUWBURG", C, "Laadpaal Schouwburgplein", 50.82910, 3.26200, 4, ALWAYS, "€0,35 per kWh", {}),
        ("C-STATION", C, "Laadpunten parking Station", 50.82370, 3.26350, 8, ALWAYS, "€0,35 per kWh", {}),
        ("S-STATION", ST, "Kortrijk Station (trein en bus)", 50.82470, 3.26440, None, None, None, {}),
        ("S-GROTEMARKT", ST, "Bushalte Kortrijk Grote Markt", 50.82720, 3.26480, None, None, None, {}),
        ("S-BUDA", ST, "Bushalte Kortrijk Budastraat", 50.83020, 3.26400, None, None, None, {}),
    ],
    "brugge": [
        ("P-ZAND", P, "Parking Centrum-Zand", 51.20330, 3.21830, 1400, ALWAYS, "€1,70 per uur · dagtarief €14", {}),
        ("P-PANDREITJE", P, "Parking 't Pandreitje", 51.20470, 3.22230, 400, ALWAYS, "€1,70 per uur", {}),
        ("P-LANGESTRAAT", P, "Parking Langestraat", 51.21030, 3.23610, 400, ALWAYS, "€1,70 per uur", {}),
        ("PR-STATION", R, "Parking Station (P+R)", 51.19540, 3.21910, 1500, ALWAYS, "€4 per dag, met gratis bus naar het centrum",
         {"shuttle": "Met het parkeerticket gratis met De Lijn naar het centrum"}),
        ("SG-NOORDZAND", S, "Shop & Go Noordzandstraat", 51.20680, 3.21990, 8, "Ma–za 9:00–18:00", "30 minuten gratis", {}),
        ("B-STATION", B, "Fietsenstalling Station Brugge", 51.19660, 3.21750, 3000, ALWAYS, "Gratis", {}),
        ("B-ZAND", B, "Fietsparking 't Zand", 51.20420, 3.21940, 400, ALWAYS, "Gratis", {}),
        ("T-ZAND", T, "Openbaar toilet 't Zand", 51.20380, 3.21980, None, "Elke dag 8:00–20:00", "€0,50", {"accessible": True}),
        ("T-MARKT", T, "Openbaar toilet Markt (Historium)", 51.20900, 3.22380, None, "Elke dag 10:00–18:00", "€0,50", {"accessible": True, "baby_changing": True}),
        ("C-ZAND", C, "Laadpunten parking Centrum-Zand", 51.20320, 3.21860, 12, ALWAYS, "€0,39 per kWh", {}),
        ("S-STATION", ST, "Brugge Station", 51.19710, 3.21720, None, None, None, {}),
        ("S-ZAND", ST, "Bushalte Brugge 't Zand", 51.20450, 3.21890, None, None, None, {}),
        ("S-MARKT", ST, "Bushalte Brugge Markt", 51.20840, 3.22300, None, None, None, {}),
    ],
    "oostende": [
        ("P-KURSAAL", P, "Parking Kursaal", 51.23430, 2.91880, 500, ALWAYS, "€2 per uur", {}),
        ("P-WAPENPLEIN", P, "Parking Wapenplein", 51.23060, 2.91970, 240, ALWAYS, "€2 per uur", {}),
        ("P-STATION", P, "Parking Station Oostende", 51.22810, 2.92490, 500, ALWAYS, "€1,50 per uur", {}),
        ("PR-MARIAKERKE", R, "P+R Mariakerke", 51.21380, 2.88940, 300, ALWAYS, "Gratis", {"shuttle": "Kusttram naar het centrum, elke 15 minuten"}),
        ("B-STATION", B, "Fietsenstalling Station Oostende", 51.22830, 2.92600, 1200, ALWAYS, "Gratis", {}),
        ("T-WAPENPLEIN", T, "Openbaar toilet Wapenplein", 51.23010, 2.91920, None, "Elke dag 9:00–19:00", "€0,50", {"accessible": True, "baby_changing": True}),
        ("C-KURSAAL", C, "Laadpunten Kursaal", 51.23410, 2.91850, 6, ALWAYS, "€0,39 per kWh", {}),
        ("S-STATION", ST, "Oostende Station (trein en kusttram)", 51.22840, 2.92520, None, None, None, {}),
        ("S-MARKTPLEIN", ST, "Tramhalte Oostende Marie-Joséterras", 51.23160, 2.92240, None, None, None, {}),
    ],
    "roeselare": [
        ("P-MANDELLAAN", P, "Parking De Mandel", 50.94650, 3.12080, 400, ALWAYS, "€1 per uur", {}),
        ("P-ZUIDSTRAAT", P, "Parking Zuidstraat", 50.94280, 3.12470, 300, "Ma–za 7:00–21:00", "Eerste uur gratis", {}),
        ("P-STATION", P, "Parking Station Roeselare", 50.94830, 3.13220, 350, ALWAYS, "€1 per uur", {}),
        ("SG-OOSTSTRAAT", S, "Shop & Go Ooststraat", 50.94470, 3.12620, 10, "Ma–za 9:00–18:00", "30 minuten gratis", {}),
        ("B-GROTEMARKT", B, "Fietsparking Grote Markt", 50.94480, 3.12400, 120, None, "Gratis", {}),
        ("T-GROTEMARKT", T, "Openbaar toilet Grote Markt", 50.94450, 3.12350, None, "Ma–za 9:00–18:00", "Gratis", {"accessible": True}),
        ("S-STATION", ST, "Roeselare Station", 50.94860, 3.13300, None, None, None, {}),
    ],
    "ieper": [
        ("P-GROTEMARKT", P, "Parking Grote Markt", 50.85160, 2.88650, 200, ALWAYS, "€1,20 per uur · max. 2 uur", {}),
        ("P-MAARSCHALK", P, "Parking Maarschalk Frenchlaan", 50.84870, 2.89320, 300, ALWAYS, "Gratis", {}),
        ("P-STATION", P, "Parking Station Ieper", 50.84810, 2.87690, 260, ALWAYS, "€3 per dag", {}),
        ("B-GROTEMARKT", B, "Fietsparking Grote Markt", 50.85100, 2.88720, 60, None, "Gratis", {}),
        ("T-LAKENHALLE", T, "Openbaar toilet Lakenhalle", 50.85100, 2.88600, None, "Elke dag 10:00–18:00", "Gratis", {"accessible": True, "baby_changing": True}),
        ("T-MENENPOORT", T, "Openbaar toilet Menenpoort", 50.85220, 2.89180, None, "Elke dag 9:00–20:00", "€0,50", {}),
        ("S-STATION", ST, "Ieper Station", 50.84800, 2.87670, None, None, None, {}),
    ],
}
# Kortrijk's garages: (feed record id, free places now, free places two hours ago)
KORTRIJK_LIVE = {"P-SCHOUWBURG": ("KRK-SCHOUWBURG", 188, 260), "P-K": ("KRK-K", 412, 700),
                 "P-BROELTORENS": ("KRK-BROELTORENS", 95, 101), "P-HAVEN": ("KRK-HAVEN", 240, 210),
                 "P-STATION": ("KRK-STATION", 121, 180)}


# The places' names in English, French and German where they are more than a proper name (a garage called
# "Parking Schouwburg" keeps its name in every language): {Dutch name: (en, fr, de)}.
NAMES = {
    "Parking Station": ("Station car park", "Parking de la gare", "Parkplatz am Bahnhof"),
    "Parking Station (P+R)": ("Station car park (P+R)", "Parking de la gare (P+R)", "Parkplatz am Bahnhof (P+R)"),
    "Parking Station Oostende": ("Ostend station car park", "Parking de la gare d’Ostende", "Parkplatz am Bahnhof Ostende"),
    "Parking Station Roeselare": ("Roeselare station car park", "Parking de la gare de Roulers",
                                  "Parkplatz am Bahnhof Roeselare"),
    "Parking Station Ieper": ("Ypres station car park", "Parking de la gare d’Ypres", "Parkplatz am Bahnhof Ypern"),
    "Fietsenstalling Station": ("Station bike park", "Parking vélos de la gare", "Fahrradstation am Bahnhof"),
    "Fietsenstalling Station Brugge": ("Bruges station bike park", "Parking vélos de la gare de Bruges",
                                       "Fahrradstation am Bahnhof Brügge"),
    "Fietsenstalling Station Oostende": ("Ostend station bike park", "Parking vélos de la gare d’Ostende",
                                         "Fahrradstation am Bahnhof Ostende"),
    "Fietsenstalling K in Kortrijk": ("Bike park K in Kortrijk", "Parking vélos K in Kortrijk",
                                      "Fahrradparkplatz K in Kortrijk"),
    "Fietsparking Grote Markt": ("Bike parking Grote Markt", "Parking vélos Grand-Place", "Fahrradparkplatz Grote Markt"),
    "Fietsparking 't Zand": ("Bike parking 't Zand", "Parking vélos du Zand", "Fahrradparkplatz 't Zand"),
    "Openbaar toilet Grote Markt (Belfort)": ("Public toilet Grote Markt (belfry)", "Toilettes publiques Grand-Place (beffroi)",
                                              "Öffentliche Toilette Grote Markt (Belfried)"),
    "Toilet K in Kortrijk": ("Toilet K in Kortrijk", "Toilettes K in Kortrijk", "Toilette K in Kortrijk"),
    "Openbaar toilet Broelkaai": ("Public toilet Broelkaai", "Toilettes publiques Broelkaai", "Öffentliche Toilette Broelkaai"),
    "Openbaar toilet 't Zand": ("Public toilet 't Zand", "Toilettes publiques du Zand", "Öffentliche Toilette 't Zand"),
    "Openbaar toilet Markt (Historium)": ("Public toilet Markt (Historium)", "Toilettes publiques Grand-Place (Historium)",
                                         "Öffentliche Toilette Markt (Historium)"),
    "Openbaar toilet Wapenplein": ("Public toilet Wapenplein", "Toilettes publiques place d’Armes",
                                   "Öffentliche Toilette Wapenplein"),
    "Openbaar toilet Grote Markt": ("Public toilet Grote Markt", "Toilettes publiques Grand-Place",
                                    "Öffentliche Toilette Grote Markt"),
    "Openbaar toilet Lakenhalle": ("Public toilet Cloth Hall", "Toilettes publiques Halle aux draps",
                                   "Öffentliche Toilette Tuchhallen"),
    "Openbaar toilet Menenpoort": ("Public toilet Menin Gate", "Toilettes publiques porte de Menin",
                                   "Öffentliche Toilette Menentor"),
    "Laadpaal Schouwburgplein": ("Charging point Schouwburgplein", "Borne de recharge Schouwburgplein",
                                 "Ladesäule Schouwburgplein"),
    "Laadpunten parking Station": ("Charging points, station car park", "Bornes de recharge du parking de la gare",
                                   "Ladepunkte am Bahnhofsparkplatz"),
    "Laadpunten parking Centrum-Zand": ("Charging points, Centrum-Zand car park", "Bornes de recharge du parking Centrum-Zand",
                                        "Ladepunkte im Parkhaus Centrum-Zand"),
    "Laadpunten Kursaal": ("Charging points Kursaal", "Bornes de recharge Kursaal", "Ladepunkte Kursaal"),
    "Kortrijk Station (trein en bus)": ("Kortrijk station (train and bus)", "Gare de Courtrai (train et bus)",
                                        "Bahnhof Kortrijk (Zug und Bus)"),
    "Bushalte Kortrijk Grote Markt": ("Bus stop Kortrijk Grote Markt", "Arrêt de bus Courtrai Grand-Place",
                                      "Bushaltestelle Kortrijk Grote Markt"),
    "Bushalte Kortrijk Budastraat": ("Bus stop Kortrijk Budastraat", "Arrêt de bus Courtrai Budastraat",
                                     "Bushaltestelle Kortrijk Budastraat"),
    "Brugge Station": ("Bruges station", "Gare de Bruges", "Bahnhof Brügge"),
    "Bushalte Brugge 't Zand": ("Bus stop Bruges 't Zand", "Arrêt de bus Bruges 't Zand", "Bushaltestelle Brügge 't Zand"),
    "Bushalte Brugge Markt": ("Bus stop Bruges Markt", "Arrêt de bus Bruges Grand-Place", "Bushaltestelle Brügge Markt"),
    "Oostende Station (trein en kusttram)": ("Ostend station (train and coast tram)", "Gare d’Ostende (train et tram de la côte)",
                                             "Bahnhof Ostende (Zug und Küstenstraßenbahn)"),
    "Tramhalte Oostende Marie-Joséterras": ("Tram stop Ostend Marie-Joséterras", "Arrêt de tram Ostende Marie-Joséterras",
                                            "Straßenbahnhaltestelle Ostende Marie-Joséterras"),
    "Roeselare Station": ("Roeselare station", "Gare de Roulers", "Bahnhof Roeselare"),
    "Ieper Station": ("Ypres station", "Gare d’Ypres", "Bahnhof Ypern"),
}


def _names(name: str) -> dict:
    en, fr, de = NAMES.get(name, (name, name, name))
    return {"nl": name, "en": en, "fr": fr, "de": de}


def _upsert_places(city, rows) -> dict[str, AccessPlace]:
    existing = {p.code: p for p in db.session.execute(select(AccessPlace).where(AccessPlace.city_id == city.id))
                .scalars()}
    for code, kind, name, lat, lon, capacity, hours, price, extra in rows:
        place = existing.get(code)
        if place is None:
            place = existing[code] = AccessPlace(city_id=city.id, code=code)
            db.session.add(place)
        place.kind, place.name, place.lat, place.lon = kind.value, _names(name), lat, lon
        place.capacity, place.hours, place.price = capacity, hours, price
        place.shuttle = extra.get("shuttle")
        place.accessible, place.baby_changing = extra.get("accessible", False), extra.get("baby_changing", False)
    return existing


def _kortrijk_live(city, places) -> None:
    feed = db.session.execute(select(AccessFeed).where(AccessFeed.city_id == city.id,
                                                       AccessFeed.name == "Parkeergeleiding (demo)")).scalar_one_or_none()
    if feed is None:
        feed = AccessFeed(city_id=city.id, name="Parkeergeleiding (demo)")
        db.session.add(feed)
    feed.adapter, feed.url = FeedAdapter.DATEX2.value, "https://data.kortrijk.example/parking/datex2/status.xml"
    feed.interval_minutes, feed.active = 2, False  # paused: the demo's numbers stay as loaded
    db.session.flush()
    now = clock.now().replace(microsecond=0)
    for code, (ref, free, before) in KORTRIJK_LIVE.items():
        place = places[code]
        place.feed_id, place.feed_ref = feed.id, ref
        history = []
        for step in range(0, 121, 10):  # every 10 minutes from two hours ago to now
            at = now - timedelta(minutes=120 - step)
            history = add_to_history(history, at, round(before + (free - before) * step / 120), now)
        place.live_available, place.live_capacity, place.live_open = free, place.capacity, True
        place.live_updated_at, place.live_history = now, history


def load() -> None:
    cities = {c.slug: c for c in db.session.execute(select(City).where(City.slug.in_(PLACES))).scalars()}
    for slug, rows in PLACES.items():
        city = cities.get(slug)
        if city is None:
            continue
        places = _upsert_places(city, rows)
        if slug == "kortrijk":
            _kortrijk_live(city, places)
    db.session.flush()
