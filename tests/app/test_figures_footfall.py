"""Footfall in the studio (/<city>/studio/footfall: counting points on a map, the CSV import and its report,
vendor tokens) and the vendor's push (POST /api/v1/cities/<city>/footfall with a bearer token).
Marketers of the town only; another town's point, token or marketer is a 404; bad input a 4xx with the
field's message and nothing written."""
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from app.cities.services import city_by_slug
from app.extensions import db
from app.figures.models import CountingPoint, FootfallCount, FootfallToken
from app.figures.services.footfall import create_footfall_token, save_footfall_point

PAGE = "/brugge/studio/footfall"
PUSH = "/api/v1/cities/brugge/footfall"
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "footfall.csv"
NL = {"Accept-Language": "nl"}


@pytest.fixture(autouse=True)
def no_demo_counters(app):
    """The demo's Roeselare counts people at three points: these tests count the points and hours they make."""
    with app.app_context():
        db.session.execute(delete(FootfallCount))
        db.session.execute(delete(CountingPoint))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def marketer(client):
    client.login("marketer@brugge.kick.test")
    return client


@pytest.fixture
def points(app, clock):
    """Brugge's two counting points (the sample file's codes) and one of Oostende's."""
    with app.app_context():
        brugge, oostende = city_by_slug("brugge"), city_by_slug("oostende")
        ids = {"steen": save_footfall_point(brugge, {"code": "STEENSTRAAT", "name": "Steenstraat",
                                                     "lat": "51.2067", "lon": "3.2216"}).id,
               "markt": save_footfall_point(brugge, {"code": "MARKT", "name": "Markt"}).id,
               "oostende": save_footfall_point(oostende, {"code": "KAPELLESTRAAT", "name": "Kapellestraat"}).id}
        db.session.remove()
    return ids


def tokens(app, slug: str = "brugge", label: str = "Teller BV") -> tuple[int, str]:
    with app.app_context():
        token, secret = create_footfall_token(None, city_by_slug(slug), label)
        token_id = token.id
        db.session.remove()
    return token_id, secret


def upload(client, data: bytes, name: str = "tellingen.csv"):
    return client.post(f"{PAGE}/import", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data",
                       headers=NL)


def stored(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(select(CountingPoint.code, FootfallCount.hour, FootfallCount.count)
                                  .join(FootfallCount.point).order_by(CountingPoint.code, FootfallCount.hour)).all()
        db.session.remove()
    return [(code, hour.isoformat(), count) for code, hour, count in rows]


def push(client, body, secret: str | None, **headers):
    if secret is not None:
        headers.setdefault("Authorization", f"Bearer {secret}")
    return client.post(PUSH, json=body, csrf=False, headers=headers)


# ---------------------------------------------------------------- the studio page


def test_the_studio_has_a_footfall_tile_and_the_page_lists_the_points_on_a_map(marketer, points):
    studio = marketer.get("/brugge/studio/", headers=NL).get_data(as_text=True)
    assert 'href="/brugge/studio/footfall"' in studio
    response = marketer.get(PAGE, headers=NL)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    assert "Steenstraat" in html and "Markt" in html and "Kapellestraat" not in html  # only Brugge's
    data = json.loads(re.search(r'<script type="application/json" id="footfall-points"[^>]*>(.*?)</script>', html,
                                re.S).group(1))
    assert data == [{"name": "Steenstraat", "code": "STEENSTRAAT", "lat": 51.2067, "lon": 3.2216,
                     "url": f"/brugge/studio/footfall/points/{points['steen']}"}]  # the Markt is not on the map
    assert 'data-tiles="' in html and "js/figures-footfall.js" in html


@pytest.mark.parametrize("who,status", [("marketer@oostende.kick.test", 404), ("shopper@kick.test", 404),
                                        ("merchant1@brugge.kick.test", 404), ("desk@brugge.kick.test", 404)])
def test_only_the_towns_marketers_see_the_page(client, who, status):
    client.login(who)
    assert client.get(PAGE).status_code == status


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


# ---------------------------------------------------------------- counting points


def test_a_marketer_adds_and_moves_a_counting_point(app, marketer, clock):
    response = marketer.post(f"{PAGE}/points/new", data={"code": "ZUID-2", "name": "Zuidzandstraat",
                                                         "lat": "51,2043", "lon": "3,2190"}, headers=NL)
    assert response.status_code == 302 and response.headers["Location"] == PAGE
    page = marketer.get(PAGE, headers=NL).get_data(as_text=True)
    assert "Telpunt Zuidzandstraat is bewaard." in page and "ZUID-2" in page
    with app.app_context():
        point = db.session.execute(select(CountingPoint).where(CountingPoint.code == "ZUID-2")).scalar_one()
        point_id, where = point.id, (point.lat, point.lon)
        db.session.remove()
    assert where == (51.2043, 3.219)
    form = marketer.get(f"{PAGE}/points/{point_id}", headers=NL).get_data(as_text=True)
    assert 'value="ZUID-2"' in form and 'id="footfall-pin"' in form
    moved = marketer.post(f"{PAGE}/points/{point_id}", data={"code": "ZUID-2", "name": "Zuidzandstraat",
                                                             "lat": "", "lon": ""})
    assert moved.status_code == 302
    with app.app_context():
        assert db.session.get(CountingPoint, point_id).lat is None
        db.session.remove()


@pytest.mark.parametrize("form,field,message", [
    ({"code": "STEENSTRAAT", "name": "Dubbel"}, "code", "Een ander telpunt van deze stad heeft deze code."),
    ({"code": "", "name": "Zonder code"}, "code", None),
    ({"code": "NIEUW", "name": ""}, "name", None),
    ({"code": "NIEUW", "name": "Ver weg", "lat": "50.85", "lon": "4.35"}, "lat", None),
    ({"code": "NIEUW", "name": "Half", "lat": "51.2"}, "lat", None),
    ({"code": "NIEUW", "name": "Tekst", "lat": "noord", "lon": "3.2"}, "lat", None),
])
def test_a_bad_counting_point_is_a_422_with_the_message_on_its_field(app, marketer, points, form, field, message):
    response = marketer.post(f"{PAGE}/points/new", data=form, headers=NL)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert re.search(rf'id="{field}-error"', html), html[:3000]
    if message:
        assert message in html
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(CountingPoint)).scalar_one() == 3
        db.session.remove()


def test_another_towns_point_is_a_404(marketer, points):
    assert marketer.get(f"{PAGE}/points/{points['oostende']}").status_code == 404
    assert marketer.post(f"{PAGE}/points/{points['oostende']}", data={"code": "X", "name": "X"}).status_code == 404
    assert marketer.get(f"{PAGE}/points/999999").status_code == 404


# ---------------------------------------------------------------- the CSV import


def test_the_sample_file_imports_and_the_report_names_what_was_left_out(app, marketer, points):
    response = upload(marketer, SAMPLE.read_bytes())
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:2000]
    assert "Import klaar" in html
    rows = stored(app)
    sample_rows = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:] if line.strip()]
    good = [line for line in sample_rows if line.split(",")[0] in ("STEENSTRAAT", "MARKT")]
    assert len(rows) == len(good) and rows[0][0] == "MARKT"
    assert re.search(r"Nieuwe uren: <strong>%d</strong>" % len(good), html)
    # The second import of the same file replaces every hour, it does not add them again.
    again = upload(marketer, SAMPLE.read_bytes()).get_data(as_text=True)
    assert re.search(r"Vervangen uren: <strong>%d</strong>" % len(good), again) and len(stored(app)) == len(good)


def test_unknown_points_and_bad_rows_are_reported_and_the_rest_stored(app, marketer, points):
    data = ("point,hour,count\n"
            "STEENSTRAAT,2026-11-02T14:00,418\n"
            "KAPELLESTRAAT,2026-11-02T14:00,300\n"  # Oostende's point: unknown in Brugge
            "STEENSTRAAT,2026-11-02T15:15,10\n"
            "MARKT,2026-11-02T15:00,-4\n").encode()
    html = upload(marketer, data).get_data(as_text=True)
    assert "<code>KAPELLESTRAAT</code>: rijen 3" in html
    assert "Rij 4" in html and "Rij 5" in html
    assert stored(app) == [("STEENSTRAAT", "2026-11-02T13:00:00+00:00", 418)]
    with app.app_context():  # nothing was created for the unknown code
        assert db.session.execute(select(func.count()).select_from(CountingPoint)).scalar_one() == 3
        db.session.remove()


@pytest.mark.parametrize("data,status,message", [
    (b"punt,uur,aantal\n", 422, "De eerste regel moet precies zijn: point,hour,count"),
    (b"", 422, None),
    (b"point,hour,count\n" + b"MARKT,2026-11-02T14:00,1\n" * 6, 422, None),
    (b"point,hour,count\n" + b"#" * 2000, 413, None),
])
def test_a_file_that_is_too_large_too_long_or_not_the_format_is_refused_whole(app, marketer, points, data, status,
                                                                               message):
    app.config.update(KICK_FOOTFALL_CSV_MAX_ROWS=5, KICK_FOOTFALL_CSV_MAX_BYTES=1000)
    response = upload(marketer, data)
    html = response.get_data(as_text=True)
    assert response.status_code == status
    assert 'id="file-error"' in html
    if message:
        assert message in html
    assert stored(app) == []


def test_an_import_without_a_file_is_a_422(marketer, points):
    response = marketer.post(f"{PAGE}/import", data={}, headers=NL)
    assert response.status_code == 422 and 'id="file-error"' in response.get_data(as_text=True)


# ---------------------------------------------------------------- vendor tokens


def test_a_token_is_shown_once_and_stored_as_its_sha256(app, marketer):
    response = marketer.post(f"{PAGE}/tokens", data={"label": "Teller BV"}, headers=NL)
    html = response.get_data(as_text=True)
    assert response.status_code == 201 and "no-store" in response.headers["Cache-Control"]
    secret = re.search(r'<code class="footfall-token"[^>]*>(kff_[A-Za-z0-9_-]+)</code>', html).group(1)
    assert "Set-Cookie" not in response.headers or secret not in response.headers["Set-Cookie"]
    with app.app_context():
        token = db.session.execute(select(FootfallToken)).scalar_one()
        assert token.digest == hashlib.sha256(secret.encode()).hexdigest() and token.label == "Teller BV"
        assert token.created_by_id is not None and token.last_used_at is None
        db.session.remove()
    later = marketer.get(PAGE, headers=NL).get_data(as_text=True)
    assert secret not in later and "Teller BV" in later and "Nog niet gebruikt" in later


def test_a_token_without_a_name_is_a_422(app, marketer):
    response = marketer.post(f"{PAGE}/tokens", data={"label": ""}, headers=NL)
    assert response.status_code == 422 and 'id="label-error"' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(FootfallToken)).scalar_one() == 0
        db.session.remove()


def test_a_revoked_token_can_no_longer_push(app, client, marketer, points):
    token_id, secret = tokens(app)
    body = [{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 5}]
    assert push(app.test_client(), body, secret).status_code == 200
    revoked = marketer.post(f"{PAGE}/tokens/{token_id}/revoke", headers=NL)
    assert revoked.status_code == 302
    assert "ingetrokken" in marketer.get(PAGE, headers=NL).get_data(as_text=True)
    refused = push(app.test_client(), body, secret)
    assert refused.status_code == 401 and refused.get_json()["code"] == "invalid_token"


def test_another_towns_token_cannot_be_revoked_here(app, marketer):
    token_id, _secret = tokens(app, "oostende")
    assert marketer.post(f"{PAGE}/tokens/{token_id}/revoke").status_code == 404
    with app.app_context():
        assert db.session.get(FootfallToken, token_id).revoked_at is None
        db.session.remove()


# ---------------------------------------------------------------- the vendor's push


def test_a_vendor_pushes_counts_and_the_same_hour_again_replaces_them(app, client, points, clock):
    _token_id, secret = tokens(app)
    body = [{"point": "STEENSTRAAT", "hour": "2026-11-02T14:00:00+01:00", "count": 418},
            {"point": "MARKT", "hour": "2026-11-02T13:00:00Z", "count": 77}]
    first = push(client, body, secret)
    assert first.status_code == 200 and first.get_json() == {"imported": 2, "replaced": 0}
    assert "Set-Cookie" not in first.headers
    again = push(client, [{**body[0], "count": 420}], secret)
    assert again.get_json() == {"imported": 0, "replaced": 1}
    assert stored(app) == [("MARKT", "2026-11-02T13:00:00+00:00", 77), ("STEENSTRAAT", "2026-11-02T13:00:00+00:00", 420)]
    with app.app_context():
        assert db.session.execute(select(FootfallToken.last_used_at)).scalar_one() == clock.at
        db.session.remove()


def test_a_push_with_a_bad_row_stores_nothing_and_names_the_row(app, client, points):
    _token_id, secret = tokens(app)
    body = [{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 1},
            {"point": "MARKT", "hour": "2026-11-02T15:00", "count": 2},  # no offset
            {"point": "ONBEKEND", "hour": "2026-11-02T15:00:00+01:00", "count": 3}]
    response = push(client, body, secret)
    problem = response.get_json()
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert problem["code"] == "invalid_rows" and set(problem["errors"]) == {"1.hour", "2.point"}
    assert stored(app) == []


@pytest.mark.parametrize("body,field", [
    ([{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": -1}], "0.count"),
    ([{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 1_000_001}], "0.count"),
    ([{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": "12"}], "0.count"),
    ([{"point": "MARKT", "count": 1}], "0.hour"),
    ([{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 1, "extra": 1}], "0.extra"),
    ({"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 1}, "_schema"),
])
def test_a_push_of_the_wrong_shape_is_a_422(app, client, points, body, field):
    _token_id, secret = tokens(app)
    response = push(client, body, secret)
    assert response.status_code == 422 and field in response.get_json()["errors"], response.get_json()
    assert stored(app) == []


def test_a_push_has_a_row_limit(app, client, points):
    app.config["KICK_FOOTFALL_PUSH_MAX_ROWS"] = 2
    _token_id, secret = tokens(app)
    body = [{"point": "MARKT", "hour": f"2026-11-02T1{h}:00:00+01:00", "count": 1} for h in range(3)]
    response = push(client, body, secret)
    assert response.status_code == 422 and response.get_json()["code"] == "too_many_rows" and stored(app) == []


@pytest.mark.parametrize("authorization", [None, "", "Bearer", "Bearer kff_verzonnen", "Basic dXNlcjpwdw==",
                                           "Token {secret}"])
def test_no_token_or_a_wrong_one_is_a_401_before_the_body_is_read(app, client, points, authorization):
    _token_id, secret = tokens(app)
    headers = {} if authorization is None else {"Authorization": authorization.format(secret=secret)}
    response = client.post(PUSH, data="not json at all", content_type="application/json", csrf=False,
                           headers=headers)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["code"] == "invalid_token"


def test_a_marketers_session_is_not_a_token(app, marketer, points):
    response = marketer.post(PUSH, json=[{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 1}])
    assert response.status_code == 401 and stored(app) == []


def test_another_towns_token_is_a_404_and_an_unknown_town_too(app, client, points):
    _token_id, oostende_secret = tokens(app, "oostende")
    body = [{"point": "MARKT", "hour": "2026-11-02T14:00:00+01:00", "count": 1}]
    assert push(client, body, oostende_secret).status_code == 404
    assert client.post("/api/v1/cities/atlantis/footfall", json=body, csrf=False,
                       headers={"Authorization": f"Bearer {oostende_secret}"}).status_code == 404
    assert stored(app) == []
