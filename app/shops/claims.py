"""Claiming a shop the city imported: its merchant accepts an invitation and becomes the owner.

The invitations themselves (the mail, the signed link, accepting it) are app.accounts.invitations; shops
registers the handler of the `owner` role there (`register_owner_grant`), and asks for an invitation per
imported row with an email address (`invite_owner`). Both go through this module only, so the rest of
shops (and its tests) never depend on how invitations work.
"""
import importlib.util

from flask_babel import gettext as _
from sqlalchemy import update

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


def grant_owner(user, invitation) -> None:
    """The `owner` role's grant handler: called by app.accounts.invitations when an invitation is accepted."""
    claim_shop(user, getattr(invitation, "shop_id", None), getattr(invitation, "city_id", None))


def invite_owner(actor, shop: Shop, email: str):
    """Invite `email` to claim `shop` (queued in the caller's transaction; the mail leaves after its commit)."""
    if not _invitations_available():
        return None  # until invitations exist (branch `roles`), the shop waits unclaimed
    from app.accounts import invitations
    return invitations.invite(actor, email=email, role=OWNER_ROLE, city=shop.city, shop_id=shop.id)


def _invitations_available() -> bool:
    return importlib.util.find_spec("app.accounts.invitations") is not None


def register_owner_grant() -> None:
    if not _invitations_available():
        return
    from app.accounts import invitations
    invitations.register_grant(OWNER_ROLE, grant_owner)
