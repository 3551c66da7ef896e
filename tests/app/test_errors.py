"""Bad input gets a clear 4xx: problem+json under /api/, a themed page elsewhere; never a 500."""
import pytest


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"] and "type" in body and "detail" in body
    return body


def test_validation_errors_have_field_messages(client):
    body = assert_problem(client.post("/api/v1/auth/login", json={"email": "not-an-email"}), 422)
    assert body["errors"]["email"] and body["errors"]["password"]


def test_malformed_json_is_a_400(client):
    response = client.post("/api/v1/auth/login", data=b"{not json", content_type="application/json")
    assert_problem(response, 400)


def test_malformed_utf8_is_a_400(client):
    response = client.post("/api/v1/auth/login", data=b'{"email": "\xff\xfe"}', content_type="application/json")
    body = assert_problem(response, 400)
    assert body["code"] == "validation_error" and body["errors"] == {"_schema": ["Invalid JSON body."]}


def test_wrong_content_type_is_a_415(client):
    assert_problem(client.post("/api/v1/auth/login", data="email=x", content_type="text/plain"), 415)


@pytest.mark.parametrize("payload,fields", [
    ([1, 2, 3], {"_schema"}), ("text", {"_schema"}), (12, {"_schema"}),  # not an object: one message for the body
    (None, {"email", "password"}),  # JSON null: as if nothing was sent, each required field says so
    ({"email": ["a"], "password": {"x": 1}}, {"email", "password"}),  # each field of the wrong type
])
def test_json_of_the_wrong_shape_is_a_422_naming_the_fields(client, payload, fields):
    body = assert_problem(client.post("/api/v1/auth/login", json=payload), 422)
    assert body["code"] == "validation_error" and set(body["errors"]) == fields, body


def test_oversize_body_is_a_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    assert_problem(client.post("/api/v1/auth/login", data=b"x" * 4096, content_type="application/json"), 413)
    response = client.post("/login", data={"email": "a" * 4096, "password": "x"})
    assert response.status_code == 413 and "text/html" in response.content_type


def test_unknown_api_route_and_method(client):
    assert_problem(client.get("/api/v1/does-not-exist"), 404)
    body = assert_problem(client.delete("/api/v1/cities"), 405)
    assert body["title"]


@pytest.mark.parametrize("path,status", [("/nope", 404), ("/brugge/nope", 404)])
def test_html_errors_are_friendly_pages(client, path, status):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == status and "text/html" in response.content_type
    assert "<main" in response.get_data(as_text=True)


def test_html_405(client):
    response = client.put("/login")
    assert response.status_code == 405 and "text/html" in response.content_type


def test_500_rolls_back_and_shows_a_page(app):
    from tests.factories import CityFactory

    @app.route("/boom")
    def boom():
        CityFactory(slug="half-written")  # flushed, not committed: the error must roll it back
        raise RuntimeError("bug")

    app.testing = False  # let the error handler run instead of propagating
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom")
    assert response.status_code == 500 and "text/html" in response.content_type
    from app.cities.services import city_by_slug
    with app.app_context():
        assert city_by_slug("half-written") is None


def test_database_outage_is_a_503_with_retry_after(app, client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    import app.cities.services as services

    def down(*args, **kwargs):
        raise OperationalError("select 1", {}, Exception("connection refused"))

    monkeypatch.setattr(services, "live_cities", down)
    body = assert_problem(client.get("/api/v1/cities"), 503)
    assert body["code"] == "unavailable"
