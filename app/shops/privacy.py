"""Shops' part of a user's privacy rights: the shops they own, the messages they received, their favourites.

An owner cannot be forgotten while they own shops (refuse_deletion, which app.privacy.deletion asks
first): a shop is a public business record the city has approved, so the city transfers or closes it.
"""
from flask_babel import gettext as _
from sqlalchemy import delete, select

from app.core.i18n import translate
from app.core.problem import ProblemError
from app.extensions import db
from app.shops.models import Shop, ShopNotification
from app.shops.services import favourites


def _iso(value):
    return value.isoformat() if value is not None else None


def export_user(user) -> dict:
    shops = db.session.execute(select(Shop).where(Shop.owner_id == user.id).order_by(Shop.id)).scalars().all()
    notes = db.session.execute(select(ShopNotification).where(ShopNotification.user_id == user.id)
                               .order_by(ShopNotification.created_at)).scalars().all()
    return {
        "owned_shops": [{"city": shop.city.slug, "slug": shop.slug, "name": shop.name, "status": shop.status,
                         "address": shop.address, "phone": shop.phone, "website": shop.website,
                         "created_at": _iso(shop.created_at)} for shop in shops],
        "notifications": [{"kind": note.kind, "reason": note.reason, "created_at": _iso(note.created_at),
                           "read_at": _iso(note.read_at)} for note in notes],
        "favourite_shops": favourites.export_favourites(user),
    }


def forget_user(user, **_kwargs) -> None:
    db.session.execute(delete(ShopNotification).where(ShopNotification.user_id == user.id)
                       .execution_options(synchronize_session=False))
    favourites.forget_favourites(user)


def owned_shop_names(user) -> list[str]:
    names = db.session.execute(select(Shop.name).where(Shop.owner_id == user.id).order_by(Shop.id)).scalars()
    return [translate(name) for name in names]


def refuse_deletion(user) -> ProblemError | None:
    shops = owned_shop_names(user)
    if shops:
        return ProblemError(409, _("You still own these shops: %(shops)s. Ask the city to transfer or close them "
                                   "first; then you can delete your account.", shops=", ".join(shops)),
                            code="owns_shops")
    return None
