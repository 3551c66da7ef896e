"""A shopper's cards in a city and their city pass progress (fixed number of queries)."""
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload, lazyload, load_only

from app.core import clock
from app.core.problem import not_found
from app.extensions import db
from app.loyalty.models import Card, CityPass, Redemption, RedemptionStatus, StampProgramme
from app.loyalty.services import redemptions
from app.loyalty.services.passes import pass_for_city
from app.shops.models import Shop


@dataclass
class StampsOverview:
    cards: list[Card]  # shop cards, fullest first
    city_pass: CityPass | None
    pass_card: Card | None
    # card id -> id of the reward code it is showing now (a full card whose code has not expired)
    waiting: dict[int, int] = field(default_factory=dict)


# Cards show their shop's name only. Statements are immutable: built once, not on every request.
_SHOP_NAME = joinedload(Card.programme).joinedload(StampProgramme.shop).options(
    load_only(Shop.id, Shop.slug, Shop.name, Shop.city_id, Shop.status), lazyload(Shop.city))
# The pass's shop list is loaded with the pass itself when needed, not again for every card query.
_CARDS = select(Card).options(_SHOP_NAME, joinedload(Card.city_pass).lazyload(CityPass.shops))
# The stamps page: the city's row and its pass are in the session already, so neither is joined again (a
# many-to-one lazy load finds them in the identity map without a query). Each card comes with the reward
# code of its current cycle when one is waiting (unique per card and cycle: at most one row).
_PAGE_CARDS = select(Card, Redemption.id, Redemption.expires_at).options(
    _SHOP_NAME, lazyload(Card.city), lazyload(Card.city_pass)).outerjoin(
    Redemption, and_(Redemption.card_id == Card.id, Redemption.cycle == Card.redeemed_count,
                     Redemption.status == RedemptionStatus.PENDING.value)).order_by(Card.id)


def cards_of(user, city_id: int | None = None) -> list[Card]:
    query = _CARDS.where(Card.user_id == user.id).order_by(Card.id)
    if city_id is not None:
        query = query.where(Card.city_id == city_id)
    return list(db.session.execute(query).unique().scalars())


def overview(user, city) -> StampsOverview:
    """The stamps page's cards in two queries: the city's pass, and the cards each with its waiting reward code."""
    city_pass = pass_for_city(city.id)
    if user is None or not user.is_authenticated:
        return StampsOverview(cards=[], city_pass=city_pass, pass_card=None)
    rows = db.session.execute(_PAGE_CARDS.where(Card.user_id == user.id, Card.city_id == city.id)).all()
    now = clock.now()
    cards = [card for card, _code_id, _expires in rows]
    waiting = {card.id: code_id for card, code_id, expires in rows
               if code_id is not None and redemptions.still_valid(expires, now)}
    shop_cards = [c for c in cards if not c.is_pass and (c.stamps > 0 or c.redeemed_count)]
    shop_cards.sort(key=lambda c: (-c.shown_stamps / c.stamps_required, c.programme.shop.display_name.lower()))
    pass_card = next((c for c in cards if c.is_pass), None)
    return StampsOverview(cards=shop_cards, city_pass=city_pass, pass_card=pass_card, waiting=waiting)


def own_card_or_404(user, card_id: int, city_id: int | None = None) -> Card:
    card = db.session.execute(_CARDS.where(Card.id == card_id)).unique().scalar_one_or_none()
    if card is None or card.user_id != user.id or (city_id is not None and card.city_id != city_id):
        raise not_found()
    return card
