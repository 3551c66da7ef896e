"""Search engines and share previews: /robots.txt, /sitemap.xml, /favicon.ico, JSON-LD and Open Graph."""
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

from PIL import Image
from sqlalchemy import select

from app import create_app
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import Trail
from tests.conftest import KickClient
from tests.factories import CityFactory, ShopFactory, ShopPhotoFactory, TrailFactory, TrailStopFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PUBLIC = "https://kick.example"


def _sitemap_paths(client) -> list[str]:
    """The pages the sitemap lists, once each (it lists every page once per language: test_sitemap_languages)."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    return [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", NS) if loc.text.endswith("?lang=nl")]


def test_robots_allows_the_public_pages_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    lines = response.get_data(as_text=True).splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert "Disallow: /*/studio/" in lines and "Disallow: /api/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines


def test_sitemap_and_robots_use_the_public_url_setting(app_config):
    app = create_app({**app_config, "KICK_PUBLIC_URL": PUBLIC})
    app.test_client_class = KickClient
    client = app.test_client()
    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt", base_url="http://evil.example").text
    root = ET.fromstring(client.get("/sitemap.xml", base_url="http://evil.example").data)
    locs = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    assert locs and all(loc.startswith(PUBLIC + "/") for loc in locs)


def test_sitemap_lists_every_public_page_of_live_towns_only(app, client):
    with app.app_context():
        draft = CityFactory(slug="concept-stad", status="draft")
        ShopFactory(city=draft, slug="verborgen-winkel")
        TrailFactory(city=draft, slug="verborgen-route")
        brugge = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        ShopFactory(city=brugge, slug="nog-niet-goedgekeurd", status="submitted")
        TrailFactory(city=brugge, slug="nog-een-ontwerp", status="draft")
        db.session.commit()
        live = db.session.execute(select(City.slug).where(City.status == "live")).scalars().all()
        shops = db.session.execute(select(City.slug, Shop.slug).join(Shop.city)
                                   .where(City.status == "live", Shop.status == "approved")).all()
        trails = db.session.execute(select(City.slug, Trail.slug).join(Trail.city)
                                    .where(City.status == "live", Trail.status == "published")).all()
        from app.premises.models import Premise
        premises = db.session.execute(select(City.slug, Premise.id).join(City, City.id == Premise.city_id)
                                      .where(City.status == "live", Premise.state.in_(("vacant", "option")))).all()
        from app.agenda.models import Event
        events = db.session.execute(select(City.slug, Event.id).join(Event.city)
                                    .where(City.status == "live", Event.status.in_(("published", "cancelled")))).all()
        from app.access.models import AccessPlace
        getting_there = set(db.session.execute(
            select(City.slug).select_from(AccessPlace).join(City, City.id == AccessPlace.city_id)
            .where(City.status == "live")).scalars())
    paths = _sitemap_paths(client)
    assert len(paths) == len(set(paths))
    assert "/" in paths and "/privacy" in paths
    for city in live:
        for page in ("/", "/shops/", "/trails/", "/green/", "/agenda", "/privacy"):
            assert f"/{city}{page}" in paths
    assert shops and trails
    for city, slug in shops:
        assert f"/{city}/shops/{slug}" in paths
    for city, slug in trails:
        assert f"/{city}/trails/{slug}" in paths
    assert not any("concept-stad" in p or "verborgen" in p or "nog-niet" in p or "nog-een" in p for p in paths)
    for city, premise_id in premises:  # the available premises (room match), each town's list of them
        assert f"/{city}/premises/{premise_id}" in paths and f"/{city}/premises/" in paths
    for city, event_id in events:  # the demo's events are all still to come or running
        assert f"/{city}/agenda/{event_id}" in paths
    assert getting_there, "the demo towns list places to park, bikes, toilets"
    for city in getting_there:  # "Getting there" of each town that lists places
        assert f"/{city}/bereikbaarheid" in paths
    expected = 2 + 7 * len(live) + len(shops) + len(trails) + len(premises) + len(events) + len(getting_there)
    assert len(paths) == expected
    # Every listed page really answers 200 (no made-up slugs).
    for path in paths[:: max(1, len(paths) // 15)]:
        assert client.get(path).status_code == 200, path


def test_sitemap_costs_the_same_queries_however_many_towns_and_rows(app, client, count_queries):
    with count_queries() as before:
        client.get("/sitemap.xml")
    with app.app_context():
        for _ in range(3):
            town = CityFactory()
            ShopFactory.create_batch(4, city=town)
            TrailFactory.create_batch(3, city=town)
        db.session.commit()
    with count_queries() as after:
        paths = _sitemap_paths(client)
    assert after.count == before.count <= 6, after.statements  # towns, shops, trails, premises, events, places
    assert sum(1 for p in paths if p.startswith("/stad-")) == 3 * (7 + 4 + 3)  # 7: with the premises list and the agenda


def test_sitemap_lastmod_carries_its_offset(client):
    root = ET.fromstring(client.get("/sitemap.xml").data)
    stamps = [el.text for el in root.findall("s:url/s:lastmod", NS)]
    assert stamps and all(stamp.endswith("+00:00") for stamp in stamps)


def test_favicon_is_a_real_icon_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response.mimetype == "image/x-icon"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "ICO" and (32, 32) in image.info["sizes"]
    assert client.get("/favicon.ico", headers={"If-None-Match": response.headers["ETag"]}).status_code == 304


# ---------------------------------------------------------------- JSON-LD and share previews
def _json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def _meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)
    return unescape(match.group(1)) if match else None


def _brugge(app_ctx_db):
    return app_ctx_db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()


def test_shop_page_describes_the_store_with_hours_and_closures(app, client):
    closed_on = (clock.today() + timedelta(days=3)).isoformat()
    short_day = (clock.today() + timedelta(days=4)).isoformat()
    long_ago = (clock.today() - timedelta(days=30)).isoformat()
    hostile = "Kant </script><script>alert(1)</script>"
    with app.app_context():
        shop = ShopFactory(city=_brugge(db), slug="kant-en-co", tagline={"nl": hostile}, address="Steenstraat 1",
                           lat=51.2071, lon=3.2233, phone="+32 50 12 34 56", website="https://kant.example",
                           category="fashion",
                           opening_hours={"weekly": {"mon": [["09:30", "12:30"], ["13:30", "18:00"]],
                                                     "sat": [["10:00", "24:00"]]},
                                          "exceptions": [{"date": long_ago, "closed": True},
                                                         {"date": closed_on, "closed": True, "note": "Inventaris"},
                                                         {"date": short_day, "closed": False,
                                                          "intervals": [["10:00", "14:00"]]}]})
        ShopPhotoFactory(shop=shop, phone_key="shops/factory/kant-phone.jpg")
        db.session.commit()
    html = client.get("/brugge/shops/kant-en-co").get_data(as_text=True)
    assert "<script>alert(1)" not in html
    data = _json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClothingStore"
    assert data["name"] == "Kant En Co" and data["description"] == hostile
    assert data["url"] == "http://localhost/brugge/shops/kant-en-co"
    assert data["image"] == ["http://localhost/media/shops/factory/kant-phone.jpg"]
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "Steenstraat 1",
                               "addressLocality": "Brugge", "addressCountry": "BE"}
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 51.2071, "longitude": 3.2233}
    assert data["telephone"] == "+32 50 12 34 56" and data["sameAs"] == ["https://kant.example"]
    hours = data["openingHoursSpecification"]
    weekly = [(h["dayOfWeek"].rsplit("/", 1)[1], h["opens"], h["closes"]) for h in hours if "dayOfWeek" in h]
    assert weekly == [("Monday", "09:30", "12:30"), ("Monday", "13:30", "18:00"), ("Saturday", "10:00", "23:59")]
    special = [(h["validFrom"], h["validThrough"], h["opens"], h["closes"]) for h in hours if "validFrom" in h]
    assert special == [(closed_on, closed_on, "00:00", "00:00"), (short_day, short_day, "10:00", "14:00")]
    # The share preview shows the shop's photo.
    assert _meta(html, "og:image") == "http://localhost/media/shops/factory/kant-phone.jpg"
    assert _meta(html, "twitter:card") == "summary_large_image"
    assert _meta(html, "og:title").startswith("Kant En Co")
    assert _meta(html, "og:url") == "http://localhost/brugge/shops/kant-en-co?lang=nl"  # as the canonical link
    assert _meta(html, "og:description") == _meta(html, "description") == hostile


def test_trail_page_is_a_tourist_trip_with_its_stops_as_itinerary(app, client):
    with app.app_context():
        brugge = _brugge(db)
        trail = TrailFactory(city=brugge, slug="kantroute", summary={"nl": "Langs de kantwinkels."},
                             cover_phone_key="trails/factory/cover-phone.jpg", cover_width=10, cover_height=10)
        shop = ShopFactory(city=brugge, slug="kantwinkel")
        hidden = ShopFactory(city=brugge, slug="nog-in-review", status="submitted")
        for position, linked in ((0, shop), (1, hidden), (2, None)):
            TrailStopFactory(trail=trail, position=position, shop=linked)
        db.session.commit()
    html = client.get("/brugge/trails/kantroute").get_data(as_text=True)
    data = _json_ld(html)
    assert data["@type"] == "TouristTrip" and data["name"] == "Kantroute"
    assert data["description"] == "Langs de kantwinkels." and data["timeRequired"] == "PT30M"
    assert data["image"] == "http://localhost/media/trails/factory/cover-phone.jpg"
    items = data["itinerary"]["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3] and data["itinerary"]["numberOfItems"] == 3
    assert [item["item"]["name"] for item in items] == ["Halte 0", "Halte 1", "Halte 2"]
    assert all(item["item"]["@type"] == "Place" and item["item"]["geo"]["latitude"] for item in items)
    # A stop at an approved shop links its page; a shop the public cannot see is not named.
    assert [item["item"].get("url") for item in items] == ["http://localhost/brugge/shops/kantwinkel", None, None]
    assert _meta(html, "og:image") == "http://localhost/media/trails/factory/cover-phone.jpg"
    assert _meta(html, "description") == "Langs de kantwinkels."


def test_pages_without_a_photo_share_the_city_or_platform_icon(app, client):
    home = client.get("/brugge/").get_data(as_text=True)
    assert re.fullmatch(r"http://localhost/brugge/icons/512\.png\?v=\d+", _meta(home, "og:image"))
    assert _meta(home, "twitter:card") == "summary"
    picker = client.get("/").get_data(as_text=True)
    assert _meta(picker, "og:image") == "http://localhost/icon.png"
    assert '<link rel="icon" href="/favicon.ico"' in picker
    icon = client.get("/icon.png")
    assert icon.status_code == 200 and Image.open(io.BytesIO(icon.data)).size == (512, 512)


def test_share_links_use_the_public_url_setting(app_config):
    app = create_app({**app_config, "KICK_PUBLIC_URL": PUBLIC})
    app.test_client_class = KickClient
    html = app.test_client().get("/brugge/trails/", base_url="http://evil.example").get_data(as_text=True)
    assert _meta(html, "og:url") == f"{PUBLIC}/brugge/trails/?lang=nl"
    assert _meta(html, "og:image").startswith(f"{PUBLIC}/brugge/icons/512.png")


def test_every_public_page_type_has_its_own_description(app, client):
    with app.app_context():
        shop = db.session.execute(select(Shop.slug).join(Shop.city).where(City.slug == "brugge",
                                                                            Shop.status == "approved")).scalar()
        trail = db.session.execute(select(Trail.slug).join(Trail.city).where(City.slug == "brugge",
                                                                               Trail.status == "published")).scalar()
    pages = ["/", "/privacy", "/brugge/", "/brugge/shops/", f"/brugge/shops/{shop}", "/brugge/trails/",
             "/brugge/green/", f"/brugge/trails/{trail}", "/brugge/privacy"]
    descriptions = {}
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        descriptions[path] = _meta(html, "description")
        assert descriptions[path] and _meta(html, "og:description") == descriptions[path], path
        assert _meta(html, "og:title") and _meta(html, "og:image").startswith("http://localhost/"), path
    # The city's privacy page says the same as the platform's, by design; every other page its own words.
    assert len(set(descriptions.values())) == len(pages) - 1
