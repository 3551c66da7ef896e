"""Hostile input against every trail page, studio form and API call: a clear 4xx, never a 500."""
from tests.support.hostile import failures_report, probe_form, probe_get_routes, probe_json
from tests.support.trails import demo_trail_id, trail_state

STOP_FIELDS = ["title_nl", "body_nl", "lat", "lon", "shop_id", "image_alt_nl", "version"]


def test_trail_pages_survive_hostile_input(app, client):
    failures = probe_get_routes(app, client, only=lambda rule: rule.endpoint.startswith(("trails.", "trails_api.")))
    assert not failures, failures_report(failures)


def test_studio_pages_survive_hostile_input(app, client):
    client.login("marketer@brugge.kick.test")
    failures = probe_get_routes(app, client, only=lambda rule: rule.endpoint.startswith("trails_studio."))
    assert not failures, failures_report(failures)


def test_studio_forms_survive_hostile_input(app, client):
    client.login("marketer@brugge.kick.test")
    trail_id = demo_trail_id(app, "brugge", "parken-en-vesten")
    stop_id = trail_state(app, trail_id)["stop_ids"][0]
    base = f"/brugge/studio/trails/{trail_id}"
    failures = probe_form(client, "/brugge/studio/trails/new", fields=["title_nl", "kind", "slug", "dwell_minutes", "surface"])
    failures += probe_form(client, base, fields=["version", "title_nl", "summary_en", "kind", "dwell_minutes", "slug"])
    failures += probe_form(client, f"{base}/stops", fields=["stop-" + f for f in STOP_FIELDS])
    failures += probe_form(client, f"{base}/stops/{stop_id}", fields=STOP_FIELDS)
    failures += probe_form(client, f"{base}/path", fields=["path-path", "path-version"])
    failures += probe_form(client, f"{base}/order", fields=["order", "version"])
    failures += probe_form(client, f"{base}/stops/{stop_id}/move", fields=["direction", "version"])
    assert not failures, failures_report(failures)


def test_trail_api_survives_hostile_json(app, client):
    client.login("marketer@brugge.kick.test")
    api = "/api/v1/cities/brugge/trails"
    failures = probe_json(client, "POST", api, fields=["title", "kind", "stops", "path", "slug", "dwell_minutes"])
    failures += probe_json(client, "PATCH", f"{api}/parken-en-vesten", fields=["version", "stops", "path", "title"])
    failures += probe_json(client, "POST", f"{api}/parken-en-vesten/publish", fields=["version"])
    assert not failures, failures_report(failures)
