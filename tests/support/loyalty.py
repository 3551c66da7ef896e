"""Helpers for the loyalty tests (the fixtures `clock`, `shops` and `shop` built on them are in
tests/app/conftest.py).

Shops are made with the factories rather than taken from the shops demo, so these tests do not depend on
it. Time is controlled through a `Clock` standing in for app.core.clock.now (the one clock of the app),
never by sleeping.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from sqlalchemy import func, select

from app.accounts.services import find_user_by_email
from app.cities.services import city_by_slug
from app.extensions import db
from app.loyalty.models import Card, ScanRefusal, Stamp, StampProgramme
from tests.factories import CardFactory, StampProgrammeFactory, UserFactory

# A Wednesday at noon in Brussels: far from midnight, so "today" windows are unambiguous.
T0 = datetime(2026, 11, 25, 11, 0, 0, tzinfo=timezone.utc)
MERCHANT = "bakker@loyalty.test"
OTHER_MERCHANT = "boekhandel@loyalty.test"
KORTRIJK_MERCHANT = "kortrijk@loyalty.test"


class Clock:
    def __init__(self, start: datetime):
        self.at = start

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **delta) -> None:
        self.at += timedelta(**delta)


@dataclass
class ShopRef:
    id: int
    slug: str
    city: str
    owner: str


def make_loyalty_shop(city_slug: str, slug: str, name: str, owner_email: str, *, stamps_required=5,
                      cooldown_hours=24) -> ShopRef:
    """An approved shop with an active stamp programme, owned by `owner_email` (made if new); committed.
    Needs an app context."""
    owner = UserFactory(email=owner_email, display_name=name)
    programme = StampProgrammeFactory(shop__city=city_by_slug(city_slug), shop__slug=slug, shop__owner=owner,
                                      shop__name={"nl": name}, stamps_required=stamps_required,
                                      cooldown_hours=cooldown_hours)
    db.session.commit()
    return ShopRef(programme.shop_id, slug, city_slug, owner_email)


def counter_url(app, shop: ShopRef) -> str:
    """The URL the counter display of `shop` shows now (what the merchant's display endpoint serves)."""
    from app.loyalty.services.programmes import counter_code
    with app.test_request_context():
        programme = db.session.execute(select(StampProgramme).where(StampProgramme.shop_id == shop.id)).scalar_one()
        url = counter_code(programme).url
        db.session.remove()
        return url


def counter_path(app, shop: ShopRef) -> str:
    return urlsplit(counter_url(app, shop)).path


def token_of(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def count(app, model, *criteria) -> int:
    with app.app_context():
        value = db.session.execute(select(func.count()).select_from(model).where(*criteria)).scalar_one()
        db.session.remove()
        return value


def stamps_of(app, shop: ShopRef) -> int:
    return count(app, Stamp, Stamp.shop_id == shop.id)


def refusals(app, reason: str, shop: ShopRef | None = None) -> int:
    criteria = [ScanRefusal.reason == reason]
    if shop is not None:
        criteria.append(ScanRefusal.shop_id == shop.id)
    return count(app, ScanRefusal, *criteria)


def card_of(app, email: str, shop: ShopRef) -> tuple[int, int] | None:
    """(stamps, rewards received) on the shop card of `email`, or None."""
    with app.app_context():
        user = find_user_by_email(email)
        row = db.session.execute(select(Card.stamps, Card.redeemed_count).join(StampProgramme).where(
            Card.user_id == user.id, StampProgramme.shop_id == shop.id)).first()
        db.session.remove()
        return tuple(row) if row else None


def fill_card(app, email: str, shop: ShopRef, stamps: int | None = None) -> int:
    """Give `email` a full card at `shop` directly in the database; returns the card id."""
    with app.app_context():
        user = find_user_by_email(email)
        programme = db.session.execute(select(StampProgramme).where(StampProgramme.shop_id == shop.id)).scalar_one()
        card = db.session.execute(select(Card).where(Card.user_id == user.id,
                                                     Card.programme_id == programme.id)).scalar_one_or_none()
        if card is None:
            card = CardFactory(user=user, programme=programme)
        card.stamps = programme.stamps_required if stamps is None else stamps
        db.session.commit()
        card_id = card.id
        db.session.remove()
        return card_id


def logged_in_client(app, email: str | None = None):
    """A fresh browser, logged in as `email` (or a stranger without an account)."""
    client = app.test_client()
    if email:
        client.login(email)
    return client


def set_city_pass(app, city: str = "brugge", **values) -> None:
    from app.cities.services import city_by_slug
    from app.loyalty.models import CityPass
    with app.app_context():
        city_pass = db.session.execute(select(CityPass).where(CityPass.city_id == city_by_slug(city).id)).scalar_one()
        for key, value in values.items():
            setattr(city_pass, key, value)
        db.session.commit()
