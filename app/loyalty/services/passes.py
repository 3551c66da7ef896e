"""The city pass: one per city, set up by the city's marketers in the studio."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import exists, false, or_, select
from sqlalchemy.orm import lazyload, load_only

from app.accounts.models import User
from app.extensions import db
from app.loyalty.models import Card, CityPass, PassVisit, Stamp, StampProgramme, city_pass_shop
from app.shops.models import Shop, ShopStatus


# Lists of shops show names only: skip the story, hours and other large columns.
LIST_COLUMNS = (load_only(Shop.id, Shop.slug, Shop.name, Shop.city_id, Shop.status), lazyload(Shop.city))


def pass_for_city(city_id: int) -> CityPass | None:
    return db.session.execute(select(CityPass).where(CityPass.city_id == city_id)).scalar_one_or_none()


def approved_shops(city_id: int) -> list[Shop]:
    shops = db.session.execute(select(Shop).options(*LIST_COLUMNS).where(
        Shop.city_id == city_id, Shop.status == ShopStatus.APPROVED.value)).scalars()
    return sorted(shops, key=lambda shop: shop.display_name.lower())


class CityShop(NamedTuple):
    shop: Shop
    gives_stamps: bool  # has an active stamp programme: offered when typing the numeric code
    in_pass_list: bool  # listed on the city's pass (matters only for a pass without all_shops)
    visited: bool  # counted on this shopper's pass card (confirmed at the counter)
    pending: bool = False  # a poster stamp here waits for the counter code to count for the pass


def pass_shop_rows(city_id: int, user_id: int | None = None) -> list[CityShop]:
    """The city's approved shops by name with what the stamps page shows about each, in one query."""
    in_pass_list = exists().where(city_pass_shop.c.shop_id == Shop.id, city_pass_shop.c.pass_id == CityPass.id,
                                  CityPass.city_id == city_id)
    def visit(confirmed: bool):
        return false() if user_id is None else exists().where(
            PassVisit.shop_id == Shop.id, PassVisit.card_id == Card.id, Card.user_id == user_id,
            Card.city_id == city_id, Card.pass_id.is_not(None), PassVisit.confirmed.is_(confirmed))
    rows = db.session.execute(
        select(Shop, StampProgramme.active.is_(True), in_pass_list, visit(True), visit(False)).options(*LIST_COLUMNS)
        .outerjoin(StampProgramme, StampProgramme.shop_id == Shop.id)
        .where(Shop.city_id == city_id, Shop.status == ShopStatus.APPROVED.value))
    shops = [CityShop(shop, bool(stamps), bool(listed), bool(seen), bool(waiting))
             for shop, stamps, listed, seen, waiting in rows]
    return sorted(shops, key=lambda row: row.shop.display_name.lower())


def save_pass(city, *, title: dict, reward: dict, distinct_shops_required: int, starts_on: date, ends_on: date,
              all_shops: bool, shop_ids: list[int]) -> CityPass:
    """Create or update the city's pass; listed shops must be this city's approved shops."""
    city_pass = pass_for_city(city.id) or CityPass(city_id=city.id)
    city_pass.title = title
    city_pass.reward = reward
    city_pass.distinct_shops_required = distinct_shops_required
    city_pass.starts_on = starts_on
    city_pass.ends_on = ends_on
    city_pass.all_shops = all_shops
    wanted = set(shop_ids)
    city_pass.shops = [] if all_shops else [s for s in approved_shops(city.id) if s.id in wanted]
    db.session.add(city_pass)
    db.session.commit()
    return city_pass


# A pass completed faster than this, or with this many stamps inside one hour, gets a second look.
FAST_COMPLETION = timedelta(hours=1)
BURST_STAMPS = 5
BURST_SPAN = timedelta(hours=1)


@dataclass
class Completion:
    """A full (or redeemed) pass card the city desk may want to look at twice."""
    card_id: int
    kept_account: bool
    visits: int
    first_at: datetime
    completed_at: datetime
    busiest_hour: int  # most stamps of this shopper in the city within one hour
    redeemed: bool

    @property
    def minutes(self) -> int:
        return int((self.completed_at - self.first_at).total_seconds() // 60)


def suspicious_completions(city_pass: CityPass) -> list[Completion]:
    """Completed passes that look farmed: completed within FAST_COMPLETION of the first visit, or BURST_STAMPS
    stamps within BURST_SPAN (a person walking a city centre needs longer). Three queries."""
    required = city_pass.distinct_shops_required
    cards = {card_id: (user_id, redeemed, kept) for card_id, user_id, redeemed, kept in db.session.execute(
        select(Card.id, Card.user_id, Card.redeemed_count, User.is_anonymous_shopper.is_(False))
        .join(User, User.id == Card.user_id)
        .where(Card.pass_id == city_pass.id, or_(Card.stamps >= required, Card.redeemed_count > 0)))}
    if not cards:
        return []
    visits: dict[int, list[datetime]] = {}
    for card_id, at in db.session.execute(select(PassVisit.card_id, PassVisit.created_at).where(
            PassVisit.card_id.in_(cards), PassVisit.confirmed.is_(True)).order_by(PassVisit.created_at)):
        visits.setdefault(card_id, []).append(at)
    stamps: dict[int, list[datetime]] = {}
    for user_id, at in db.session.execute(select(Stamp.user_id, Stamp.created_at).where(
            Stamp.city_id == city_pass.city_id, Stamp.user_id.in_({u for u, _r, _k in cards.values()}))
            .order_by(Stamp.created_at)):
        stamps.setdefault(user_id, []).append(at)
    found = []
    for card_id, (user_id, redeemed, kept) in cards.items():
        times = visits.get(card_id, [])
        if len(times) < required:
            continue
        times_of_user = stamps.get(user_id, [])
        busiest = max((sum(1 for t in times_of_user[i:] if t - start < BURST_SPAN)
                       for i, start in enumerate(times_of_user)), default=0)
        completion = Completion(card_id, bool(kept), len(times), times[0], times[required - 1], busiest, bool(redeemed))
        if completion.completed_at - completion.first_at < FAST_COMPLETION or busiest >= BURST_STAMPS:
            found.append(completion)
    return sorted(found, key=lambda c: c.completed_at, reverse=True)
