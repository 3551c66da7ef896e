"""Getting there: /<city>/bereikbaarheid, the map layers, the places API, the trail page's parking, the studio
(places, imports, feeds) and a feed that follows a locally served fixture within one poll."""
import http.server
import io
import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.access.models import AccessFeed, AccessPlace
from app.cities.services import city_by_slug
from app.core import clock as app_clock
from app.extensions import db

DATA = Path(__file__).resolve().parents[1] / "data"
NL = {"Accept-Language": "nl"}
FIXTURE_NOW = datetime(2026, 12, 2, 13, 6, tzinfo=timezone.utc)  # 14:06 in Brussels


def _place(code, slug="kortrijk"):
    city = city_by_slug(slug)
    return db.session.execute(select(AccessPlace).where(AccessPlace.city_id == city.id,
                                                        AccessPlace.code == code)).scalar_one()


@pytest.fixture
def fresh_counts(app):
    """Kortrijk's demo counts as just counted (the demo counted them when the test session loaded it)."""
    with app.app_context():
        now = app_clock.now()
        for place in db.session.execute(select(AccessPlace).where(AccessPlace.live_updated_at.is_not(None))).scalars():
            place.live_updated_at, place.live_history = now, [[(now - timedelta(minutes=30)).isoformat(), 260]]
        db.session.commit()
        db.session.remove()


@pytest.fixture
def fixture_server():
    """A local HTTP server answering each path with the bytes the test put in `bodies` (no network)."""
    bodies: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            body = bodies.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", bodies
    server.shutdown()


# ---------------------------------------------------------------- the shoppers' page and layers


def test_the_page_groups_places_with_free_places_now_and_when_counted(client, fresh_counts):
    page = client.get("/kortrijk/bereikbaarheid", headers=NL)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Bereikbaarheid" in html or "Getting there" in html
    schouwburg = html[html.index('data-place="P-SCHOUWBURG"'):]
    schouwburg = schouwburg[:schouwburg.index("</li>")]
    assert "<strong>188</strong>" in schouwburg
    assert "188 vrij van 650 · geteld om" in schouwburg
    assert "openstreetmap.org/directions?to=50.829300%2C3.262300" in schouwburg
    assert 'id="nearest-accessible-toilet"' in html and "Openbaar toilet Grote Markt (Belfort)" in html
    # nearest to the centre first: the Shop & Go zone (160 m) before the station's garage (450 m)
    assert html.index('data-place="SG-LANGESTEEN"') < html.index('data-place="P-STATION"')


def test_a_stale_count_is_never_shown_as_live(app, client, fresh_counts):
    with app.app_context():
        place = _place("P-SCHOUWBURG")
        place.live_updated_at = app_clock.now() - timedelta(minutes=16)
        db.session.commit()
    html = client.get("/kortrijk/bereikbaarheid", headers=NL).get_data(as_text=True)
    schouwburg = html[html.index('data-place="P-SCHOUWBURG"'):]
    schouwburg = schouwburg[:schouwburg.index("</li>")]
    assert "is-stale" in html[html.rindex("<li", 0, html.index('data-place="P-SCHOUWBURG"')):html.index('data-place="P-SCHOUWBURG"')]
    assert "laatst bijgewerkt" in schouwburg
    assert "<strong>188</strong>" not in schouwburg and "vrij van" not in schouwburg
    layer = client.get("/kortrijk/bereikbaarheid/parking.geojson", headers=NL).get_json()
    feature = next(f for f in layer["features"] if f["properties"]["title"] == "Parking Schouwburg")
    assert feature["properties"]["stale"] is True
    assert feature["properties"]["detail"].startswith("laatst bijgewerkt")


def test_the_visitors_location_sorts_the_list_and_is_never_cached(client):
    page = client.get("/kortrijk/bereikbaarheid?lat=50.8244&lon=3.2640", headers=NL)
    html = page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"
    assert html.index('data-place="P-STATION"') < html.index('data-place="SG-LANGESTEEN"')
    far = client.get("/kortrijk/bereikbaarheid?lat=51.2&lon=4.4", headers=NL)  # Antwerp: ignored, from the centre
    assert "private" not in far.headers.get("Cache-Control", "")


def test_the_page_costs_a_few_queries(client, count_queries):
    client.get("/kortrijk/bereikbaarheid")
    with count_queries() as queries:
        assert client.get("/kortrijk/bereikbaarheid").status_code == 200
    assert queries.count <= 4


def test_map_layers_are_offered_on_city_maps_and_answer_small_public_geojson(client, fresh_counts):
    shops = client.get("/kortrijk/shops/?view=map").get_data(as_text=True)
    assert "/kortrijk/bereikbaarheid/parking.geojson" in shops and "/kortrijk/bereikbaarheid/toilet.geojson" in shops
    layer = client.get("/kortrijk/bereikbaarheid/parking.geojson", headers=NL)
    assert layer.status_code == 200 and layer.mimetype == "application/geo+json"
    assert "public" in layer.headers["Cache-Control"] and "max-age=60" in layer.headers["Cache-Control"]
    feature = next(f for f in layer.get_json()["features"] if f["properties"]["title"] == "Parking Schouwburg")
    assert feature["geometry"]["coordinates"] == [3.2623, 50.8293]
    assert feature["properties"]["kind"] == "parking" and feature["properties"]["stale"] is False
    assert feature["properties"]["detail"].startswith("188 vrij van 650 · geteld om ")
    toilets = client.get("/kortrijk/bereikbaarheid/toilet.geojson", headers=NL).get_json()["features"]
    assert {f["properties"]["kind"] for f in toilets} == {"toilet"}
    assert client.get("/kortrijk/bereikbaarheid/boats.geojson").status_code == 404
    assert client.get("/nergens/bereikbaarheid/parking.geojson").status_code == 404


def test_a_trail_page_shows_the_nearest_garage_to_its_start(app, client, fresh_counts):
    from app.trails.models import Trail
    with app.app_context():
        city = city_by_slug("kortrijk")
        trail = db.session.execute(select(Trail).where(Trail.city_id == city.id, Trail.status == "published")
                                   .order_by(Trail.id)).scalars().first()
        slug = trail.slug
    html = client.get(f"/kortrijk/trails/{slug}", headers=NL).get_data(as_text=True)
    panel = html[html.index("data-trail-parking"):]
    panel = panel[:panel.index("</section>")]
    assert "Parkeren bij de start" in panel
    assert "Parking" in panel and "vrij van" in panel and "geteld om" in panel
    assert "access-parking" in html  # the layer switcher offers parking on the trail's map


# ---------------------------------------------------------------- the API


def test_the_api_lists_parking_with_its_live_numbers(client, fresh_counts):
    answer = client.get("/api/v1/cities/kortrijk/places?kind=parking", headers=NL)
    assert answer.status_code == 200
    places = {p["name"]: p for p in answer.get_json()}
    schouwburg = places["Parking Schouwburg"]
    assert (schouwburg["lat"], schouwburg["lon"], schouwburg["capacity"], schouwburg["available"]) == \
        (50.8293, 3.2623, 650, 188)
    assert schouwburg["stale"] is False
    assert abs(datetime.fromisoformat(schouwburg["updated_at"]) - app_clock.now()) < timedelta(minutes=5)
    assert places["Shop & Go Lange Steenstraat"]["stale"] is True  # never counted
    assert places["Shop & Go Lange Steenstraat"]["available"] is None
    toilets = client.get("/api/v1/cities/kortrijk/places?kind=toilet").get_json()
    assert toilets and all({"lat", "lon", "name", "accessible", "baby_changing"} <= set(t) for t in toilets)
    assert "available" not in toilets[0]


def test_the_api_refuses_an_unknown_kind_and_an_unknown_town(client):
    assert client.get("/api/v1/cities/kortrijk/places?kind=boats").status_code == 422
    assert client.get("/api/v1/cities/nergens/places").status_code == 404


def test_the_places_operation_is_in_the_openapi_document(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/cities/{city}/places"]["get"]
    assert operation["operationId"] == "listPlaces"
    assert "nearest to the centre first" in operation["description"]
    assert "stale" in json.dumps(spec["components"]["schemas"]["Place"])


# ---------------------------------------------------------------- the studio


@pytest.fixture
def marketer(client):
    client.login("marketer@kortrijk.kick.test")
    return client


def test_the_studio_is_for_the_towns_marketers(client):
    assert client.get("/kortrijk/studio/access").status_code in (302, 401, 403, 404)
    client.login("marketer@brugge.kick.test")
    assert client.get("/kortrijk/studio/access").status_code == 404
    assert client.get("/brugge/studio/access").status_code == 200


def test_another_towns_place_and_feed_are_a_404(app, client):
    with app.app_context():
        place_id, feed_id = _place("P-SCHOUWBURG").id, db.session.execute(select(AccessFeed.id)).scalars().first()
    client.login("marketer@brugge.kick.test")
    assert client.get(f"/brugge/studio/access/places/{place_id}").status_code == 404
    assert client.post(f"/brugge/studio/access/places/{place_id}/delete").status_code == 404
    assert client.post(f"/brugge/studio/access/feeds/{feed_id}/poll").status_code == 404
    with app.app_context():
        assert db.session.get(AccessPlace, place_id) is not None


def test_a_place_is_added_in_the_form_and_bad_fields_are_named(app, marketer):
    form = {"kind": "toilet", "code": "T-NIEUW", "name_nl": "Toilet Stadhuis", "lat": "50,8276", "lon": "3.2649",
            "accessible": "y"}
    bad = marketer.post("/kortrijk/studio/access/places/new", data={**form, "lat": "91"}, headers=NL)
    assert bad.status_code == 422 and "Geef een geldige breedte- en lengtegraad" in bad.get_data(as_text=True)
    far = marketer.post("/kortrijk/studio/access/places/new", data={**form, "lat": "51.2"}, headers=NL)
    assert far.status_code == 422
    taken = marketer.post("/kortrijk/studio/access/places/new", data={**form, "code": "T-K"}, headers=NL)
    assert taken.status_code == 422
    assert marketer.post("/kortrijk/studio/access/places/new", data=form).status_code == 302
    with app.app_context():
        place = _place("T-NIEUW")
        assert (place.lat, place.accessible, place.baby_changing, place.name) == (50.8276, True, False,
                                                                                 {"nl": "Toilet Stadhuis"})


def test_a_place_cannot_follow_another_towns_feed(app, marketer):
    with app.app_context():
        other = AccessFeed(city_id=city_by_slug("brugge").id, name="Brugge", adapter="datex2",
                           url="https://example.org/x.xml")
        db.session.add(other)
        db.session.commit()
        other_id, place_id = other.id, _place("P-HAVEN").id
    answer = marketer.post(f"/kortrijk/studio/access/places/{place_id}", data={
        "kind": "parking", "code": "P-HAVEN", "name_nl": "P Haven", "lat": "50.8335", "lon": "3.2688",
        "feed_id": str(other_id), "feed_ref": "X"})
    assert answer.status_code == 422
    with app.app_context():
        assert _place("P-HAVEN").feed_ref == "KRK-HAVEN"


CSV = ("code;kind;name;lat;lon;capacity;accessible\n"
       "B-BUDA;bike;Fietsenstalling Budabrug;50,8301;3,2655;40;\n"
       "T-BUDA;toilet;Toilet Budabrug;50.8302;3.2656;;ja\n")


def _import(client, body: bytes, file_format: str, name: str, dry_run: bool):
    data = {"format": file_format, "file": (io.BytesIO(body), name)}
    if dry_run:
        data["dry_run"] = "y"
    return client.post("/kortrijk/studio/access/import", data=data, content_type="multipart/form-data", headers=NL)


def _count(app, slug="kortrijk") -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(AccessPlace)
                                  .where(AccessPlace.city_id == city_by_slug(slug).id)).scalar_one()


def test_a_csv_import_checks_first_then_writes_all_rows(app, marketer):
    before = _count(app)
    dry = _import(marketer, CSV.encode(), "csv", "places.csv", dry_run=True)
    assert dry.status_code == 200 and "droge test" in dry.get_data(as_text=True).lower()
    assert _count(app) == before
    done = _import(marketer, CSV.encode(), "csv", "places.csv", dry_run=False)
    assert done.status_code == 200 and _count(app) == before + 2
    with app.app_context():
        assert (_place("B-BUDA").capacity, _place("T-BUDA").accessible) == (40, True)
    again = _import(marketer, CSV.replace(";40;", ";45;").encode(), "csv", "places.csv", dry_run=False)
    assert again.status_code == 200 and _count(app) == before + 2  # matched by code: updated
    with app.app_context():
        assert _place("B-BUDA").capacity == 45


def test_one_refused_row_writes_nothing_and_the_report_names_it(app, marketer):
    before = _count(app)
    body = CSV + "X-1;boat;Boot;50.83;3.26;;\nX-2;bike;Ver weg;51.9;4.5;;\n"
    answer = _import(marketer, body.encode(), "csv", "places.csv", dry_run=False)
    html = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Rij 4" in html and "Rij 5" in html
    assert _count(app) == before


def test_a_file_over_the_limit_or_with_a_bad_header_is_refused(app, marketer):
    app.config["KICK_ACCESS_IMPORT_MAX_BYTES"] = 100
    assert _import(marketer, CSV.encode() * 5, "csv", "big.csv", dry_run=False).status_code == 413
    app.config["KICK_ACCESS_IMPORT_MAX_BYTES"] = 2 * 1024 * 1024
    assert _import(marketer, b"naam;plaats\nx;y\n", "csv", "bad.csv", dry_run=False).status_code == 422


def test_geojson_and_gtfs_stops_are_imported(app, marketer):
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [3.2661, 50.8290]},
         "properties": {"code": "C-BROEL", "kind": "charging", "name": "Laadpaal Broelkaai", "capacity": 2}}]}
    assert _import(marketer, json.dumps(geojson).encode(), "geojson", "p.geojson", dry_run=False).status_code == 200
    stops = ("stop_id,stop_code,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
             "502312,,Kortrijk Veemarkt,50.8262,3.2597,0,\n"
             "502313,,Kortrijk Station perron 3,50.8245,3.2646,0,\n"
             "E1,,Ingang station,50.8246,3.2647,2,502313\n")
    assert _import(marketer, stops.encode(), "gtfs", "stops.txt", dry_run=False).status_code == 200
    with app.app_context():
        assert _place("C-BROEL").kind == "charging"
        assert _place("502312").name == {"nl": "Kortrijk Veemarkt"} and _place("502312").kind == "stop"
        assert db.session.execute(select(AccessPlace).where(AccessPlace.code == "E1")).first() is None


# ---------------------------------------------------------------- a feed that follows a fixture


def test_a_marketer_points_kortrijk_at_a_feed_and_the_numbers_follow_within_one_poll(app, marketer, fixture_server,
                                                                                     monkeypatch):
    base, bodies = fixture_server
    bodies["/status.xml"] = (DATA / "datex2-parking-status-kortrijk.xml").read_bytes()
    monkeypatch.setattr(app_clock, "now", lambda: FIXTURE_NOW)
    made = marketer.post("/kortrijk/studio/access/feeds/new", data={
        "name": "Parkeergeleiding", "adapter": "datex2", "url": f"{base}/status.xml", "interval_minutes": "2",
        "active": "y"})
    assert made.status_code == 302
    with app.app_context():
        feed = db.session.execute(select(AccessFeed).where(AccessFeed.name == "Parkeergeleiding")).scalar_one()
        feed_id, place_id = feed.id, _place("P-SCHOUWBURG").id
    edited = marketer.post(f"/kortrijk/studio/access/places/{place_id}", data={
        "kind": "parking", "code": "P-SCHOUWBURG", "name_nl": "Parking Schouwburg", "lat": "50.8293",
        "lon": "3.2623", "capacity": "650", "feed_id": str(feed_id), "feed_ref": "KRK-SCHOUWBURG"})
    assert edited.status_code == 302
    assert marketer.post(f"/kortrijk/studio/access/feeds/{feed_id}/poll").status_code == 302
    html = marketer.get("/kortrijk/bereikbaarheid", headers=NL).get_data(as_text=True)
    schouwburg = html[html.index('data-place="P-SCHOUWBURG"'):]
    assert "173 vrij van 650 · geteld om 14:04" in schouwburg[:schouwburg.index("</li>")]
    studio = marketer.get("/kortrijk/studio/access", headers=NL).get_data(as_text=True)
    assert "1 records aanvaard, 2 geweigerd" in studio  # KRK-K and KRK-HAVEN follow the demo feed, not this one

    # the garage empties a little; the next poll (due after its 2 minutes) shows it
    bodies["/status.xml"] = bodies["/status.xml"].replace(b"<prk:parkingNumberOfVacantSpaces>173",
                                                          b"<prk:parkingNumberOfVacantSpaces>180").replace(
        b">477<", b">470<").replace(
        b"2026-12-02T14:04:30+01:00", b"2026-12-02T14:05:30+01:00")
    with app.app_context():
        from app.access.services.feeds import poll_due
        monkeypatch.setattr(app_clock, "now", lambda: FIXTURE_NOW + timedelta(minutes=2))
        polled = poll_due(city_by_slug("kortrijk"))
        assert [(feed.id, outcome.accepted, outcome.refused[:1]) for feed, outcome in polled] == [(feed_id, 1, [("KRK-K", "no place follows this record")])]
    api = {p["name"]: p for p in marketer.get("/api/v1/cities/kortrijk/places?kind=parking").get_json()}
    assert api["Parking Schouwburg"]["available"] == 180


def test_a_broken_feed_keeps_the_last_good_value(app, client, fixture_server, monkeypatch, caplog):
    base, bodies = fixture_server
    from app.access.services.feeds import poll_feed
    monkeypatch.setattr(app_clock, "now", lambda: FIXTURE_NOW)
    with app.app_context():
        feed = AccessFeed(city_id=city_by_slug("kortrijk").id, name="Test", adapter="datex2", url=f"{base}/feed.xml")
        db.session.add(feed)
        db.session.flush()
        place = _place("P-SCHOUWBURG")
        place.feed_id, place.feed_ref = feed.id, "KRK-SCHOUWBURG"
        place.live_available, place.live_updated_at = 150, FIXTURE_NOW - timedelta(minutes=3)
        db.session.commit()
        for body in (b"<d2:payload", b"x" * (app.config["KICK_ACCESS_FEED_MAX_BYTES"] + 1),
                     (DATA / "datex2-parking-status-hostile.xml").read_bytes().replace(b">201<", b">9999<")):
            bodies["/feed.xml"] = body
            outcome = poll_feed(feed)
            assert outcome.accepted == 0
            db.session.refresh(place)
            assert place.live_available == 150
        assert feed.last_error is None and feed.last_refused == 7
        bodies.clear()  # a 404
        assert poll_feed(feed).error == "HTTP 404" and feed.last_success_at == FIXTURE_NOW
    assert "record 'NEGATIVE' refused: free places is negative" in caplog.text
    assert "poll failed: payload over the size limit" in caplog.text


def test_a_slow_feed_times_out_and_changes_nothing(app, monkeypatch):
    import socket
    from app.access.services.feeds import poll_feed
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    app.config["KICK_ACCESS_FEED_TIMEOUT"] = 0.3
    with app.app_context():
        feed = AccessFeed(city_id=city_by_slug("kortrijk").id, name="Traag", adapter="opendatasoft",
                          url=f"http://127.0.0.1:{listener.getsockname()[1]}/records")
        db.session.add(feed)
        db.session.commit()
        assert poll_feed(feed).error == "timeout"
    listener.close()
