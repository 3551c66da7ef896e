"""Hostile input across the app: every GET route with nasty path values, query strings and headers;
the foundation's forms and JSON API; path tricks; oversize bodies. Always a clear 4xx, never a 500.
(tests/app/hostile.py holds the probes; other features run them on their own endpoints too.)"""
import pytest

from tests.support.hostile import failures_report, get_rules, judge, probe_form, probe_get_routes, probe_json, valid_url


def test_every_get_route_survives_hostile_input_anonymously(app, client):
    failures = probe_get_routes(app, client)
    assert not failures, failures_report(failures)


def test_every_get_route_survives_hostile_input_as_admin(app, client):
    """Logged in as admin, studio and merchant pages really run their code on the nasty values
    (the routes an anonymous visitor is turned away from; the others ran in the test above)."""
    anonymous = app.test_client()
    turned_away = {rule.endpoint for rule in get_rules(app)
                   if anonymous.get(valid_url(rule)).status_code in (302, 401, 403)}
    client.login("admin@kick.test")
    failures = probe_get_routes(app, client, only=lambda rule: rule.endpoint in turned_away, headers=False)
    assert turned_away, "no login-only pages found: the probe would prove nothing"
    assert not failures, failures_report(failures)


NOT_FOUND = ["/..%2f..%2fetc/passwd/", "/brugge/../../", "/brugge/../../etc/passwd", "/brugge/%00",
             "/media/..%2f..%2fetc%2fpasswd", "/media/%2e%2e/%2e%2e/etc/passwd.jpg",
             "/static/..%2f..%2fapp%2fconfig.py", "/static/../app/config.py", "/brugge/" + "%ff" * 300]
# a NUL or an over-long city slug is refused as a bad request, before any lookup
BAD_REQUEST = ["/%00", "/%00/", "/brugge%00/", "/" + "a" * 10_000, "/lang/%00?next=/brugge/", "/api/v1/cities/%00",
               "/api/v1/cities/" + "x" * 5000]


@pytest.mark.parametrize("path,status", [(p, 404) for p in NOT_FOUND] + [(p, 400) for p in BAD_REQUEST])
def test_path_tricks_are_a_clear_4xx(client, path, status):
    response = client.get(path, follow_redirects=True)  # "/%00" first gets its trailing slash
    assert response.status_code == status, (path, response.status_code)
    expected_type = "application/problem+json" if path.startswith("/api/") else "text/html"
    assert response.mimetype == expected_type, (path, response.mimetype)
    assert judge(response, path) is None
    assert b"import" not in response.data and b"root:" not in response.data


def test_nul_in_a_slug_is_refused_before_the_database(client, count_queries):
    with count_queries() as queries:
        response = client.get("/brugge%00/")
    assert response.status_code == 400 and queries.count == 0


def test_ids_beyond_our_integer_columns_are_a_404(app):
    from app.cities.models import City
    from app.extensions import db

    @app.route("/t/cities/<int:city_id>")
    def by_id(city_id):
        return db.get_or_404(City, city_id).slug

    client = app.test_client()
    assert client.get("/t/cities/1").status_code == 200
    for ident in ("2147483648", "99999999999999999999999999"):
        response = client.get(f"/t/cities/{ident}")
        assert response.status_code == 404 and "<main" in response.get_data(as_text=True)


@pytest.mark.parametrize("url,fields,login", [
    ("/login", ["email", "password", "remember", "next"], None),
    ("/register", ["email", "password", "password_confirm", "display_name", "next"], None),
    ("/account/password", ["current_password", "new_password", "new_password_confirm"], "shopper@kick.test"),
    ("/logout", ["next"], None),
])
def test_foundation_forms_survive_hostile_fields(app, client, url, fields, login):
    app.config["LOGIN_LIMIT_PER_IP"] = app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "10000 per minute"
    if login:
        client.login(login)
    failures = probe_form(client, url, fields)
    assert not failures, failures_report(failures)


@pytest.mark.parametrize("method,url,fields", [
    ("POST", "/api/v1/auth/login", ["email", "password", "remember"]),
    ("POST", "/api/v1/auth/logout", []),
])
def test_json_api_survives_hostile_bodies(app, client, method, url, fields):
    app.config["LOGIN_LIMIT_PER_IP"] = app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "10000 per minute"
    failures = probe_json(client, method, url, fields)
    assert not failures, failures_report(failures)


@pytest.mark.parametrize("body,code", [
    (b"[" * 50_000 + b"]" * 50_000, "bad_json"),  # would be a RecursionError in the parser
    (b'{"email": "a@b.c", "password": ' + b"[" * 40 + b"]" * 40 + b"}", "bad_json"),
    (b'{"email": "a@b.c", "password": NaN}', "bad_json"),
    (b'{"email": "a@b.c", "password": -Infinity}', "bad_json"),
    (b'{"email": "a@b.c", "password": 9007199254740993}', "bad_json"),
    (b'{"email": "a\\u0000@b.c", "password": "x"}', "bad_json"),
])
def test_hostile_json_is_refused_with_a_reason(client, body, code):
    response = client.post("/api/v1/auth/login", data=body, content_type="application/json")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == code and response.get_json()["detail"]


def test_large_but_fair_numbers_pass_the_guard(client):
    response = client.post("/api/v1/auth/login", json={"email": "a@b.c", "password": 2 ** 52})
    assert response.status_code == 422  # the schema's answer (wrong type), not the guard's


def test_json_bodies_have_their_own_size_limit(client):
    body = b'{"email": "' + b"a" * (1024 * 1024 + 10) + b'"}'
    response = client.post("/api/v1/auth/login", data=body, content_type="application/json")
    assert response.status_code == 413 and response.mimetype == "application/problem+json"


def test_too_many_form_parts_is_a_413_page(client):
    data = "&".join(f"f{i}=x" for i in range(400))
    response = client.post("/login", data=data, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413 and "<main" in response.get_data(as_text=True)


def test_a_form_field_over_the_memory_limit_is_a_413(client):
    response = client.post("/login", data={"email": "a" * (1024 * 1024 + 1), "password": "x"})
    assert response.status_code == 413


def test_a_body_over_max_content_length_is_a_413(client):
    response = client.post("/login", data=b"x" * (12 * 1024 * 1024 + 1),
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413


def test_nul_in_a_form_field_is_a_400_before_the_database(client, count_queries):
    with count_queries() as queries:
        response = client.post("/register", data={"email": "nul@kick.test", "password": "long-enough-1",
                                                  "password_confirm": "long-enough-1", "display_name": "a\x00b"})
    assert response.status_code == 400 and queries.count == 0


def test_malformed_utf8_in_forms_and_queries_is_handled(client):
    response = client.post("/login", data=b"email=%ff%fe&password=%c0%af",
                           content_type="application/x-www-form-urlencoded", headers={"Accept-Language": "nl"})
    # the broken bytes decode to replacement characters: an ordinary wrong login, the form shown again
    assert response.status_code == 401
    assert "E-mail of wachtwoord is niet juist." in response.get_data(as_text=True)
    assert client.get("/api/v1/me").get_json()["user"] is None
    assert client.get("/brugge/?next=%ff%fe%fd").status_code == 200
