"""Where each person's work is: the areas in the menu and where a login lands (issue 13).

Features add areas with `app.core.registry.add_area`; accounts adds the ones it knows: "Beheer" (platform
admins) and "Stadsstudio" (marketers); loyalty adds "Stadsbalie" (the city desk), shops "Mijn winkels".
"""
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app.core.auth import Role
from app.core.registry import add_area, get_registry

ADMIN_HOME = "/admin/"


def _admin_url(user, _city) -> str | None:
    if not user.is_admin:
        return None
    # The platform dashboard (/admin/) when the admin package is installed; the people page otherwise.
    if any(rule.rule == ADMIN_HOME for rule in current_app.url_map.iter_rules()):
        return ADMIN_HOME
    return url_for("people.admin_people")


def city_area_url(role: str, endpoint: str):
    """An area's `url` for a city role: the page `endpoint` of the page's city when the user holds `role`
    there, else of their one city, else the city picker (several cities)."""
    def url(user, city) -> str | None:
        if city is not None and (user.has_city_role(city, role) or (user.is_admin and role == Role.MARKETER)):
            return url_for(endpoint, city=city.slug)
        cities = sorted((m.city for m in user.memberships if m.role == role and m.shop_id is None),
                        key=lambda c: c.slug)
        if len(cities) == 1:
            return url_for(endpoint, city=cities[0].slug)
        # Several cities: the picker, where they choose one (every city page then links its own studio).
        return url_for("cities.picker") if cities else None

    return url


def register_areas(app) -> None:
    add_area(app, _l("Admin"), _admin_url, order=40, landing=10)
    add_area(app, _l("City studio"), city_area_url(Role.MARKETER, "cities.studio"), order=20, landing=20)


def _shown(user) -> bool:
    return bool(user is not None and user.is_authenticated and not user.is_anonymous_shopper)


def menu_areas(user, city=None) -> list[tuple[str, str]]:
    """(label, url) of the areas that are `user`'s, in menu order."""
    if not _shown(user):
        return []
    found = []
    for area in get_registry(current_app).areas:
        url = area.url(user, city)
        if url:
            found.append((str(area.label), url))
    return found


def landing_url(user) -> str | None:
    """Where `user` starts after logging in: their first area by landing order (None: a shopper)."""
    if not _shown(user):
        return None
    for area in sorted(get_registry(current_app).areas, key=lambda a: a.landing):
        url = area.url(user, None)
        if url:
            return url
    return None
