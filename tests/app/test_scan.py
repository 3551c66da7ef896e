"""Scanning a counter code: the rules shoppers and cities rely on (see DESIGN.md section 4)."""
import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.loyalty.codes import make_code, make_poster_code, numeric_fallback, step_for
from app.loyalty.models import Stamp, StampProgramme
from tests.support.loyalty import count, counter_path, refusals, stamps_of, token_of


def _programme(app, shop_ref):
    with app.app_context():
        programme = db.session.execute(
            select(StampProgramme).where(StampProgramme.shop_id == shop_ref.id)).scalar_one()
        db.session.expunge(programme)
        return programme


def _set_programme(app, shop_ref, **values):
    with app.app_context():
        programme = db.session.execute(
            select(StampProgramme).where(StampProgramme.shop_id == shop_ref.id)).scalar_one()
        for key, value in values.items():
            setattr(programme, key, value)
        db.session.commit()


def test_first_scan_stamps_without_sign_up_and_get_never_stamps(app, client, shop, clock):
    path = counter_path(app, shop)
    users_before = count(app, User)
    # Link previews and prefetchers only GET: that must change nothing, not even create a shopper.
    for _ in range(3):
        page = client.get(path)
        assert page.status_code == 200
        assert "Bakkerij Test" in page.get_data(as_text=True)
    assert stamps_of(app, shop) == 0 and count(app, User) == users_before

    response = client.post(path)
    assert response.status_code == 303
    assert stamps_of(app, shop) == 1
    assert count(app, User) == users_before + 1  # an anonymous shopper, logged in on the spot
    assert "remember_token" in response.headers.get_all("Set-Cookie")[-1] or any(
        "remember_token" in c for c in response.headers.get_all("Set-Cookie"))
    me = client.get("/api/v1/me").get_json()["user"]
    assert me["is_anonymous_shopper"] is True and me["email"] is None
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bakkerij Test" in page and "stamp-dot is-filled is-new" in page


def test_code_is_accepted_in_its_step_plus_one_step_of_grace_only(app, client, shops, clock):
    shop, other = shops["shop"], shops["other_shop"]
    path = counter_path(app, shop)
    other_path = counter_path(app, other)
    step = app.config["KICK_CODE_STEP_SECONDS"]
    clock.advance(seconds=step)  # next step: still inside the grace step
    assert client.post(path).status_code == 303
    clock.advance(seconds=step)  # two steps later: a photo taken a minute ago no longer works
    response = client.post("/api/v1/scan", json={"code": token_of(other_path), "city": "brugge"})
    assert response.status_code == 410
    assert response.get_json()["code"] == "expired"
    assert response.mimetype == "application/problem+json"
    assert stamps_of(app, other) == 0
    assert refusals(app, "expired", other) == 1


def test_short_steps_are_configurable(app, client, shop, clock):
    app.config["KICK_CODE_STEP_SECONDS"] = 1
    path = counter_path(app, shop)
    clock.advance(seconds=2.5)
    page = client.post(path)
    assert page.status_code == 410
    assert 'data-reason="expired"' in page.get_data(as_text=True)


def test_forged_and_malformed_codes_are_invalid_and_counted(app, client, shop, clock):
    path = counter_path(app, shop)
    token = token_of(path)
    forged = token[:-4] + ("AAAA" if token[-4:] != "AAAA" else "BBBB")
    response = client.post("/api/v1/scan", json={"code": forged, "city": "brugge"})
    assert response.status_code == 422 and response.get_json()["code"] == "invalid"
    # Made with another secret for the same shop and step: still refused.
    step = step_for(clock.at.timestamp(), app.config["KICK_CODE_STEP_SECONDS"])
    wrong_key = make_code(b"not-the-shop-secret", "brugge", shop.id, step)
    assert client.post(f"/brugge/s/{wrong_key}").status_code == 422
    assert client.post("/brugge/s/not-a-code").status_code == 422
    assert client.post("/api/v1/scan", json={"code": "x" * 300}).get_json()["code"] == "invalid"
    assert stamps_of(app, shop) == 0
    assert refusals(app, "invalid", shop) == 2
    assert refusals(app, "invalid") >= 3


def test_code_of_another_city_is_refused_as_wrong_city(app, client, shops, clock):
    kortrijk = shops["kortrijk_shop"]
    token = token_of(counter_path(app, kortrijk))
    page = client.post(f"/brugge/s/{token}")
    assert page.status_code == 422
    assert 'data-reason="wrong_city"' in page.get_data(as_text=True)
    api = client.post("/api/v1/scan", json={"code": f"http://x/kortrijk/s/{token}", "city": "brugge"})
    assert api.get_json()["code"] == "wrong_city"
    assert stamps_of(app, kortrijk) == 0
    assert refusals(app, "wrong_city", kortrijk) == 2
    # The same code in its own city works.
    assert client.post(f"/kortrijk/s/{token}").status_code == 303


def test_paused_programme_refuses(app, client, shop, clock):
    path = counter_path(app, shop)
    _set_programme(app, shop, active=False)
    response = client.post("/api/v1/scan", json={"code": token_of(path), "city": "brugge"})
    assert response.status_code == 409 and response.get_json()["code"] == "paused"
    assert stamps_of(app, shop) == 0 and refusals(app, "paused", shop) == 1


def test_one_stamp_per_cooldown_and_the_refusal_says_when(app, client, shop, clock):
    assert client.post(counter_path(app, shop)).status_code == 303
    clock.advance(minutes=5)
    response = client.post("/api/v1/scan", json={"code": counter_path(app, shop)})
    assert response.status_code == 409
    body = response.get_json()
    assert body["code"] == "cooldown"
    assert body["next_stamp_at"].startswith("2026-11-26T00:00:00+01:00")  # Brussels midnight
    assert stamps_of(app, shop) == 1 and refusals(app, "cooldown", shop) == 1
    clock.advance(hours=13)  # the next day in Brussels
    created = client.post("/api/v1/scan", json={"code": counter_path(app, shop)})
    assert created.status_code == 201
    assert created.get_json()["card"]["stamps"] == 2


def test_an_hourly_programme_allows_a_stamp_every_hour(app, client, shop, clock):
    _set_programme(app, shop, cooldown_hours=1)
    assert client.post(counter_path(app, shop)).status_code == 303
    assert client.post(counter_path(app, shop)).status_code == 409
    clock.advance(hours=1)
    assert client.post(counter_path(app, shop)).status_code == 303
    assert stamps_of(app, shop) == 2


def test_poster_codes_are_limited_more_strictly_and_can_be_revoked(app, client, shop, clock):
    programme = _programme(app, shop)
    poster = make_poster_code(programme.secret, "brugge", shop.id, programme.poster_generation)
    assert client.post(f"/brugge/s/{poster}").status_code == 303
    clock.advance(days=2)
    refused = client.post("/api/v1/scan", json={"code": poster, "city": "brugge"})
    assert refused.status_code == 409 and refused.get_json()["code"] == "cooldown"
    assert refused.get_json()["next_stamp_at"].startswith("2026-12-02")  # seven days after the first
    # The rotating counter code at the counter is not limited by the poster rule.
    assert client.post(counter_path(app, shop)).status_code == 303
    clock.advance(days=6)
    assert client.post(f"/brugge/s/{poster}").status_code == 303
    # The merchant stops old posters: the old code is refused as expired.
    merchant = app.test_client()
    merchant.login(shop.owner)
    assert merchant.post(f"/merchant/shops/{shop.id}/posters/revoke").status_code == 303
    clock.advance(days=8)
    gone = client.post("/api/v1/scan", json={"code": poster, "city": "brugge"})
    assert gone.status_code == 410 and gone.get_json()["code"] == "expired"
    assert stamps_of(app, shop) == 3


def test_typed_numeric_code_stamps_and_wrong_digits_are_refused(app, client, shop, clock):
    programme = _programme(app, shop)
    step = step_for(clock.at.timestamp(), app.config["KICK_CODE_STEP_SECONDS"])
    digits = numeric_fallback(programme.secret, "brugge", shop.id, step)
    wrong = f"{(int(digits) + 1) % 1_000_000:06d}"
    client.get("/brugge/stamps")
    bad = client.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": wrong})
    assert bad.status_code == 422 and stamps_of(app, shop) == 0
    assert "not valid" in bad.get_data(as_text=True) or "niet geldig" in bad.get_data(as_text=True)
    not_digits = client.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": "12ab56"})
    assert not_digits.status_code == 422
    ok = client.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": digits})
    assert ok.status_code == 303 and stamps_of(app, shop) == 1
    with app.app_context():
        assert db.session.execute(select(Stamp.source).where(Stamp.shop_id == shop.id)).scalar_one() == "numeric"


def test_scans_are_rate_limited_per_account(app, client, shops, clock):
    app.config["SCAN_LIMIT_PER_ACCOUNT"] = "3 per minute"
    client.login("shopper@kick.test")
    path = counter_path(app, shops["shop"])
    for _ in range(3):
        assert client.post(path).status_code in (303, 409)
    limited = client.post("/api/v1/scan", json={"code": token_of(path)})
    assert limited.status_code == 429
    assert limited.get_json()["code"] == "rate_limited" and int(limited.headers["Retry-After"]) > 0
    page = client.post(path)
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert "data-reason=\"rate_limited\"" in page.get_data(as_text=True)
    # Another shopper is not affected by this shopper's limit.
    assert app.test_client().post(counter_path(app, shops["other_shop"])).status_code == 303


def test_scans_are_rate_limited_per_ip(app, shops, clock):
    app.config["SCAN_LIMIT_PER_IP"] = "4 per minute"
    path = counter_path(app, shops["shop"])
    statuses = [app.test_client().post(path).status_code for _ in range(5)]  # five new shoppers, one IP
    assert statuses == [303, 303, 303, 303, 429]
    assert stamps_of(app, shops["shop"]) == 4


def test_scan_api_refuses_missing_and_oversized_fields(client, shops, clock):
    response = client.post("/api/v1/scan", json={})
    assert response.status_code == 422 and "code" in response.get_json()["errors"]
    assert client.post("/api/v1/scan", json={"code": "a" * 301}).status_code == 422
    assert client.post("/api/v1/scan", json={"code": "abc", "shop_id": 1}).status_code == 422
    assert client.post("/api/v1/scan", json={"code": "abc", "city": "atlantis"}).status_code == 422


def test_scan_without_csrf_token_is_refused(app, client, shop, clock):
    path = counter_path(app, shop)
    client.get(path)
    assert client.post(path, csrf=False).status_code == 400
    assert stamps_of(app, shop) == 0


def test_typed_codes_are_capped_per_shop_but_scans_are_not(app, shops, clock):
    app.config["SCAN_NUMERIC_LIMIT_PER_SHOP"] = "3 per minute"
    shop = shops["shop"]
    statuses = []
    for _ in range(4):  # four different shoppers guessing at one shop
        guesser = app.test_client()
        statuses.append(guesser.post("/api/v1/scan", json={"code": "000000", "shop_id": shop.id,
                                                           "city": "brugge"}).status_code)
    assert 429 not in statuses[:3] and statuses[3] == 429
    # Scanned QR codes do not use up the typed-code allowance.
    for name in ("shop", "other_shop", "third_shop", "shop"):
        assert app.test_client().post("/api/v1/scan", json={"code": counter_path(app, shops[name])}).status_code == 201


@pytest.fixture
def database_gone_after_commit(app, monkeypatch):
    """From the first commit on, every statement fails as if PostgreSQL had just restarted."""
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session
    gone = []
    real_commit = Session.commit

    def commit(self):
        real_commit(self)
        gone.append(True)

    def refuse(*_args):
        if gone:
            raise OperationalError("SELECT …", {}, Exception("server closed the connection unexpectedly"))
    monkeypatch.setattr(Session, "commit", commit)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    yield gone
    event.remove(engine, "before_cursor_execute", refuse)
    gone.clear()


@pytest.mark.parametrize("how", ["form", "api"])
def test_a_stored_stamp_is_answered_even_if_the_database_drops_right_after(app, client, shop, clock, how,
                                                                          database_gone_after_commit):
    """A restart between the commit and the answer must not turn a stored stamp into a 503 that the
    shopper retries (and is told to come back tomorrow). Found by `bench/load --fault pg-restart`."""
    path = counter_path(app, shop)
    if how == "form":
        response = client.post(path)
        assert response.status_code == 303 and "/brugge/stamps?new=" in response.headers["Location"]
    else:
        response = client.post("/api/v1/scan", json={"code": path})
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        assert body["card"]["stamps"] == 1 and body["card"]["title"] == "Bakkerij Test"
        assert body["card"]["city"] == "brugge" and body["stamp"]["id"]
    assert database_gone_after_commit  # the database really was gone while the answer was built
    database_gone_after_commit.clear()
    assert stamps_of(app, shop) == 1


def _lose_the_answer(client, session_before: str) -> None:
    """The answer (and the login cookies it set) never reached the phone."""
    client.set_cookie("session", session_before)
    client.delete_cookie("remember_token")


def test_a_first_scan_sent_again_after_a_lost_answer_joins_the_same_shopper(app, client, shops, clock):
    session_before = (client.csrf_token(), client.get_cookie("session").value)[1]
    users_before = count(app, User)
    assert client.post(counter_path(app, shops["shop"])).status_code == 303
    _lose_the_answer(client, session_before)
    again = client.post(counter_path(app, shops["shop"]))  # the phone sends the same scan again
    assert again.status_code == 409  # already stamped: the stamp of the lost answer is there
    assert count(app, User) == users_before + 1  # no second account
    assert client.post(counter_path(app, shops["other_shop"])).status_code == 303
    cards = client.get("/api/v1/me/cards").get_json()
    assert sorted(c["title"] for c in cards if c["kind"] == "shop") == ["Bakkerij Test", "Boekhandel Test"]
    assert stamps_of(app, shops["shop"]) == 1


def test_the_session_key_joins_only_a_new_anonymous_shopper(app, client, shops, clock):
    session_before = (client.csrf_token(), client.get_cookie("session").value)[1]
    users_before = count(app, User)
    assert client.post(counter_path(app, shops["shop"])).status_code == 303
    # Kept the stamps: a real account is never entered with the session key, not even seconds later.
    assert client.post("/register", data={"email": "keeper@example.test", "password": "a-long-password",
                                          "confirm": "a-long-password"}).status_code in (302, 303)
    client.logout()
    _lose_the_answer(client, session_before)
    assert client.post(counter_path(app, shops["other_shop"])).status_code == 303
    me = client.get("/api/v1/me").get_json()["user"]
    assert me["is_anonymous_shopper"] is True and me["email"] is None
    assert count(app, User) == users_before + 2

    # An anonymous shopper made more than two minutes ago is not joined either.
    from datetime import timedelta
    with app.app_context():
        user = db.session.execute(select(User).where(User.is_anonymous_shopper.is_(True)).order_by(
            User.id.desc())).scalars().first()
        user.created_at = clock.at - timedelta(minutes=3)
        db.session.commit()
    client.logout()  # the session (and its key) stays; only the login goes
    assert client.post(counter_path(app, shops["third_shop"])).status_code == 303
    assert count(app, User) == users_before + 3
