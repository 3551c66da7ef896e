"""Favourite shops of a signed-in shopper (the heart on a shop card and a shop page).

Only approved shops can be favourites; another city's shop, or one that is not public, is not found.
A shop that leaves the public list later stays in the table but is not shown (it may come back).
"""
from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from app.core.problem import ProblemError, not_found
from app.extensions import db
from app.shops.models import Shop, ShopFavourite, ShopStatus

MAX_FAVOURITES = 200  # per shopper, all towns together: far more than anyone keeps, little for a script


def _public_shop_or_404(city, shop_id: int) -> Shop:
    shop = db.session.get(Shop, shop_id)
    if shop is None or shop.city_id != city.id or shop.status != ShopStatus.APPROVED:
        raise not_found()
    return shop


def favourite_ids(user, city) -> list[int]:
    """The ids of the user's favourite public shops in `city` (one query), for the shop list's hearts."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.execute(
        select(ShopFavourite.shop_id).join(Shop, Shop.id == ShopFavourite.shop_id)
        .where(ShopFavourite.user_id == user.id, Shop.city_id == city.id,
               Shop.status == ShopStatus.APPROVED.value)
        .order_by(ShopFavourite.shop_id)).scalars())


def favourites_of(user) -> list[ShopFavourite]:
    """The user's favourite public shops in every town, newest first (one query, shops and towns joined)."""
    from sqlalchemy.orm import contains_eager
    return list(db.session.execute(
        select(ShopFavourite).join(ShopFavourite.shop).options(contains_eager(ShopFavourite.shop))
        .where(ShopFavourite.user_id == user.id, Shop.status == ShopStatus.APPROVED.value)
        .order_by(ShopFavourite.created_at.desc(), ShopFavourite.shop_id)).scalars())


def add_favourite(user, city, shop_id: int) -> Shop:
    """Keep the shop (idempotent: a second heart changes nothing)."""
    shop = _public_shop_or_404(city, shop_id)
    if db.session.get(ShopFavourite, (user.id, shop.id)) is None:
        count = db.session.execute(select(func.count()).select_from(ShopFavourite)
                                   .where(ShopFavourite.user_id == user.id)).scalar_one()
        if count >= MAX_FAVOURITES:
            raise ProblemError(409, _("You already keep %(num)d favourite shops. Remove one first.",
                                      num=MAX_FAVOURITES), code="too_many_favourites")
        db.session.add(ShopFavourite(user_id=user.id, shop_id=shop.id))
    db.session.commit()
    return shop


def remove_favourite(user, city, shop_id: int) -> None:
    """Let go of the shop (idempotent). A shop of the city that is no longer public can still be removed."""
    shop = db.session.get(Shop, shop_id)
    if shop is None or shop.city_id != city.id:
        raise not_found()
    db.session.execute(delete(ShopFavourite).where(ShopFavourite.user_id == user.id,
                                                   ShopFavourite.shop_id == shop.id)
                       .execution_options(synchronize_session=False))
    db.session.commit()


def hand_over(account, previous) -> None:
    """An anonymous shopper's favourites go with them when they log in to their account (no duplicates)."""
    theirs = set(db.session.execute(select(ShopFavourite.shop_id)
                                    .where(ShopFavourite.user_id == account.id)).scalars())
    for favourite in db.session.execute(select(ShopFavourite).where(ShopFavourite.user_id == previous.id)).scalars():
        if favourite.shop_id not in theirs:
            db.session.add(ShopFavourite(user_id=account.id, shop_id=favourite.shop_id,
                                         created_at=favourite.created_at))
    db.session.execute(delete(ShopFavourite).where(ShopFavourite.user_id == previous.id)
                       .execution_options(synchronize_session=False))


def export_favourites(user) -> list[dict]:
    """For the privacy export: every favourite, public or not any more."""
    from app.cities.models import City
    rows = db.session.execute(
        select(City.slug, Shop.slug, ShopFavourite.created_at).join(Shop, Shop.id == ShopFavourite.shop_id)
        .join(City, City.id == Shop.city_id).where(ShopFavourite.user_id == user.id)
        .order_by(ShopFavourite.created_at, Shop.id)).all()
    return [{"city": city, "shop": slug, "created_at": created.isoformat()} for city, slug, created in rows]


def forget_favourites(user) -> None:
    db.session.execute(delete(ShopFavourite).where(ShopFavourite.user_id == user.id)
                       .execution_options(synchronize_session=False))
