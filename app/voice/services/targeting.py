"""Who a message of the city reaches: the one target rule of city news and merchant questionnaires.

A target is all the merchants of a city, or those on some streets, or those in some categories (both:
the shops on those streets in those categories). Its recipients are the owners of the city's approved
shops that match, each person once however many matching shops they own; a shop the city imported that
no merchant has claimed has no one to tell. Shop staff are not recipients: the city talks to the business.

A street is written as in shop addresses ("Christinastraat"): it is compared with `Shop.street` (the one
street rule, `app.core.text.street_of`), ignoring case and extra spaces.
"""
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app.core.i18n import translate
from app.core.problem import ProblemError
from app.core.text import street_of
from app.extensions import db
from app.shops.models import CATEGORIES, Shop, ShopStatus

MAX_STREETS = 30
STREET_MAX = 120


def _street_key(street: str) -> str:
    return " ".join((street or "").split()).casefold()


@dataclass(frozen=True)
class Target:
    """Streets and categories (empty: every merchant of the city). Stored as `as_json()`."""
    streets: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()

    @property
    def everyone(self) -> bool:
        return not self.streets and not self.categories

    def as_json(self) -> dict:
        return {"streets": list(self.streets), "categories": list(self.categories)}

    @classmethod
    def from_json(cls, data: dict | None) -> "Target":
        data = data or {}
        return cls(tuple(data.get("streets") or ()), tuple(data.get("categories") or ()))

    def matches(self, shop) -> bool:
        """Does `shop` (anything with `street` and `category`) fall in this target?"""
        if self.streets and _street_key(shop.street) not in {_street_key(street) for street in self.streets}:
            return False
        return not self.categories or shop.category in self.categories


def make_target(streets=(), categories=()) -> Target:
    """A checked target from what a marketer sent: streets trimmed and each once (as first written),
    categories among the shop categories. A 422 with field messages otherwise."""
    errors = {}
    cleaned, seen = [], set()
    for street in streets or ():
        street = " ".join(str(street or "").split())
        if not street or _street_key(street) in seen:
            continue
        if len(street) > STREET_MAX:
            errors["streets"] = [_("A street name has at most %(max)d characters.", max=STREET_MAX)]
            break
        seen.add(_street_key(street))
        cleaned.append(street)
    if len(cleaned) > MAX_STREETS:
        errors["streets"] = [_("Choose at most %(max)d streets.", max=MAX_STREETS)]
    unknown = [category for category in categories or () if category not in CATEGORIES]
    if unknown:
        errors["categories"] = [_("Unknown category: %(names)s.", names=", ".join(map(str, unknown[:5])))]
    if errors:
        raise ProblemError(422, _("Check the target."), code="bad_target", errors=errors)
    ordered = tuple(category for category in CATEGORIES if category in set(categories or ()))
    return Target(tuple(cleaned), ordered)


def target_shops(city, target: Target) -> list:
    """The city's approved, claimed shops in the target, by name."""
    shops = db.session.execute(
        select(Shop).where(Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value,
                           Shop.owner_id.is_not(None))).scalars().all()
    return sorted((shop for shop in shops if target.matches(shop)), key=lambda shop: shop.display_name.casefold())


def recipient_ids(city, target: Target) -> list[int]:
    """The people the target reaches: the owners of its shops, each once (ascending ids)."""
    return sorted({shop.owner_id for shop in target_shops(city, target)})


@dataclass(frozen=True)
class Preview:
    """Who will receive it, before sending: `count` people, owning these shops (`shops`: names)."""
    count: int
    shops: list[str]


def preview(city, target: Target) -> Preview:
    shops = target_shops(city, target)
    return Preview(len({shop.owner_id for shop in shops}), [translate(shop.name) for shop in shops])


def city_streets(city) -> list[str]:
    """The streets of the city's approved shops (as first written), for the target's choices."""
    addresses = db.session.execute(
        select(Shop.address).where(Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value)).scalars()
    streets = {}
    for address in addresses:
        street = street_of(address)
        if street:
            streets.setdefault(_street_key(street), street)
    return sorted(streets.values(), key=str.casefold)
