"""JSON API: public reads; marketers of the city write; everybody else is refused."""
import pytest

from tests.support.trails import make_trail, trail_state

API = "/api/v1/cities/brugge/trails"
NEW_TRAIL = {
    "kind": "green", "title": {"nl": "Groene gordel", "en": "Green belt"}, "summary": {"nl": "Rond de vesten."},
    "step_free": True, "surface": "gravel", "dwell_minutes": 2,
    "stops": [{"title": {"nl": "Kruispoort"}, "lat": 51.2097, "lon": 3.2408},
              {"title": {"nl": "Gentpoort"}, "lat": 51.2010, "lon": 3.2330, "body": {"nl": "Een stadspoort."}}],
}


@pytest.fixture
def marketer(client):
    client.login("marketer@brugge.kick.test")
    return client


def test_list_and_filter_published_trails(client):
    trails = client.get(API).get_json()
    assert [t["slug"] for t in trails] == ["van-markt-tot-minnewater", "parken-en-vesten"]
    first = trails[0]
    assert first["distance_m"] > 1000 and first["duration_min"] > 20 and first["stop_count"] == 9
    assert first["accessibility"]["surface"] == "cobbles" and first["links"]["gpx"].endswith(".gpx")
    assert first["cover"]["alt"]["nl"].startswith("Illustratie")
    assert [t["slug"] for t in client.get(API + "?kind=green").get_json()] == ["parken-en-vesten"]
    assert client.get(API + "?kind=castle").status_code == 422


def test_detail_has_ordered_stops_distance_and_duration(client):
    trail = client.get(API + "/van-markt-tot-minnewater").get_json()
    assert [s["position"] for s in trail["stops"]] == list(range(1, 10))
    assert trail["stops"][0] == {**trail["stops"][0], "title": {"nl": "Markt", "en": "Market Square", "fr": "Grand-Place",
                                                                             "de": "Marktplatz"},
                                 "lat": 51.20861, "lon": 3.22389}
    assert {"distance_m", "duration_min", "version", "path"} <= set(trail)


def test_openapi_documents_the_trail_operations(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert set(paths["/api/v1/cities/{city}/trails"]) >= {"get", "post"}
    assert set(paths["/api/v1/cities/{city}/trails/{slug}"]) >= {"get", "patch", "delete"}
    assert "post" in paths["/api/v1/cities/{city}/trails/{slug}/publish"]
    assert "post" in paths["/api/v1/cities/{city}/trails/{slug}/unpublish"]


def test_marketer_creates_edits_publishes_and_deletes(app, client, marketer):
    created = marketer.post(API, json=NEW_TRAIL)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["slug"] == "groene-gordel" and body["status"] == "draft" and body["version"] == 1
    # 0.0087 deg north = 967.4 m, 0.0078 deg east at 51.2 N = 543.5 m: sqrt(967.4^2 + 543.5^2) = 1109.6 m
    assert body["distance_m"] == 1110
    assert body["duration_min"] == 19  # 1109.6 m at 4.5 km/h = 14.79 min + 2 stops x 2 min -> 19
    assert client.get("/brugge/trails/groene-gordel").status_code == 404

    ids = [s["id"] for s in body["stops"]]
    patched = marketer.patch(API + "/groene-gordel", json={
        "version": 1, "title": {"nl": "Groene gordel", "fr": "Ceinture verte"},
        "stops": [{"id": ids[1], "title": {"nl": "Gentpoort"}, "lat": 51.2010, "lon": 3.2330},
                  {"id": ids[0], "title": {"nl": "Kruispoort"}, "lat": 51.2097, "lon": 3.2408}]})
    assert patched.status_code == 200, patched.get_json()
    assert [s["title"]["nl"] for s in patched.get_json()["stops"]] == ["Gentpoort", "Kruispoort"]
    assert [s["id"] for s in patched.get_json()["stops"]] == [ids[1], ids[0]]  # same stops, new order

    published = marketer.post(API + "/groene-gordel/publish", json={"version": 2})
    assert published.status_code == 200 and published.get_json()["status"] == "published"
    assert client.get("/brugge/trails/groene-gordel").status_code == 200
    assert marketer.post(API + "/groene-gordel/unpublish", json={}).status_code == 200
    assert marketer.get(API + "/groene-gordel").status_code == 200  # marketers still read their draft
    assert marketer.delete(API + "/groene-gordel", json={"version": 4}).status_code == 204
    assert marketer.get(API + "/groene-gordel").status_code == 404


def test_stale_patch_is_a_409_and_changes_nothing(app, marketer):
    trail = make_trail(app)
    assert marketer.patch(f"{API}/{trail['slug']}", json={"version": 1, "summary": {"nl": "Eerst"}}).status_code == 200
    stale = marketer.patch(f"{API}/{trail['slug']}", json={"version": 1, "summary": {"nl": "Te laat"}})
    assert stale.status_code == 409
    problem = stale.get_json()
    assert stale.mimetype == "application/problem+json"
    assert problem["code"] == "edit_conflict" and problem["current_version"] == 2
    assert marketer.get(f"{API}/{trail['slug']}").get_json()["summary"] == {"nl": "Eerst"}
    assert marketer.post(f"{API}/{trail['slug']}/unpublish", json={"version": 1}).status_code == 409


@pytest.mark.parametrize("body,field", [
    ({**NEW_TRAIL, "title": {"en": "No Dutch"}}, "title"),
    ({**NEW_TRAIL, "kind": "castle"}, "kind"),
    ({**NEW_TRAIL, "stops": [{"title": {"nl": "Ver weg"}, "lat": 50.0, "lon": 5.0}]}, "lat"),
    ({**NEW_TRAIL, "stops": [{"title": {"nl": "Fout"}, "lat": 95, "lon": 3.2}]}, "stops.0.lat"),
    ({**NEW_TRAIL, "path": [[51.2, 3.2]]}, "path"),
    ({**NEW_TRAIL, "path": [[51.2, 3.2, 1.0], [51.2, 3.2]]}, "path.0"),
    ({**NEW_TRAIL, "slug": "Not A Slug"}, "slug"),
    ({**NEW_TRAIL, "stops": [{"title": {"nl": "x"}, "lat": 51.2, "lon": 3.2}] * 51}, "stops"),
    ({**NEW_TRAIL, "title": {"nl": "x" * 121}}, "title.nl"),
])
def test_invalid_bodies_are_422_with_field_messages(app, marketer, body, field):
    response = marketer.post(API, json=body)
    assert response.status_code == 422, response.get_json()
    errors = response.get_json()["errors"]
    assert any(key == field or key.startswith(field) for key in errors), errors
    assert [t["slug"] for t in marketer.get(API).get_json()] == ["van-markt-tot-minnewater", "parken-en-vesten"]


def test_publishing_without_stops_is_refused(marketer):
    assert marketer.post(API, json={**NEW_TRAIL, "stops": []}).status_code == 201
    response = marketer.post(API + "/groene-gordel/publish", json={})
    assert response.status_code == 422 and response.get_json()["code"] == "no_stops"


def test_anonymous_shopper_and_other_city_cannot_write(app, client):
    trail = make_trail(app)
    writes = [("POST", API, NEW_TRAIL), ("PATCH", f"{API}/{trail['slug']}", {"version": 1, "summary": {"nl": "x"}}),
              ("DELETE", f"{API}/{trail['slug']}", {}), ("POST", f"{API}/{trail['slug']}/publish", {}),
              ("POST", f"{API}/{trail['slug']}/unpublish", {})]
    for method, url, body in writes:
        assert client.open(url, method=method, json=body).status_code == 401, (method, url)
    for who in ("shopper@kick.test", "marketer@kortrijk.kick.test"):
        client.login(who)
        for method, url, body in writes:
            response = client.open(url, method=method, json=body)
            assert response.status_code == 404, (who, method, url, response.status_code)
            assert response.mimetype == "application/problem+json"
        client.logout()
    assert trail_state(app, trail["id"])["version"] == 1 and trail_state(app, trail["id"])["status"] == "published"


def test_api_writes_need_the_csrf_token(app, marketer):
    trail = make_trail(app)
    response = marketer.post(f"{API}/{trail['slug']}/unpublish", json={}, csrf=False)
    assert response.status_code == 400
    assert trail_state(app, trail["id"])["status"] == "published"
