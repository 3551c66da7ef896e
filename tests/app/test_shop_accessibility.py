"""Shop accessibility as the merchant keeps it: the merchant's form, the PATCH API, the public page and API,
the step-free filter (list, map, API), the dashboard prompt and the marketer's count."""
import json
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.shops.models import ACCESSIBILITY_FIELDS, Shop
from tests.support.shops import create_via_api

NL = {"Accept-Language": "nl"}
EMPTY_SHOP_OWNER = "merchant4@kortrijk.kick.test"  # Atelier Steengoed: the demo leaves its accessibility empty


def _shop(app, slug, city="kortrijk") -> Shop:
    with app.app_context():
        shop = db.session.execute(select(Shop).join(Shop.city).where(Shop.slug == slug)).scalar_one()
        db.session.expunge(shop)
        return shop


def _access(app, shop_id) -> dict:
    with app.app_context():
        return db.session.get(Shop, shop_id).accessibility


def _clear(app, slug):
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == slug)).scalar_one()
        for field in ACCESSIBILITY_FIELDS:
            setattr(shop, field, None)
        db.session.commit()
        return shop.id


def test_merchant_fills_in_the_form_and_the_prompt_goes(app, client):
    shop = _shop(app, "atelier-steengoed")
    assert not any(v is not None for v in shop.accessibility.values())
    client.login(EMPTY_SHOP_OWNER)
    page = client.get(f"/merchant/shops/{shop.id}", headers=NL).get_data(as_text=True)
    assert "Is je winkel vlot te bezoeken?" in page and f"/merchant/shops/{shop.id}/accessibility" in page
    assert "Laat bezoekers weten hoe toegankelijk Atelier Steengoed is" in client.get("/merchant/", headers=NL).get_data(as_text=True)
    form = client.get(f"/merchant/shops/{shop.id}/accessibility", headers=NL).get_data(as_text=True)
    assert "zonder nazicht door de stad" in form  # honest: an approved shop's accessibility is live at once

    response = client.post(f"/merchant/shops/{shop.id}/accessibility", headers=NL, data={
        "step_free": "yes", "door_width_cm": "90", "accessible_toilet": "", "seating": "no",
        "assistance_dogs": "yes", "quiet_days": ["tue", "wed", "thu", "fri"], "quiet_from": "09:00",
        "quiet_until": "11:00"})
    assert response.status_code == 302
    assert _access(app, shop.id) == {
        "step_free": True, "door_width_cm": 90, "accessible_toilet": None, "seating": False,
        "quiet_hours": {"days": ["tue", "wed", "thu", "fri"], "from": "09:00", "until": "11:00"},
        "assistance_dogs": True}
    with app.app_context():
        assert db.session.get(Shop, shop.id).proposal_status is None  # no review for accessibility
    page = client.get(f"/merchant/shops/{shop.id}", headers=NL).get_data(as_text=True)
    assert "Is je winkel vlot te bezoeken?" not in page
    assert "Laat bezoekers weten hoe toegankelijk" not in client.get("/merchant/", headers=NL).get_data(as_text=True)
    # The form shows what was saved.
    form = client.get(f"/merchant/shops/{shop.id}/accessibility").get_data(as_text=True)
    assert re.search(r'value="yes"[^>]*checked|checked[^>]*value="yes"', form) and 'value="90"' in form

    public = client.get("/kortrijk/shops/atelier-steengoed", headers=NL).get_data(as_text=True)
    block = public.split('id="access-title"')[1].split("</section>")[0]
    assert "Drempelvrije ingang" in block and "Deuren minstens 90 cm breed" in block
    assert "Geen zitplaats" in block and "Assistentiehonden welkom" in block
    assert "Rustige uren: di–vr 09:00–11:00" in block
    assert "toilet" not in block.lower()  # not given: nothing, never "no"
    assert 'aria-hidden="true"' in block  # icons are decoration; the text says it


def test_form_refuses_bad_values_and_changes_nothing(app, client):
    shop = _shop(app, "vlasbloem")
    before = _access(app, shop.id)
    client.login("merchant1@kortrijk.kick.test")
    response = client.post(f"/merchant/shops/{shop.id}/accessibility", headers=NL, data={
        "step_free": "maybe", "door_width_cm": "20", "quiet_days": ["tue"], "quiet_from": "11:00",
        "quiet_until": "09:00"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Geef de deurbreedte in hele centimeters, van 50 tot 300." in html
    assert _access(app, shop.id) == before
    response = client.post(f"/merchant/shops/{shop.id}/accessibility", headers=NL, data={
        "step_free": "yes", "door_width_cm": "90", "quiet_days": ["tue"], "quiet_from": "11:00",
        "quiet_until": "09:00"})
    assert response.status_code == 422
    assert "De rustige uren moeten eindigen na het begin." in response.get_data(as_text=True)
    assert _access(app, shop.id) == before


def test_another_merchants_shop_is_a_404(app, client):
    shop = _shop(app, "vlasbloem")
    client.login(EMPTY_SHOP_OWNER)
    assert client.get(f"/merchant/shops/{shop.id}/accessibility").status_code == 404
    assert client.patch(f"/api/v1/merchant/shops/{shop.id}", json={"accessibility": {"step_free": False}}).status_code == 404
    assert _access(app, shop.id)["step_free"] is True


def test_patch_contract(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    assert shop["accessibility"] == {field: None for field in ACCESSIBILITY_FIELDS}
    response = client.patch(f"/api/v1/merchant/shops/{shop['id']}", json={
        "phone": "056 12 34 56",  # old fields keep working beside it
        "accessibility": {"step_free": True, "door_width_cm": 85,
                          "quiet_hours": {"days": ["fri", "tue"], "from": "09:00", "until": "10:30"}}})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["phone"] == "056 12 34 56"
    assert body["accessibility"] == {"step_free": True, "door_width_cm": 85, "accessible_toilet": None,
                                     "seating": None, "assistance_dogs": None,
                                     "quiet_hours": {"days": ["tue", "fri"], "from": "09:00", "until": "10:30"}}
    # Only the given fields change; null clears one.
    body = client.patch(f"/api/v1/merchant/shops/{shop['id']}",
                        json={"accessibility": {"seating": False, "door_width_cm": None}}).get_json()
    assert body["accessibility"]["step_free"] is True and body["accessibility"]["seating"] is False
    assert body["accessibility"]["door_width_cm"] is None
    saved = _access(app, shop["id"])

    for bad, field in [({"door_width_cm": 30}, "accessibility.door_width_cm"),
                       ({"door_width_cm": 301}, "accessibility.door_width_cm"),
                       ({"door_width_cm": "90"}, "accessibility.door_width_cm"),
                       ({"step_free": "misschien"}, "accessibility.step_free"),
                       ({"quiet_hours": {"days": ["someday"], "from": "09:00", "until": "10:00"}},
                        "accessibility.quiet_hours.days.0"),
                       ({"quiet_hours": {"days": ["mon"], "from": "12:00", "until": "10:00"}},
                        "accessibility.quiet_hours"),
                       ({"quiet_hours": {"days": ["mon"], "from": "9 uur", "until": "10:00"}},
                        "accessibility.quiet_hours.from"),
                       ({"lift": True}, "accessibility.lift")]:
        response = client.patch(f"/api/v1/merchant/shops/{shop['id']}", json={"phone": "056 99 99 99",
                                                                              "accessibility": bad})
        assert response.status_code == 422, bad
        assert response.mimetype == "application/problem+json"
        errors = response.get_json()["errors"]
        assert field in errors and errors[field][0], (bad, errors)
        assert _access(app, shop["id"]) == saved  # nothing changed, not even the phone
        with app.app_context():
            assert db.session.get(Shop, shop["id"]).phone == "056 12 34 56"
    response = client.patch(f"/api/v1/merchant/shops/{shop['id']}", json={"accessibility": {"door_width_cm": 30}},
                            headers=NL)
    assert response.get_json()["errors"]["accessibility.door_width_cm"]


def test_a_new_shop_can_start_with_its_accessibility(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client, accessibility={"step_free": True, "assistance_dogs": True})
    assert shop["accessibility"]["step_free"] is True and shop["accessibility"]["seating"] is None
    assert _access(app, shop["id"])["assistance_dogs"] is True


def test_approved_shop_accessibility_is_public_at_once_without_review(app, client):
    shop = _shop(app, "de-leesleeuw")
    client.login("merchant2@kortrijk.kick.test")
    response = client.patch(f"/api/v1/merchant/shops/{shop.id}", json={"accessibility": {"accessible_toilet": True}})
    assert response.status_code == 200
    assert response.get_json()["proposal_status"] is None
    api = client.get("/api/v1/cities/kortrijk/shops/de-leesleeuw").get_json()
    assert api["accessibility"]["accessible_toilet"] is True
    assert api["accessibility"]["step_free"] is False  # a "no" the merchant gave is a fact too
    assert set(api["accessibility"]) == set(ACCESSIBILITY_FIELDS)
    html = client.get("/kortrijk/shops/de-leesleeuw", headers=NL).get_data(as_text=True)
    assert "Toegankelijk toilet" in html and "De ingang heeft een trede" in html


def test_public_page_without_accessibility_shows_no_block(app, client):
    _clear(app, "vlasbloem")
    html = client.get("/kortrijk/shops/vlasbloem", headers=NL).get_data(as_text=True)
    assert 'id="access-title"' not in html and "Drempelvrije" not in html
    api = client.get("/api/v1/cities/kortrijk/shops/vlasbloem").get_json()
    assert api["accessibility"] == {field: None for field in ACCESSIBILITY_FIELDS}


def _step_free_slugs(app, city="kortrijk") -> set[str]:
    with app.app_context():
        return set(db.session.execute(select(Shop.slug).join(Shop.city).where(
            Shop.status == "approved", Shop.step_free.is_(True))).scalars()) & set(
            db.session.execute(select(Shop.slug).where(Shop.city.has(slug=city))).scalars())


def test_step_free_filter_on_list_map_and_api(app, client, count_queries):
    expected = _step_free_slugs(app)
    assert expected and len(expected) < 4  # the demo has step-free shops and shops that are not (or unknown)
    api = client.get("/api/v1/cities/kortrijk/shops?step_free=1").get_json()
    assert {item["slug"] for item in api} == expected and all(item["step_free"] is True for item in api)
    assert len(client.get("/api/v1/cities/kortrijk/shops").get_json()) > len(api)

    html = client.get("/kortrijk/shops/?step_free=1", headers=NL).get_data(as_text=True)
    assert 'class="chip chip-step-free" href="/kortrijk/shops/" aria-current="true"' in html
    listed = set(re.findall(r'href="/kortrijk/shops/([a-z0-9-]+)"', html))
    assert listed == expected
    assert "drempelvrije ingang" in html  # the count line says the filter is on
    # Other filters keep it on.
    assert 'href="/kortrijk/shops/?category=fashion&amp;step_free=1"' in html

    html = client.get("/kortrijk/shops/?view=map&step_free=1").get_data(as_text=True)
    points = json.loads(html.split('id="shops-map-data"')[1].split(">", 1)[1].split("</script>")[0])
    assert {p["url"].rsplit("/", 1)[-1] for p in points} == expected

    for url in ("/kortrijk/shops/?step_free=1", "/api/v1/cities/kortrijk/shops?step_free=1"):
        client.get(url)
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        assert queries.count <= 8, queries.statements
    assert client.get("/api/v1/cities/kortrijk/shops?step_free=misschien").status_code == 422
    assert client.get("/kortrijk/shops/?step_free=misschien").status_code == 400


def test_marketer_sees_how_many_shops_gave_their_accessibility(app, client):
    with app.app_context():
        shops = db.session.execute(select(Shop).where(Shop.city.has(slug="kortrijk"),
                                                      Shop.status == "approved")).scalars().all()
        given, total = sum(shop.accessibility_given for shop in shops), len(shops)
    assert 0 < given < total
    client.login("marketer@kortrijk.kick.test")
    html = client.get("/kortrijk/studio/shops", headers=NL).get_data(as_text=True)
    assert f"{given} van {total} winkels gaven hun toegankelijkheid op" in html
    _clear(app, "vlasbloem")
    html = client.get("/kortrijk/studio/shops", headers=NL).get_data(as_text=True)
    assert f"{given - 1} van {total} winkels gaven hun toegankelijkheid op" in html


def test_admin_city_figure_counts_shops_with_accessibility(app):
    from app.shops import accessibility_given_per_city
    with app.app_context():
        shops = db.session.execute(select(Shop).where(Shop.status == "approved")).scalars().all()
        expected: dict[int, int] = {}
        for shop in shops:
            if shop.accessibility_given:
                expected[shop.city_id] = expected.get(shop.city_id, 0) + 1
        assert accessibility_given_per_city() == expected


@pytest.mark.parametrize("door", ["49", "abc", "1000000"])
def test_form_door_width_limits(app, client, door):
    shop = _shop(app, "vlasbloem")
    client.login("merchant1@kortrijk.kick.test")
    response = client.post(f"/merchant/shops/{shop.id}/accessibility", data={"door_width_cm": door})
    assert response.status_code == 422
    assert _access(app, shop.id)["door_width_cm"] == 95
