"""Roles and the one question "may this actor do X here?". Who is refused gets a 404 (no existence leak).

Roles (issue 13): the platform admin (`User.is_admin`); city roles held as a membership of one city:
`marketer` (the city studio) and `desk` (tourist-office staff: confirm city-pass rewards, nothing else);
shop roles held as a membership of one shop: `staff` (invited by the merchant: run the counter display and
confirm rewards at that shop, nothing else); and the merchant, who owns shops (`Shop.owner_id`).

Everything here works on duck-typed objects (a user with `memberships` of `role`, `city_id`, `shop_id`; a
shop with `id`, `city_id`, `owner_id`), so the kernel decides without importing the features that own them.
"""
from enum import StrEnum
from functools import wraps

from flask import abort, g
from flask_login import current_user, login_required


def current_actor():
    """The logged-in user, or Flask-Login's anonymous user: what views hand to services as the actor."""
    return current_user._get_current_object()


class Role(StrEnum):
    MARKETER = "marketer"  # city: the studio
    DESK = "desk"  # city: the city-pass desk
    STAFF = "staff"  # shop: the counter and its rewards


CITY_ROLES = (Role.MARKETER, Role.DESK)
SHOP_ROLES = (Role.STAFF,)


class Can(StrEnum):
    """What an actor may do, asked with `may(actor, Can.X, city=..., shop=...)`."""
    USE_STUDIO = "use_studio"  # every studio page of the city
    CONFIRM_PASS_REWARDS = "confirm_pass_rewards"  # the city desk's one page
    MANAGE_DESK = "manage_desk"  # invite and revoke the city desk
    MANAGE_MARKETERS = "manage_marketers"  # invite and revoke marketers (platform admins)
    RUN_COUNTER = "run_counter"  # a shop's counter display
    CONFIRM_SHOP_REWARDS = "confirm_shop_rewards"  # confirm rewards at a shop
    MANAGE_SHOP = "manage_shop"  # edit, photos, posters, stats, staff: the owner's pages


# Which roles give what, besides the platform admin (who may do everything).
CITY_ABILITIES = {
    Role.MARKETER: {Can.USE_STUDIO, Can.CONFIRM_PASS_REWARDS, Can.MANAGE_DESK},
    Role.DESK: {Can.CONFIRM_PASS_REWARDS},
}
SHOP_ABILITIES = {Role.STAFF: {Can.RUN_COUNTER, Can.CONFIRM_SHOP_REWARDS}}
OWNER_ABILITIES = {Can.RUN_COUNTER, Can.CONFIRM_SHOP_REWARDS, Can.MANAGE_SHOP}


def roles_in_city(user, city) -> set[str]:
    return {m.role for m in user.memberships if m.city_id == city.id and m.shop_id is None}


def roles_at_shop(user, shop) -> set[str]:
    return {m.role for m in user.memberships if m.shop_id == shop.id}


def staff_shop_ids(user) -> set[int]:
    """The shops where `user` is shop staff (memberships come with the user: no query)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return {m.shop_id for m in user.memberships if m.role == Role.STAFF and m.shop_id is not None}


def may(user, ability: Can, *, city=None, shop=None) -> bool:
    """Whether `user` may do `ability` in `city` (city abilities) or at `shop` (shop abilities)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_admin:
        return True
    if shop is not None:
        if shop.owner_id == user.id and ability in OWNER_ABILITIES:
            return True
        return any(ability in SHOP_ABILITIES.get(role, ()) for role in roles_at_shop(user, shop))
    if city is not None:
        return any(ability in CITY_ABILITIES.get(role, ()) for role in roles_in_city(user, city))
    return False


def is_marketer_of(user, city) -> bool:
    return may(user, Can.USE_STUDIO, city=city)


def city_role_required(ability: Can):
    """The current user must be allowed `ability` in g.city; anyone else gets a 404."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not may(current_user, ability, city=g.city):
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def marketer_required(view):
    """The current user must be a marketer of g.city (or a platform admin)."""
    return city_role_required(Can.USE_STUDIO)(view)


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_admin:
            abort(404)
        return view(*args, **kwargs)

    return wrapped
