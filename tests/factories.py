"""Test data factories (factory_boy), one per model a test builds by hand.

Each test database already holds the demo content (see tests/conftest.py); factories add the rows a
test needs on top of it, with every column a valid value, so a test names only what it is about:

    with app.app_context():
        programme = StampProgrammeFactory(shop__city=city_by_slug("brugge"), stamps_required=3)
        db.session.commit()

Persistence is **flush**, not commit: a factory call adds the row to flask-sqlalchemy's `db.session`
and flushes it, so its id and foreign keys are there for the next factory, but nothing is committed.
The test (or fixture) commits once when its rows are complete, as the app's unit of work does; rows
built inside a request (test_errors' failing view) roll back with it; and a test never half-writes a
graph of rows. Requests made with the test client run in their own app context and session, so they
see factory rows only after that commit.

Needs an app context (`with app.app_context():` or the `ctx` fixture): the session is looked up at
each call (`sqlalchemy_session_factory`), never bound when this module is imported.
"""
import secrets
from datetime import timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory
from flask import current_app
from werkzeug.security import generate_password_hash

from app.accounts.models import Membership, User
from app.agenda.models import Event
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.figures.models import CountingPoint, EventKind, FigureEvent, FigureRollup, FootfallCount
from app.loyalty.models import (Card, CityPass, MergedShopper, PassReward, PassVisit, Redemption, ScanRefusal, Stamp,
                                StampProgramme)
from app.loyalty.windows import window_for
from app.shops.models import Shop, ShopPhoto
from app.trails.models import Trail, TrailStop

DEMO_PASSWORD = "kick-demo"  # the password of every demo account (KICK_DEMO_PASSWORD in tests)


class BaseFactory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731 - the request's session, looked up per call
        sqlalchemy_session_persistence = "flush"


class UserFactory(BaseFactory):
    """An account that logs in with its e-mail and `password` (the demo password unless given).
    An existing account with the same e-mail is reused, so several shops can share one owner."""

    class Meta:
        model = User
        sqlalchemy_get_or_create = ("email",)

    class Params:
        password = DEMO_PASSWORD

    email = factory.Sequence(lambda n: f"person{n}@factory.test")
    display_name = factory.Sequence(lambda n: f"Persoon {n}")
    session_token = factory.LazyFunction(lambda: secrets.token_hex(16))
    password_hash = factory.LazyAttribute(
        lambda o: generate_password_hash(o.password, method=current_app.config["PASSWORD_HASH_METHOD"])
        if o.password else None)


class CityFactory(BaseFactory):
    """A live city of its own (no pass, no theme files): most tests use a demo city instead.
    `status="draft"` for a town still being prepared."""

    class Meta:
        model = City

    slug = factory.Sequence(lambda n: f"stad-{n}")
    names = factory.LazyAttribute(lambda o: {"nl": o.slug.replace("-", " ").title()})
    center_lat = 51.0
    center_lon = 3.0
    status = "live"
    primary_color = "#000000"
    accent_color = "#000000"


class MembershipFactory(BaseFactory):
    """`user` is a marketer of `city`."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)


class ShopFactory(BaseFactory):
    """An approved shop with a Dutch name."""

    class Meta:
        model = Shop

    city = factory.SubFactory(CityFactory)
    owner = factory.SubFactory(UserFactory)
    slug = factory.Sequence(lambda n: f"winkel-{n}")
    status = "approved"
    name = factory.LazyAttribute(lambda o: {"nl": o.slug.replace("-", " ").title()})


class ShopPhotoFactory(BaseFactory):
    class Meta:
        model = ShopPhoto

    shop = factory.SubFactory(ShopFactory)
    position = factory.Sequence(int)
    phone_key = factory.LazyAttribute(lambda o: f"shops/factory/{o.shop.slug}-{o.position}-phone.jpg")
    thumb_key = factory.LazyAttribute(lambda o: f"shops/factory/{o.shop.slug}-{o.position}-thumb.jpg")
    width = 10
    height = 10
    alt = factory.LazyAttribute(lambda o: {"nl": f"Foto {o.position}"})


class StampProgrammeFactory(BaseFactory):
    """The stamp card of a shop (in the shop's city): 5 stamps, a stamp a day, a named gift."""

    class Meta:
        model = StampProgramme

    shop = factory.SubFactory(ShopFactory)
    city_id = factory.SelfAttribute("shop.city_id")
    stamps_required = 5
    cooldown_hours = 24
    active = True
    reward = factory.LazyAttribute(lambda o: {"nl": f"Cadeau van {o.shop.name['nl']}",
                                              "en": f"Gift from {o.shop.name['nl']}"})


class CardFactory(BaseFactory):
    """`user`'s card for a shop's `programme` (or, with `programme=None, city_pass=...`, for a city pass)."""

    class Meta:
        model = Card
        exclude = ("user",)

    user = factory.SubFactory(UserFactory)
    user_id = factory.SelfAttribute("user.id")
    programme = factory.SubFactory(StampProgrammeFactory)
    city_pass = None
    city_id = factory.LazyAttribute(lambda o: (o.programme or o.city_pass).city_id)
    stamps = 0
    redeemed_count = 0


class StampFactory(BaseFactory):
    """A stamp on `card` at its shop, `created_at` now (the app's clock) unless given."""

    class Meta:
        model = Stamp
        exclude = ("card", "cooldown_hours")

    card = factory.SubFactory(CardFactory)
    card_id = factory.SelfAttribute("card.id")
    shop_id = factory.LazyAttribute(lambda o: o.card.programme.shop_id)
    user_id = factory.SelfAttribute("card.user_id")
    city_id = factory.SelfAttribute("card.city_id")
    source = "counter"
    created_at = factory.LazyFunction(lambda: clock.now())
    cooldown_hours = 24
    window = factory.LazyAttribute(lambda o: window_for(o.created_at, o.cooldown_hours))


class ScanRefusalFactory(BaseFactory):
    """A refused scan (an expired code at `shop` unless said otherwise)."""

    class Meta:
        model = ScanRefusal
        exclude = ("shop",)

    shop = factory.SubFactory(ShopFactory)
    shop_id = factory.LazyAttribute(lambda o: o.shop.id if o.shop is not None else None)
    city_id = factory.LazyAttribute(lambda o: o.shop.city_id)
    reason = "expired"
    created_at = factory.LazyFunction(lambda: clock.now())


class TrailFactory(BaseFactory):
    """A published heritage walk in `city`, without stops (add TrailStopFactory rows)."""

    class Meta:
        model = Trail

    city = factory.SubFactory(CityFactory)
    slug = factory.Sequence(lambda n: f"route-{n}")
    kind = "heritage"
    status = "published"
    title = factory.LazyAttribute(lambda o: {"nl": o.slug.replace("-", " ").title()})
    distance_m = 1500
    duration_min = 30
    published_at = factory.LazyFunction(lambda: clock.now() - timedelta(days=1))


class TrailStopFactory(BaseFactory):
    class Meta:
        model = TrailStop

    trail = factory.SubFactory(TrailFactory)
    position = factory.Sequence(int)
    title = factory.LazyAttribute(lambda o: {"nl": f"Halte {o.position}"})
    body = {"nl": "Uitleg"}
    lat = factory.LazyAttribute(lambda o: o.trail.city.center_lat + o.position * 0.0005)
    lon = factory.LazyAttribute(lambda o: o.trail.city.center_lon)


# ---------------------------------------------------------------- figures (dashboard: rollup cells written directly)
class FigureRollupFactory(BaseFactory):
    """One rollup cell: a day of stamps in `city` unless told (metric, key, grain, start, value, people)."""

    class Meta:
        model = FigureRollup

    class Params:
        city = factory.SubFactory(CityFactory)

    city_id = factory.LazyAttribute(lambda o: o.city.id)
    grain = "day"
    start = factory.LazyFunction(lambda: clock.today() - timedelta(days=1))
    metric = "stamps"
    key = ""
    value = 1
    people = None


# ---------------------------------------------------------------- what the figures rollup reads


class AnonymousShopperFactory(UserFactory):
    """A shopper without an account (made at a first scan): no address, no password."""

    class Meta:
        model = User
        sqlalchemy_get_or_create = ()

    email = None
    display_name = None
    is_anonymous_shopper = True
    password_hash = None


class CityPassFactory(BaseFactory):
    """A city pass running from a year ago to a year ahead (the app's clock), all approved shops, 3 of them."""

    class Meta:
        model = CityPass
        exclude = ("city",)

    city = factory.SubFactory(CityFactory)
    city_id = factory.SelfAttribute("city.id")
    title = {"nl": "Stadspas"}
    reward = {"nl": "Stadsbon"}
    distinct_shops_required = 3
    starts_on = factory.LazyFunction(lambda: clock.today() - timedelta(days=365))
    ends_on = factory.LazyFunction(lambda: clock.today() + timedelta(days=365))
    all_shops = True


class PassVisitFactory(BaseFactory):
    """A shop visited on a pass `card` (confirmed at the counter unless said otherwise)."""

    class Meta:
        model = PassVisit
        exclude = ("card", "shop")

    card = None  # a pass card: CardFactory(programme=None, city_pass=...)
    card_id = factory.SelfAttribute("card.id")
    shop = factory.SubFactory(ShopFactory)
    shop_id = factory.SelfAttribute("shop.id")
    created_at = factory.LazyFunction(lambda: clock.now())
    confirmed = True


class RedemptionFactory(BaseFactory):
    """A reward of `card` confirmed now (the app's clock); a pass card's reward has no shop."""

    class Meta:
        model = Redemption
        exclude = ("card",)

    card = factory.SubFactory(CardFactory)
    card_id = factory.SelfAttribute("card.id")
    cycle = factory.Sequence(int)
    shop_id = factory.LazyAttribute(lambda o: o.card.programme.shop_id if o.card.programme else None)
    city_id = factory.SelfAttribute("card.city_id")
    code = factory.Sequence(lambda n: f"R{n:05d}")
    status = "confirmed"
    confirmed_at = factory.LazyFunction(lambda: clock.now())
    expires_at = factory.LazyAttribute(lambda o: o.confirmed_at + timedelta(minutes=10))


class PassRewardFactory(BaseFactory):
    """A city-pass reward given at the desk for a pass `card`."""

    class Meta:
        model = PassReward
        exclude = ("card",)

    card = None  # a pass card
    pass_id = factory.SelfAttribute("card.pass_id")
    user_id = factory.SelfAttribute("card.user_id")
    city_id = factory.SelfAttribute("card.city_id")
    period_start = factory.LazyAttribute(lambda o: o.card.city_pass.starts_on)
    redemption_id = factory.LazyAttribute(lambda o: RedemptionFactory(card=o.card, cycle=0,
                                                                       confirmed_at=o.created_at).id)
    created_at = factory.LazyFunction(lambda: clock.now())


class MergedShopperFactory(BaseFactory):
    """An anonymous shopper whose cards went to `account` at login."""

    class Meta:
        model = MergedShopper
        exclude = ("account", "anonymous")

    account = factory.SubFactory(UserFactory)
    anonymous = factory.SubFactory(AnonymousShopperFactory)
    account_id = factory.SelfAttribute("account.id")
    anonymous_id = factory.SelfAttribute("anonymous.id")


class FigureEventFactory(BaseFactory):
    """An anonymous page view (or trail event) in `city`, in the hour of `hour` (now, the app's clock)."""

    class Meta:
        model = FigureEvent
        exclude = ("city",)

    city = factory.SubFactory(CityFactory)
    city_id = factory.SelfAttribute("city.id")
    kind = EventKind.PAGE_VIEW.value
    page = "home"
    hour = factory.LazyFunction(lambda: clock.now().replace(minute=0, second=0, microsecond=0))


class CountingPointFactory(BaseFactory):
    class Meta:
        model = CountingPoint
        exclude = ("city",)

    city = factory.SubFactory(CityFactory)
    city_id = factory.SelfAttribute("city.id")
    code = factory.Sequence(lambda n: f"TELLER-{n}")
    name = factory.Sequence(lambda n: f"Teller {n}")


class FootfallCountFactory(BaseFactory):
    """People counted at `point` in the hour starting at `hour` (UTC)."""

    class Meta:
        model = FootfallCount
        exclude = ("point",)

    point = factory.SubFactory(CountingPointFactory)
    point_id = factory.SelfAttribute("point.id")
    hour = factory.LazyFunction(lambda: clock.now().replace(minute=0, second=0, microsecond=0))
    count = 100


class EventFactory(BaseFactory):
    """A published one-off event in `city` (Brussels wall time), at a square; set `rrule` for a recurring one.
    `last_ends_at` follows the rule, as the services keep it."""

    class Meta:
        model = Event

    city = factory.SubFactory(CityFactory)
    uid = factory.Sequence(lambda n: f"test-event-{n}@kick.test")
    kind = "market"
    status = "published"
    title = factory.Sequence(lambda n: {"nl": f"Markt {n}"})
    description = factory.LazyFunction(dict)
    starts_at = factory.LazyFunction(lambda: clock.now() + timedelta(days=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    rrule = None
    exdates = factory.LazyFunction(list)
    cancelled_dates = factory.LazyFunction(list)
    place_name = "Markt"
    address = "Markt 1, 8000 Brugge"
    lat = 51.20861
    lon = 3.22389
    last_ends_at = factory.LazyAttribute(lambda o: _last_end(o))


def _last_end(o):
    from app.agenda.recurrence import last_end
    return last_end(o.starts_at, o.ends_at, o.rrule)
