"""Issue 11, loyalty: rewards a city can fund. One stamp per shopper per shop per window whatever the path
(scans, typed codes, posters, merges at login), no stamps or rewards on the shop's own side, normalised
limit keys, a city pass that needs the shops' counters and a kept account, and the merged accounts'
privacy. SQLite and PostgreSQL (real concurrency: test_loyalty_concurrency.py)."""
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.extensions import db
from app.loyalty.codes import make_poster_code, numeric_fallback, step_for
from app.loyalty.models import (Card, MergedShopper, PassReward, PassVisit, Redemption, Stamp,
                                StampProgramme)
from tests.support.loyalty import (
    MERCHANT, card_of, counter_path, fill_card, logged_in_client as _client, refusals, set_city_pass as _set_pass,
    stamps_of)

SHOPPER = "shopper@kick.test"


def _programme(app, shop_ref) -> StampProgramme:
    with app.app_context():
        programme = db.session.execute(select(StampProgramme).where(StampProgramme.shop_id == shop_ref.id)).scalar_one()
        db.session.expunge(programme)
        return programme


def _poster_path(app, shop_ref) -> str:
    programme = _programme(app, shop_ref)
    return f"/{shop_ref.city}/s/" + make_poster_code(programme.secret, shop_ref.city, shop_ref.id,
                                                      programme.poster_generation)


def _digits(app, shop_ref, clock) -> str:
    programme = _programme(app, shop_ref)
    step = step_for(clock.at.timestamp(), app.config["KICK_CODE_STEP_SECONDS"])
    return numeric_fallback(programme.secret, shop_ref.city, shop_ref.id, step)


def assert_counts_match_rows(app):
    """Every shop card holds at least as many stamp rows as its count (+ the stamps spent on rewards) and every
    pass card counts exactly its confirmed visits; no card has two stamps in one window (the unique key)."""
    with app.app_context():
        rows = dict(db.session.execute(select(Stamp.card_id, func.count()).group_by(Stamp.card_id)).all())
        visits = dict(db.session.execute(select(PassVisit.card_id, func.count()).where(PassVisit.confirmed.is_(True))
                                         .group_by(PassVisit.card_id)).all())
        for card in db.session.execute(select(Card)).scalars():
            if card.is_pass:
                if card.redeemed_count == 0:
                    assert card.stamps <= visits.get(card.id, 0), (card.id, card.stamps, visits.get(card.id))
            elif card.redeemed_count == 0:
                assert card.stamps <= rows.get(card.id, 0), (card.id, card.stamps, rows.get(card.id))
        db.session.remove()


def _shop_stamps(app, email, shop_ref) -> int:
    value = card_of(app, email, shop_ref)
    return value[0] if value else 0


# ----------------------------------------------------------------- one stamp per window, whatever the path


def test_scans_on_three_phones_and_two_logins_give_one_stamp_per_window(app, shops, clock):
    shop, other = shops["shop"], shops["other_shop"]
    home = _client(app, SHOPPER)
    assert home.post(counter_path(app, shop)).status_code == 303  # the account's own phone
    # A second phone, anonymous: counter code, same day. A third phone: the typed code, same day.
    second, third = app.test_client(), app.test_client()
    assert second.post(counter_path(app, shop)).status_code == 303
    third.get("/brugge/stamps")
    assert third.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": _digits(app, shop, clock)}
                      ).status_code == 303
    assert third.post(counter_path(app, other)).status_code == 303
    second.login(SHOPPER)
    third.login(SHOPPER)
    assert _shop_stamps(app, SHOPPER, shop) == 1  # before the fix: 3 (one per phone)
    assert _shop_stamps(app, SHOPPER, other) == 1  # a stamp nobody else had moves along
    # Once logged in on every phone, the same window stays used on each of them.
    for phone in (home, second, third):
        assert phone.post(counter_path(app, shop)).status_code == 409
    clock.advance(days=1)
    assert second.post(counter_path(app, shop)).status_code == 303
    assert home.post(counter_path(app, shop)).status_code == 409
    assert _shop_stamps(app, SHOPPER, shop) == 2
    assert_counts_match_rows(app)
    # Every stamp of every phone is still stored (the merchant's figures), none counts twice.
    assert stamps_of(app, shop) == 4


def test_a_merge_adds_only_the_stamps_that_really_moved(app, shops, clock):
    """Two anonymous phones, each with a week of stamps at one shop, log into one account on days they share."""
    shop = shops["shop"]
    a, b = app.test_client(), app.test_client()
    for day in range(4):
        a.post(counter_path(app, shop))
        if day % 2 == 0:
            b.post(counter_path(app, shop))  # days 0 and 2: the same windows as phone a
        clock.advance(days=1)
    b.post(counter_path(app, shop))  # day 4: only b
    a.login(SHOPPER)
    b.login(SHOPPER)
    assert _shop_stamps(app, SHOPPER, shop) == 5  # days 0..4, one each (before the fix: 4 + 3 = 7)
    assert_counts_match_rows(app)


def test_poster_cooldown_holds_across_merged_cards(app, shop, clock):
    account = _client(app, SHOPPER)
    assert account.post(_poster_path(app, shop)).status_code == 303
    clock.advance(days=2)
    phone = app.test_client()  # a photo of the poster, two days later, on another phone
    assert phone.post(_poster_path(app, shop)).status_code == 303
    phone.login(SHOPPER)
    assert _shop_stamps(app, SHOPPER, shop) == 1  # before the fix: 2 poster stamps within 7 days
    refused = phone.post("/api/v1/scan", json={"code": _poster_path(app, shop)})
    assert refused.status_code == 409 and refused.get_json()["code"] == "cooldown"
    clock.advance(days=6)
    assert phone.post(_poster_path(app, shop)).status_code == 303
    assert _shop_stamps(app, SHOPPER, shop) == 2
    assert_counts_match_rows(app)


# ----------------------------------------------------------------- the shop's own side


def test_owner_cannot_collect_stamps_at_their_own_shop(app, shops, clock):
    shop = shops["shop"]
    owner = _client(app, MERCHANT)
    page = owner.post(counter_path(app, shop))
    assert page.status_code == 409
    text = page.get_data(as_text=True)
    assert 'data-reason="own_shop"' in text and "Dit is je eigen zaak" in text
    api = owner.post("/api/v1/scan", json={"code": counter_path(app, shop)})
    assert api.status_code == 409 and api.get_json()["code"] == "own_shop"
    owner.get("/brugge/stamps")
    typed = owner.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": _digits(app, shop, clock)})
    assert typed.status_code == 409
    assert owner.post(_poster_path(app, shop)).status_code == 409
    assert stamps_of(app, shop) == 0 and refusals(app, "own_shop", shop) == 4
    stats = owner.get(f"/merchant/shops/{shop.id}/stats").get_data(as_text=True)
    assert 'data-refusal="own_shop">4<' in stats
    # At someone else's shop the merchant is a shopper like any other.
    assert owner.post(counter_path(app, shops["other_shop"])).status_code == 303


def test_owner_stamps_collected_anonymously_do_not_follow_them_into_their_account(app, shops, clock):
    shop = shops["shop"]
    phone = app.test_client()
    assert phone.post(counter_path(app, shop)).status_code == 303  # not logged in: nobody knows yet
    assert phone.post(counter_path(app, shops["other_shop"])).status_code == 303
    phone.login(MERCHANT)
    assert _shop_stamps(app, MERCHANT, shop) == 0
    assert _shop_stamps(app, MERCHANT, shops["other_shop"]) == 1


def test_owner_cannot_confirm_their_own_reward(app, shop, clock):
    card_id = fill_card(app, MERCHANT, shop)  # e.g. a card from before this rule
    owner = _client(app, MERCHANT)
    code = owner.post(f"/api/v1/me/cards/{card_id}/redeem").get_json()["redeem_code"]
    refused = owner.post("/api/v1/merchant/redemptions", json={"redeem_code": code})
    assert refused.status_code == 403 and refused.get_json()["code"] == "own_reward"
    page = owner.post("/merchant/rewards", data={"redeem_code": code})
    assert page.status_code == 403 and "Je kunt je eigen beloning niet bevestigen" in page.get_data(as_text=True)
    assert card_of(app, MERCHANT, shop)[1] == 0 and refusals(app, "own_shop", shop) == 2
    with app.app_context():
        assert db.session.execute(select(Redemption.status).where(Redemption.card_id == card_id)).scalar_one() \
            == "pending"


def test_a_marketer_cannot_confirm_their_own_city_pass(app, shops, clock):
    _set_pass(app, distinct_shops_required=2, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31))
    desk = _client(app, "marketer@brugge.kick.test")
    desk.post(counter_path(app, shops["shop"]))
    desk.post(counter_path(app, shops["other_shop"]))
    card = next(c for c in desk.get("/api/v1/me/cards").get_json() if c["kind"] == "pass" and c["city"] == "brugge")
    code = desk.post(f"/api/v1/me/cards/{card['id']}/redeem").get_json()["redeem_code"]
    assert desk.post("/brugge/studio/pass/rewards", data={"redeem_code": code}).status_code == 403


# ----------------------------------------------------------------- rate-limit keys


@pytest.mark.parametrize("how", ["api", "form"])
def test_typed_shop_id_spellings_share_one_limit(app, shops, clock, how):
    app.config["SCAN_NUMERIC_LIMIT_PER_SHOP"] = "3 per minute"
    shop = shops["shop"]
    spellings = [f"0{shop.id}", f" {shop.id}", f"+{shop.id}", float(shop.id) if how == "api" else f"00{shop.id} "]
    statuses = []
    for spelling in spellings:  # four guessers, four spellings of one shop
        guesser = app.test_client()
        if how == "api":
            response = guesser.post("/api/v1/scan", json={"code": "000000", "shop_id": spelling, "city": "brugge"})
        else:
            guesser.get("/brugge/stamps")
            response = guesser.post("/brugge/stamps/code", data={"shop_id": spelling, "digits": "000000"})
        statuses.append(response.status_code)
    assert 429 not in statuses[:3] and statuses[3] == 429, statuses  # before the fix: four buckets, no 429
    app.config["SCAN_NUMERIC_LIMIT_PER_SHOP"] = "1000 per minute"
    for bad in ("1_0", "1e1", "ten", True, 10.5, "-3"):
        if how == "form" and not isinstance(bad, str):
            continue
        client = app.test_client()
        if how == "api":
            response = client.post("/api/v1/scan", json={"code": "000000", "shop_id": bad, "city": "brugge"})
            assert response.status_code == 422 and "shop_id" in response.get_json()["errors"], bad
        else:
            client.get("/brugge/stamps")
            assert client.post("/brugge/stamps/code", data={"shop_id": bad, "digits": "000000"}).status_code \
                == 422, bad


def test_typed_codes_are_limited_per_shopper_across_shops(app, shops, clock):
    app.config["SCAN_NUMERIC_LIMIT_PER_ACCOUNT"] = "3 per minute"
    guesser = _client(app, SHOPPER)
    statuses = [guesser.post("/api/v1/scan", json={"code": "000000", "shop_id": shops[name].id, "city": "brugge"}
                             ).status_code for name in ("shop", "other_shop", "third_shop", "shop")]
    assert statuses[:3] == [422, 422, 422] and statuses[3] == 429, statuses
    # Another shopper at the same shops is not held back, and scanning a QR code is not a typed code.
    assert _client(app, "admin@kick.test").post("/api/v1/scan", json={
        "code": _digits(app, shops["shop"], clock), "shop_id": shops["shop"].id, "city": "brugge"}).status_code == 201
    assert guesser.post(counter_path(app, shops["other_shop"])).status_code == 303


# ----------------------------------------------------------------- the city pass needs the counters


def test_poster_stamps_count_for_the_pass_only_once_confirmed_at_the_counter(app, shops, clock):
    _set_pass(app, distinct_shops_required=2, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31))
    shopper = app.test_client()
    first = shopper.post("/api/v1/scan", json={"code": _poster_path(app, shops["shop"])}).get_json()
    assert first["card"]["stamps"] == 1  # the shop card counts it
    assert first["pass_counted"] is False and first["pass_pending"] is True and first["pass_card"]["stamps"] == 0
    second = shopper.post(_poster_path(app, shops["other_shop"]))
    assert second.status_code == 303
    page = shopper.get(second.headers["Location"]).get_data(as_text=True)
    assert "een affiche alleen bewijst niet dat je er was" in page
    assert page.count("data-pass-pending") == 2 and "0 van 2 verschillende winkels bezocht" in page
    cards = {c["kind"]: c for c in shopper.get("/api/v1/me/cards").get_json() if c["city"] == "brugge"}
    assert cards["pass"]["stamps"] == 0 and not cards["pass"]["full"]  # before the fix: 2 of 2, full

    # At the counter the same day: no second shop stamp, but the visit now counts for the pass.
    confirmed = shopper.post("/api/v1/scan", json={"code": counter_path(app, shops["shop"])})
    assert confirmed.status_code == 409 and confirmed.get_json()["pass_confirmed"] is True
    assert "telt nu wel voor de stadspas" in confirmed.get_json()["detail"]
    # The typed code is shown by the counter display too: it confirms.
    shopper.get("/brugge/stamps")
    typed = shopper.post("/brugge/stamps/code", data={"shop_id": shops["other_shop"].id,
                                                      "digits": _digits(app, shops["other_shop"], clock)})
    assert typed.status_code == 409 and "telt nu wel voor de stadspas" in typed.get_data(as_text=True)
    cards = {c["kind"]: c for c in shopper.get("/api/v1/me/cards").get_json() if c["city"] == "brugge"}
    assert cards["pass"]["stamps"] == 2 and cards["pass"]["full"]
    assert card_of_shop_stamps(app, shopper, shops["shop"]) == 1  # the shop card did not gain a stamp
    assert_counts_match_rows(app)


def card_of_shop_stamps(app, client, shop_ref) -> int:
    return next(c["stamps"] for c in client.get("/api/v1/me/cards").get_json() if c["shop_id"] == shop_ref.id)


def test_a_counter_stamp_on_another_day_confirms_a_poster_visit(app, shops, clock):
    _set_pass(app, distinct_shops_required=2, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31))
    shopper = app.test_client()
    shopper.post(_poster_path(app, shops["shop"]))
    clock.advance(days=1)
    result = shopper.post("/api/v1/scan", json={"code": counter_path(app, shops["shop"])}).get_json()
    assert result["pass_counted"] is True and result["pass_card"]["stamps"] == 1 and result["card"]["stamps"] == 2


def test_a_merged_poster_visit_stays_unconfirmed(app, shops, clock):
    _set_pass(app, distinct_shops_required=2, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31))
    account = _client(app, SHOPPER)
    account.post(counter_path(app, shops["other_shop"]))
    before = next(c["stamps"] for c in account.get("/api/v1/me/cards").get_json() if c["kind"] == "pass"
                  and c["city"] == "brugge")
    phone = app.test_client()
    phone.post(_poster_path(app, shops["third_shop"]))
    phone.login(SHOPPER)
    after = next(c["stamps"] for c in phone.get("/api/v1/me/cards").get_json() if c["kind"] == "pass"
                 and c["city"] == "brugge")
    assert after == before
    assert_counts_match_rows(app)


# ----------------------------------------------------------------- redeeming the pass


def _full_pass(app, shops, clock, email=SHOPPER):
    _set_pass(app, distinct_shops_required=2, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31))
    shopper = _client(app, email)
    shopper.post(counter_path(app, shops["shop"]))
    clock.advance(minutes=7)
    shopper.post(counter_path(app, shops["other_shop"]))
    card = next(c for c in shopper.get("/api/v1/me/cards").get_json() if c["kind"] == "pass" and c["city"] == "brugge")
    assert card["full"]
    return shopper, card["id"]


def test_one_pass_reward_per_person_per_period_held_by_the_database(app, shops, clock):
    shopper, card_id = _full_pass(app, shops, clock)
    desk = _client(app, "marketer@brugge.kick.test")
    code = shopper.post(f"/api/v1/me/cards/{card_id}/redeem").get_json()["redeem_code"]
    assert desk.post("/brugge/studio/pass/rewards", data={"redeem_code": code}).status_code == 200
    # Even if the card's counter were reset (a bug, a hand edit), the period's reward is already recorded.
    with app.app_context():
        card = db.session.get(Card, card_id)
        card.redeemed_count = 0
        db.session.commit()
    again = shopper.post(f"/api/v1/me/cards/{card_id}/redeem")
    assert again.status_code == 409 and again.get_json()["code"] == "already_redeemed"
    export = shopper.get("/api/v1/me/export").get_json()["loyalty"]  # the person's own record of it
    assert [(r["city"], r["pass_period_start"]) for r in export["city_pass_rewards"]] == [("brugge", "2026-11-01")]
    with app.app_context():
        reward = db.session.execute(select(PassReward).where(
            PassReward.user_id == db.session.get(Card, card_id).user_id)).scalar_one()
        second = Redemption(card_id=card_id, cycle=5, city_id=reward.city_id, code="ZZZZZZ", status="confirmed",
                            expires_at=clock.at)
        db.session.add(second)
        db.session.flush()
        db.session.add(PassReward(city_id=reward.city_id, pass_id=reward.pass_id, user_id=reward.user_id,
                                  period_start=reward.period_start, redemption_id=second.id))
        with pytest.raises(IntegrityError):
            db.session.flush()
        db.session.rollback()


def test_studio_shows_pass_completions_that_look_farmed(app, shops, clock):
    _shopper, fast_card = _full_pass(app, shops, clock)  # two shops within 7 minutes
    slow = _client(app, "admin@kick.test")
    slow.post(counter_path(app, shops["shop"]))
    clock.advance(days=2)
    slow.post(counter_path(app, shops["third_shop"]))
    slow_card = next(c["id"] for c in slow.get("/api/v1/me/cards").get_json() if c["kind"] == "pass"
                     and c["city"] == "brugge")
    page = _client(app, "marketer@brugge.kick.test").get("/brugge/studio/pass").get_data(as_text=True)
    assert "data-suspicious-completions" in page and "Voltooiingen om twee keer naar te kijken" in page
    assert f'data-card="{fast_card}"' in page and 'data-minutes="7"' in page
    assert f'data-card="{slow_card}"' not in page


# ----------------------------------------------------------------- privacy: merged anonymous accounts


def test_export_lists_the_stamps_of_merged_anonymous_cards_and_deletion_removes_those_accounts(app, shops, clock):
    shop, other = shops["shop"], shops["other_shop"]
    account = _client(app, SHOPPER)
    account.post(counter_path(app, shop))
    phone = app.test_client()
    phone.post(counter_path(app, shop))  # same window: stays on the anonymous card as history
    phone.post(counter_path(app, other))
    anonymous_id = phone.get("/api/v1/me").get_json()["user"]["id"]
    phone.login(SHOPPER)
    data = phone.get("/api/v1/me/export").get_json()["loyalty"]
    listed = sorted(s["shop"] for card in data["cards"] for s in card["stamp_history"])
    with app.app_context():
        user_id = find_user_by_email(SHOPPER).id
        everything = sorted(db.session.execute(select(Stamp.shop_id).where(Stamp.user_id == user_id)).scalars())
        assert db.session.execute(select(MergedShopper.account_id).where(
            MergedShopper.anonymous_id == anonymous_id)).scalar_one() == user_id
    assert listed.count(shop.slug) == 2 and listed.count(other.slug) == 1  # before the fix: one of shop's missing
    assert len(listed) == len(everything)
    assert data["merged_anonymous_accounts"] == 1
    assert any(card["merged_from_anonymous_account"] for card in data["cards"])

    deleted = phone.post("/account/delete", data={"password": "kick-demo"})
    assert deleted.status_code in (302, 303), deleted.status_code
    with app.app_context():
        assert db.session.get(User, anonymous_id) is None  # before the fix: the merged-away account stayed
        assert db.session.execute(select(Card).where(Card.user_id == anonymous_id)).first() is None
        assert db.session.execute(select(Stamp).where(Stamp.user_id.in_([anonymous_id, user_id]))).first() is None
        assert db.session.execute(select(MergedShopper)).first() is None
