"""A shopper's cards in a city and their city pass progress (fixed number of queries)."""
from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload, load_only

from app.extensions import db
from app.loyalty.models import Card, CityPass, PassVisit, StampProgramme
from app.loyalty.services.passes import pass_for_city
from app.shops.models import Shop


@dataclass
class StampsOverview:
    cards: list[Card]  # shop cards, fullest first
    city_pass: CityPass | None
    pass_card: Card | None
    visited_shop_ids: set[int] = field(default_factory=set)


def _card_query():
    # Cards show the shop's name; its city is the page's city (already in the session).
    return select(Card).options(joinedload(Card.programme).joinedload(StampProgramme.shop).options(
                                    load_only(Shop.id, Shop.slug, Shop.name, Shop.city_id, Shop.status),
                                    lazyload(Shop.city)),
                                # The pass's shop list is loaded with the pass itself when needed,
                                # not again for every card query.
                                joinedload(Card.city_pass).lazyload(CityPass.shops))


def cards_of(user, city_id: int | None = None) -> list[Card]:
    query = _card_query().where(Card.user_id == user.id).order_by(Card.id)
    if city_id is not None:
        query = query.where(Card.city_id == city_id)
    return list(db.session.execute(query).unique().scalars())


def overview(user, city) -> StampsOverview:
    city_pass = pass_for_city(city.id)
    if user is None or not user.is_authenticated:
        return StampsOverview(cards=[], city_pass=city_pass, pass_card=None)
    cards = cards_of(user, city.id)
    shop_cards = [c for c in cards if not c.is_pass and (c.stamps > 0 or c.redeemed_count)]
    shop_cards.sort(key=lambda c: (-c.shown_stamps / c.stamps_required, c.programme.shop.display_name.lower()))
    pass_card = next((c for c in cards if c.is_pass), None)
    visited = set()
    if pass_card is not None:
        visited = set(db.session.execute(select(PassVisit.shop_id).where(PassVisit.card_id == pass_card.id)).scalars())
    return StampsOverview(cards=shop_cards, city_pass=city_pass, pass_card=pass_card, visited_shop_ids=visited)


def own_card_or_404(user, card_id: int, city_id: int | None = None) -> Card:
    card = db.session.execute(_card_query().where(Card.id == card_id)).unique().scalar_one_or_none()
    if card is None or card.user_id != user.id or (city_id is not None and card.city_id != city_id):
        abort(404)
    return card
