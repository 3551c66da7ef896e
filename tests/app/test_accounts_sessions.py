"""Issue 11, accounts and sessions: a logout is final, logins last as long as the role allows, the CSRF
secret changes at login, unknown emails cost a hash check, and strangers cannot lock a person out."""
from datetime import timedelta

import pytest
import werkzeug.security

from app.accounts import services
from app.core import clock

STRANGER = {"REMOTE_ADDR": "203.0.113.9"}
OWNER = {"REMOTE_ADDR": "198.51.100.7"}


def me(client):
    return client.get("/api/v1/me").get_json()["user"]


def copy_cookies(source, target):
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value, domain=cookie.domain)


@pytest.mark.parametrize("via", ["form", "api"])
def test_a_session_copied_before_logout_is_refused_after_it(app, client, via):
    client.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo", "remember": "y"})
    assert client.get_cookie("remember_token") is not None
    stolen = app.test_client()
    copy_cookies(client, stolen)
    assert me(stolen)["email"] == "shopper@kick.test"
    if via == "form":
        client.logout()
    else:
        assert client.post("/api/v1/auth/logout").status_code == 204
    assert me(client) is None
    assert me(stolen) is None  # the session cookie and the remember cookie both find a changed token
    only_remember = app.test_client()
    only_remember.set_cookie("remember_token", stolen.get_cookie("remember_token").value)
    assert me(only_remember) is None


def test_logging_in_again_after_logout_works(client):
    client.login("shopper@kick.test")
    client.logout()
    client.login("shopper@kick.test")
    assert me(client)["email"] == "shopper@kick.test"


def remember_days(response) -> int:
    """Days until the remember cookie set by this answer expires."""
    from datetime import datetime, timezone
    from email.utils import parsedate_to_datetime
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    expires = next(part.split("=", 1)[1] for part in header.split("; ") if part.lower().startswith("expires="))
    return round((parsedate_to_datetime(expires) - datetime.now(timezone.utc)) / timedelta(days=1))


@pytest.mark.parametrize("email, days", [("marketer@brugge.kick.test", 30), ("merchant1@brugge.kick.test", 30),
                                         ("admin@kick.test", 30), ("shopper@kick.test", 365)])
def test_a_login_lasts_as_long_as_the_role_allows(app, client, monkeypatch, email, days):
    response = client.post("/login", data={"email": email, "password": "kick-demo", "remember": "y"})
    assert remember_days(response) == days
    replay = app.test_client()
    replay.set_cookie("remember_token", client.get_cookie("remember_token").value)
    real_now = clock.now
    monkeypatch.setattr(clock, "now", lambda: real_now() + timedelta(days=days - 1))
    assert me(client)["email"] == email and me(replay)["email"] == email
    monkeypatch.setattr(clock, "now", lambda: real_now() + timedelta(days=days + 1))
    assert me(client) is None  # the session cookie carries the same deadline
    assert me(replay) is None


def test_a_staff_login_from_before_deadlines_is_refused_but_a_shoppers_is_kept(app):
    with app.test_request_context():
        for email, kept in (("marketer@brugge.kick.test", False), ("shopper@kick.test", True)):
            user = services.find_user_by_email(email)
            loader = app.login_manager._user_callback
            assert (loader(f"{user.id}:{user.session_token}") is not None) is kept


@pytest.mark.parametrize("path", ["/login", "/register"])
def test_the_csrf_secret_changes_at_login(client, path):
    before = client.csrf_token()
    if path == "/login":
        data = {"email": "shopper@kick.test", "password": "kick-demo"}
    else:
        data = {"email": "nieuw@example.be", "password": "Zeelaan-Reiger-42!", "confirm": "Zeelaan-Reiger-42!"}
    assert client.post(path, data=data, headers={"X-CSRFToken": before}, csrf=False).status_code == 302
    planted = client.post("/api/v1/auth/logout", headers={"X-CSRFToken": before}, csrf=False)
    assert planted.status_code == 400  # a token from before the login is no longer valid
    assert me(client) is not None
    assert client.post("/api/v1/auth/logout").status_code == 204  # the new token works


def test_the_api_login_hands_out_the_new_csrf_token(client):
    before = client.csrf_token()
    body = client.post("/api/v1/auth/login", json={"email": "shopper@kick.test", "password": "kick-demo"},
                       headers={"X-CSRFToken": before}, csrf=False).get_json()
    assert body["csrf_token"] and body["csrf_token"] != before
    assert client.post("/api/v1/auth/logout", headers={"X-CSRFToken": body["csrf_token"]},
                       csrf=False).status_code == 204


@pytest.mark.parametrize("email", ["nobody-here@example.be", "shopper@kick.test"])
def test_a_login_checks_one_password_hash_whether_or_not_the_email_exists(app, client, monkeypatch, email):
    calls = []
    real = werkzeug.security.check_password_hash

    def counting(hash_, password):
        calls.append(hash_.split("$", 1)[0])
        return real(hash_, password)
    monkeypatch.setattr(werkzeug.security, "check_password_hash", counting)
    monkeypatch.setattr("app.accounts.models.check_password_hash", counting)
    assert client.post("/login", data={"email": email, "password": "not-the-password"}).status_code == 401
    assert calls == [app.config["PASSWORD_HASH_METHOD"]]  # one hash of the same cost either way


def test_a_stranger_cannot_lock_the_owner_out(app):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per minute"
    stranger = app.test_client()
    stranger.environ_base.update(STRANGER)
    answers = [stranger.post("/login", data={"email": "shopper@kick.test", "password": "guess"}).status_code
               for _ in range(5)]
    assert answers[:3] == [401, 401, 401] and answers[3:] == [429, 429]  # the stranger is limited
    owner = app.test_client()
    owner.environ_base.update(OWNER)
    assert owner.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo"}).status_code == 302


def test_email_spellings_share_one_login_bucket(app, client):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per minute"
    for spelling in (" Shopper@Kick.test ", "SHOPPER@kick.test", "shopper@kick.test  "):
        assert client.post("/login", data={"email": spelling, "password": "guess"}).status_code == 401
    response = client.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo"})
    assert response.status_code == 429


WEAK = ["wachtwoord123", "password1234", "qwertyuiop12", "anna.peeters-1"]


@pytest.mark.parametrize("password", WEAK)
def test_register_refuses_guessable_passwords_in_dutch(app, client, password):
    response = client.post("/register", data={"email": "anna.peeters@example.be", "password": password,
                                               "confirm": password, "display_name": "Anna"},
                           headers={"Accept-Language": "nl-BE"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert ("te makkelijk te raden" in page) or ("e-mailadres niet in je wachtwoord" in page)
    with app.app_context():
        assert services.find_user_by_email("anna.peeters@example.be") is None


def test_a_password_with_the_email_in_it_gets_its_own_message(client):
    response = client.post("/register", data={"email": "fietsatelier@example.be", "password": "Fietsatelier-2026x",
                                               "confirm": "Fietsatelier-2026x"})
    assert response.status_code == 422
    assert "e-mailadres niet in je wachtwoord" in response.get_data(as_text=True)


def test_change_password_and_merchant_sign_up_refuse_guessable_passwords(client):
    client.login("shopper@kick.test")
    response = client.post("/account/password", data={"current_password": "kick-demo",
                                                       "new_password": "password1234", "confirm": "password1234"})
    assert response.status_code == 422 and "te makkelijk te raden" in response.get_data(as_text=True)
    client.logout()
    response = client.post("/merchant/join", data={"city": "brugge", "email": "nieuw@example.be",
                                                   "password": "password1234", "confirm": "password1234",
                                                   "name": "Nieuwe winkel"})
    assert response.status_code == 422 and "te makkelijk te raden" in response.get_data(as_text=True)


def test_a_strong_password_is_accepted(client):
    response = client.post("/register", data={"email": "anna.peeters@example.be", "password": "Reiger-zeelaan-42",
                                               "confirm": "Reiger-zeelaan-42"})
    assert response.status_code == 302
