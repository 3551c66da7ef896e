"""My data: download everything (HTML and API), delete the account; shops' statistics stay exact."""
import json
import re

from sqlalchemy import func, select

from app.accounts.models import Membership, User
from app.accounts.services import find_user_by_email
from app.extensions import db
from app.loyalty.models import Card, PassVisit, Redemption, Stamp
from app.loyalty.services.stats import shop_stats
from app.trails.models import TrailRevision
from tests.support.loyalty import MERCHANT, counter_path, fill_card, logged_in_client as _client

SHOPPER = "shopper@kick.test"


def _stats(app, shop_id):
    with app.app_context():
        stats = shop_stats(shop_id)
        db.session.remove()
        return stats


def _user_rows(app, email):
    """How many rows still point at the person (by id), once the account is gone."""
    with app.app_context():
        user = find_user_by_email(email)
        db.session.remove()
        return user


def _figures(page: str) -> dict:
    return dict(re.findall(r'data-figure="(\w+)">(\d+)<', page))


def _busy_week(app, shop, clock):
    """Three shoppers over four days at `shop`: the demo shopper comes on three days and gets a reward."""
    shopper, walk_in, regular = _client(app, SHOPPER), app.test_client(), app.test_client()
    for day in range(4):
        if day != 2:
            assert shopper.post(counter_path(app, shop)).status_code in (201, 303)
        if day in (0, 3):
            regular.post(counter_path(app, shop))
        if day == 1:
            walk_in.post(counter_path(app, shop))
        clock.advance(days=1)
    card_id = fill_card(app, SHOPPER, shop)
    code = shopper.post(f"/api/v1/me/cards/{card_id}/redeem").get_json()["redeem_code"]
    merchant = _client(app, MERCHANT)
    assert merchant.post("/api/v1/merchant/redemptions", json={"redeem_code": code}).status_code == 200
    return shopper, merchant


# ----------------------------------------------------------------- the page and the download

def test_visitor_sees_that_nothing_is_stored(client):
    response = client.get("/brugge/account/privacy")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Niets bewaard op deze gsm" in html
    assert 'href="/login?next=' in html and "Mijn account verwijderen" not in html
    assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/account/data.json").status_code == 302  # to the login page
    assert client.get("/api/v1/me/export").status_code == 401


def test_my_data_is_linked_from_the_footer_the_menu_and_the_privacy_page(app):
    client = _client(app, SHOPPER)
    home = client.get("/brugge/").get_data(as_text=True)
    assert home.count('href="/brugge/account/privacy"') == 2  # menu and footer
    assert 'href="/brugge/account/privacy"' in client.get("/brugge/privacy").get_data(as_text=True)


def test_download_holds_the_account_cards_and_every_stamp(app, shop, clock):
    shopper, _ = _busy_week(app, shop, clock)
    page = shopper.get("/brugge/account/privacy").get_data(as_text=True)
    assert "shopper@kick.test" in page and "Download mijn gegevens (JSON)" in page
    assert 'href="/account/data.json"' in page

    response = shopper.get("/account/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="kick-city-data-')
    assert response.headers["Cache-Control"] == "no-store"
    data = json.loads(response.get_data(as_text=True))
    assert data["format"] == "kick-city-export/1"
    assert data["account"]["email"] == SHOPPER and "hash" in data["account"]["password"]
    assert "pbkdf2" not in response.get_data(as_text=True)  # never the hash itself
    card = next(c for c in data["loyalty"]["cards"] if c["shop"] == shop.slug)
    assert [s["shop"] for s in card["stamp_history"]] == [shop.slug] * 3
    assert card["rewards"][0]["status"] == "confirmed"
    assert data["shops"] == {"owned_shops": [], "notifications": [], "favourite_shops": []}
    # the API gives the same document
    api = shopper.get("/api/v1/me/export").get_json()
    assert api["account"] == data["account"] and api["loyalty"] == data["loyalty"]


def test_download_uses_a_fixed_number_of_queries(app, shop, clock, count_queries):
    shopper = _client(app, SHOPPER)
    with count_queries() as before:
        shopper.get("/account/data.json")
    _busy_week(app, shop, clock)
    with count_queries() as after:
        assert shopper.get("/account/data.json").status_code == 200
    with count_queries() as page:
        assert shopper.get("/brugge/account/privacy").status_code == 200
    assert after.count == before.count <= 25  # one query per personal table (figures: the vendor keys a person made;
    # agenda: the events a person proposed; premises: state changes, profiles, requests; voice: news deliveries,
    # channel choices, push subscriptions, questionnaires asked and signed answers, when the survey last asked;
    # shops: favourite shops)
    # The privacy page reads the same parts (plus the city and the session): one query per personal table.
    assert page.count <= 28, "\n".join(s[:150] for s in page.statements)


def test_merchant_export_lists_their_shops(app, shop):
    data = _client(app, MERCHANT).get("/api/v1/me/export").get_json()
    assert [s["slug"] for s in data["shops"]["owned_shops"]] == [shop.slug]


# ----------------------------------------------------------------- deleting

def test_deleting_keeps_every_shop_figure_identical(app, shops, clock):
    shop = shops["shop"]
    shopper, merchant = _busy_week(app, shop, clock)
    before = _stats(app, shop.id)
    page_before = merchant.get(f"/merchant/shops/{shop.id}/stats").get_data(as_text=True)
    assert _figures(page_before) == {"stamps": "6", "shoppers": "3", "returning": "2", "rewards": "1"}
    with app.app_context():
        user_id = find_user_by_email(SHOPPER).id
        db.session.remove()

    response = shopper.post("/brugge/account/delete", data={"password": "kick-demo"})
    assert response.status_code == 302 and response.headers["Location"] == "/brugge/"
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'  # offline copies of the cards go too

    assert _stats(app, shop.id) == before  # every day, shoppers, returning, rewards, refusals
    page_after = merchant.get(f"/merchant/shops/{shop.id}/stats").get_data(as_text=True)
    assert _figures(page_after) == _figures(page_before)
    with app.app_context():
        assert find_user_by_email(SHOPPER) is None
        for model, column in ((Card, Card.user_id), (Stamp, Stamp.user_id), (User, User.id)):
            assert db.session.execute(select(func.count()).select_from(model).where(column == user_id)).scalar() == 0
        assert db.session.execute(select(func.count()).select_from(Redemption)
                                  .where(Redemption.shop_id == shop.id)).scalar() == 0
        db.session.remove()
    # the session is over and the password no longer opens anything
    assert shopper.get("/api/v1/me").get_json()["user"] is None
    assert app.test_client().post("/login", data={"email": SHOPPER, "password": "kick-demo"}).status_code == 401


def test_wrong_password_deletes_nothing(app, shop, clock):
    shopper = _client(app, SHOPPER)
    response = shopper.post("/account/delete", data={"password": "not-my-password"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "Het wachtwoord klopt niet." in html
    assert _user_rows(app, SHOPPER) is not None
    assert shopper.post("/account/delete", data={"password": "x" * 201}).status_code == 422
    assert shopper.post("/account/delete", data={"password": "kick-demo"}, csrf=False).status_code == 400
    assert _user_rows(app, SHOPPER) is not None


def test_anonymous_shopper_confirms_with_a_tick_and_loses_the_card(app, shop, clock):
    phone = app.test_client()
    assert phone.post(counter_path(app, shop)).status_code in (201, 303)
    page = phone.get("/brugge/account/privacy").get_data(as_text=True)
    assert "Een anonieme stempelkaart op deze gsm" in page and 'name="confirm"' in page
    assert 'name="password"' not in page
    assert phone.post("/brugge/account/delete", data={}).status_code == 422
    with app.app_context():
        anonymous = db.session.execute(select(func.count()).select_from(User).where(
            User.is_anonymous_shopper.is_(True))).scalar()
        db.session.remove()
    assert phone.post("/brugge/account/delete", data={"confirm": "y"}).status_code == 302
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(User).where(
            User.is_anonymous_shopper.is_(True))).scalar() == anonymous - 1
        db.session.remove()
    assert "Niets bewaard op deze gsm" in phone.get("/brugge/account/privacy").get_data(as_text=True)


def test_api_delete_needs_the_password_or_the_confirmation(app, shop, clock):
    shopper = _client(app, SHOPPER)
    wrong = shopper.delete("/api/v1/me", json={"password": "nope"})
    assert wrong.status_code == 422 and wrong.get_json()["errors"] == {"password": ["Het wachtwoord klopt niet."]}
    assert shopper.delete("/api/v1/me", json={"password": 5}).status_code == 422
    assert shopper.delete("/api/v1/me", json={"password": "kick-demo"}, csrf=False).status_code == 400
    deleted = shopper.delete("/api/v1/me", json={"password": "kick-demo"})
    assert deleted.status_code == 204 and "storage" in deleted.headers["Clear-Site-Data"]
    assert _user_rows(app, SHOPPER) is None

    phone = app.test_client()
    phone.post("/api/v1/scan", json={"code": counter_path(app, shop)})
    refused = phone.delete("/api/v1/me", json={}, headers={"Accept-Language": "en"})
    assert refused.get_json()["errors"] == {"confirm": ["Tick the box to confirm that your stamps may be deleted."]}
    assert phone.delete("/api/v1/me", json={"confirm": True}).status_code == 204
    assert app.test_client().delete("/api/v1/me", json={"confirm": True}).status_code == 401


def test_shop_owner_must_hand_over_their_shops_first(app, shop):
    merchant = _client(app, MERCHANT)
    page = merchant.get("/account/privacy").get_data(as_text=True)
    assert "Bakkerij Test" in page and "Vraag de stad" in page and "button-danger" not in page
    response = merchant.post("/account/delete", data={"password": "kick-demo"})
    assert response.status_code == 409 and "Bakkerij Test" in response.get_data(as_text=True)
    api = merchant.delete("/api/v1/me", json={"password": "kick-demo"})
    assert api.status_code == 409 and api.get_json()["code"] == "owns_shops"
    assert _user_rows(app, MERCHANT) is not None


def test_admin_is_removed_by_the_operator_only(app, runner):
    admin = _client(app, "admin@kick.test")
    assert admin.delete("/api/v1/me", json={"password": "kick-demo"}).get_json()["code"] == "admin_account"
    assert _user_rows(app, "admin@kick.test") is not None
    result = runner.invoke(args=["privacy", "delete-user", "admin@kick.test", "--yes"])
    assert result.exit_code == 0, result.output
    assert _user_rows(app, "admin@kick.test") is None
    assert runner.invoke(args=["privacy", "delete-user", "nobody@kick.test", "--yes"]).exit_code == 1


def test_marketer_deletion_ends_the_role_and_unnames_trail_versions(app):
    marketer = _client(app, "marketer@brugge.kick.test")
    new = marketer.post("/api/v1/cities/brugge/trails", json={
        "kind": "heritage", "title": {"nl": "Proefwandeling"}, "summary": {"nl": "Kort"}})
    assert new.status_code == 201, new.get_json()
    with app.app_context():
        user_id = find_user_by_email("marketer@brugge.kick.test").id
        revisions = db.session.execute(select(func.count()).select_from(TrailRevision).where(
            TrailRevision.author_id == user_id)).scalar()
        db.session.remove()
    assert revisions >= 1
    assert marketer.delete("/api/v1/me", json={"password": "kick-demo"}).status_code == 204
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(Membership).where(
            Membership.user_id == user_id)).scalar() == 0
        assert db.session.execute(select(func.count()).select_from(TrailRevision).where(
            TrailRevision.author_id == user_id)).scalar() == 0
        assert db.session.execute(select(func.count()).select_from(TrailRevision).where(
            TrailRevision.author_id.is_(None))).scalar() >= revisions
        db.session.remove()
    # the role is gone with the account: the studio is a 404 again for that session
    assert app.test_client().get("/brugge/studio/").status_code in (302, 404)


def test_pass_visits_go_with_the_card(app, shops, clock):
    shopper = _client(app, SHOPPER)
    shopper.post(counter_path(app, shops["shop"]))
    shopper.post(counter_path(app, shops["other_shop"]))
    with app.app_context():
        user_id = find_user_by_email(SHOPPER).id
        cards = select(Card.id).where(Card.user_id == user_id)
        assert db.session.execute(select(func.count()).select_from(PassVisit).where(
            PassVisit.card_id.in_(cards))).scalar() >= 1
        db.session.remove()
    assert shopper.delete("/api/v1/me", json={"password": "kick-demo"}).status_code == 204
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(PassVisit).where(
            PassVisit.card_id.in_(cards))).scalar() == 0
        db.session.remove()


def test_delete_form_and_api_survive_hostile_input(app):
    from tests.support.hostile import failures_report, probe_form, probe_json
    shopper = _client(app, SHOPPER)
    failures = probe_form(shopper, "/brugge/account/delete", ["password", "confirm"])
    failures += probe_json(shopper, "DELETE", "/api/v1/me", ["password", "confirm"])
    assert not failures, failures_report(failures)
    assert _user_rows(app, SHOPPER) is not None  # nothing hostile deleted the account
