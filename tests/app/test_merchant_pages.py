"""Merchant pages and API input: sign-up, profile, hours, photos, limits and clear 4xx answers."""
import io

import pytest
from PIL import Image
from sqlalchemy import select

from app.extensions import db
from app.shops.models import Shop, ShopPhoto
from tests.support.hostile import failures_report, probe_form, probe_json
from tests.support.shops import STORY, create_via_api, jpeg, register_merchant, shop_body


def test_sign_up_creates_account_and_draft(app, client):
    shop_id = register_merchant(client)
    html = client.get(f"/merchant/shops/{shop_id}", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Concept" in html and "Vertel je verhaal in het Nederlands" in html  # status and what to do next
    assert client.post(f"/merchant/shops/{shop_id}/submit").status_code == 302
    with app.app_context():
        assert db.session.get(Shop, shop_id).status == "draft"  # incomplete: not sent


def test_sign_up_errors_are_shown_on_the_form(client):
    response = client.post("/merchant/join", data={"city": "atlantis", "shop_name": "", "display_name": "N",
                                                  "email": "nope", "password": "kort", "confirm": "anders"},
                           headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert html.count('class="field-error"') >= 4
    response = client.post("/merchant/join", data={"city": "kortrijk", "shop_name": "X", "display_name": "N",
                                                  "email": "shopper@kick.test", "password": "een-lang-wachtwoord",
                                                  "confirm": "een-lang-wachtwoord"})
    # A taken address is not revealed: the sign-up goes on (the address owner gets a notice by mail).
    assert response.status_code == 302


def test_logged_in_user_only_names_the_shop(app, client):
    client.login("merchant1@kortrijk.kick.test")
    html = client.get("/merchant/join").get_data(as_text=True)
    assert 'name="password"' not in html
    response = client.post("/merchant/join", data={"city": "ieper", "shop_name": "Tweede Zaak"})
    assert response.status_code == 302
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == "tweede-zaak")).scalar_one()
        assert shop.city.slug == "ieper" and shop.owner.email == "merchant1@kortrijk.kick.test"


def test_profile_form_validates_and_keeps_input(client):
    shop_id = register_merchant(client)
    response = client.post(f"/merchant/shops/{shop_id}/edit", data={
        "name_nl": "", "story_nl": "Kort", "category": "weapons", "lat": "51.5", "lon": "abc",
        "website": "javascript:alert(1)", "phone": "bel me"}, headers={"Accept-Language": "nl"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Not a valid choice" in html or "geen geldige" in html.lower() or "field-error" in html
    response = client.post(f"/merchant/shops/{shop_id}/edit", data={
        "name_nl": "Hoedje", "story_nl": STORY, "category": "fashion", "lat": "51.21", "lon": "3.22",
        "website": "javascript:alert(1)", "phone": "bel me"}, headers={"Accept-Language": "nl"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "niet in Kortrijk" in html  # a pin in Brugge
    assert "Geef een webadres" in html and "Geef een telefoonnummer" in html
    assert STORY in html  # nothing typed is lost


def test_hours_form_round_trip_with_break_and_holiday(app, client):
    shop_id = register_merchant(client)
    data = {"tue-open1": "10:00", "tue-close1": "12:30", "tue-open2": "13:30", "tue-close2": "18:00",
            "exceptions-0-date": "2026-12-25", "exceptions-0-closed": "y", "exceptions-0-note": "Kerstmis",
            "exceptions-1-date": "2026-12-24", "exceptions-1-opens": "09:00", "exceptions-1-closes": "16:00"}
    assert client.post(f"/merchant/shops/{shop_id}/hours", data=data).status_code == 302
    with app.app_context():
        hours = db.session.get(Shop, shop_id).opening_hours
    assert hours["weekly"]["tue"] == [["10:00", "12:30"], ["13:30", "18:00"]]
    assert hours["exceptions"] == [{"date": "2026-12-24", "closed": False, "intervals": [["09:00", "16:00"]]},
                                   {"date": "2026-12-25", "closed": True, "note": "Kerstmis"}]
    html = client.get(f"/merchant/shops/{shop_id}/hours").get_data(as_text=True)
    assert 'value="13:30"' in html and "Kerstmis" in html


def test_hours_form_refuses_overlaps_with_a_message(client):
    shop_id = register_merchant(client)
    response = client.post(f"/merchant/shops/{shop_id}/hours", data={
        "mon-open1": "10:00", "mon-close1": "14:00", "mon-open2": "13:00", "mon-close2": "18:00"},
        headers={"Accept-Language": "nl"})
    assert response.status_code == 422 and "Controleer de openingsuren" in response.get_data(as_text=True)


def test_photo_upload_strips_exif_and_supports_reorder_alt_and_delete(app, client):
    shop_id = register_merchant(client)
    for colour in ((200, 0, 0), (0, 200, 0)):
        response = client.post(f"/merchant/shops/{shop_id}/photos",
                               data={"photo": (io.BytesIO(jpeg(colour=colour, exif=True)), "p.jpg"), "alt_nl": "x"})
        assert response.status_code == 302
    with app.app_context():
        photos = db.session.execute(select(ShopPhoto).where(ShopPhoto.shop_id == shop_id)
                                    .order_by(ShopPhoto.position)).scalars().all()
        first, second = photos[0].id, photos[1].id
        stored = app.extensions["kick_storage"].open(photos[0].phone_key)
    assert not Image.open(io.BytesIO(stored)).getexif()  # no GPS, no camera
    client.post(f"/merchant/shops/{shop_id}/photos/{second}/move", data={"direction": "up"})
    client.post(f"/merchant/shops/{shop_id}/photos/{second}",
                data={"alt_nl": "De gevel", "alt_en": "The front", "alt_fr": "", "alt_de": ""})
    client.post(f"/merchant/shops/{shop_id}/photos/{first}/delete")
    with app.app_context():
        photos = db.session.execute(select(ShopPhoto).where(ShopPhoto.shop_id == shop_id)).scalars().all()
        assert [(p.id, p.position, p.alt) for p in photos] == [(second, 0, {"nl": "De gevel", "en": "The front"})]


def test_photo_limits_and_bad_files_are_clear_errors(app, client):
    shop_id = register_merchant(client)
    response = client.post(f"/merchant/shops/{shop_id}/photos",
                           data={"photo": (io.BytesIO(b"GIF89a not really"), "x.gif")}, headers={"Accept-Language": "nl"})
    assert response.status_code == 422 and "JPEG, PNG of WebP" in response.get_data(as_text=True)
    response = client.post(f"/merchant/shops/{shop_id}/photos", data={})
    assert response.status_code == 422
    for _ in range(8):
        client.post(f"/merchant/shops/{shop_id}/photos", data={"photo": (io.BytesIO(jpeg(64, 64)), "p.jpg")})
    response = client.post(f"/merchant/shops/{shop_id}/photos", data={"photo": (io.BytesIO(jpeg(64, 64)), "p.jpg")})
    assert response.status_code == 409
    with app.app_context():
        assert db.session.execute(select(db.func.count()).select_from(ShopPhoto)
                                  .where(ShopPhoto.shop_id == shop_id)).scalar_one() == 8
    media = app.config["MEDIA_ROOT"]
    import os
    files = [f for _, _, fs in os.walk(f"{media}/shops/{shop_id}") for f in fs]
    assert len(files) == 16  # phone + thumb per photo; the refused ninth left no file behind


def test_api_create_validates_and_answers_problem_json(client):
    client.login("shopper@kick.test")
    response = client.post("/api/v1/merchant/shops", json=shop_body(city="atlantis"))
    assert response.status_code == 422 and "city" in response.get_json()["errors"]
    response = client.post("/api/v1/merchant/shops", json={**shop_body(), "name": {"en": "Only English"}})
    assert response.status_code == 422 and "name" in response.get_json()["errors"]
    response = client.post("/api/v1/merchant/shops", json=shop_body(lat=51.2, lon=3.22))  # Brugge pin
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert "lat" in response.get_json()["errors"]
    response = client.post("/api/v1/merchant/shops", json=shop_body(opening_hours={"weekly": {"mon": [["25:00", "26:00"]]}}))
    assert response.status_code == 422 and "opening_hours" in response.get_json()["errors"]
    response = client.post("/api/v1/merchant/shops", json=shop_body(story={"nl": "x" * 5000}))
    assert response.status_code == 422
    assert client.get("/api/v1/merchant/shops").get_json() == []  # nothing half-written


def test_api_submit_lists_what_is_missing(client):
    client.login("shopper@kick.test")
    shop = create_via_api(client, story={"nl": "Te kort."}, address="")
    response = client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    assert response.status_code == 422
    assert set(response.get_json()["errors"]) == {"story", "address"}


def test_api_reject_needs_a_reason(client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    client.logout()
    client.login("marketer@kortrijk.kick.test")
    assert client.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/reject", json={}).status_code == 422
    assert client.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/reject", json={"reason": "  "}).status_code == 422
    assert client.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/approve").status_code == 200
    assert client.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/approve").status_code == 409


def test_openapi_documents_the_shop_endpoints(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/cities/{city}/shops", "/api/v1/cities/{city}/shops/{slug}",
                 "/api/v1/merchant/shops", "/api/v1/merchant/shops/{shop_id}", "/api/v1/merchant/shops/{shop_id}/submit",
                 "/api/v1/cities/{city}/shops/{shop_id}/approve", "/api/v1/cities/{city}/shops/{shop_id}/reject"):
        assert path in paths, path
    assert "requestBody" in paths["/api/v1/merchant/shops"]["post"]
    assert "patch" in paths["/api/v1/merchant/shops/{shop_id}"]


def test_spotlight_form_refuses_bad_ranges(app, client):
    with app.app_context():
        sid = db.session.execute(select(Shop.id).where(Shop.slug == "de-leesleeuw")).scalar_one()
    client.login("marketer@kortrijk.kick.test")
    response = client.post(f"/kortrijk/studio/shops/{sid}/spotlight",
                           data={"featured_from": "2030-05-10", "featured_until": "2030-05-01", "featured_rank": "1"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.get(Shop, sid).featured_from is None


def test_merchant_forms_survive_hostile_fields(client):
    shop_id = register_merchant(client)
    failures = probe_form(client, f"/merchant/shops/{shop_id}/edit",
                          fields=["name_nl", "story_nl", "category", "lat", "lon", "website", "phone", "languages"])
    failures += probe_form(client, f"/merchant/shops/{shop_id}/hours",
                           fields=["mon-open1", "mon-close1", "exceptions-0-date", "exceptions-0-note"])
    assert not failures, failures_report(failures)


@pytest.mark.parametrize("method, url, fields", [
    ("POST", "/api/v1/merchant/shops", ["city", "name", "story", "lat", "lon", "opening_hours", "languages"]),
    ("PATCH", "/api/v1/merchant/shops/{id}", ["name", "tagline", "website", "phone", "opening_hours"]),
])
def test_merchant_api_survives_hostile_bodies(client, method, url, fields):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    failures = probe_json(client, method, url.format(id=shop["id"]), fields=fields)
    assert not failures, failures_report(failures)
