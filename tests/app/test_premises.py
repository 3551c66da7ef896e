"""The vacancy register in the studio (/<city>/studio/premises) and its marketer API: a premise added by form
or CSV, its state history, the analysis of the centre and its streets, the import's dry run, rejects,
all-or-nothing and size limits, version conflicts, another city's premise (404) and the private owner
contact (never public)."""
import io
import re

import pytest
from sqlalchemy import func, select

from app.cities.services import city_by_slug
from app.extensions import db
from app.premises.models import Premise, PremiseStateChange
from app.premises.privacy import export_user, forget_user
from app.accounts.services import find_user_by_email
from tests.factories import PremiseFactory

PAGE = "/roeselare/studio/premises/"
API = "/api/v1/cities/roeselare"
MARKETER = "marketer@roeselare.kick.test"
NL = {"Accept-Language": "nl"}


@pytest.fixture
def marketer(client):
    client.login(MARKETER)
    return client


def text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


def count(model=Premise, *criteria) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(*criteria)).scalar_one()


def premise_at(app, address: str, slug: str = "roeselare"):
    with app.app_context():
        city = city_by_slug(slug)
        row = db.session.execute(select(Premise).where(Premise.city_id == city.id, Premise.address == address)
                                 ).scalar_one_or_none()
        if row is None:
            return None
        found = {"id": row.id, "state": row.state, "version": row.version, "vacant_since": row.vacant_since,
                 "rent_min": row.rent_min, "owner_contact": row.owner_contact,
                 "history": [(c.from_state, c.to_state, c.changed_on.isoformat(), c.note) for c in row.changes]}
        db.session.remove()
        return found


def csv_file(body: str, name: str = "register.csv"):
    return (io.BytesIO(body.encode("utf-8")), name)


# ---------------------------------------------------------------- done means: an empty shop on Ooststraat


def test_a_roeselare_marketer_lists_an_empty_shop_on_ooststraat_and_reads_the_rates(app, marketer):
    before = text(marketer.get(PAGE, headers=NL))
    assert "10,0 %" in before  # the demo centre: 4 of 40 units
    response = marketer.post(PAGE + "new", data={
        "address": "Ooststraat 61, 8800 Roeselare", "state": "vacant", "vacant_since": "2026-06-01",
        "lat": "50.9446", "lon": "3.1290", "floor_area_m2": "85,5", "frontage_m": "6", "rent_min": "1200",
        "rent_max": "1500", "lease_types": ["long", "popup"], "owner_contact": "Vastgoed Vandamme 051 00 00 00",
        "description_nl": "Ruime winkel met etalage", "step_free": "yes", "condition": "good", "shop_id": "0"})
    assert response.status_code == 302
    created = premise_at(app, "Ooststraat 61, 8800 Roeselare")
    assert created["state"] == "vacant" and created["rent_min"] == 1200
    assert created["history"] == [(None, "vacant", "2026-06-01", "")]
    page = text(marketer.get(PAGE, headers=NL))
    assert "5 van 41" in page or "5 of 41" in page
    assert "12,2 %" in page  # the centre: 5 of 41
    assert re.search(r"Ooststraat</a></th><td>2 / 12</td><td>16,7 %", page)  # the street: 2 of 12
    assert "Ooststraat 61, 8800 Roeselare" in page
    vacancy = marketer.get(API + "/vacancy").get_json()
    street = next(s for s in vacancy["streets"] if s["street"] == "Ooststraat")
    assert street["units"] == {"total": 12, "vacant": 2, "rate": 0.1667}
    assert vacancy["units"] == {"total": 41, "vacant": 5, "rate": 0.122}


def test_the_form_shows_field_errors_and_writes_nothing(app, marketer):
    with app.app_context():
        before = count()
    response = marketer.post(PAGE + "new", data={"address": "Ooststraat 63", "state": "vacant", "rent_min": "2000",
                                                 "rent_max": "1000", "floor_area_m2": "veel", "shop_id": "0", "condition": "",
                                                 "step_free": ""}, headers=NL)
    assert response.status_code == 422
    body = text(response)
    assert "De hoogste huur kan niet lager zijn dan de laagste." in body or \
        "The highest rent cannot be below the lowest." in body
    with app.app_context():
        assert count() == before


def test_a_state_change_is_kept_with_its_day_and_note_and_shown(app, marketer):
    premise = premise_at(app, "Ooststraat 37")
    response = marketer.post(f"{PAGE}{premise['id']}/state", data={
        "state-state": "option", "state-changed_on": "2026-11-20", "state-note": "Bakker uit Izegem onderhandelt",
        "state-version": str(premise["version"])})
    assert response.status_code == 302
    after = premise_at(app, "Ooststraat 37")
    assert after["state"] == "option"
    assert after["vacant_since"] == premise["vacant_since"]  # still empty: the vacancy clock keeps running
    assert after["history"][0][:4] == ("vacant", "option", "2026-11-20", "Bakker uit Izegem onderhandelt")
    page = text(marketer.get(f"{PAGE}{premise['id']}"))
    assert "Bakker uit Izegem onderhandelt" in page and "Marketing Roeselare" in page


def test_a_stale_form_is_a_conflict_and_changes_nothing(app, marketer):
    premise = premise_at(app, "Ooststraat 37")
    marketer.post(f"{PAGE}{premise['id']}/state", data={"state-state": "let", "state-version": str(premise["version"])})
    response = marketer.post(f"{PAGE}{premise['id']}/state", data={
        "state-state": "repurposed", "state-version": str(premise["version"])}, headers=NL)
    assert response.status_code == 409
    assert premise_at(app, "Ooststraat 37")["state"] == "let"


# ---------------------------------------------------------------- CSV import and export

HEADER = "address;state;vacant_since;floor_area_m2;rent_min;rent_max;lease_types;incentives\n"


def test_the_dry_run_shows_new_changed_and_unchanged_rows_and_writes_nothing(app, marketer):
    with app.app_context():
        before = count()
    body = (HEADER + "Ooststraat 37;vacant;;;;;;\n"  # unchanged (only what the file names is compared)
            "Ooststraat 4;let;;;1600;1900;long;\n"  # changed rent
            "Ooststraat 99;vacant;2025-02-01;70,5;900;1100;popup|short;starterspremie\n")  # new
    response = marketer.post(PAGE + "import", data={"file": csv_file(body), "mode": "check"},
                             content_type="multipart/form-data", headers=NL)
    assert response.status_code == 200
    page = text(response)
    assert re.search(r"(Nieuwe panden|New premises): <strong>1</strong>", page)
    assert re.search(r"(Gewijzigde panden|Changed premises): <strong>1</strong>", page)
    assert re.search(r"(Ongewijzigd|Unchanged): <strong>1</strong>", page)
    assert "Ooststraat 99" in page and "rent_min" in page
    with app.app_context():
        assert count() == before


def test_the_import_writes_all_rows_with_their_history(app, marketer):
    body = HEADER + "Ooststraat 99;vacant;2025-02-01;70,5;900;1100;popup|short;starterspremie\nOoststraat 4;vacant;;;;;;\n"
    response = marketer.post(PAGE + "import", data={"file": csv_file(body), "mode": "import"},
                             content_type="multipart/form-data")
    assert response.status_code == 200
    new = premise_at(app, "Ooststraat 99")
    assert new["state"] == "vacant" and new["history"] == [(None, "vacant", "2025-02-01", "CSV")]
    changed = premise_at(app, "Ooststraat 4")
    assert changed["state"] == "vacant" and changed["history"][0][:2] == ("let", "vacant")


def test_rejected_rows_are_listed_with_line_and_reason_and_nothing_is_imported(app, marketer):
    with app.app_context():
        before, changes = count(), count(PremiseStateChange)
    body = (HEADER + "Ooststraat 99;vacant;2025-02-01;70;900;1100;popup;\n"
            "Ooststraat 98;leeg;;;;;;\n"
            "Ooststraat 97;vacant;;;2000;1000;huur;geen-premie\n")
    response = marketer.post(PAGE + "import", data={"file": csv_file(body), "mode": "import"},
                             content_type="multipart/form-data")
    assert response.status_code == 422
    page = text(response)
    assert "Row 3" in page or "Rij 3" in page
    assert "Row 4" in page or "Rij 4" in page
    assert "vacant, option, let, repurposed" in page  # row 3: the state
    assert "geen-premie" in page  # row 4: the unknown incentive
    with app.app_context():
        assert (count(), count(PremiseStateChange)) == (before, changes)  # not even the good row 2


def test_a_too_large_file_is_a_413_and_too_many_rows_a_422(app, marketer):
    app.config.update(KICK_IMPORT_CSV_MAX_BYTES=200, KICK_IMPORT_CSV_MAX_ROWS=2)
    big = marketer.post(PAGE + "import", data={"file": csv_file(HEADER + "x" * 400), "mode": "check"},
                        content_type="multipart/form-data")
    assert big.status_code == 413
    assert "too large" in text(big) or "te groot" in text(big)
    rows = HEADER + "".join(f"Ooststraat {n};vacant;;;;;;\n" for n in (90, 91, 92))
    many = marketer.post(PAGE + "import", data={"file": csv_file(rows), "mode": "check"},
                         content_type="multipart/form-data")
    assert many.status_code == 422
    assert "2" in text(many)


def test_a_bad_header_is_refused_whole(marketer):
    response = marketer.post(PAGE + "import", data={"file": csv_file("adres;staat\nOoststraat 1;leeg\n")},
                             content_type="multipart/form-data")
    assert response.status_code == 422
    assert "address" in text(response)


def test_the_export_imports_back_without_a_change(marketer):
    exported = marketer.get(PAGE + "export.csv")
    assert exported.status_code == 200 and exported.headers["Cache-Control"] == "private, no-store"
    assert exported.get_data(as_text=True).startswith("address,lat,lon,")
    check = marketer.post(PAGE + "import", data={"file": (io.BytesIO(exported.data), "export.csv"), "mode": "check"},
                          content_type="multipart/form-data")
    page = text(check)
    assert re.search(r"(Gewijzigde panden|Changed premises): <strong>0</strong>", page)
    assert re.search(r"(Nieuwe panden|New premises): <strong>0</strong>", page)
    assert re.search(r"(Ongewijzigd|Unchanged): <strong>40</strong>", page)


@pytest.mark.parametrize("table, first", [("streets", "Centr"), ("months", None), ("duration", None)])
def test_each_analysis_table_downloads_as_csv(marketer, table, first):
    response = marketer.get(f"{PAGE}analysis/{table}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).strip().splitlines()
    assert len(lines) >= 4
    if first:
        assert lines[1].startswith(first)


# ---------------------------------------------------------------- the API

def test_the_api_creates_a_premise_with_the_documented_fields(app, marketer):
    response = marketer.post(API + "/premises", json={
        "address": "Ooststraat 71, 8800 Roeselare", "lat": 50.9447, "lon": 3.1295, "floor_area_m2": 64,
        "frontage_m": 5.5, "state": "vacant", "vacant_since": "2024-05-01", "rent_min": 950, "rent_max": 1250,
        "lease_types": ["popup", "long"], "owner_contact": "Agent 0470", "description": {"nl": "Hoekpand"},
        "incentives": ["starterspremie"], "step_free": True, "condition": "good"})
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert isinstance(body["id"], int)
    assert body["street"] == "Ooststraat" and body["lease_types"] == ["long", "popup"]
    assert body["history"] == [{"from_state": None, "to_state": "vacant", "changed_on": "2024-05-01", "note": ""}]
    assert response.headers["Cache-Control"] == "private, no-store"


def test_bad_api_input_is_a_problem_with_field_errors(app, marketer):
    with app.app_context():
        before = count()
    response = marketer.post(API + "/premises", json={"address": "Ooststraat 72", "state": "leeg",
                                                      "lease_types": ["forever"]})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert "state" in errors and any(key.startswith("lease_types") for key in errors)
    rule = marketer.post(API + "/premises", json={"address": "Ooststraat 72", "rent_min": 2000, "rent_max": 100})
    assert rule.status_code == 422 and "rent_max" in rule.get_json()["errors"]
    with app.app_context():
        assert count() == before


def test_a_state_change_through_patch_goes_into_the_history_and_a_stale_version_is_a_409(app, marketer):
    premise = premise_at(app, "Ooststraat 37")
    ok = marketer.patch(f"{API}/premises/{premise['id']}", json={"state": "let", "note": "Koffiebar",
                                                                 "changed_on": "2026-11-30"},
                        headers={"If-Match": f'"{premise["version"]}"'})
    assert ok.status_code == 200, ok.get_json()
    assert ok.get_json()["history"][0] == {"from_state": "vacant", "to_state": "let", "changed_on": "2026-11-30",
                                           "note": "Koffiebar"}
    stale = marketer.patch(f"{API}/premises/{premise['id']}", json={"rent_min": 1, "version": premise["version"]})
    assert stale.status_code == 409
    assert stale.get_json()["code"] == "edit_conflict" and stale.get_json()["current_version"] == premise["version"] + 1
    assert premise_at(app, "Ooststraat 37")["rent_min"] == premise["rent_min"]


def test_the_vacancy_answer_has_the_documented_shape(marketer):
    body = marketer.get(API + "/vacancy").get_json()
    assert set(body) >= {"units", "floor_area", "duration", "streets"}
    assert set(body["units"]) == {"total", "vacant", "rate"}
    assert set(body["floor_area"]) == {"total_m2", "vacant_m2", "rate"}
    assert set(body["duration"]) >= {"friction", "long_term", "structural"}
    assert {s["street"] for s in body["streets"]} == {"Ooststraat", "Noordstraat", "Zuidstraat", "Manestraat"}
    assert len(body["months"]) == 12


def test_the_openapi_document_names_the_operations(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = {op["operationId"]: op for path in spec["paths"].values() for op in path.values()
                  if isinstance(op, dict) and "operationId" in op}
    for name in ("createPremise", "updatePremise", "getVacancy"):
        assert name in operations and operations[name].get("description")


# ---------------------------------------------------------------- who may see what


def test_another_citys_premise_is_a_404_and_changes_nothing(app, client):
    brugge = premise_at(app, "Steenstraat 71", "brugge")
    client.login(MARKETER)
    assert client.get(f"/roeselare/studio/premises/{brugge['id']}").status_code == 404
    assert client.get(f"/brugge/studio/premises/{brugge['id']}").status_code == 404
    assert client.patch(f"{API}/premises/{brugge['id']}", json={"state": "vacant"}).status_code == 404
    assert premise_at(app, "Steenstraat 71", "brugge")["state"] == "let"


@pytest.mark.parametrize("email", [None, "shopper@kick.test", "merchant1@brugge.kick.test",
                                   "marketer@oostende.kick.test"])
def test_only_the_towns_marketers_see_the_register(client, email):
    if email:
        client.login(email)
    page = client.get(PAGE)
    assert page.status_code in (302, 404) and (page.status_code == 404 or "/login" in page.location)
    assert client.get(API + "/vacancy").status_code in (401, 404)


def test_the_owner_contact_never_reaches_a_public_page_or_answer(app, client):
    secret = premise_at(app, "Ooststraat 37")["owner_contact"]
    assert secret
    for url in ("/roeselare/", "/roeselare/shops", "/roeselare/shops/map.geojson", "/sitemap.xml",
                "/api/v1/cities/roeselare", "/api/v1/cities/roeselare/shops"):
        response = client.get(url)
        assert secret not in response.get_data(as_text=True), url
    spec = client.get("/api/v1/openapi.json").get_json()
    public = [name for name in spec["components"]["schemas"] if "owner_contact" in
              spec["components"]["schemas"][name].get("properties", {})]
    assert all(name.startswith(("PremiseStudio", "PremiseWrite", "PremiseCreate")) for name in public), public


def test_the_list_page_reads_a_fixed_number_of_queries(app, marketer, count_queries):
    with count_queries() as few:
        assert marketer.get(PAGE).status_code == 200
    with app.app_context():
        city = city_by_slug("roeselare")
        for _ in range(15):
            PremiseFactory(city=city)
        db.session.commit()
        db.session.remove()
    with count_queries() as more:
        assert marketer.get(PAGE).status_code == 200
    assert more.count == few.count
    assert few.count <= 20


def test_the_privacy_export_lists_the_changes_a_marketer_recorded_and_the_deletion_forgets_them(app, marketer):
    premise = premise_at(app, "Ooststraat 37")
    marketer.post(f"{PAGE}{premise['id']}/state", data={"state-state": "let", "state-note": "Verhuurd",
                                                        "state-version": str(premise["version"])})
    with app.app_context():
        user = find_user_by_email(MARKETER)
        exported = export_user(user)["state_changes_recorded"]
        assert [(c["address"], c["to_state"], c["note"]) for c in exported] == [("Ooststraat 37", "let", "Verhuurd")]
        forget_user(user)
        db.session.commit()
        assert export_user(user)["state_changes_recorded"] == []
        assert count(PremiseStateChange, PremiseStateChange.note == "Verhuurd") == 1  # the history stays
