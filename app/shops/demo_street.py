"""Two approved shops on Oostende's Christinastraat, each with its own merchant: the street the demo's road works
(app.voice.demo) reach. Loaded with the other demo shops, so the features loaded after the shops (stamp
programmes, the vacancy register) see them on the first load. Idempotent: a shop is found by town and slug."""
from sqlalchemy import select

from app.accounts.demo import upsert_user
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.shops.models import Shop, ShopStatus

STREET = "Christinastraat"
HOURS = {day: [["09:30", "18:00"]] for day in ("tue", "wed", "thu", "fri", "sat")}
SHOPS = [
    {"slug": "bakkerij-christina", "owner": "merchant.christina@oostende.kick.test", "category": "food_drink",
     "address": f"{STREET} 21", "lat": 51.22948, "lon": 2.91712, "name": {"nl": "Bakkerij Christina"},
     "tagline": {"nl": "Zuurdesem en garnaalkroketten sinds 1962", "en": "Sourdough and shrimp croquettes since 1962",
                 "fr": "Pain au levain et croquettes de crevettes depuis 1962",
                 "de": "Sauerteigbrot und Garnelenkroketten seit 1962"},
     "story": {"nl": "Drie generaties bakkers in de Christinastraat. Elke ochtend om vijf uur gaat de oven aan voor "
                     "zuurdesembrood, pistolets en onze beroemde Oostendse koffiekoeken.",
               "en": "Three generations of bakers on the Christinastraat. Every morning at five the oven goes on for "
                     "sourdough, rolls and our famous Ostend pastries.",
               "fr": "Trois générations de boulangers dans la Christinastraat. Chaque matin à cinq heures, le four "
                     "s’allume pour le pain au levain, les pistolets et nos fameuses viennoiseries ostendaises.",
               "de": "Drei Generationen Bäcker in der Christinastraat. Jeden Morgen um fünf Uhr wird der Ofen angeheizt, "
                     "für Sauerteigbrot, Brötchen und unser berühmtes Ostender Plundergebäck."}},
    {"slug": "boekhandel-de-kaai", "owner": "merchant.kaai@oostende.kick.test", "category": "books_music",
     "address": f"{STREET} 48", "lat": 51.22921, "lon": 2.91779, "name": {"nl": "Boekhandel De Kaai"},
     "tagline": {"nl": "Boeken over de zee, de kust en de mensen", "en": "Books about the sea, the coast and its people",
                 "fr": "Des livres sur la mer, la côte et ses habitants",
                 "de": "Bücher über das Meer, die Küste und ihre Menschen"},
     "story": {"nl": "Een kleine boekhandel met een grote kast vol zeeromans, kaarten en streekgeschiedenis. Op "
                     "zaterdag lezen we voor aan de kinderen.",
               "en": "A small bookshop with a big shelf of sea novels, charts and local history. On Saturdays we read "
                     "to the children.",
               "fr": "Une petite librairie avec une grande bibliothèque de romans de mer, de cartes marines et "
                     "d’histoire locale. Le samedi, nous lisons des histoires aux enfants.",
               "de": "Eine kleine Buchhandlung mit einem großen Regal voller Seeromane, Seekarten und Heimatgeschichte. "
                     "Samstags lesen wir den Kindern vor."}},
]


def load() -> None:
    city = db.session.execute(select(City).where(City.slug == "oostende")).scalar_one_or_none()
    if city is not None:
        _christinastraat_shops(city, clock.now())


def _christinastraat_shops(city, now) -> None:
    for spec in SHOPS:
        owner = upsert_user(spec["owner"], spec["name"]["nl"])
        db.session.flush()
        shop = db.session.execute(select(Shop).where(Shop.city_id == city.id, Shop.slug == spec["slug"])).scalar_one_or_none()
        if shop is None:
            shop = Shop(city_id=city.id, slug=spec["slug"], status=ShopStatus.APPROVED.value, submitted_at=now,
                        approved_at=now, opening_hours=HOURS, languages=["nl", "fr", "en"])
            db.session.add(shop)
        values = {"owner_id": owner.id, "name": spec["name"], "tagline": spec["tagline"], "story": spec["story"],
                  "category": spec["category"], "address": spec["address"], "lat": spec["lat"], "lon": spec["lon"]}
        for key, value in values.items():
            if getattr(shop, key) != value:
                setattr(shop, key, value)
    db.session.flush()
