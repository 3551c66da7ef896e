"""POST /api/v1/events: anonymous counters from the beacon (static/js/figures.js), and the beacon's one line
in the visitor pages. 204 without a cookie, nothing about the sender stored, robots and prefetches not
counted, rate limited, bad input a 4xx with the field's message and nothing written."""
import re

import pytest
from sqlalchemy import delete, func, select

from app.cities.services import city_by_slug
from app.extensions import db
from app.figures.models import FigureEvent
from app.shops.models import Shop
from app.trails.models import Trail
from tests.factories import CityFactory, TrailFactory

URL = "/api/v1/events"
BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) " \
          "Version/17.5 Mobile/15E148 Safari/604.1"


def send(client, body, **headers):
    """As the beacon sends it: JSON, no CSRF token, a phone's User-Agent unless the test gives another."""
    return client.post(URL, json=body, csrf=False, headers={"User-Agent": BROWSER, **headers})


def stored(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(select(FigureEvent.city_id, FigureEvent.kind, FigureEvent.page, FigureEvent.hour)
                                  .order_by(FigureEvent.id)).all()
        db.session.remove()
    return [tuple(row) for row in rows]


@pytest.fixture(autouse=True)
def no_demo_events(app):
    """The demo's towns keep their last weeks of page views: these tests read the events they send."""
    with app.app_context():
        db.session.execute(delete(FigureEvent))
        db.session.commit()
        db.session.remove()


@pytest.fixture
def brugge(app):
    """Ids of Brugge's demo rows an event can name, and of rows it cannot."""
    with app.app_context():
        city = city_by_slug("brugge")
        shops = db.session.execute(select(Shop).where(Shop.city_id == city.id).order_by(Shop.id)).scalars().all()
        trail = db.session.execute(select(Trail).where(Trail.city_id == city.id, Trail.status == "published")
                                   .order_by(Trail.id)).scalars().first()
        draft_trail = TrailFactory(city=city, status="draft")
        oostende = city_by_slug("oostende")
        other_shop = db.session.execute(select(Shop.id).where(Shop.city_id == oostende.id,
                                                              Shop.status == "approved")).scalars().first()
        ids = {"city": city.id, "shop": next(s.id for s in shops if s.status == "approved"),
               "pending_shop": next(s.id for s in shops if s.status == "pending"), "trail": trail.id,
               "trail_slug": trail.slug, "shop_slug": next(s.slug for s in shops if s.status == "approved"),
               "draft_trail": draft_trail.id, "oostende_shop": other_shop}
        db.session.commit()
        db.session.remove()
    return ids


# ---------------------------------------------------------------- counted: 204, no cookie, nothing personal


def test_a_page_view_is_a_204_without_a_cookie_and_keeps_only_town_page_and_hour(app, client, brugge, clock):
    clock.advance(minutes=37, seconds=12)
    response = send(client, {"city": "brugge", "kind": "page_view", "ref": "home"})
    assert response.status_code == 204 and response.get_data() == b""
    assert "Set-Cookie" not in response.headers
    [(city_id, kind, page, hour)] = stored(app)
    assert (city_id, kind, page) == (brugge["city"], "page_view", "home")
    assert hour == clock.at.replace(minute=0, second=0)  # the hour, UTC: not the minute the visitor came


def test_a_signed_in_visitor_gets_no_cookie_either(app, client, brugge):
    client.login("shopper@kick.test")
    response = send(client, {"city": "brugge", "kind": "page_view", "ref": "stamps"})
    assert response.status_code == 204 and "Set-Cookie" not in response.headers
    assert [row[2] for row in stored(app)] == ["stamps"]


def test_every_counted_page_and_the_trail_events(app, client, brugge):
    refs = ["home", "shops", "trails", "green", "stamps", f"shop:{brugge['shop']}", f"trail:{brugge['trail']}"]
    for ref in refs:
        assert send(client, {"city": "brugge", "kind": "page_view", "ref": ref}).status_code == 204, ref
    for kind in ("trail_start", "trail_complete"):
        assert send(client, {"city": "brugge", "kind": kind, "ref": f"trail:{brugge['trail']}"}).status_code == 204
    rows = stored(app)
    assert [row[2] for row in rows] == [*refs, f"trail:{brugge['trail']}", f"trail:{brugge['trail']}"]
    assert [row[1] for row in rows[-2:]] == ["trail_start", "trail_complete"]


# ---------------------------------------------------------------- not counted: robots and prefetches


@pytest.mark.parametrize("headers", [
    {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"},
    {"User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"},
    {"User-Agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"},
    {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36"},
    {"User-Agent": "curl/8.5.0"},
    {"User-Agent": ""},
    {"Sec-Purpose": "prefetch"},
    {"Sec-Purpose": "prefetch;prerender"},
    {"Purpose": "prefetch"},
    {"X-Moz": "prefetch"},
], ids=["googlebot", "bingbot", "facebook-preview", "headless", "curl", "no-agent", "sec-purpose", "prerender",
        "purpose", "x-moz"])
def test_robots_and_prefetches_get_the_same_204_and_are_not_counted(app, client, brugge, headers):
    response = send(client, {"city": "brugge", "kind": "page_view", "ref": "home"}, **headers)
    assert response.status_code == 204 and "Set-Cookie" not in response.headers
    assert stored(app) == []


def test_a_phone_named_cubot_is_a_person(app, client, brugge):
    agent = "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Mobile"
    assert send(client, {"city": "brugge", "kind": "page_view", "ref": "home"}, **{"User-Agent": agent}).status_code == 204
    assert len(stored(app)) == 1


# ---------------------------------------------------------------- rate limit


def test_events_are_rate_limited_per_client(app, client, brugge):
    app.config["FIGURES_EVENT_LIMIT"] = "3 per minute"
    body = {"city": "brugge", "kind": "page_view", "ref": "home"}
    assert [send(client, body).status_code for _ in range(3)] == [204, 204, 204]
    limited = send(client, body)
    assert limited.status_code == 429 and limited.mimetype == "application/problem+json"
    assert limited.get_json()["code"] == "rate_limited" and int(limited.headers["Retry-After"]) > 0
    assert len(stored(app)) == 3
    # Another client (another address) has its own allowance.
    other = client.post(URL, json=body, csrf=False, headers={"User-Agent": BROWSER},
                        environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert other.status_code == 204 and len(stored(app)) == 4


# ---------------------------------------------------------------- bad input: a 4xx naming the field, nothing stored


@pytest.mark.parametrize("body,field", [
    ({"city": "atlantis", "kind": "page_view", "ref": "home"}, "city"),
    ({"city": "brugge", "kind": "click", "ref": "home"}, "kind"),
    ({"city": "brugge", "kind": "page_view", "ref": "admin"}, "ref"),
    ({"city": "brugge", "kind": "page_view", "ref": "shop:abc"}, "ref"),
    ({"city": "brugge", "kind": "page_view", "ref": "shop:0"}, "ref"),
    ({"city": "brugge", "kind": "page_view", "ref": "shop:99999999"}, "ref"),
    ({"city": "brugge", "kind": "trail_start", "ref": "home"}, "ref"),
    ({"city": "brugge", "kind": "page_view"}, "ref"),
    ({"kind": "page_view", "ref": "home"}, "city"),
    ({"city": "brugge", "kind": "page_view", "ref": "x" * 41}, "ref"),
    ({"city": ["brugge"], "kind": "page_view", "ref": "home"}, "city"),
    ({"city": "brugge", "kind": "page_view", "ref": "home", "ip": "1.2.3.4"}, "ip"),
])
def test_bad_events_are_a_422_with_the_field_and_change_nothing(app, client, brugge, body, field):
    response = send(client, body)
    assert response.status_code == 422, response.get_json()
    assert response.mimetype == "application/problem+json"
    assert field in response.get_json()["errors"], response.get_json()
    assert stored(app) == []


def test_pages_that_are_not_the_towns_are_not_counted(app, client, brugge):
    cases = [("page_view", f"shop:{brugge['pending_shop']}"),  # not approved: nobody sees it
             ("page_view", f"shop:{brugge['oostende_shop']}"),  # another town's shop
             ("page_view", f"trail:{brugge['draft_trail']}"),  # a draft trail
             ("trail_start", f"shop:{brugge['shop']}"),  # a shop is not a trail
             ("trail_complete", f"trail:{brugge['draft_trail']}")]
    for kind, ref in cases:
        response = send(client, {"city": "brugge", "kind": kind, "ref": ref})
        assert response.status_code == 422 and response.get_json()["errors"] == {"ref": ["Deze pagina wordt niet geteld."]}
    assert stored(app) == []


def test_a_draft_town_is_not_counted_even_for_its_marketer(app, client):
    with app.app_context():
        CityFactory(slug="tielt", status="draft")
        db.session.commit()
        db.session.remove()
    response = send(client, {"city": "tielt", "kind": "page_view", "ref": "home"})
    assert response.status_code == 422 and "city" in response.get_json()["errors"]
    assert stored(app) == []


def test_a_form_post_or_a_broken_body_is_refused(app, client, brugge):
    form = client.post(URL, data={"city": "brugge", "kind": "page_view", "ref": "home"}, csrf=False)
    assert form.status_code == 415  # the API's JSON rule: a cross-site form cannot post here
    broken = client.post(URL, data="{not json", content_type="application/json", csrf=False)
    assert broken.status_code in (400, 422) and broken.mimetype == "application/problem+json"
    listed = client.post(URL, json=[{"city": "brugge", "kind": "page_view", "ref": "home"}], csrf=False)
    assert listed.status_code == 422
    assert stored(app) == []


# ---------------------------------------------------------------- the beacon's line in the pages


def beacon(html: str) -> dict | None:
    match = re.search(r'<script src="[^"]*/js/figures\.js\?v=[^"]+" defer data-figures="([^"]+)" '
                      r'data-city="([^"]+)" data-page="([^"]+)"></script>', html)
    return dict(zip(("url", "city", "page"), match.groups())) if match else None


def test_every_counted_visitor_page_renders_the_beacon_with_its_key(client, brugge):
    pages = {"/brugge/": "home", "/brugge/shops/": "shops", "/brugge/trails/": "trails", "/brugge/green/": "green",
             "/brugge/stamps": "stamps", f"/brugge/shops/{brugge['shop_slug']}": f"shop:{brugge['shop']}",
             f"/brugge/trails/{brugge['trail_slug']}": f"trail:{brugge['trail']}"}
    for path, key in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert beacon(response.get_data(as_text=True)) == {"url": URL, "city": "brugge", "page": key}, path


def test_no_beacon_in_a_draft_town_or_the_studio_preview(app, client, brugge):
    client.login("marketer@brugge.kick.test")
    preview = client.get(f"/brugge/studio/trails/{brugge['trail']}/preview")
    assert preview.status_code == 200 and beacon(preview.get_data(as_text=True)) is None
    with app.app_context():
        CityFactory(slug="tielt", status="draft")
        db.session.commit()
        db.session.remove()
    client.login("admin@kick.test")
    draft_home = client.get("/tielt/")
    assert draft_home.status_code == 200 and beacon(draft_home.get_data(as_text=True)) is None


def test_the_openapi_document_describes_the_event_and_the_push(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    event = spec["paths"]["/api/v1/events"]["post"]
    assert set(event["responses"]) >= {"204", "422", "429"}
    push = spec["paths"]["/api/v1/cities/{city}/footfall"]["post"]
    assert push["security"] == [{"footfallToken": []}] and set(push["responses"]) >= {"200", "401", "404", "422"}
    assert spec["components"]["securitySchemes"]["footfallToken"]["scheme"] == "bearer"
    assert push["requestBody"]["content"]["application/json"]["schema"]["type"] == "array"


def test_count_queries_of_an_event(app, client, brugge, count_queries):
    with count_queries() as queries:
        send(client, {"city": "brugge", "kind": "page_view", "ref": f"shop:{brugge['shop']}"})
    assert queries.count <= 4, queries.statements  # the town, the shop, the insert (and the transaction)
    with app.app_context():
        assert db.session.execute(select(func.count()).select_from(FigureEvent)).scalar_one() == 1
        db.session.remove()
