"""Real concurrency on PostgreSQL: racing requests must not double a stamp or a reward.

Each racer is its own test client (own session, own database connection from the pool) and they
start together on a barrier, so the requests really overlap inside the database.
"""
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.loyalty.models import Card, PassVisit, Redemption
from tests.app.test_loyalty_support import (  # noqa: F401 - fixtures
    MERCHANT, card_of, clock, counter_path, fill_card, shop, shops, stamps_of)

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(os.environ.get("KICK_TEST_BACKEND", "sqlite") != "postgresql",
                       reason="real concurrency needs PostgreSQL (KICK_TEST_BACKEND=postgresql)"),
]
RACERS = 10
SHOPPER = "shopper@kick.test"


def _racers(app, email: str, n: int = RACERS):
    """n logged-in clients of the same account, each with its CSRF token fetched beforehand."""
    clients = []
    for _ in range(n):
        client = app.test_client()
        client.login(email)
        clients.append((client, client.csrf_token()))
    return clients


def _race(racers, send):
    barrier = threading.Barrier(len(racers))

    def run(racer):
        client, token = racer
        barrier.wait()
        return send(client, token)

    with ThreadPoolExecutor(len(racers)) as pool:
        return list(pool.map(run, racers))


def test_simultaneous_scans_by_one_shopper_give_exactly_one_stamp(app, shops, clock):
    app.config["SCAN_LIMIT_PER_ACCOUNT"] = "1000 per minute"
    shop = shops["shop"]
    racers = _racers(app, SHOPPER)
    path = counter_path(app, shop)
    statuses = _race(racers, lambda c, token: c.post(path, headers={"X-CSRFToken": token}, csrf=False).status_code)
    assert sorted(statuses) == [303] + [409] * (RACERS - 1), statuses
    assert stamps_of(app, shop) == 1
    assert card_of(app, SHOPPER, shop) == (1, 0)
    # The same through the API, the next day (a new window), with a card that now exists.
    clock.advance(days=1)
    token = counter_path(app, shop).rsplit("/", 1)[1]
    results = _race(racers, lambda c, t: c.post("/api/v1/scan", json={"code": token, "city": "brugge"},
                                                headers={"X-CSRFToken": t}, csrf=False))
    codes = sorted(r.status_code for r in results)
    assert codes == [201] + [409] * (RACERS - 1), codes
    assert all(r.get_json()["code"] == "cooldown" for r in results if r.status_code == 409)
    assert stamps_of(app, shop) == 2 and card_of(app, SHOPPER, shop) == (2, 0)


def test_simultaneous_scans_of_different_shops_all_count_for_the_pass(app, shops, clock):
    app.config["SCAN_LIMIT_PER_ACCOUNT"] = "1000 per minute"
    names = ("shop", "other_shop", "third_shop")
    racers = _racers(app, SHOPPER, len(names))
    paths = [counter_path(app, shops[name]) for name in names]
    order = iter(range(len(names)))
    lock = threading.Lock()

    def send(client, token):
        with lock:
            path = paths[next(order)]
        return client.post("/api/v1/scan", json={"code": path}, headers={"X-CSRFToken": token}, csrf=False)

    results = _race(racers, send)
    assert [r.status_code for r in results] == [201] * len(names)
    pass_stamps = {r.get_json()["pass_card"]["id"] for r in results}
    assert len(pass_stamps) == 1  # one pass card, created once despite the race
    with app.app_context():
        card = db.session.get(Card, pass_stamps.pop())
        ours = db.session.execute(select(PassVisit.shop_id).where(PassVisit.card_id == card.id)).scalars().all()
        assert {shops[n].id for n in names} <= set(ours)
        assert card.stamps == len(ours)  # every racing increment landed


def test_simultaneous_confirmations_of_one_full_card_give_exactly_one_reward(app, shop, clock):
    card_id = fill_card(app, SHOPPER, shop)
    shopper = app.test_client()
    shopper.login(SHOPPER)
    code = shopper.post(f"/api/v1/me/cards/{card_id}/redeem").get_json()["redeem_code"]
    racers = _racers(app, MERCHANT)
    results = _race(racers, lambda c, token: c.post("/api/v1/merchant/redemptions", json={"redeem_code": code},
                                                    headers={"X-CSRFToken": token}, csrf=False).status_code)
    assert results.count(200) == 1, results
    assert set(results) <= {200, 404, 409}
    assert card_of(app, SHOPPER, shop) == (0, 1)
    with app.app_context():
        confirmed = db.session.execute(select(func.count()).select_from(Redemption).where(
            Redemption.card_id == card_id, Redemption.status == "confirmed")).scalar_one()
        assert confirmed == 1


def test_simultaneous_redeem_requests_make_one_code(app, shop, clock):
    card_id = fill_card(app, SHOPPER, shop)
    racers = _racers(app, SHOPPER)
    results = _race(racers, lambda c, token: c.post(f"/api/v1/me/cards/{card_id}/redeem",
                                                    headers={"X-CSRFToken": token}, csrf=False))
    assert {r.status_code for r in results} == {201}
    assert len({r.get_json()["redemption_id"] for r in results}) == 1
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Redemption).where(
            Redemption.card_id == card_id)).scalar_one() == 1


def test_simultaneous_first_scans_from_one_browser_make_one_shopper(app, shops, clock):
    """A phone with no account yet that fires its first scan twice at once (two taps, a prefetch and a
    tap) gets one anonymous shopper holding the stamp, not a second account nobody can see."""
    from app.accounts.models import User
    path = counter_path(app, shops["shop"])
    browser = app.test_client()
    token = browser.csrf_token()  # the session (and its CSRF secret) the scan page gave the phone
    session = browser.get_cookie("session").value
    racers = []
    for _ in range(RACERS):  # the same browser's cookies in each racing request
        racer = app.test_client()
        racer.set_cookie("session", session)
        racers.append((racer, token))
    with app.app_context():
        users_before = db.session.scalar(select(func.count(User.id)))
    statuses = _race(racers, lambda c, t: c.post(path, headers={"X-CSRFToken": t}, csrf=False).status_code)
    assert sorted(statuses) == [303] + [409] * (RACERS - 1), statuses
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == users_before + 1
    assert stamps_of(app, shops["shop"]) == 1
