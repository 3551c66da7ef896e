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
from tests.support.loyalty import MERCHANT, card_of, counter_path, fill_card, stamps_of

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


def _anonymous_phones(app, path: str, n: int):
    """n anonymous phones that each scanned `path` (same shop, same window), with a login form token ready."""
    phones = []
    for _ in range(n):
        phone = app.test_client()
        assert phone.post(path).status_code == 303
        phones.append((phone, phone.csrf_token()))
    return phones


def test_racing_logins_of_phones_with_stamps_in_one_window_give_one_stamp(app, shops, clock):
    """Five phones stamped at one shop the same day, anonymously; all log into one account at the same moment.
    One window is one stamp: the merges wait for each other (row lock) instead of adding up or failing."""
    app.config["SCAN_LIMIT_PER_IP"] = "1000 per minute"
    app.config["LOGIN_LIMIT_PER_IP"] = "1000 per minute"
    shop, other = shops["shop"], shops["other_shop"]
    phones = _anonymous_phones(app, counter_path(app, shop), 5)
    assert phones[0][0].post(counter_path(app, other)).status_code == 303
    statuses = _race(phones, lambda c, token: c.post("/login", data={"email": SHOPPER, "password": "kick-demo",
                                                                     "csrf_token": token}).status_code)
    assert statuses == [302] * 5, statuses
    assert card_of(app, SHOPPER, shop)[0] == 1  # before the fix: 5 (or a 500 from the unique key)
    assert card_of(app, SHOPPER, other)[0] == 1
    assert stamps_of(app, shop) == 5  # every scan is still in the merchant's figures


def test_a_scan_racing_a_login_merge_gives_one_stamp(app, shops, clock):
    """The account scans on its own phone while another phone, stamped anonymously in the same window, logs in."""
    app.config["SCAN_LIMIT_PER_ACCOUNT"] = "1000 per minute"
    app.config["SCAN_LIMIT_PER_IP"] = "1000 per minute"
    shop = shops["shop"]
    for _round in range(3):  # a few rounds: the race can fall either way
        clock.advance(days=1)
        path = counter_path(app, shop)
        phone, phone_token = _anonymous_phones(app, path, 1)[0]
        account = app.test_client()
        account.login(SHOPPER)
        racers = [(phone, phone_token), (account, account.csrf_token())]

        def send(client, token):
            if client is phone:
                return client.post("/login", data={"email": SHOPPER, "password": "kick-demo", "csrf_token": token})
            return client.post(path, headers={"X-CSRFToken": token}, csrf=False)

        results = _race(racers, send)
        assert [r.status_code for r in results] in ([302, 303], [302, 409]), [r.status_code for r in results]
    assert card_of(app, SHOPPER, shop)[0] == 3  # one per day
    with app.app_context():
        from app.loyalty.models import Stamp
        held = db.session.execute(select(func.count()).select_from(Stamp).join(Card, Card.id == Stamp.card_id)
                                  .where(Card.id == _shop_card_id(shop))).scalar_one()
        assert held >= 3


def _shop_card_id(shop) -> int:
    from app.accounts.services import find_user_by_email
    from app.loyalty.models import StampProgramme
    return db.session.execute(select(Card.id).join(StampProgramme).where(
        Card.user_id == find_user_by_email(SHOPPER).id, StampProgramme.shop_id == shop.id)).scalar_one()
