"""The city pass: one per city, set up by the city's marketers in the studio."""
from datetime import date
from typing import NamedTuple

from sqlalchemy import exists, false, select
from sqlalchemy.orm import lazyload, load_only

from app.extensions import db
from app.loyalty.models import Card, CityPass, PassVisit, StampProgramme, city_pass_shop
from app.shops.models import Shop


# Lists of shops show names only: skip the story, hours and other large columns.
LIST_COLUMNS = (load_only(Shop.id, Shop.slug, Shop.name, Shop.city_id, Shop.status), lazyload(Shop.city))


def pass_for_city(city_id: int) -> CityPass | None:
    return db.session.execute(select(CityPass).where(CityPass.city_id == city_id)).scalar_one_or_none()


def approved_shops(city_id: int) -> list[Shop]:
    shops = db.session.execute(select(Shop).options(*LIST_COLUMNS).where(
        Shop.city_id == city_id, Shop.status == "approved")).scalars()
    return sorted(shops, key=lambda shop: shop.display_name.lower())


class CityShop(NamedTuple):
    shop: Shop
    gives_stamps: bool  # has an active stamp programme: offered when typing the numeric code
    in_pass_list: bool  # listed on the city's pass (matters only for a pass without all_shops)
    visited: bool  # counted on this shopper's pass card (confirmed at the counter)
    pending: bool = False  # a poster stamp here waits for the counter code to count for the pass


def city_shops(city_id: int, user_id: int | None = None) -> list[CityShop]:
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
        .where(Shop.city_id == city_id, Shop.status == "approved"))
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
