"""Fixtures shared by the tests in tests/app (the app, clients and databases are in tests/conftest.py).

- `clock`: app.core.clock.now frozen at T0 (a Wednesday noon in Brussels); `clock.advance(hours=...)`.
- `shops` / `shop`: four approved shops with stamp programmes, made with the factories (not the shops
  demo): two merchants in Brugge (`shop`; `other_shop` and `third_shop`) and one in Kortrijk (`kortrijk_shop`).
- `refs`: the demo rows behind the authorisation matrix's placeholders, for Brugge (`home`) and
  Oostende (`cross`).
Plain helpers live in tests/support/, test data factories in tests/factories.py.
"""
import pytest

from app.core import clock as app_clock
from app.extensions import db
from tests.support.authz import live_refs
from tests.support.loyalty import KORTRIJK_MERCHANT, MERCHANT, OTHER_MERCHANT, T0, Clock, make_loyalty_shop


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(T0)
    monkeypatch.setattr(app_clock, "now", fake)
    return fake


@pytest.fixture
def shops(app):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "1000 per minute"  # these tests log merchants in often
    with app.app_context():
        made = {
            "shop": make_loyalty_shop("brugge", "loyaliteit-bakker", "Bakkerij Test", MERCHANT),
            "other_shop": make_loyalty_shop("brugge", "loyaliteit-boeken", "Boekhandel Test", OTHER_MERCHANT),
            "third_shop": make_loyalty_shop("brugge", "loyaliteit-vintage", "Vintage Test", OTHER_MERCHANT),
            "kortrijk_shop": make_loyalty_shop("kortrijk", "loyaliteit-kortrijk", "Kortrijk Test",
                                               KORTRIJK_MERCHANT),
        }
        db.session.remove()
    return made


@pytest.fixture
def shop(shops):
    return shops["shop"]


@pytest.fixture
def refs(app, databases):
    app.config.update(LOGIN_LIMIT_PER_IP="10000 per minute", LOGIN_LIMIT_PER_ACCOUNT="10000 per minute",
                      MAIL_LIMIT_PER_ADDRESS="10000 per minute",
                      SCAN_LIMIT_PER_IP="10000 per minute", SCAN_LIMIT_PER_ACCOUNT="10000 per minute")
    # the rows are in the database already (a template made once per run: tests/conftest.py, VARIANTS)
    made = databases.variant_data["refs"]
    return {side: live_refs(app, made[side]) for side in ("home", "cross")}
