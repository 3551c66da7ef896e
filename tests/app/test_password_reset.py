"""Wachtwoord vergeten: the same answer for every address, a link valid one hour and once, and a new
password that ends every other session."""
from tests.conftest import mails, open_links_later, reset_links

SHOPPER = "shopper@kick.test"
NEW = "Meeuw-kaai-Zand-83"


def main_text(response) -> str:
    html = response.get_data(as_text=True)
    return html[html.index("<main"):html.index("</main>")]


def ask(client, email: str):
    return client.post("/account/password/forgot", data={"email": email}, headers={"Accept-Language": "nl"})


def test_asking_for_a_link_says_the_same_for_every_address(app, client):
    known, unknown = ask(client, SHOPPER), ask(client, "niemand@example.be")
    assert known.status_code == unknown.status_code == 200
    assert main_text(known).replace(SHOPPER, "X") == main_text(unknown).replace("niemand@example.be", "X")
    assert len(reset_links(app, SHOPPER)) == 1 and mails(app, "niemand@example.be") == []
    assert "Wachtwoord vergeten?" in client.get("/login", headers={"Accept-Language": "nl"}).get_data(as_text=True)


def test_a_new_password_ends_every_other_session_and_the_link_works_once(app, client):
    other_device = app.test_client()
    other_device.login(SHOPPER)
    ask(client, SHOPPER)
    link, = reset_links(app, SHOPPER)
    assert SHOPPER in client.get(link).get_data(as_text=True)
    weak = client.post(link, data={"password": "wachtwoord1", "confirm": "wachtwoord1"})
    assert weak.status_code == 422  # refused, and the link still works
    done = client.post(link, data={"password": NEW, "confirm": NEW})
    assert done.status_code == 302
    assert client.get("/api/v1/me").get_json()["user"]["email"] == SHOPPER  # this device is logged in
    assert other_device.get("/api/v1/me").get_json()["user"] is None  # every other one is not
    assert client.get(link).status_code == 410  # used
    assert app.test_client().post("/login", data={"email": SHOPPER, "password": "kick-demo"}).status_code == 401
    app.test_client().login(SHOPPER, NEW)


def test_links_expire_after_an_hour_and_addresses_are_rate_limited(app, client, monkeypatch):
    ask(client, SHOPPER)
    link, = reset_links(app, SHOPPER)
    with monkeypatch.context() as later:
        open_links_later(later, minutes=61)
        assert client.get(link).status_code == 410
    assert client.get(link[:-4] + "abcd").status_code == 400
    statuses = [ask(app.test_client(), SHOPPER).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # KICK_MAIL_LIMIT_PER_ADDRESS: 3 per hour, whoever asks
    assert len(reset_links(app, SHOPPER)) == 3


def test_the_api_answers_202_for_any_address_and_204_for_a_reset(app):
    api = app.test_client()
    for email in (SHOPPER, "niemand@example.be"):
        answer = api.post("/api/v1/auth/password-reset", json={"email": email}, csrf=False)
        assert answer.status_code == 202 and answer.get_data() == b""
    token = reset_links(app, SHOPPER)[-1].rsplit("/", 1)[-1]
    weak = api.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": "wachtwoord1"})
    assert weak.status_code == 422 and "password" in weak.get_json()["errors"]
    assert api.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": NEW}).status_code == 204
    used = api.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": NEW})
    assert used.status_code == 410 and used.get_json()["code"] == "link_used"
    bad = api.post("/api/v1/auth/password-reset/confirm", json={"token": "nonsense", "password": NEW})
    assert bad.status_code == 400 and bad.get_json()["code"] == "link_invalid"
    app.test_client().login(SHOPPER, NEW)
