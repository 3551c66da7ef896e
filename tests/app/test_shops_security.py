"""Ownership and tenancy: another merchant's shop or another city's shop is a 404, CSRF is required,
and every write checks the role."""
import pytest
from sqlalchemy import select

from app.extensions import db
from app.shops.models import Shop
from tests.support.shops import create_via_api


@pytest.fixture
def vlasbloem_id(app):
    with app.app_context():
        return db.session.execute(select(Shop.id).where(Shop.slug == "vlasbloem")).scalar_one()


MERCHANT_PAGES = ["/merchant/shops/{id}", "/merchant/shops/{id}/edit", "/merchant/shops/{id}/hours",
                  "/merchant/shops/{id}/photos"]


@pytest.mark.parametrize("url", MERCHANT_PAGES)
def test_another_merchants_shop_pages_are_404(client, vlasbloem_id, url):
    client.login("merchant2@kortrijk.kick.test")  # owns De Leesleeuw, not Vlasbloem
    assert client.get(url.format(id=vlasbloem_id)).status_code == 404


def test_another_merchant_cannot_write_by_html_or_api(app, client, vlasbloem_id):
    client.login("merchant2@kortrijk.kick.test")
    sid = vlasbloem_id
    assert client.post(f"/merchant/shops/{sid}/edit", data={"name_nl": "Gekaapt"}).status_code == 404
    assert client.post(f"/merchant/shops/{sid}/submit").status_code == 404
    assert client.post(f"/merchant/shops/{sid}/photos/1/delete").status_code == 404
    assert client.patch(f"/api/v1/merchant/shops/{sid}", json={"name": {"nl": "Gekaapt"}}).status_code == 404
    assert client.post(f"/api/v1/merchant/shops/{sid}/submit").status_code == 404
    with app.app_context():
        shop = db.session.get(Shop, sid)
        assert shop.name["nl"] == "Vlasbloem" and shop.proposed is None
    mine = client.get("/api/v1/merchant/shops").get_json()
    assert [shop["slug"] for shop in mine] == ["de-leesleeuw"]


def test_photo_of_another_shop_cannot_be_touched_through_my_shop(app, client, vlasbloem_id):
    with app.app_context():
        vlasbloem = db.session.get(Shop, vlasbloem_id)
        other_photo = vlasbloem.photos[0].id
        mine = db.session.execute(select(Shop.id).where(Shop.slug == "de-leesleeuw")).scalar_one()
    client.login("merchant2@kortrijk.kick.test")
    for action in ("delete", "move"):
        assert client.post(f"/merchant/shops/{mine}/photos/{other_photo}/{action}").status_code == 404
    assert client.get(f"/merchant/shops/{mine}/photos/{other_photo}").status_code == 404
    with app.app_context():
        assert len(db.session.get(Shop, vlasbloem_id).photos) == 2


def test_marketer_of_another_city_gets_404(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    client.logout()
    client.login("marketer@brugge.kick.test")
    sid = shop["id"]
    assert client.post(f"/api/v1/cities/kortrijk/shops/{sid}/approve").status_code == 404
    assert client.post(f"/api/v1/cities/brugge/shops/{sid}/approve").status_code == 404  # not a Brugge shop
    assert client.post(f"/api/v1/cities/brugge/shops/{sid}/reject", json={"reason": "x"}).status_code == 404
    assert client.get(f"/kortrijk/studio/shops/{sid}").status_code == 404
    assert client.get(f"/brugge/studio/shops/{sid}").status_code == 404
    assert client.post(f"/brugge/studio/shops/{sid}/approve").status_code == 404
    assert client.post(f"/brugge/studio/shops/{sid}/spotlight", data={"featured_from": "2026-12-01"}).status_code == 404
    with app.app_context():
        assert db.session.get(Shop, sid).status == "pending"


def test_merchants_and_shoppers_cannot_review(client, vlasbloem_id):
    client.login("merchant1@kortrijk.kick.test")
    assert client.post(f"/api/v1/cities/kortrijk/shops/{vlasbloem_id}/approve").status_code == 404
    assert client.get("/kortrijk/studio/shops").status_code == 404
    client.logout()
    assert client.post(f"/api/v1/cities/kortrijk/shops/{vlasbloem_id}/approve").status_code == 401
    assert client.get("/api/v1/merchant/shops").status_code == 401
    assert client.get("/merchant/").status_code == 302  # to the login page


def test_admin_may_open_any_merchant_shop(client, vlasbloem_id):
    client.login("admin@kick.test")
    assert client.get(f"/merchant/shops/{vlasbloem_id}").status_code == 200


def test_forms_refuse_without_csrf(app, client, vlasbloem_id):
    client.login("merchant1@kortrijk.kick.test")
    response = client.post(f"/merchant/shops/{vlasbloem_id}/edit", data={"name_nl": "Zonder token"}, csrf=False)
    assert response.status_code == 400
    response = client.patch(f"/api/v1/merchant/shops/{vlasbloem_id}", json={"name": {"nl": "X"}}, csrf=False)
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Shop, vlasbloem_id).proposed is None


def test_merchant_pages_wear_the_shops_city_theme(client, vlasbloem_id):
    client.login("merchant1@kortrijk.kick.test")
    html = client.get(f"/merchant/shops/{vlasbloem_id}").get_data(as_text=True)
    assert "--primary: #C8102E" in html and "Kortrijk" in html
