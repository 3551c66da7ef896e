"""Public trail pages, filters, exports and the draft rule, as a visitor meets them."""
import json
import re
from html import unescape
from pathlib import Path

import gpxpy
import pytest
from lxml import etree

from app.extensions import db
from tests.support.trails import make_shop, make_trail, stops_near

XSD = Path(__file__).resolve().parents[1] / "data" / "gpx-1.1.xsd"
GPX_NS = "{http://www.topografix.com/GPX/1/1}"
DEMO = {
    "brugge": ("van-markt-tot-minnewater", "parken-en-vesten"),
    "oostende": ("van-haven-tot-zeedijk", "koninklijk-groen"),
    "kortrijk": ("guldensporenstad", "langs-de-leie"),
    "roeselare": ("rodenbachstad", "naar-het-sterrebos"),
    "ieper": ("lakenhalle-en-menenpoort", "vestingenwandeling"),
}
DRAFT = "winkelstraten-ontdekken"


@pytest.fixture(scope="module")
def gpx_schema():
    return etree.XMLSchema(etree.parse(str(XSD)))


def html(response) -> str:
    return response.get_data(as_text=True)


def map_data(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="trail-data"[^>]*>(.*?)</script>', page, re.S).group(1))


def map_settings(page: str, element_id: str = "trail-map") -> dict:
    """The city's map settings on the map element (data-* attributes read by static/js/map.js)."""
    tag = re.search(rf'<div[^>]* id="{element_id}"[^>]*>', page).group(0)
    return {name: unescape(value) for name, value in re.findall(r' data-([a-z-]+)="([^"]*)"', tag)}


# ---------------------------------------------------------------- lists


def test_trail_list_shows_published_walks_with_their_facts(client):
    page = html(client.get("/brugge/trails/"))
    assert "Wandelingen in Brugge" in page
    assert "Van Markt tot Minnewater" in page and "Parken en vesten" in page
    assert "Winkelstraten ontdekken" not in page  # the draft
    assert "9 haltes" in page and "Erfgoed" in page and "Groen" in page
    assert re.search(r"\d,\d km", page)  # distance in Dutch notation
    assert "Bankjes onderweg" in page  # accessibility badge


def test_green_list_only_has_green_routes(client):
    page = html(client.get("/brugge/green/"))
    assert "Groene routes in Brugge" in page
    assert "Parken en vesten" in page and "Van Markt tot Minnewater" not in page


def test_filters_by_kind_and_duration(app, client):
    make_trail(app, kind="family", title_nl="Kabouterpad", n_stops=2, dwell_minutes=0)
    family = html(client.get("/brugge/trails/?kind=family"))
    assert "Kabouterpad" in family and "Van Markt tot Minnewater" not in family
    short = html(client.get("/brugge/trails/?max=30"))
    assert "Kabouterpad" in short and "Van Markt tot Minnewater" not in short  # 63 minutes
    long_ok = html(client.get("/brugge/trails/?max=120"))
    assert "Van Markt tot Minnewater" in long_ok


@pytest.mark.parametrize("query", ["?kind=castle", "?max=7", "?max=abc"])
def test_unknown_filters_are_a_clear_400(client, query):
    response = client.get("/brugge/trails/" + query)
    assert response.status_code == 400
    assert "Onbekende" in html(response)


def test_home_page_shows_walks_and_the_navigation(client):
    page = html(client.get("/brugge/"))
    assert "Wandelingen in Brugge" in page and "Van Markt tot Minnewater" in page
    nav = page[page.index('class="tabbar"'):]
    assert nav.index('href="/brugge/"') < nav.index('href="/brugge/trails/"') < nav.index('href="/brugge/green/"')


# ---------------------------------------------------------------- the trail page


def test_trail_page_has_map_stops_and_accessibility(client):
    page = html(client.get("/brugge/trails/van-markt-tot-minnewater"))
    assert "<h1>Van Markt tot Minnewater</h1>" in page
    stops = re.findall(r'<li class="trail-stop" id="stop-(\d+)"', page)
    assert stops == [str(n) for n in range(1, 10)]
    assert page.index("Markt") < page.index("Belfort") < page.index("Minnewater</h3>")
    assert 'id="trail-map"' in page and "De kaart heeft JavaScript nodig" in page  # readable without JS
    assert "vendor/leaflet/leaflet.js" in page and "unpkg" not in page and "cdn" not in page.lower()
    assert "Toegankelijkheid" in page and "Ondergrond" in page and "Kasseien" in page
    assert 'href="/brugge/trails/van-markt-tot-minnewater.gpx"' in page
    data = map_data(page)
    assert len(data["stops"]) == 9 and data["stops"][0]["n"] == 1
    settings = map_settings(page)
    assert settings["tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert settings["attribution"] == "© OpenStreetMap contributors"


def test_map_tiles_come_from_the_city_settings(app, client):
    from app.cities.services import city_by_slug
    with app.app_context():
        city = city_by_slug("ieper")
        city.tile_url = "https://tiles.ieper.example/{z}/{x}/{y}.png"
        city.tile_attribution = "© Stad Ieper"
        db.session.commit()
    settings = map_settings(html(client.get("/ieper/trails/vestingenwandeling")))
    assert settings["tiles"] == "https://tiles.ieper.example/{z}/{x}/{y}.png"
    assert settings["attribution"] == "© Stad Ieper"


def test_trail_page_follows_the_language_with_dutch_fallback(app, client):
    english = html(client.get("/brugge/trails/van-markt-tot-minnewater", headers={"Accept-Language": "en"}))
    assert "From the Market to the Lake of Love" in english and "Market Square" in english
    german = html(client.get("/brugge/trails/van-markt-tot-minnewater", headers={"Accept-Language": "de"}))
    assert "Vom Markt zum Minnewater" in german and "Barrierefreiheit" in german
    dutch_only = make_trail(app, title_nl="Alleen in het Nederlands")
    german = html(client.get(f"/brugge/trails/{dutch_only['slug']}", headers={"Accept-Language": "de"}))
    assert "Alleen in het Nederlands" in german  # no German text: Dutch


def test_user_text_is_escaped_in_the_page_and_the_map_data(app, client):
    evil = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'
    stops = [{"title": {"nl": evil}, "lat": 51.2086, "lon": 3.2239}]
    trail = make_trail(app, stops=stops, title_nl=evil)
    page = html(client.get(f"/brugge/trails/{trail['slug']}"))
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;/script&gt;" in page


def test_shop_link_only_while_the_shop_is_public(app, client):
    approved = make_shop(app, slug="open-zaak", name="Open Zaak")
    pending = make_shop(app, slug="nog-niet", name="Nog Niet", status="pending")
    stops = stops_near(n=2)
    stops[0]["shop_id"], stops[1]["shop_id"] = approved, pending
    trail = make_trail(app, stops=stops)
    page = html(client.get(f"/brugge/trails/{trail['slug']}"))
    assert "Open Zaak" in page and "Nog Niet" not in page


def test_distance_and_duration_are_computed_from_the_stops(app, client):
    # 3 stops 0.001 deg of latitude apart: 2 x 111.195 m = 222 m; 222 m at 4.5 km/h = 2.97 min + 3 x 5 min.
    trail = make_trail(app, n_stops=3, dwell_minutes=5)
    body = client.get(f"/api/v1/cities/brugge/trails/{trail['slug']}").get_json()
    assert (body["distance_m"], body["duration_min"]) == (222, 18)
    page = html(client.get(f"/brugge/trails/{trail['slug']}"))
    assert "222 m" in page and "18 min" in page


def test_walking_pace_is_configurable(app, client):
    app.config["KICK_WALKING_PACE_KMH"] = 3.0
    trail = make_trail(app, n_stops=3, dwell_minutes=0)
    body = client.get(f"/api/v1/cities/brugge/trails/{trail['slug']}").get_json()
    assert (body["distance_m"], body["duration_min"]) == (222, 5)  # 222 m at 3 km/h = 4.45 min


# ---------------------------------------------------------------- exports


@pytest.mark.parametrize("city", DEMO)
def test_every_demo_gpx_validates_and_round_trips(client, gpx_schema, city):
    for slug in DEMO[city]:
        response = client.get(f"/{city}/trails/{slug}.gpx")
        assert response.status_code == 200
        assert response.mimetype == "application/gpx+xml"
        assert response.headers["Content-Disposition"] == f'attachment; filename="{city}-{slug}.gpx"'
        doc = etree.fromstring(response.data)
        gpx_schema.assertValid(doc)
        assert doc.get("creator") == "KICK City"
        assert doc.find(f"{GPX_NS}metadata/{GPX_NS}link").get("href") == f"http://localhost/{city}/trails/{slug}"
        parsed = gpxpy.parse(response.get_data(as_text=True))
        api = client.get(f"/api/v1/cities/{city}/trails/{slug}").get_json()
        assert [w.name for w in parsed.waypoints] == [s["title"]["nl"] for s in api["stops"]]
        assert all(w.link and w.link.endswith(f"#stop-{n}") for n, w in enumerate(parsed.waypoints, start=1))
        assert [(round(w.latitude, 5), round(w.longitude, 5)) for w in parsed.waypoints] == \
               [(round(s["lat"], 5), round(s["lon"], 5)) for s in api["stops"]]
        # the drawn walking path is the track (the stops are the waypoints above); no straight-line route
        assert len(parsed.tracks) == 1 and not parsed.routes
        track = [(p.latitude, p.longitude) for p in parsed.tracks[0].segments[0].points]
        assert len(track) >= 2 * len(api["stops"]) and track == [tuple(p) for p in api["path"]]
        assert parsed.name == api["title"]["nl"]


def test_gpx_of_a_drawn_path_is_a_track(app, client, gpx_schema):
    path = [[51.2086, 3.2239], [51.2090, 3.2245], [51.2095, 3.2250], [51.2100, 3.2239]]
    trail = make_trail(app, path=path)
    response = client.get(f"/brugge/trails/{trail['slug']}.gpx")
    gpx_schema.assertValid(etree.fromstring(response.data))
    parsed = gpxpy.parse(response.get_data(as_text=True))
    assert len(parsed.tracks) == 1 and not parsed.routes
    assert [(p.latitude, p.longitude) for p in parsed.tracks[0].segments[0].points] == [tuple(p) for p in path]


def test_geojson_is_lon_lat_with_a_line_and_a_point_per_stop(client):
    response = client.get("/kortrijk/trails/guldensporenstad.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="kortrijk-guldensporenstad.geojson"'
    collection = json.loads(response.data)
    assert collection["type"] == "FeatureCollection"
    line, *points = collection["features"]
    assert line["geometry"]["type"] == "LineString"
    assert [p["geometry"]["type"] for p in points] == ["Point"] * 6
    first = points[0]
    assert first["geometry"]["coordinates"] == [3.26559, 50.82755]  # [lon, lat]: Grote Markt - Belfort
    assert first["properties"]["title"] == "Grote Markt - Belfort" and first["properties"]["position"] == 1
    assert line["geometry"]["coordinates"][0] == [3.26559, 50.82755]


# ---------------------------------------------------------------- drafts and other cities


def _draft_urls(city="brugge"):
    return [f"/{city}/trails/{DRAFT}", f"/{city}/trails/{DRAFT}.gpx", f"/{city}/trails/{DRAFT}.geojson",
            f"/api/v1/cities/{city}/trails/{DRAFT}"]


@pytest.mark.parametrize("who", [None, "shopper@kick.test", "marketer@kortrijk.kick.test"])
def test_drafts_are_404_for_the_public_everywhere(client, who):
    if who:
        client.login(who)
    for url in _draft_urls():
        assert client.get(url).status_code == 404, url
    listed = [t["slug"] for t in client.get("/api/v1/cities/brugge/trails").get_json()]
    assert DRAFT not in listed and "van-markt-tot-minnewater" in listed
    assert DRAFT not in html(client.get("/brugge/trails/")) and DRAFT not in html(client.get("/brugge/"))


def test_another_citys_trail_is_404(client):
    assert client.get("/kortrijk/trails/van-markt-tot-minnewater").status_code == 404
    assert client.get("/kortrijk/trails/van-markt-tot-minnewater.gpx").status_code == 404
    assert client.get("/api/v1/cities/kortrijk/trails/van-markt-tot-minnewater").status_code == 404
    assert client.get("/nowhere/trails/").status_code == 404


def test_unpublished_trail_disappears(app, client):
    trail = make_trail(app)
    assert client.get(f"/brugge/trails/{trail['slug']}").status_code == 200
    client.login("marketer@brugge.kick.test")
    client.post(f"/api/v1/cities/brugge/trails/{trail['slug']}/unpublish", json={})
    client.logout()
    for suffix in ("", ".gpx", ".geojson"):
        assert client.get(f"/brugge/trails/{trail['slug']}{suffix}").status_code == 404


# ---------------------------------------------------------------- queries


def test_trail_page_query_count_does_not_grow_with_stops(app, client, count_queries):
    shop = make_shop(app)
    few_stops = stops_near(n=2)
    many_stops = stops_near(n=40, step=0.0002)
    for stop in few_stops[:1] + many_stops[::3]:
        stop["shop_id"] = shop
    few = make_trail(app, stops=few_stops)
    many = make_trail(app, stops=many_stops)
    client.get(f"/brugge/trails/{few['slug']}")  # warm up (static hashes)
    counts = []
    for trail in (few, many):
        with count_queries() as queries:
            assert client.get(f"/brugge/trails/{trail['slug']}").status_code == 200
        counts.append(queries.count)
    assert counts[0] == counts[1] <= 6, counts


def test_list_pages_use_a_fixed_number_of_queries(app, client, count_queries):
    client.get("/brugge/trails/")
    with count_queries() as before:
        client.get("/brugge/trails/")
    for _ in range(4):
        make_trail(app, n_stops=12)
    client.get("/brugge/trails/")  # a write retires the town's cached pages and its city snapshot with them (app.cache): warm again
    with count_queries() as after:
        client.get("/brugge/trails/")
    assert before.count == after.count <= 5, (before.count, after.count)
