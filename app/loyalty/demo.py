"""Demo loyalty: a stamp programme for every approved demo shop, a city pass per city, and
half-full cards for shopper@kick.test. Idempotent: existing rows are kept as they are (their
secrets above all); a city without shops simply gets a pass and nothing else."""
from datetime import timedelta

from sqlalchemy import select

from app.accounts.services import find_user_by_email
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.loyalty.models import Card, CityPass, PassVisit, Stamp, StampProgramme, StampSource
from app.loyalty.windows import window_for
from app.shops.models import Shop, ShopStatus

REWARDS = (
    {"nl": "Een gratis koffie", "en": "A free coffee", "fr": "Un café offert", "de": "Ein Kaffee gratis"},
    {"nl": "10% korting op je volgende aankoop", "en": "10% off your next purchase",
     "fr": "10 % de réduction sur votre prochain achat", "de": "10 % Rabatt auf Ihren nächsten Einkauf"},
    {"nl": "Een verrassing van het huis", "en": "A surprise from the house", "fr": "Une surprise de la maison",
     "de": "Eine Überraschung des Hauses"},
    {"nl": "Een gratis draagtas van de winkel", "en": "A free shop tote bag", "fr": "Un tote bag offert",
     "de": "Eine Einkaufstasche gratis"},
)
STAMPS_REQUIRED = (8, 10, 6, 12)


def _pass_texts(city: City) -> tuple[dict, dict]:
    name = city.names
    title = {"nl": f"Ontdek {name.get('nl')}", "en": f"Discover {name.get('en', name.get('nl'))}",
             "fr": f"Découvrez {name.get('fr', name.get('nl'))}", "de": f"Entdecke {name.get('de', name.get('nl'))}"}
    reward = {"nl": "Een stadsbon van 10 euro", "en": "A 10 euro city voucher",
              "fr": "Un bon de la ville de 10 euros", "de": "Ein Stadtgutschein über 10 Euro"}
    return title, reward


def _ensure_programmes(shops: list[Shop]) -> dict[int, StampProgramme]:
    existing = {p.shop_id: p for p in db.session.execute(select(StampProgramme)).scalars()}
    for shop in shops:
        if shop.id not in existing:
            n = shop.id % len(REWARDS)
            existing[shop.id] = StampProgramme(shop_id=shop.id, city_id=shop.city_id, reward=dict(REWARDS[n]),
                                               stamps_required=STAMPS_REQUIRED[n], cooldown_hours=24, active=True)
            db.session.add(existing[shop.id])
    db.session.flush()
    return existing


def _ensure_passes(cities: list[City]) -> dict[int, CityPass]:
    passes = {p.city_id: p for p in db.session.execute(select(CityPass)).scalars()}
    today = clock.today()
    for city in cities:
        if city.id not in passes:
            title, reward = _pass_texts(city)
            passes[city.id] = CityPass(city_id=city.id, title=title, reward=reward, distinct_shops_required=4,
                                       starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=180),
                                       all_shops=True)
            db.session.add(passes[city.id])
    db.session.flush()
    return passes


def _half_full_cards(shopper, shops: list[Shop], programmes: dict, passes: dict) -> None:
    """Two shops per city with a card about half full, stamped on earlier days."""
    have = {c.programme_id for c in db.session.execute(select(Card).where(Card.user_id == shopper.id)).scalars()}
    now = clock.now()
    by_city: dict[int, list[Shop]] = {}
    for shop in shops:
        by_city.setdefault(shop.city_id, []).append(shop)
    for city_id, city_shops in by_city.items():
        for shop in city_shops[:2]:
            programme = programmes[shop.id]
            if programme.id in have:
                continue
            card = Card(user_id=shopper.id, programme_id=programme.id, city_id=city_id, stamps=0, redeemed_count=0)
            db.session.add(card)
            db.session.flush()
            for days_ago in range(programme.stamps_required // 2, 0, -1):
                at = now - timedelta(days=days_ago * 3)
                db.session.add(Stamp(card_id=card.id, shop_id=shop.id, user_id=shopper.id, city_id=city_id,
                                     source=StampSource.COUNTER.value, created_at=at,
                                     window=window_for(at, programme.cooldown_hours)))
                card.stamps += 1
                card.last_stamp_at = at
            city_pass = passes.get(city_id)
            if city_pass is not None:
                pass_card = db.session.execute(select(Card).where(
                    Card.user_id == shopper.id, Card.pass_id == city_pass.id)).scalar_one_or_none()
                if pass_card is None:
                    pass_card = Card(user_id=shopper.id, pass_id=city_pass.id, city_id=city_id, stamps=0,
                                     redeemed_count=0)
                    db.session.add(pass_card)
                    db.session.flush()
                db.session.add(PassVisit(card_id=pass_card.id, shop_id=shop.id, created_at=card.last_stamp_at))
                pass_card.stamps += 1
            db.session.flush()


def load() -> None:
    cities = list(db.session.execute(select(City).order_by(City.id)).scalars())
    shops = list(db.session.execute(select(Shop).where(Shop.status == ShopStatus.APPROVED.value).order_by(Shop.id)).scalars())
    programmes = _ensure_programmes(shops)
    passes = _ensure_passes(cities)
    shopper = find_user_by_email("shopper@kick.test")
    if shopper is not None and shops:
        _half_full_cards(shopper, shops, programmes, passes)
    db.session.flush()
