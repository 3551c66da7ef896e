"""Search engines and share previews: /robots.txt, /sitemap.xml, /favicon.ico, JSON-LD and Open Graph."""
import io
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from PIL import Image
from sqlalchemy import select

from app import create_app
from app.cities.models import City
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import Trail
from tests.conftest import KickClient
from tests.factories import CityFactory, ShopFactory, TrailFactory

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PUBLIC = "https://kick.example"


def _sitemap_paths(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.data)
    return [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", NS)]


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
    paths = _sitemap_paths(client)
    assert len(paths) == len(set(paths))
    assert "/" in paths and "/privacy" in paths
    for city in live:
        for page in ("/", "/shops/", "/trails/", "/green/", "/privacy"):
            assert f"/{city}{page}" in paths
    assert shops and trails
    for city, slug in shops:
        assert f"/{city}/shops/{slug}" in paths
    for city, slug in trails:
        assert f"/{city}/trails/{slug}" in paths
    assert not any("concept-stad" in p or "verborgen" in p or "nog-niet" in p or "nog-een" in p for p in paths)
    expected = 2 + 5 * len(live) + len(shops) + len(trails)
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
    assert after.count == before.count <= 4, after.statements
    assert sum(1 for p in paths if p.startswith("/stad-")) == 3 * (5 + 4 + 3)


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
