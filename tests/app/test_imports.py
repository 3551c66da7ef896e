"""Onboarding a town's content in the browser and over the API: shops from CSV, trails from GPX.
Marketers of the city (and admins) only; another city's marketer gets a 404; bad files a 4xx, never a 500."""
import io
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.shops.services.imports import HEADER
from app.shops.models import Shop
from app.trails.models import Trail
from tests.conftest import mailed_links, mails

SAMPLES = Path(__file__).resolve().parents[2] / "app" / "demo" / "towns" / "diksmuide"
LINE = ",".join(HEADER)
CSV = (f"{LINE}\n"
       "Bloemen Lelie,Grote Markt 30,51.03300,2.86330,home_living,,lelie@bloemen.test\n"
       "Zonder Naam Fout,Grote Markt 31,51.0,xx,other,,\n"
       ",Grote Markt 32,,,other,,\n")
GPX = (b'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
       b'<metadata><name>Rondje Begijnhof</name></metadata>'
       b'<wpt lat="51.03520" lon="2.86460"><name>Begijnhof</name><desc>Stil.</desc></wpt>'
       b'<trk><trkseg><trkpt lat="51.03280" lon="2.86360"/><trkpt lat="51.03520" lon="2.86460"/></trkseg></trk></gpx>')
SHOPS_PAGE, TRAILS_PAGE = "/diksmuide/studio/shops/import", "/diksmuide/studio/trails/import"
SHOPS_API, TRAILS_API = "/api/v1/cities/diksmuide/shops/import", "/api/v1/cities/diksmuide/trails/import"


@pytest.fixture
def marketer(client):
    client.login("marketer@diksmuide.kick.test")
    return client


def upload(client, url: str, data: bytes, name: str, **headers):
    return client.post(url, data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data",
                       headers={"Accept-Language": "nl", **headers})


def counts(app) -> tuple[int, int]:
    with app.app_context():
        shops = db.session.execute(select(func.count()).select_from(Shop)).scalar_one()
        trails = db.session.execute(select(func.count()).select_from(Trail)).scalar_one()
        db.session.remove()
    return shops, trails


# ---------------------------------------------------------------- the demo town went in through the import


def test_diksmuide_is_live_with_the_shops_and_trail_of_its_sample_files(client):
    home = client.get("/diksmuide/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "--primary: #1B4965" in home
    shops = {shop["slug"] for shop in client.get("/api/v1/cities/diksmuide/shops").get_json()}
    assert shops == {"de-ijzerboekhandel", "kaasmakerij-boterbloem", "atelier-paxpoort"}  # the claimed, approved ones
    [trail] = client.get("/api/v1/cities/diksmuide/trails").get_json()
    assert trail["title"]["nl"] == "Van de Grote Markt naar de IJzertoren" and trail["stop_count"] == 7
    assert 1200 < trail["distance_m"] < 1500
    assert client.get("/diksmuide/trails/van-de-grote-markt-naar-de-ijzertoren").status_code == 200


def test_the_sample_csv_again_is_all_already_imported(app, marketer):
    before = counts(app)
    response = upload(marketer, SHOPS_API, (SAMPLES / "shops.csv").read_bytes(), "shops.csv")
    body = response.get_json()
    assert response.status_code == 200
    assert (body["created"], body["rejected"], len(body["skipped"])) == (0, [], 6)
    assert counts(app) == before


# ---------------------------------------------------------------- studio pages


def test_the_studio_offers_both_imports(marketer):
    studio = marketer.get("/diksmuide/studio/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert f'href="{SHOPS_PAGE}"' in studio and f'href="{TRAILS_PAGE}"' in studio
    page = marketer.get(SHOPS_PAGE, headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in page and 'accept=".csv,text/csv"' in page and 'name="csrf_token"' in page
    assert LINE in page and "Kinderwinkel Koekoek" in page  # waiting to be claimed
    page = marketer.get(TRAILS_PAGE).get_data(as_text=True)
    assert 'accept=".gpx,application/gpx+xml"' in page


def test_a_csv_import_in_the_studio_reports_created_rejected_and_skipped_rows(app, marketer):
    response = upload(marketer, SHOPS_PAGE, CSV.encode(), "winkels.csv")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Import klaar" in html and "Ontwerpen van zaken aangemaakt: <strong>1</strong>" in html
    assert "Rijen geweigerd: <strong>2</strong>" in html
    assert "Rij 3" in html and "<code>lon</code>: Geef een coördinaat in decimale graden." in html
    assert "Rij 4" in html and "<code>name</code>" in html
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == "bloemen-lelie")).scalar_one()
        shop_id, owner = shop.id, shop.owner_id
    assert owner is None and f'href="/diksmuide/studio/shops/{shop_id}"' in html
    assert len(mails(app, "lelie@bloemen.test")) == 1
    again = upload(marketer, SHOPS_PAGE, CSV.encode(), "winkels.csv").get_data(as_text=True)
    assert "Ontwerpen van zaken aangemaakt: <strong>0</strong>" in again and "Rijen al geïmporteerd: <strong>1</strong>" in again
    # the imported draft opens in the studio (the city's until its merchant claims it)
    page = marketer.get(f"/diksmuide/studio/shops/{shop_id}", headers={"Accept-Language": "nl"})
    assert page.status_code == 200 and "nog niet opgeëist" in page.get_data(as_text=True)


def test_a_bad_csv_in_the_studio_is_a_422_page_with_the_reason(app, marketer):
    before = counts(app)
    response = upload(marketer, SHOPS_PAGE, b"naam;adres\nA;B\n", "fout.csv")
    assert response.status_code == 422
    assert f"De eerste regel moet precies zijn: {LINE}" in response.get_data(as_text=True)
    response = marketer.post(SHOPS_PAGE, data={}, content_type="multipart/form-data", headers={"Accept-Language": "nl"})
    assert response.status_code == 422 and "Kies een bestand om te importeren." in response.get_data(as_text=True)
    assert counts(app) == before


def test_the_studio_refuses_an_import_without_the_csrf_token(app, marketer):
    before = counts(app)
    response = marketer.post(SHOPS_PAGE, data={"file": (io.BytesIO(CSV.encode()), "x.csv")},
                             content_type="multipart/form-data", csrf=False)
    assert response.status_code == 400 and counts(app) == before  # the app's CSRF refusal page


def test_a_gpx_import_in_the_studio_opens_the_new_draft_in_the_editor(app, marketer):
    response = upload(marketer, TRAILS_PAGE, GPX, "begijnhof.gpx")
    assert response.status_code == 302
    with app.app_context():
        trail = db.session.execute(select(Trail).where(Trail.slug == "rondje-begijnhof")).scalar_one()
        trail_id, status = trail.id, trail.status
    assert status == "draft" and response.headers["Location"] == f"/diksmuide/studio/trails/{trail_id}"
    editor = marketer.get(response.headers["Location"], headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Geïmporteerd als ontwerp: 1 stops" in editor
    again = upload(marketer, TRAILS_PAGE, GPX, "begijnhof.gpx")
    assert again.headers["Location"] == f"/diksmuide/studio/trails/{trail_id}"


def test_a_gpx_with_points_outside_the_city_is_refused_on_the_page(app, marketer):
    before = counts(app)
    response = upload(marketer, TRAILS_PAGE, GPX.replace(b"2.86460", b"4.35170"), "brussel.gpx")
    assert response.status_code == 422
    assert "Trackpunt 2:" in response.get_data(as_text=True) and counts(app) == before


# ---------------------------------------------------------------- API


def test_api_shop_import_answers_the_report(app, marketer):
    response = upload(marketer, SHOPS_API, CSV.encode(), "winkels.csv")
    assert response.status_code == 200
    body = response.get_json()
    assert body["created"] == 1 and body["skipped"] == []
    assert [(item["row"], sorted(item["errors"])) for item in body["rejected"]] == [(3, ["lon"]), (4, ["name"])]


def test_api_trail_import_answers_201_with_the_trail_then_200_for_the_same_file(app, marketer):
    response = upload(marketer, TRAILS_API, GPX, "begijnhof.gpx")
    assert response.status_code == 201
    body = response.get_json()
    assert (body["slug"], body["status"], body["title"], len(body["stops"])) == (
        "rondje-begijnhof", "draft", {"nl": "Rondje Begijnhof"}, 1)
    assert body["path"] == [[51.0328, 2.8636], [51.0352, 2.8646]] and body["distance_m"] > 200
    same = marketer.get(f"/api/v1/cities/diksmuide/trails/{body['slug']}").get_json()
    assert {k: same[k] for k in ("slug", "version", "distance_m", "duration_min", "stops", "path")} == \
        {k: body[k] for k in ("slug", "version", "distance_m", "duration_min", "stops", "path")}
    again = upload(marketer, TRAILS_API, GPX, "begijnhof.gpx")
    assert again.status_code == 200 and again.get_json()["slug"] == body["slug"]


@pytest.mark.parametrize("url,data,status,code", [
    (TRAILS_API, b"<html>nee</html>", 422, "bad_gpx"),
    (TRAILS_API, b'<gpx version="1.1"><wpt lat="51.03" lon="2.86"/></gpx>', 422, "no_track"),
    (SHOPS_API, b"\xff\xfe\x00n\x00a", 422, "bad_encoding"),
    (SHOPS_API, b"name,address\n", 422, "bad_header"),
    (SHOPS_API, b"", 422, "empty_file"),
])
def test_api_bad_files_are_problem_json(app, marketer, url, data, status, code):
    before = counts(app)
    response = upload(marketer, url, data, "file")
    assert response.status_code == status and response.mimetype == "application/problem+json"
    assert response.get_json()["code"] == code and "file" in response.get_json()["errors"]
    assert counts(app) == before


def test_api_oversized_and_missing_files(app, marketer):
    app.config["KICK_IMPORT_CSV_MAX_BYTES"] = 64
    response = upload(marketer, SHOPS_API, CSV.encode(), "winkels.csv")
    assert response.status_code == 413 and response.get_json()["code"] == "file_too_large"
    app.config["KICK_IMPORT_GPX_MAX_BYTES"] = 64
    response = upload(marketer, TRAILS_API, GPX, "x.gpx")
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    response = marketer.post(TRAILS_API, data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "file" in response.get_json()["errors"]


def test_an_import_file_up_to_the_limit_passes_the_request_guards(app, marketer):
    """A CSV of just under the 1 MB limit reaches the import (MAX_FORM_MEMORY_SIZE and the input guard let it
    through): its answer is the import's own refusal of its many rows, not the request guards' 413."""
    limit = app.config["KICK_IMPORT_CSV_MAX_BYTES"]
    assert limit == 1024 * 1024
    row = "Zaak {n},Woumenweg {n},,,other,,\n"
    text, n = LINE + "\n", 0
    while len(text) < limit - 60:
        text, n = text + row.format(n=n), n + 1
    response = upload(marketer, SHOPS_API, text.encode(), "groot.csv")
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["code"] == "too_many_rows"
    assert upload(marketer, SHOPS_API, text.encode() + b"x" * 100, "te-groot.csv").get_json()["code"] == "file_too_large"


def test_openapi_documents_both_imports_as_multipart(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/cities/{city}/shops/import", "/api/v1/cities/{city}/trails/import"):
        operation = paths[path]["post"]
        schema = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
        assert "file" in (schema.get("properties") or {}) or "$ref" in schema
    assert "201" in paths["/api/v1/cities/{city}/trails/import"]["post"]["responses"]
    assert "200" in paths["/api/v1/cities/{city}/shops/import"]["post"]["responses"]


@pytest.mark.parametrize("email", ["marketer@brugge.kick.test", "merchant1@diksmuide.kick.test", "shopper@kick.test"])
def test_only_the_citys_marketers_import_others_get_a_404(app, client, email):
    client.login(email)
    before = counts(app)
    for url, data in ((SHOPS_API, CSV.encode()), (TRAILS_API, GPX), (SHOPS_PAGE, CSV.encode()), (TRAILS_PAGE, GPX)):
        assert upload(client, url, data, "f").status_code == 404, url
    assert client.get(SHOPS_PAGE).status_code == 404
    assert counts(app) == before


def test_an_admin_may_import_into_any_city(app, client):
    client.login("admin@kick.test")
    assert upload(client, TRAILS_API, GPX, "begijnhof.gpx").status_code == 201


def test_the_city_team_invites_the_owner_of_a_shop_imported_without_an_address(app, marketer):
    """A row without an email is not a dead end: the shop's studio page invites its owner later."""
    from app.accounts.models import Invitation
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.owner_id.is_(None))).scalars().first()
        shop_id, city = shop.id, shop.city.slug
    page = marketer.get(f"/{city}/studio/shops/{shop_id}").get_data(as_text=True)
    assert "Nodig de eigenaar uit" in page
    bad = marketer.post(f"/{city}/studio/shops/{shop_id}/invite-owner", data={"email": "geen-adres"})
    assert bad.status_code == 422
    sent = marketer.post(f"/{city}/studio/shops/{shop_id}/invite-owner", data={"email": "Eigenaar@Winkel.be"})
    assert sent.status_code == 303
    with app.app_context():
        invitation = db.session.execute(select(Invitation).where(Invitation.shop_id == shop_id)
                                        .order_by(Invitation.id.desc())).scalars().first()
        assert (invitation.email, invitation.role) == ("eigenaar@winkel.be", "owner")
    assert mailed_links(app, "eigenaar@winkel.be", "/invitations/")
    assert "wacht op eigenaar@winkel.be" in marketer.get(f"/{city}/studio/shops/{shop_id}").get_data(as_text=True)
