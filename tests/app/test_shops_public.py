"""Visitors: only approved shops anywhere, the open-now filter in Brussels time, fixed query
counts, and user text that stays inert."""
import io
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from app.extensions import db
from app.shops.models import Shop
from tests.factories import ShopFactory, ShopPhotoFactory
from tests.support.shops import STORY, approve, create_via_api, jpeg

TUE_HOURS = {"weekly": {"tue": [["10:00", "12:30"], ["13:30", "18:00"]], "sat": [["20:00", "03:00"]]},
             "exceptions": [{"date": "2026-12-29", "closed": True, "note": "Inventaris"}]}


def set_clock(monkeypatch, iso_utc: str):
    instant = datetime.fromisoformat(iso_utc).replace(tzinfo=timezone.utc)
    monkeypatch.setattr("app.core.clock.now", lambda: instant)


def only_vlasbloem_with(app, hours):
    """Give Vlasbloem these hours and close every other Kortrijk shop, so results are about it alone."""
    with app.app_context():
        for shop in db.session.execute(select(Shop).where(Shop.city.has(slug="kortrijk"))).scalars():
            shop.opening_hours = hours if shop.slug == "vlasbloem" else {"weekly": {}, "exceptions": []}
        db.session.commit()


def open_slugs(client):
    return [item["slug"] for item in client.get("/api/v1/cities/kortrijk/shops?open_now=true").get_json()]


@pytest.mark.parametrize("utc, expected", [
    ("2026-12-01T09:30:00", True),    # Tuesday 10:30 in Brussels (UTC+1)
    ("2026-12-01T11:45:00", False),   # 12:45: lunch break
    ("2026-12-01T12:30:00", True),    # 13:30: open again
    ("2026-12-01T17:00:00", False),   # 18:00: just closed
    ("2026-12-29T09:30:00", False),   # a Tuesday, but closed for stocktaking (exception)
    ("2026-06-02T08:30:00", True),    # summer: 10:30 CEST is 08:30 UTC
    ("2026-06-02T07:30:00", False),   # 09:30 CEST: not open yet, although 10:30 in UTC+1 terms
])
def test_open_now_follows_brussels_hours_breaks_and_exceptions(app, client, monkeypatch, utc, expected):
    only_vlasbloem_with(app, TUE_HOURS)
    set_clock(monkeypatch, utc)
    assert ("vlasbloem" in open_slugs(client)) is expected
    html = client.get("/kortrijk/shops/?open=1").get_data(as_text=True)
    assert ("/kortrijk/shops/vlasbloem" in html) is expected


@pytest.mark.parametrize("utc, expected", [
    ("2027-03-27T23:30:00", True),    # Sunday 00:30 CET: the Saturday night shift runs on
    ("2027-03-28T00:59:00", True),    # 01:59 CET, one minute before the clocks jump
    ("2027-03-28T01:00:00", False),   # 03:00 CEST, closing time (it would be 02:00 without the jump)
    ("2027-03-28T01:30:00", False),   # 03:30 CEST: closed, although only 02:30 in winter time
])
def test_open_now_on_the_night_the_clocks_go_forward(app, client, monkeypatch, utc, expected):
    only_vlasbloem_with(app, TUE_HOURS)
    set_clock(monkeypatch, utc)
    assert ("vlasbloem" in open_slugs(client)) is expected


def test_shop_page_shows_today_status_and_the_holiday_note(app, client, monkeypatch):
    only_vlasbloem_with(app, TUE_HOURS)
    set_clock(monkeypatch, "2026-12-28T10:00:00")  # Monday; tomorrow is the exception
    html = client.get("/kortrijk/shops/vlasbloem", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "Gesloten" in html and "Inventaris" in html
    assert "opent" in html  # the next opening is announced


def test_unapproved_shops_are_invisible_everywhere(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client, name="Geheime Winkel")
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")  # pending
    client.logout()
    with app.app_context():
        pending_demo = db.session.execute(select(Shop).where(Shop.slug == "tweede-adem")).scalar_one()
        assert pending_demo.status == "pending"
    for slug in ("geheime-winkel", "tweede-adem"):
        assert client.get(f"/kortrijk/shops/{slug}").status_code == 404
        assert client.get(f"/api/v1/cities/kortrijk/shops/{slug}").status_code == 404
    listing = client.get("/kortrijk/shops/").get_data(as_text=True)
    map_view = client.get("/kortrijk/shops/?view=map").get_data(as_text=True)
    api = client.get("/api/v1/cities/kortrijk/shops").get_json()
    home = client.get("/kortrijk/").get_data(as_text=True)
    for text in (listing, map_view, home, str(api)):
        assert "Geheime Winkel" not in text and "Tweede Adem" not in text
    assert {item["slug"] for item in api} == {"vlasbloem", "de-leesleeuw", "branderij-bruun", "atelier-steengoed"}


def test_suspended_shop_disappears_and_comes_back(app, client):
    client.login("marketer@kortrijk.kick.test")
    with app.app_context():
        shop_id = db.session.execute(select(Shop.id).where(Shop.slug == "vlasbloem")).scalar_one()
    assert client.post(f"/kortrijk/studio/shops/{shop_id}/suspend", data={"reason": "Klacht"}).status_code == 302
    assert client.get("/kortrijk/shops/vlasbloem").status_code == 404
    assert "Vlasbloem" not in client.get("/kortrijk/").get_data(as_text=True)
    client.post(f"/kortrijk/studio/shops/{shop_id}/reinstate")
    assert client.get("/kortrijk/shops/vlasbloem").status_code == 200


def test_another_citys_shop_slug_is_a_404(client):
    assert client.get("/brugge/shops/vlasbloem").status_code == 404
    assert client.get("/api/v1/cities/brugge/shops/vlasbloem").status_code == 404


def test_category_filter_and_spotlight_first(client):
    api = client.get("/api/v1/cities/brugge/shops").get_json()
    assert api[0]["slug"] == "draad-kant" and api[0]["featured"] is True
    assert all(not item["featured"] for item in api[1:])
    food = client.get("/api/v1/cities/brugge/shops?category=food_drink").get_json()
    assert [item["slug"] for item in food] == ["chocolaterie-minnewit"]
    html = client.get("/brugge/shops/?category=food_drink").get_data(as_text=True)
    assert "Chocolaterie Minnewit" in html and "Fietsatelier Reie" not in html
    assert client.get("/api/v1/cities/brugge/shops?category=weapons").status_code == 422
    refused = client.get("/brugge/shops/?category=weapons")  # the API's rule, on the page too
    assert refused.status_code == 400 and "Onbekende categorie" in refused.get_data(as_text=True)
    assert client.get("/brugge/shops/?category=&utm_source=poster").status_code == 200


ALL_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _add_shops(app, count):
    with app.app_context():
        vlasbloem = db.session.execute(select(Shop).where(Shop.slug == "vlasbloem")).scalar_one()
        for n in range(count):
            shop = ShopFactory(city=vlasbloem.city, owner=vlasbloem.owner, slug=f"extra-{n}", name={"nl": f"Extra {n}"},
                               tagline={"nl": "x"}, story={"nl": STORY}, category="other", address="Leiestraat 1",
                               lat=50.829, lon=3.264, languages=["nl"],
                               opening_hours={"weekly": {d: [["00:00", "24:00"]] for d in ALL_DAYS}, "exceptions": []})
            ShopPhotoFactory(shop=shop, position=0)
        db.session.commit()


@pytest.mark.parametrize("url", ["/kortrijk/shops/", "/kortrijk/shops/?view=map&open=1",
                                 "/api/v1/cities/kortrijk/shops", "/kortrijk/"])
def test_list_pages_use_a_fixed_number_of_queries(app, client, count_queries, url):
    client.get(url)  # warm up
    with count_queries() as few:
        assert client.get(url).status_code == 200
    _add_shops(app, 15)
    client.get(url)  # a write retires the town's cached pages and its city snapshot with them (app.cache): warm again
    with count_queries() as many:
        body = client.get(url).get_data(as_text=True)
    if url != "/kortrijk/":
        assert "Extra 14" in body
    assert many.count == few.count, many.statements
    assert few.count <= 8


XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def test_xss_payloads_come_out_inert_everywhere(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client, name=f"Shop {XSS}", tagline={"nl": XSS}, story={"nl": STORY + XSS + "\n\n" + XSS},
                          address=f"Straat {XSS}"[:200],
                          opening_hours={"weekly": {"mon": [["09:00", "17:00"]]},
                                         "exceptions": [{"date": "2027-01-04", "closed": True, "note": XSS}]})
    client.post(f"/merchant/shops/{shop['id']}/photos", data={"photo": (io.BytesIO(jpeg()), "a.jpg"), "alt_nl": XSS})
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    pages = [client.get(f"/merchant/shops/{shop['id']}"), client.get("/merchant/"),
             client.get(f"/merchant/shops/{shop['id']}/photos"), client.get(f"/merchant/shops/{shop['id']}/edit")]
    client.logout()
    client.login("marketer@kortrijk.kick.test")
    pages.append(client.get(f"/kortrijk/studio/shops/{shop['id']}"))
    client.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/approve")
    client.logout()
    slug = shop["slug"]
    pages += [client.get(f"/kortrijk/shops/{slug}"), client.get("/kortrijk/shops/"),
              client.get("/kortrijk/shops/?view=map")]
    for response in pages:
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "<script>alert" not in html and "<img src=x" not in html, response.request.path
    detail = pages[-3].get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail
    assert "\\u003cscript\\u003e" in pages[-1].get_data(as_text=True)  # map data is JSON-escaped


def test_directions_link_and_phone(client):
    html = client.get("/brugge/shops/fietsatelier-reie").get_data(as_text=True)
    assert "https://www.google.com/maps/dir/?api=1&amp;destination=" in html
    assert 'href="tel:+3250334820"' in html
    assert "Nederlands" in html and "Deutsch" in html  # languages spoken
