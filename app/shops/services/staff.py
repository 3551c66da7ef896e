"""Shop staff (issue 13): people a merchant invites to run the counter display and confirm rewards at one
shop, nothing else. Shops owns the role: it registers the `staff` grant with accounts.invitations (who may
manage it, how it is given, the shop's name), answers which shops a person may serve at, and adds the
merchant area ("Mijn winkels") to the menu."""
from sqlalchemy import select

from app.accounts.invitations import grant_membership, register_grant
from app.core.auth import Can, Role, may, staff_shop_ids
from app.core.problem import not_found
from app.extensions import db
from app.shops.models import Shop


def _may_manage(actor, shop_id: int) -> bool:
    shop = db.session.get(Shop, shop_id)
    return shop is not None and may(actor, Can.MANAGE_SHOP, shop=shop)


def _grant(invitation, user) -> None:
    grant_membership(user, Role.STAFF, invitation.city_id, invitation.shop_id)


def shop_display_name(shop_id: int) -> str | None:
    shop = db.session.get(Shop, shop_id)
    return shop.display_name if shop is not None else None


def register_staff_grant(app) -> None:
    from flask_babel import lazy_gettext as _l
    register_grant(app, Role.STAFF, label=_l("Shop staff"), may_manage=_may_manage, grant=_grant,
                   shop_name=shop_display_name)


def serving_shop_or_404(actor, shop_id: int, ability: Can = Can.RUN_COUNTER) -> Shop:
    """A shop where `actor` may do `ability` (its owner, its staff for the counter and rewards, an admin);
    any other shop is a 404."""
    shop = db.session.get(Shop, shop_id)
    if shop is None or not may(actor, ability, shop=shop):
        raise not_found()
    return shop


def reward_shop_ids(actor) -> list[int]:
    """The shops where `actor` may confirm rewards: their own and those they serve at (admins: every shop)."""
    if actor is None or not actor.is_authenticated:
        return []
    query = select(Shop.id)
    if not actor.is_admin:
        query = query.where((Shop.owner_id == actor.id) | Shop.id.in_(staff_shop_ids(actor) or {-1}))
    return list(db.session.execute(query.order_by(Shop.id)).scalars())


def staff_shops(user) -> list[Shop]:
    ids = staff_shop_ids(user)
    if not ids:
        return []
    return list(db.session.execute(select(Shop).where(Shop.id.in_(ids)).order_by(Shop.id)).scalars())


def my_shops_area(user, _city) -> str | None:
    from app.shops import my_shops_url, owns_a_shop  # noqa: PLC0415 - the package imports this module
    return my_shops_url() if staff_shop_ids(user) or owns_a_shop(user) else None
