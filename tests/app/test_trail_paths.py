"""Walks that are true on the ground, as a visitor and a marketer meet them: the explained time, the path in the
downloads, duration choices that are never empty, and the studio's path import with its refusals."""
import io
import json
import re

import pytest

from app.trails.services.path_files import MAX_PATH_FILE_BYTES
from tests.support.trails import demo_trail_id, make_trail, trail_state

DEMO = {
    "brugge": ("van-markt-tot-minnewater", "parken-en-vesten"),
    "oostende": ("van-haven-tot-zeedijk", "koninklijk-groen"),
    "kortrijk": ("guldensporenstad", "langs-de-leie"),
    "roeselare": ("rodenbachstad", "naar-het-sterrebos"),
    "ieper": ("lakenhalle-en-menenpoort", "vestingenwandeling"),
}
BASE = "/brugge/studio/trails"


def html(response) -> str:
    return response.get_data(as_text=True)


def explained(page: str) -> str:
    text = re.search(r"<p[^>]*data-time-explained[^>]*>(.*?)</p>", page, re.S).group(1)
    return re.sub(r"[ \t\n]+", " ", text).strip()  # keeps the no-break spaces of French typography


def test_the_trail_page_explains_its_time_from_the_drawn_path(client):
    api = client.get("/api/v1/cities/brugge/trails/van-markt-tot-minnewater").get_json()
    assert (api["distance_m"], api["duration_min"], api["walking_minutes"], api["stop_minutes"]) == (1561, 66, 21, 45)
    assert api["has_path"] is True and len(api["path"]) >= 18
    assert api["links"]["path_geojson"] == "http://localhost/brugge/trails/van-markt-tot-minnewater/path.geojson"
    page = html(client.get("/brugge/trails/van-markt-tot-minnewater"))
    assert explained(page) == "1 u 06 — 21 min wandelen (1,6 km) + 45 min bij 9 haltes"
    en = html(client.get("/brugge/trails/van-markt-tot-minnewater", headers={"Accept-Language": "en"}))
    assert explained(en) == "1 h 06 — 21 min walking (1.6 km) + 45 min at 9 stops"
    de = html(client.get("/brugge/trails/van-markt-tot-minnewater", headers={"Accept-Language": "de"}))
    assert explained(de) == "1 Std. 06 — 21 min Gehzeit (1,6 km) + 45 min an 9 Stationen"


def test_one_stop_is_singular_and_no_path_says_straight_lines(app, client):
    trail = make_trail(app, n_stops=1, dwell_minutes=10, title_nl="Eén halte")
    page = html(client.get(f"/brugge/trails/{trail['slug']}"))
    assert explained(page) == "10 min — 0 min wandelen (0 m) + 10 min bij 1 halte (gemeten in rechte lijnen tussen de haltes)"
    fr = html(client.get(f"/brugge/trails/{trail['slug']}", headers={"Accept-Language": "fr"}))
    assert explained(fr) == "10 min — 0 min de marche (0 m) + 10 min à 1 arrêt (mesuré en ligne droite entre les arrêts)"
    data = json.loads(re.search(r'id="trail-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert data["drawn"] is False


def test_every_demo_download_carries_the_path(client):
    for city, slugs in DEMO.items():
        for slug in slugs:
            api = client.get(f"/api/v1/cities/{city}/trails/{slug}").get_json()
            assert api["walking_minutes"] + api["stop_minutes"] == api["duration_min"]
            gpx = html(client.get(f"/{city}/trails/{slug}.gpx"))
            assert gpx.count("<trk>") == 1 and gpx.count("<trkpt ") == len(api["path"])
            combined = json.loads(client.get(f"/{city}/trails/{slug}.geojson").data)
            line = combined["features"][0]
            assert line["properties"]["kind"] == "path"
            response = client.get(f"/{city}/trails/{slug}/path.geojson")
            assert response.status_code == 200 and response.mimetype == "application/geo+json"
            assert response.headers["Content-Disposition"] == f'attachment; filename="{city}-{slug}-path.geojson"'
            alone = json.loads(response.data)
            assert alone["type"] == "Feature" and alone["geometry"] == line["geometry"]
            assert alone["geometry"]["coordinates"] == [[lon, lat] for lat, lon in api["path"]]
            page = html(client.get(f"/{city}/trails/{slug}"))
            assert f'href="/{city}/trails/{slug}/path.geojson"' in page
            assert 'data-time-explained' in page


def test_path_download_of_a_draft_or_another_city_is_404(client):
    assert client.get("/brugge/trails/winkelstraten-ontdekken/path.geojson").status_code == 404
    assert client.get("/kortrijk/trails/van-markt-tot-minnewater/path.geojson").status_code == 404


def _chips(page: str) -> list[str]:
    block = re.search(r'<ul class="chips" aria-label="Duur">(.*?)</ul>', page, re.S).group(1)
    return re.findall(r'href="([^"]*max=\d+[^"]*)"', block)


@pytest.mark.parametrize("city", DEMO)
def test_no_duration_choice_is_empty_in_any_town(client, city):
    for listing in (f"/{city}/trails/", f"/{city}/green/"):
        for link in _chips(html(client.get(listing))):
            page = html(client.get(link.replace("&amp;", "&")))
            assert "trail-card" in page and "Geen wandelingen voor deze filter" not in page, link


def test_a_duration_choice_appears_when_it_splits_the_walks(app, client):
    # 66 and 46 minutes: "up to 30/45" would be empty, "up to 90" shows both (that is "any length")
    assert _chips(html(client.get("/brugge/trails/"))) == ["/brugge/trails/?max=60"]
    assert _chips(html(client.get("/brugge/green/"))) == []  # one green route: nothing to choose
    make_trail(app, n_stops=2, dwell_minutes=0, title_nl="Kort rondje")  # 2 minutes
    links = _chips(html(client.get("/brugge/trails/")))
    assert links == ["/brugge/trails/?max=30", "/brugge/trails/?max=60"]
    short = html(client.get(links[0]))
    assert "Kort rondje" in short and "Van Markt" not in short and "Parken en vesten" not in short


# ---------------------------------------------------------------- the studio's path import


@pytest.fixture
def marketer(client):
    client.login("marketer@brugge.kick.test")
    return client


def gpx_track(points) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" '
            'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
            + "".join(f'<trkpt lat="{lat}" lon="{lon}"/>' for lat, lon in points) + "</trkseg></trk></gpx>").encode()


def upload(client, trail_id, version, data: bytes, name="pad.gpx"):
    return client.post(f"{BASE}/{trail_id}/path/file", data={"pathfile-version": str(version),
                                                            "pathfile-file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def _line_for(state_stops_centre=(51.20861, 3.22389), n=3):
    lat, lon = state_stops_centre  # make_trail's stops: 0.001° north of each other
    return [(round(lat + i * 0.0005, 6), round(lon + (0.0002 if i % 2 else 0), 6)) for i in range(2 * n - 1)]


def test_a_marketer_imports_a_gpx_track_as_the_path(app, marketer):
    trail = make_trail(app, n_stops=3)
    before = trail_state(app, trail["id"])
    response = upload(marketer, trail["id"], trail["version"], gpx_track(_line_for()))
    assert response.status_code == 302 and response.headers["Location"].endswith("#path")
    state = trail_state(app, trail["id"])
    assert state["path"] == [list(p) for p in _line_for()] and state["version"] == before["version"] + 1
    assert state["distance_m"] > before["distance_m"]  # the zigzag is longer than the straight line
    page = html(marketer.get(response.headers["Location"]))
    assert "Pad geïmporteerd: 5 punten" in page


def test_a_geojson_line_recorded_backwards_is_turned_round(app, marketer):
    trail = make_trail(app, n_stops=3)
    line = _line_for()[::-1]
    body = json.dumps({"type": "Feature", "properties": {},
                       "geometry": {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in line]}})
    response = upload(marketer, trail["id"], trail["version"], body.encode(), "pad.geojson")
    assert response.status_code == 302
    assert trail_state(app, trail["id"])["path"] == [list(p) for p in _line_for()]
    assert "omgedraaid" in html(marketer.get(response.headers["Location"]))


@pytest.mark.parametrize("data,status,message", [
    (b"<gpx>" + b" " * (MAX_PATH_FILE_BYTES + 1), 413, "Het bestand is te groot"),
    (b"naam;lat;lon\nMarkt;51.2;3.2\n", 422, "geen GPX- of GeoJSON-bestand"),
    (gpx_track([(51.2086 + i * 1e-7, 3.2239) for i in range(20_001)]), 422, "hoogstens 20000 worden aanvaard"),
    (gpx_track([(51.2186, 3.2239), (51.2190, 3.2239)]), 422, "Is het bestand van een andere wandeling?"),
    (gpx_track([(51.20861, 3.22389), (51.7, 3.22389), (51.20961, 3.22389)]), 422, "30 km"),
], ids=["too-big", "not-gpx", "too-many-points", "ends-far", "outside-town"])
def test_a_bad_path_file_is_refused_and_nothing_changes(app, marketer, data, status, message):
    trail = make_trail(app, n_stops=2)  # stops at the centre of Brugge and 111 m north of it
    before = trail_state(app, trail["id"])
    response = upload(marketer, trail["id"], trail["version"], data)
    assert response.status_code == status
    assert message in html(response)
    assert trail_state(app, trail["id"]) == before


def test_the_demo_editor_offers_the_import_and_a_stale_version_is_a_409(app, marketer):
    trail_id = demo_trail_id(app, "brugge", "van-markt-tot-minnewater")
    page = html(marketer.get(f"{BASE}/{trail_id}"))
    assert 'name="pathfile-file"' in page and 'enctype="multipart/form-data"' in page
    before = trail_state(app, trail_id)
    response = upload(marketer, trail_id, before["version"] - 1, gpx_track(before["path"]))
    assert response.status_code == 409 and trail_state(app, trail_id) == before
