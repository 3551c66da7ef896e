"""Claiming a shop the city imported: its merchant accepts an invitation and becomes the owner.

The invitations themselves (the mail, the signed link, accepting it) are app.accounts.invitations; shops
registers the handler of the `owner` role there (`register_owner_grant`), and asks for an invitation per
imported row with an email address (`invite_owner`). Both go through this module only, so the rest of
shops (and its tests) never depend on how invitations work.
"""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from app.accounts import invitations
from app.core.auth import is_marketer_of
from app.core.problem import ProblemError, not_found
from app.extensions import db
from app.shops.models import Shop

OWNER_ROLE = "owner"


def claim_shop(user, shop_id: int, city_id: int | None = None) -> Shop:
    """Make `user` the owner of an unclaimed shop (flushed, not committed: the caller's transaction).
    Claiming a shop one already owns changes nothing; a shop someone else owns is refused (409)."""
    shop = db.session.get(Shop, shop_id) if shop_id is not None else None
    if shop is None or (city_id is not None and shop.city_id != city_id):
        raise not_found()
    if shop.owner_id is not None:
        if shop.owner_id == user.id:
            return shop
        raise ProblemError(409, _("Another merchant has already claimed this shop. Ask the city team if this "
                                  "is your shop."), code="already_claimed")
    # Compare-and-set in SQL: of two people accepting at once, exactly one becomes the owner.
    claimed = db.session.execute(
        update(Shop).where(Shop.id == shop.id, Shop.owner_id.is_(None)).values(owner_id=user.id)
        .execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        raise ProblemError(409, _("Another merchant has already claimed this shop. Ask the city team if this "
                                  "is your shop."), code="already_claimed")
    db.session.refresh(shop)
    return shop


def grant_owner(invitation, user) -> None:
    """The `owner` role's grant handler: app.accounts.invitations calls it when the invitation is accepted."""
    claim_shop(user, invitation.shop_id, invitation.city_id)


def may_invite_owner(actor, shop_id: int) -> bool:
    """The city team (marketers of the shop's city, admins) invites a merchant to claim an unclaimed shop."""
    shop = db.session.get(Shop, shop_id)
    return shop is not None and shop.owner_id is None and is_marketer_of(actor, shop.city)


def _shop_name(shop_id: int) -> str | None:
    shop = db.session.get(Shop, shop_id)
    return shop.display_name if shop is not None else None


def invite_owner(actor, shop: Shop, email: str):
    """Invite `email` to claim `shop` (flushed in the caller's transaction; the mail leaves after its commit)."""
    return invitations.invite(actor, email=email, role=OWNER_ROLE, city=shop.city, shop_id=shop.id)


def pending_owner_invitation(shop: Shop):
    """The newest invitation to claim `shop` still waiting for its answer (None: none, or it is claimed)."""
    if shop.owner_id is not None:
        return None
    waiting = invitations.shop_people(shop.id, role=OWNER_ROLE).invitations
    return waiting[0] if waiting else None


def register_owner_grant(app) -> None:
    invitations.register_grant(app, OWNER_ROLE, label=_l("Shop owner"), may_manage=may_invite_owner,
                               grant=grant_owner, shop_name=_shop_name)
