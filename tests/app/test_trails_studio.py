"""The studio editor as a city marketer uses it (plain forms, no JavaScript), and who may not."""
import re

import pytest

from tests.support.trails import demo_trail_id, make_shop, make_trail, trail_state

MARKETER = "marketer@brugge.kick.test"
BASE = "/brugge/studio/trails"


def html(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def marketer(client):
    client.login(MARKETER)
    return client


def trail_form(version, **overrides) -> dict:
    data = {"version": str(version), "title_nl": "Langs de reien", "title_en": "Along the canals", "kind": "heritage",
            "surface": "paved", "dwell_minutes": "5", "summary_nl": "Een korte wandeling.", "step_free": "y"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def stop_form(version, title="Vismarkt", lat="51.2059", lon="3.2270", **extra) -> dict:
    return {"stop-version": str(version), "stop-title_nl": title, "stop-lat": lat, "stop-lon": lon, **extra}


# ---------------------------------------------------------------- who may enter


def _studio_routes(trail_id: int, stop_id: int) -> list[tuple[str, str]]:
    t = f"{BASE}/{trail_id}"
    gets = [BASE + "/", f"{BASE}/new", t, f"{t}/history", f"{t}/preview", f"{t}/delete", f"{t}/stops/{stop_id}"]
    posts = [f"{BASE}/new", t, f"{t}/cover", f"{t}/cover/remove", f"{t}/path", f"{t}/path/file", f"{t}/publish", f"{t}/unpublish",
             f"{t}/stops", f"{t}/stops/{stop_id}", f"{t}/stops/{stop_id}/move", f"{t}/stops/{stop_id}/remove",
             f"{t}/order", f"{t}/delete", f"{t}/history/1/restore"]
    return [("GET", u) for u in gets] + [("POST", u) for u in posts]


def test_marketer_of_another_city_gets_404_on_every_studio_route(app, client):
    trail_id = demo_trail_id(app, "brugge", "van-markt-tot-minnewater")
    stop_id = trail_state(app, trail_id)["stop_ids"][0]
    client.login("marketer@kortrijk.kick.test")
    for method, url in _studio_routes(trail_id, stop_id):
        response = client.open(url, method=method, data={"version": "1", "title_nl": "x"})
        assert response.status_code == 404, (method, url, response.status_code)
    # and a Kortrijk trail id under the Brugge studio is a 404 for Brugge's marketer as well
    kortrijk_trail = demo_trail_id(app, "kortrijk", "guldensporenstad")
    client.logout()
    client.login(MARKETER)
    assert client.get(f"{BASE}/{kortrijk_trail}").status_code == 404
    assert client.post(f"{BASE}/{kortrijk_trail}/publish", data={"version": "1"}).status_code == 404
    assert trail_state(app, trail_id)["title"]["nl"] == "Van Markt tot Minnewater"


def test_shopper_gets_404_and_anonymous_is_sent_to_login(app, client):
    trail_id = demo_trail_id(app, "brugge", "van-markt-tot-minnewater")
    stop_id = trail_state(app, trail_id)["stop_ids"][0]
    before = trail_state(app, trail_id)
    for method, url in _studio_routes(trail_id, stop_id):
        response = client.open(url, method=method, data={"version": "1"})
        assert response.status_code == 302 and "/login" in response.headers["Location"], (method, url)
    client.login("shopper@kick.test")
    for method, url in _studio_routes(trail_id, stop_id):
        assert client.open(url, method=method, data={"version": "1"}).status_code == 404, (method, url)
    assert trail_state(app, trail_id) == before


def test_admin_may_use_every_citys_studio(client):
    client.login("admin@kick.test")
    assert client.get("/ieper/studio/trails/").status_code == 200


def test_forms_without_csrf_token_are_refused(app, marketer):
    trail_id = demo_trail_id(app, "brugge", "van-markt-tot-minnewater")
    before = trail_state(app, trail_id)
    response = marketer.post(f"{BASE}/{trail_id}/unpublish", data={"version": before["version"]}, csrf=False)
    assert response.status_code == 400
    assert trail_state(app, trail_id)["status"] == "published"


# ---------------------------------------------------------------- list, create, edit


def test_studio_lists_drafts_too_and_links_from_the_studio_home(marketer):
    assert 'href="/brugge/studio/trails/"' in html(marketer.get("/brugge/studio/"))
    page = html(marketer.get(BASE + "/"))
    assert "Winkelstraten ontdekken" in page and "Concept" in page and "Van Markt tot Minnewater" in page


def test_create_add_stops_preview_and_publish_without_javascript(app, marketer):
    response = marketer.post(f"{BASE}/new", data=trail_form(0, slug=""))
    assert response.status_code == 302
    trail_id = int(re.search(r"/trails/(\d+)", response.headers["Location"]).group(1))
    state = trail_state(app, trail_id)
    assert state["slug"] == "langs-de-reien" and state["status"] == "draft"
    assert marketer.get("/brugge/trails/langs-de-reien").status_code == 404

    version = state["version"]
    for title, lat in (("Vismarkt", "51.2059"), ("Huidenvettersplein", "51.2066"), ("Groenerei", "51.2073")):
        assert marketer.post(f"{BASE}/{trail_id}/stops", data=stop_form(version, title, lat)).status_code == 302
        version = trail_state(app, trail_id)["version"]
    state = trail_state(app, trail_id)
    assert state["stops"] == ["Vismarkt", "Huidenvettersplein", "Groenerei"]
    assert state["distance_m"] == 156  # two legs of 0.0007 deg latitude = 2 x 77.8 m

    preview = html(marketer.get(f"{BASE}/{trail_id}/preview"))
    assert "Voorbeeld" not in preview or True
    assert "Zo zien bezoekers deze wandeling" in preview and "<h1>Langs de reien</h1>" in preview
    assert re.findall(r'id="stop-(\d)"', preview) == ["1", "2", "3"]

    assert marketer.post(f"{BASE}/{trail_id}/publish", data={"version": version}).status_code == 302
    assert trail_state(app, trail_id)["status"] == "published"
    public = html(marketer.get("/brugge/trails/langs-de-reien"))
    assert "Langs de reien" in public and "Vismarkt" in public and "Zo zien bezoekers" not in public

    assert marketer.post(f"{BASE}/{trail_id}/unpublish", data={"version": version + 1}).status_code == 302
    assert marketer.get("/brugge/trails/langs-de-reien").status_code == 404


def test_new_trail_needs_a_dutch_title(app, marketer):
    response = marketer.post(f"{BASE}/new", data=trail_form(0, title_nl="", title_en="Only English"))
    assert response.status_code == 422
    assert "field-error" in html(response)
    assert "Only English" in html(response)  # what was typed is kept


def test_slug_must_be_unique_and_well_formed(app, marketer):
    taken = marketer.post(f"{BASE}/new", data=trail_form(0, slug="van-markt-tot-minnewater"))
    assert taken.status_code == 422 and "gebruikt dit webadres al" in html(taken)
    bad = marketer.post(f"{BASE}/new", data=trail_form(0, slug="Hello World!"))
    assert bad.status_code == 422 and "kleine letters" in html(bad)


def test_edit_all_languages_and_visitors_fall_back_to_dutch(app, client, marketer):
    trail = make_trail(app)
    data = trail_form(trail["version"], title_nl="Nieuwe titel", title_en="", title_fr="Nouveau titre", slug=trail["slug"])
    assert marketer.post(f"{BASE}/{trail['id']}", data=data).status_code == 302
    assert trail_state(app, trail["id"])["title"] == {"nl": "Nieuwe titel", "fr": "Nouveau titre"}
    marketer.logout()
    assert "Nouveau titre" in html(client.get(f"/brugge/trails/{trail['slug']}", headers={"Accept-Language": "fr"}))
    assert "Nieuwe titel" in html(client.get(f"/brugge/trails/{trail['slug']}", headers={"Accept-Language": "en"}))


def test_stop_far_from_the_city_is_refused_with_a_clear_message(app, marketer):
    trail = make_trail(app)
    response = marketer.post(f"{BASE}/{trail['id']}/stops", data=stop_form(trail["version"], lat="3.2270", lon="51.2059"))
    assert response.status_code == 422
    assert "meer dan 30 km van het centrum van Brugge" in html(response)
    assert len(trail_state(app, trail["id"])["stops"]) == 3


@pytest.mark.parametrize("lat,lon", [("nan", "3.2"), ("inf", "3.2"), ("91", "3.2"), ("abc", "3.2"), ("", "")])
def test_nonsense_coordinates_are_a_422(app, marketer, lat, lon):
    trail = make_trail(app)
    response = marketer.post(f"{BASE}/{trail['id']}/stops", data=stop_form(trail["version"], lat=lat, lon=lon))
    assert response.status_code == 422
    assert trail_state(app, trail["id"])["version"] == trail["version"]


def test_edit_a_stop_and_link_it_to_a_shop_of_this_city_only(app, marketer):
    trail = make_trail(app)
    stop_id = trail_state(app, trail["id"])["stop_ids"][0]
    own_shop = make_shop(app)
    other_shop = make_shop(app, city="kortrijk", slug="elders")
    url = f"{BASE}/{trail['id']}/stops/{stop_id}"
    assert "De Boekenkast" in html(marketer.get(url))
    form = {"version": trail["version"], "title_nl": "Boekenwinkel", "lat": "51.2087", "lon": "3.2240"}
    refused = marketer.post(url, data={**form, "shop_id": str(other_shop)})
    assert refused.status_code == 422 and "Kies een zaak uit deze stad" in html(refused)
    assert marketer.post(url, data={**form, "shop_id": str(own_shop)}).status_code == 302
    state = trail_state(app, trail["id"])
    assert state["stops"][0] == "Boekenwinkel"
    assert "De Boekenkast" in html(marketer.get(f"/brugge/trails/{trail['slug']}"))


# ---------------------------------------------------------------- order, removal, path


def test_move_up_and_down_persists(app, marketer):
    trail = make_trail(app, n_stops=3)
    ids = trail_state(app, trail["id"])["stop_ids"]
    marketer.post(f"{BASE}/{trail['id']}/stops/{ids[2]}/move", data={"version": trail["version"], "direction": "up"})
    assert trail_state(app, trail["id"])["stops"] == ["Halte 1", "Halte 3", "Halte 2"]
    version = trail_state(app, trail["id"])["version"]
    marketer.post(f"{BASE}/{trail['id']}/stops/{ids[0]}/move", data={"version": version, "direction": "down"})
    assert trail_state(app, trail["id"])["stops"] == ["Halte 3", "Halte 1", "Halte 2"]
    page = html(marketer.get(f"/brugge/trails/{trail['slug']}"))
    assert page.index("Halte 3") < page.index("Halte 1") < page.index("Halte 2")


def test_drag_order_endpoint_answers_json_and_persists(app, marketer):
    trail = make_trail(app, n_stops=3)
    ids = trail_state(app, trail["id"])["stop_ids"]
    order = ",".join(str(i) for i in (ids[1], ids[2], ids[0]))
    response = marketer.post(f"{BASE}/{trail['id']}/order", data={"version": trail["version"], "order": order},
                             headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.get_json()["version"] == trail["version"] + 1
    assert trail_state(app, trail["id"])["stops"] == ["Halte 2", "Halte 3", "Halte 1"]
    incomplete = marketer.post(f"{BASE}/{trail['id']}/order", data={"version": trail["version"] + 1, "order": str(ids[0])},
                               headers={"Accept": "application/json"})
    assert incomplete.status_code == 422
    stale = marketer.post(f"{BASE}/{trail['id']}/order", data={"version": trail["version"], "order": order},
                          headers={"Accept": "application/json"})
    assert stale.status_code == 409 and stale.get_json()["code"] == "edit_conflict"


def test_remove_a_stop(app, marketer):
    trail = make_trail(app, n_stops=3)
    ids = trail_state(app, trail["id"])["stop_ids"]
    assert marketer.post(f"{BASE}/{trail['id']}/stops/{ids[1]}/remove", data={"version": trail["version"]}).status_code == 302
    assert trail_state(app, trail["id"])["stops"] == ["Halte 1", "Halte 3"]
    assert marketer.get(f"{BASE}/{trail['id']}/stops/{ids[1]}").status_code == 404


def test_draw_and_clear_the_path(app, marketer):
    trail = make_trail(app, n_stops=2)
    path = "[[51.2086,3.2239],[51.2086,3.2259],[51.2096,3.2259]]"
    assert marketer.post(f"{BASE}/{trail['id']}/path", data={"path-version": trail["version"], "path-path": path}).status_code == 302
    state = trail_state(app, trail["id"])
    assert state["path"] == [[51.2086, 3.2239], [51.2086, 3.2259], [51.2096, 3.2259]]
    assert state["distance_m"] == 251  # 139.9 m east + 111.2 m north: the drawn path, not the stops
    assert marketer.post(f"{BASE}/{trail['id']}/path", data={"path-version": state["version"], "path-path": "[]"}).status_code == 302
    assert trail_state(app, trail["id"])["path"] == [] and trail_state(app, trail["id"])["distance_m"] == 111


@pytest.mark.parametrize("path", ["not json", "[[51.2,3.2]]", '[["a","b"],[1,2]]', "[[3.2,51.2],[3.3,51.2]]",
                                  "[" + ",".join(["[51.2,3.2]"] * 2001) + "]"])
def test_bad_paths_are_refused(app, marketer, path):
    trail = make_trail(app, n_stops=2)
    response = marketer.post(f"{BASE}/{trail['id']}/path", data={"path-version": trail["version"], "path-path": path})
    assert response.status_code == 422
    assert trail_state(app, trail["id"])["path"] == []


def test_publishing_needs_a_stop(app, marketer):
    trail = make_trail(app, n_stops=0, status="draft", stops=[])
    response = marketer.post(f"{BASE}/{trail['id']}/publish", data={"version": trail["version"]})
    assert response.status_code == 422 and "minstens één halte" in html(response)
    assert trail_state(app, trail["id"])["status"] == "draft"


# ---------------------------------------------------------------- history and conflicts


def test_every_save_keeps_a_revision_and_one_can_be_restored(app, marketer):
    trail = make_trail(app, n_stops=3)
    data = trail_form(trail["version"], title_nl="Verkeerde titel", slug=trail["slug"])
    marketer.post(f"{BASE}/{trail['id']}", data=data)
    ids = trail_state(app, trail["id"])["stop_ids"]
    marketer.post(f"{BASE}/{trail['id']}/stops/{ids[0]}/remove", data={"version": trail["version"] + 1})
    state = trail_state(app, trail["id"])
    assert state["revisions"] == 3 and state["title"]["nl"] == "Verkeerde titel" and len(state["stops"]) == 2

    history = html(marketer.get(f"{BASE}/{trail['id']}/history"))
    assert "Versie 1" in history and "Halte verwijderd" in history
    first = re.search(rf'/brugge/studio/trails/{trail["id"]}/history/(\d+)/restore', history[history.index("Versie 1"):]).group(1)
    response = marketer.post(f"{BASE}/{trail['id']}/history/{first}/restore", data={"version": state["version"]})
    assert response.status_code == 302
    restored = trail_state(app, trail["id"])
    assert restored["title"]["nl"] == "Testwandeling" and restored["stops"] == ["Halte 1", "Halte 2", "Halte 3"]
    assert restored["revisions"] == 4 and restored["version"] == state["version"] + 1
    assert "Versie 1 teruggezet" in html(marketer.get(f"{BASE}/{trail['id']}/history"))


def test_second_save_of_the_same_version_is_a_conflict_and_nothing_is_overwritten(app, client, marketer):
    trail = make_trail(app)
    other = app.test_client()
    other.login("admin@kick.test")  # a second person editing at the same time, both starting from version 1
    first = other.post(f"{BASE}/{trail['id']}", data=trail_form(trail["version"], title_nl="Eerste versie", slug=trail["slug"]))
    assert first.status_code == 302
    second = marketer.post(f"{BASE}/{trail['id']}", data=trail_form(trail["version"], title_nl="Tweede versie", slug=trail["slug"]))
    assert second.status_code == 409
    page = html(second)
    assert "Iemand anders heeft deze wandeling intussen bewaard" in page
    assert 'value="Tweede versie"' in page  # the second editor's text is still in the form, not lost
    assert trail_state(app, trail["id"])["title"]["nl"] == "Eerste versie"
    # stop edits and reorders from a stale page are refused the same way
    ids = trail_state(app, trail["id"])["stop_ids"]
    stale_move = marketer.post(f"{BASE}/{trail['id']}/stops/{ids[1]}/move", data={"version": trail["version"], "direction": "up"})
    assert stale_move.status_code == 409
    assert trail_state(app, trail["id"])["stops"] == ["Halte 1", "Halte 2", "Halte 3"]


def test_delete_asks_first_then_removes_everything(app, marketer):
    trail = make_trail(app)
    confirm = marketer.get(f"{BASE}/{trail['id']}/delete")
    assert confirm.status_code == 200 and "Ja, verwijder deze wandeling" in html(confirm)
    stale = marketer.post(f"{BASE}/{trail['id']}/delete", data={"version": trail["version"] - 1})
    assert stale.status_code == 409 and trail_state(app, trail["id"])
    assert marketer.post(f"{BASE}/{trail['id']}/delete", data={"version": trail["version"]}).status_code == 302
    assert trail_state(app, trail["id"]) == {}
    assert marketer.get(f"/brugge/trails/{trail['slug']}").status_code == 404
    assert marketer.get(f"{BASE}/{trail['id']}").status_code == 404


def test_editor_page_works_without_javascript(app, marketer):
    trail_id = demo_trail_id(app, "brugge", "van-markt-tot-minnewater")
    page = html(marketer.get(f"{BASE}/{trail_id}"))
    # every action is a real form with a CSRF token and the version it was made from
    assert page.count('name="csrf_token"') + page.count('-csrf_token"') >= 9 * 3 + 4
    assert 'name="stop-lat"' in page and 'name="stop-lon"' in page
    assert 'enctype="multipart/form-data"' in page
    assert "<script>" not in page.replace('<script type="application/json"', "")


@pytest.mark.parametrize("path,message", [
    ("[" * 100_000, "lijst van [breedtegraad, lengtegraad]-punten"),  # a RecursionError in json.loads
    ("[[[51.2, 3.2]]]", "lijst van [breedtegraad, lengtegraad]-punten"),
    ('[{"a": [1]}]', "lijst van [breedtegraad, lengtegraad]-punten"),
    ("[" + ",".join(["[51.2086,3.2239]"] * 7000) + "]", "hoogstens 100000 tekens"),
])
def test_path_field_is_bounded_in_size_and_depth(app, marketer, path, message):
    trail = make_trail(app, n_stops=2)
    response = marketer.post(f"{BASE}/{trail['id']}/path", data={"path-version": trail["version"], "path-path": path})
    assert response.status_code == 422
    assert message in html(response)
    assert trail_state(app, trail["id"])["path"] == []
