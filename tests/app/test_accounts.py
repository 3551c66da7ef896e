import pytest

from app.accounts.services import find_user_by_email


def test_register_login_logout(client):
    response = client.post("/register", data={"email": "Anna@Example.be", "password": "lang-genoeg-1",
                                               "confirm": "lang-genoeg-1", "display_name": "Anna"})
    assert response.status_code == 302
    assert client.get("/api/v1/me").get_json()["user"]["email"] == "anna@example.be"
    client.logout()
    assert client.get("/api/v1/me").get_json()["user"] is None
    client.login("anna@example.be", "lang-genoeg-1")
    assert client.get("/api/v1/me").get_json()["user"]["display_name"] == "Anna"


def test_password_is_hashed(app, client):
    client.post("/register", data={"email": "b@example.be", "password": "lang-genoeg-1", "confirm": "lang-genoeg-1"})
    with app.app_context():
        user = find_user_by_email("b@example.be")
    assert user.password_hash and "lang-genoeg-1" not in user.password_hash


def test_register_refuses_short_password_and_duplicate_email(app, client):
    response = client.post("/register", data={"email": "c@example.be", "password": "short", "confirm": "short"})
    assert response.status_code == 422
    with app.app_context():
        assert find_user_by_email("c@example.be") is None
    response = client.post("/register", data={"email": "shopper@kick.test", "password": "lang-genoeg-1",
                                               "confirm": "lang-genoeg-1"})
    assert response.status_code == 409


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
