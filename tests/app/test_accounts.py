import base64
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.services import find_user_by_email
from app.extensions import db
from tests.conftest import confirmation_links, mail_text, mails, open_links_later


def test_register_login_logout(app, client):
    response = client.post("/register", data={"email": "Anna@Example.be", "password": "lang-genoeg-1",
                                               "confirm": "lang-genoeg-1", "display_name": "Anna"})
    assert response.status_code == 302
    me = client.get("/api/v1/me").get_json()["user"]
    assert me["email"] is None and me["email_to_confirm"] == "anna@example.be"  # not a login until proved
    client.logout()
    assert client.get("/api/v1/me").get_json()["user"] is None
    # Before the link is opened the address is not a login for anyone else, but its maker, with the
    # password they chose, gets in on another device (where the banner offers the link again).
    wrong = client.post("/login", data={"email": "anna@example.be", "password": "lang-genoeg-2"})
    assert wrong.status_code == 401
    laptop = app.test_client()
    laptop.login("anna@example.be", "lang-genoeg-1")
    assert laptop.get("/api/v1/me").get_json()["user"]["email_to_confirm"] == "anna@example.be"
    assert "data-confirm-email" in laptop.get("/brugge/stamps").get_data(as_text=True)
    page = client.open_confirmation_link("anna@example.be").get_data(as_text=True)  # e.g. on a laptop
    assert "anna@example.be" in page
    client.login("anna@example.be", "lang-genoeg-1")
    me = client.get("/api/v1/me").get_json()["user"]
    assert me["display_name"] == "Anna" and me["email"] == "anna@example.be" and me["email_to_confirm"] is None


def test_password_is_hashed(app, client):
    client.register("b@example.be")
    with app.app_context():
        user = find_user_by_email("b@example.be")
    assert user.password_hash and "lang-genoeg-1" not in user.password_hash


def test_register_refuses_short_password(app, client):
    response = client.post("/register", data={"email": "c@example.be", "password": "short", "confirm": "short"})
    assert response.status_code == 422
    assert mails(app) == []
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(User)
                                  .where(User.pending_email == "c@example.be")).scalar_one() == 0


def test_a_taken_address_looks_like_a_free_one_and_its_owner_gets_a_notice(app):
    """Registering never tells the person at the keyboard whether an address has an account."""
    answers = {}
    for address in ("shopper@kick.test", "vrij@example.be"):
        client = app.test_client()
        response = client.post("/register?next=/brugge/stamps", data={
            "email": address, "password": "lang-genoeg-1", "confirm": "lang-genoeg-1"},
            headers={"Accept-Language": "nl"})
        page = client.get(response.headers["Location"], headers={"Accept-Language": "nl"}).get_data(as_text=True)
        flash = page[page.index('class="flash'):].split("</", 1)[0]
        answers[address] = (response.status_code, response.headers["Location"], flash.replace(address, "X"))
    assert answers["shopper@kick.test"] == answers["vrij@example.be"]
    assert "we stuurden een link naar X" in answers["vrij@example.be"][2]

    notice, = mails(app, "shopper@kick.test")
    assert "al een account" in mail_text(notice) and confirmation_links(app, "shopper@kick.test") == []
    assert len(confirmation_links(app, "vrij@example.be")) == 1
    owner = app.test_client()
    owner.login("shopper@kick.test", "kick-demo")  # the owner's account is untouched
    with app.app_context():
        strangers = db.session.execute(select(User).where(User.pending_email == "shopper@kick.test")).scalars().all()
        assert [u.email for u in strangers] == [None]


def test_confirmation_links_expire_are_checked_and_can_be_opened_twice(app, client, monkeypatch):
    client.register("dirk@example.be", confirm=False)
    link = confirmation_links(app, "dirk@example.be")[-1]
    path = urlsplit(link).path
    payload = path.rsplit("/", 1)[-1].split(".")[0]
    assert "dirk" not in base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()  # not in access logs
    assert client.get(path[:-3] + "abc").status_code == 400  # a damaged link
    with monkeypatch.context() as later:
        open_links_later(later, days=3)
        assert client.get(path).status_code == 410  # older than 48 hours
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # a second click (mail apps open links twice)
    with app.app_context():
        assert find_user_by_email("dirk@example.be").email_verified_at is not None


def test_an_address_confirmed_by_another_account_first_is_refused(app):
    first, second = app.test_client(), app.test_client()
    first.register("twee@example.be", confirm=False)
    second.register("twee@example.be", confirm=False)
    early_link = urlsplit(confirmation_links(app, "twee@example.be")[0]).path
    second.open_confirmation_link("twee@example.be")
    refused = first.get(early_link)
    assert refused.status_code == 409
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(User)
                                  .where(User.email == "twee@example.be")).scalar_one() == 1


def test_the_link_can_be_sent_again_a_few_times(app, client):
    client.register("emma@example.be", confirm=False)
    page = client.get("/brugge/stamps").get_data(as_text=True)
    assert "data-confirm-email" in page and "emma@example.be" in page
    statuses = [client.post("/account/confirm", data={"next": "/brugge/stamps"}).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]  # KICK_CONFIRM_LINK_LIMIT_PER_ACCOUNT: 3 per hour
    assert len(confirmation_links(app, "emma@example.be")) == 4  # the first one and three again
    client.open_confirmation_link("emma@example.be")
    assert "data-confirm-email" not in client.get("/brugge/stamps").get_data(as_text=True)


def test_wrong_password_is_refused(client):
    response = client.post("/login", data={"email": "shopper@kick.test", "password": "wrong-password"})
    assert response.status_code == 401
    assert client.get("/api/v1/me").get_json()["user"] is None


def test_login_redirects_only_to_local_next(client):
    response = client.post("/login?next=https://evil.example/", data={"email": "shopper@kick.test",
                                                                       "password": "kick-demo"})
    assert response.headers["Location"] == "/"
    client.logout()
    response = client.post("/login?next=/brugge/", data={"email": "shopper@kick.test", "password": "kick-demo"})
    assert response.headers["Location"] == "/brugge/"


def test_login_is_rate_limited_per_account(app, client):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per minute"
    for _ in range(3):
        assert client.post("/login", data={"email": "shopper@kick.test", "password": "nope"}).status_code == 401
    response = client.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo"})
    assert response.status_code == 429
    assert "Retry-After" in response.headers
    # Another account from the same client is still allowed (different key).
    assert client.post("/login", data={"email": "admin@kick.test", "password": "kick-demo"}).status_code == 302


def test_login_is_rate_limited_per_ip(app, client):
    app.config["LOGIN_LIMIT_PER_IP"] = "4 per minute"
    for n in range(4):
        client.post("/login", data={"email": f"user{n}@example.be", "password": "nope"})
    response = client.post("/login", data={"email": "someone-else@example.be", "password": "nope"})
    assert response.status_code == 429


def test_api_login_is_rate_limited(app, client):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per minute"
    for _ in range(2):
        client.post("/api/v1/auth/login", json={"email": "shopper@kick.test", "password": "nope"})
    response = client.post("/api/v1/auth/login", json={"email": "shopper@kick.test", "password": "nope"})
    assert response.status_code == 429
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == "rate_limited"


def test_form_post_without_csrf_token_is_refused(client):
    response = client.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo"}, csrf=False)
    assert response.status_code == 400
    assert client.get("/api/v1/me").get_json()["user"] is None


def test_api_unsafe_call_without_csrf_header_is_refused(client):
    client.post("/api/v1/auth/login", json={"email": "shopper@kick.test", "password": "kick-demo"})
    response = client.post("/api/v1/auth/logout", csrf=False)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert client.get("/api/v1/me").get_json()["user"] is not None


def test_api_login_returns_user_and_csrf_token(client):
    response = client.post("/api/v1/auth/login", json={"email": "marketer@brugge.kick.test", "password": "kick-demo"},
                           csrf=False)
    body = response.get_json()
    assert response.status_code == 200
    assert body["user"]["marketer_of"] == ["brugge"] and body["csrf_token"]
    assert "password" not in str(body)
    logout = client.post("/api/v1/auth/logout", csrf=False, headers={"X-CSRFToken": body["csrf_token"]})
    assert logout.status_code == 204


def test_api_login_wrong_password_is_problem_json(client):
    response = client.post("/api/v1/auth/login", json={"email": "shopper@kick.test", "password": "x"})
    assert response.status_code == 401 and response.get_json()["code"] == "invalid_credentials"


def test_change_password_signs_out_other_sessions(app, client):
    other = app.test_client()
    other.login("shopper@kick.test")
    client.login("shopper@kick.test")
    response = client.post("/account/password", data={"current_password": "kick-demo",
                                                       "new_password": "een-nieuw-wachtwoord",
                                                       "confirm": "een-nieuw-wachtwoord"})
    assert response.status_code == 302
    assert client.get("/api/v1/me").get_json()["user"]["email"] == "shopper@kick.test"
    assert other.get("/api/v1/me").get_json()["user"] is None
    client.logout()
    client.login("shopper@kick.test", "een-nieuw-wachtwoord")


def test_change_password_requires_current_password(client):
    client.login("shopper@kick.test")
    response = client.post("/account/password", data={"current_password": "wrong",
                                                       "new_password": "een-nieuw-wachtwoord",
                                                       "confirm": "een-nieuw-wachtwoord"})
    assert response.status_code == 422


@pytest.mark.parametrize("email,status", [
    ("marketer@brugge.kick.test", 200), ("marketer@oostende.kick.test", 404), ("admin@kick.test", 200),
    ("shopper@kick.test", 404)])
def test_studio_is_for_marketers_of_that_city(client, email, status):
    client.login(email)
    assert client.get("/brugge/studio/").status_code == status


def test_studio_sends_anonymous_visitors_to_login(client):
    response = client.get("/brugge/studio/")
    assert response.status_code == 302 and "/login?next=/brugge/studio/" in response.headers["Location"]


def test_cli_grant_and_revoke_marketer(app, runner, client):
    result = runner.invoke(args=["users", "grant-marketer", "shopper@kick.test", "oostende"])
    assert result.exit_code == 0, result.output
    client.login("shopper@kick.test")
    assert client.get("/oostende/studio/").status_code == 200
    result = runner.invoke(args=["users", "revoke-marketer", "shopper@kick.test", "oostende"])
    assert result.exit_code == 0
    assert client.get("/oostende/studio/").status_code == 404
    assert runner.invoke(args=["users", "grant-marketer", "nobody@x.be", "oostende"]).exit_code != 0
    assert runner.invoke(args=["users", "grant-marketer", "shopper@kick.test", "atlantis"]).exit_code != 0


def test_a_user_may_market_several_cities(runner, client):
    runner.invoke(args=["users", "grant-marketer", "marketer@brugge.kick.test", "ieper"])
    client.login("marketer@brugge.kick.test")
    assert client.get("/brugge/studio/").status_code == 200
    assert client.get("/ieper/studio/").status_code == 200
    assert client.get("/kortrijk/studio/").status_code == 404


def test_after_confirming_a_merchant_continues_to_their_shops(client):
    """The confirmation page's "Verder" goes where a login would land: a merchant's shops, not the picker."""
    from tests.support.shops import register_merchant
    register_merchant(client, email="verder@winkel.test")
    page = client.open_confirmation_link("verder@winkel.test").get_data(as_text=True)
    assert 'href="/merchant/"' in page
