"""The platform admin console (/admin/) and the towns API: every town with its figures, creating and editing a
town, setting it live or back to draft; refusals with a message per field, and a 404 for everyone else."""
import pytest
from sqlalchemy import select

from app.cities.models import City
from app.cities.signals import city_status_changed
from app.extensions import db
from tests.factories import CityFactory

NEW_TOWN = {"slug": "tielt", "names_nl": "Tielt", "names_fr": "Thielt", "center_lat": "51.0326",
            "center_lon": "2.8633", "default_locale": "nl", "offered_locales": ["nl", "fr", "en"],
            "tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "tile_attribution": "© OpenStreetMap contributors", "privacy_contact": ""}
NOT_ADMINS = ["shopper@kick.test", "merchant1@brugge.kick.test", "marketer@brugge.kick.test"]


def town(app, slug):
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == slug)).scalar_one_or_none()
        if city is not None:
            db.session.expunge(city)
        return city


def count_towns(app):
    with app.app_context():
        return len(db.session.execute(select(City.id)).all())


# ------------------------------------------------------------------ dashboard
def test_the_dashboard_lists_every_town_with_status_colour_and_figures(client):
    client.login("admin@kick.test")
    response = client.get("/admin/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "no-store" in response.headers["Cache-Control"]
    for name in ("Brugge", "Oostende", "Kortrijk", "Roeselare", "Ieper"):
        assert name in html
    assert "--c:#C8102E" in html  # Brugge's chip wears its primary colour
    for label in ("Goedgekeurde winkels", "Gepubliceerde routes", "Stempels, laatste 30 dagen", "Marketeers"):
        assert label in html
    assert "6 steden, waarvan 6 live." in html
    assert 'href="/admin/">Platformbeheer</a>' in client.get("/brugge/").get_data(as_text=True)  # in the menu


def test_figures_count_per_town(app, client):
    from app.core.registry import get_registry
    with app.app_context():
        brugge = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        figures = {figure.key: figure.loader() for figure in get_registry(app).city_figures}
        from app.shops.models import Shop
        approved = db.session.execute(select(Shop).where(Shop.city_id == brugge.id, Shop.status == "approved")).all()
        assert figures["approved_shops"][brugge.id] == len(approved)
        assert figures["marketers"][brugge.id] == 1
        assert set(figures) == {"approved_shops", "published_trails", "stamps_30_days", "marketers",
                                "shops_accessibility_given"}


def test_the_dashboard_costs_the_same_queries_with_more_towns(app, client, count_queries):
    client.login("admin@kick.test")
    client.get("/admin/")
    with count_queries() as five:
        client.get("/admin/")
    with app.app_context():
        CityFactory.create_batch(4)
        db.session.commit()
    with count_queries() as nine:
        assert "Stad" in client.get("/admin/").get_data(as_text=True)
    assert five.count == nine.count <= 8, nine.statements


@pytest.mark.parametrize("email", [None, *NOT_ADMINS])
def test_the_console_does_not_exist_for_anyone_else(app, client, email):
    if email:
        client.login(email)
    assert 'href="/admin/"' not in client.get("/brugge/").get_data(as_text=True)
    for path in ("/admin/", "/admin/cities/new", "/admin/cities/brugge"):
        response = client.get(path)
        if email is None:
            assert response.status_code == 302 and "/login" in response.headers["Location"]
        else:
            assert response.status_code == 404
    before = count_towns(app)
    response = client.post("/admin/cities/new", data=NEW_TOWN)
    assert response.status_code == (302 if email is None else 404)
    assert client.post("/admin/cities/brugge/status", data={"status": "draft", "confirm": "y"}).status_code in (302, 404)
    assert count_towns(app) == before and town(app, "brugge").status == "live"


def test_an_admin_section_registered_by_a_feature_shows_as_a_tile(app, client):
    from app.core.registry import add_admin_section
    add_admin_section(app, "cities.picker", "Mensen en uitnodigingen", "shop", 10)
    client.login("admin@kick.test")
    html = client.get("/admin/").get_data(as_text=True)
    assert 'class="tile" href="/"' in html and "Mensen en uitnodigingen" in html


# ------------------------------------------------------------------ create, edit, toggle
def test_an_admin_creates_a_draft_town(app, client):
    client.login("admin@kick.test")
    assert client.get("/admin/cities/new").status_code == 200
    response = client.post("/admin/cities/new", data=NEW_TOWN)
    assert response.status_code == 302 and response.headers["Location"] == "/admin/cities/tielt"
    made = town(app, "tielt")
    assert made.status == "draft" and made.names == {"nl": "Tielt", "fr": "Thielt"}
    assert (made.center_lat, made.center_lon) == (51.0326, 2.8633)
    assert made.offered_locales == ["nl", "en", "fr"] and made.privacy_contact is None
    assert made.primary_color == "#1F3A5F"  # the neutral theme until the studio sets one
    page = client.get("/admin/cities/tielt").get_data(as_text=True)
    assert "Tielt is aangemaakt als concept" in page and "Zet live" in page


@pytest.mark.parametrize("changes, field, message", [
    ({"slug": "login"}, "slug", "Dit adres is al in gebruik."),
    ({"slug": "brugge"}, "slug", "Dit adres is al in gebruik."),
    ({"slug": "Die Ksmuide!"}, "slug", "kleine letters"),
    ({"center_lat": "5.10326"}, "center_lat", "Geef het centrum in België"),
    ({"center_lat": "noord"}, "center_lat", ""),
    ({"names_nl": ""}, "names_nl", ""),
    ({"default_locale": "de"}, "offered_locales", "De standaardtaal moet een van de aangeboden talen zijn."),
    ({"offered_locales": ["nl", "es"]}, "offered_locales", ""),
    ({"tile_url": "http://tiles.example/{z}/{x}/{y}.png"}, "tile_url", "https://"),
    ({"privacy_contact": "bel ons"}, "privacy_contact", "e-mailadres of een https-webadres"),
])
def test_a_refused_town_shows_the_message_at_its_field_and_creates_nothing(app, client, changes, field, message):
    client.login("admin@kick.test")
    before = count_towns(app)
    response = client.post("/admin/cities/new", data={**NEW_TOWN, **changes})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="{field}-error"' in html and message in html
    assert count_towns(app) == before


def test_an_admin_edits_a_town(app, client):
    client.login("admin@kick.test")
    form = client.get("/admin/cities/ieper").get_data(as_text=True)
    assert 'value="Ypern"' in form and 'value="50.8' in form
    data = {**NEW_TOWN, "names_nl": "Ieper", "names_fr": "Ypres", "names_de": "", "names_en": "Ypres",
            "center_lat": "50.8512", "center_lon": "2.8857", "default_locale": "fr", "offered_locales": ["nl", "fr"],
            "privacy_contact": "privacy@ieper.example"}
    data.pop("slug")
    response = client.post("/admin/cities/ieper", data=data)
    assert response.status_code == 302
    ieper = town(app, "ieper")
    assert ieper.names == {"nl": "Ieper", "fr": "Ypres", "en": "Ypres"} and ieper.default_locale == "fr"
    assert ieper.offered_locales == ["nl", "fr"] and ieper.privacy_contact == "privacy@ieper.example"
    assert ieper.status == "live" and ieper.slug == "ieper"
    refused = client.post("/admin/cities/ieper", data={**data, "center_lon": "30"})
    assert refused.status_code == 422 and "Geef het centrum in België" in refused.get_data(as_text=True)
    assert town(app, "ieper").center_lon == 2.8857
    assert client.get("/admin/cities/atlantis").status_code == 404


def test_setting_live_asks_for_confirmation_and_tells_the_audit_seam(app, client):
    heard = []

    def listener(city, actor=None, old=None, new=None, **_):
        heard.append((city.slug, actor.email if actor else None, old, new))

    client.login("admin@kick.test")
    client.post("/admin/cities/new", data=NEW_TOWN)
    with city_status_changed.connected_to(listener):
        unconfirmed = client.post("/admin/cities/tielt/status", data={"status": "live"})
        assert unconfirmed.status_code == 422 and "Vink het vakje aan" in unconfirmed.get_data(as_text=True)
        assert town(app, "tielt").status == "draft" and heard == []
        assert client.post("/admin/cities/tielt/status", data={"status": "open", "confirm": "y"}).status_code == 422
        live = client.post("/admin/cities/tielt/status", data={"status": "live", "confirm": "y"})
        assert live.status_code == 302 and town(app, "tielt").status == "live"
        page = client.get("/admin/cities/tielt").get_data(as_text=True)
        assert "Tielt is live" in page and "Terug naar concept" in page
        assert client.post("/admin/cities/tielt/status", data={"status": "draft", "confirm": "y"}).status_code == 302
    assert heard == [("tielt", "admin@kick.test", "draft", "live"), ("tielt", "admin@kick.test", "live", "draft")]
    assert client.post("/admin/cities/tielt/status", data={"status": "live", "confirm": "y"},
                       csrf=False).status_code == 400
    assert town(app, "tielt").status == "draft"


# ------------------------------------------------------------------ API
API_TOWN = {"slug": "tielt", "names": {"nl": "Tielt", "fr": "Thielt"},
            "center": {"lat": 51.0326, "lon": 2.8633}, "default_locale": "nl"}


def test_the_api_creates_a_draft_town_and_sets_it_live(app, client):
    client.login("admin@kick.test")
    created = client.post("/api/v1/cities", json=API_TOWN)
    assert created.status_code == 201
    body = created.get_json()
    assert body["slug"] == "tielt" and body["status"] == "draft" and body["centre"] == {"lat": 51.0326, "lon": 2.8633}
    assert body["offered_locales"] == ["nl", "en", "fr", "de"]
    assert app.test_client().get("/api/v1/cities/tielt").status_code == 404
    patched = client.patch("/api/v1/cities/tielt", json={
        "status": "live", "offered_locales": ["nl", "fr"], "privacy_contact": "https://tielt.example/privacy",
        "center": {"lat": 51.03, "lon": 2.86}})
    assert patched.status_code == 200
    assert patched.get_json()["status"] == "live" and patched.get_json()["offered_locales"] == ["nl", "fr"]
    public = app.test_client().get("/api/v1/cities/tielt").get_json()
    assert public["centre"] == {"lat": 51.03, "lon": 2.86} and "status" not in public


@pytest.mark.parametrize("changes, field", [
    ({"slug": "api"}, "slug"), ({"slug": "brugge"}, "slug"), ({"slug": "-x"}, "slug"),
    ({"center": {"lat": 151, "lon": 3}}, "center"), ({"center": {"lat": 51}}, "center.lon"),
    ({"default_locale": "es"}, "default_locale"), ({"offered_locales": ["nl", "xx"]}, "offered_locales.1"),
    ({"names": {"fr": "Thielt"}}, "names"), ({"names": {"es": "Thielt", "nl": "D"}}, "names.es.key"),
    ({"tile_url": "https://x.example/tiles.png"}, "tile_url"), ({"default_locale": "de",
                                                                 "offered_locales": ["nl"]}, "offered_locales"),
])
def test_the_api_refuses_a_bad_town_with_field_messages(app, client, changes, field):
    client.login("admin@kick.test")
    before = count_towns(app)
    response = client.post("/api/v1/cities", json={**API_TOWN, **changes})
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]
    assert field in errors or any(key.startswith(field) for key in errors), errors
    assert count_towns(app) == before


def test_the_api_refuses_a_bad_patch_and_changes_nothing(app, client):
    client.login("admin@kick.test")
    response = client.patch("/api/v1/cities/brugge", json={"status": "draft", "center": {"lat": 10, "lon": 3}})
    assert response.status_code == 422 and "center" in response.get_json()["errors"]
    assert town(app, "brugge").status == "live" and town(app, "brugge").center_lat != 10
    assert client.patch("/api/v1/cities/brugge", json={"status": "gone"}).status_code == 422
    assert client.patch("/api/v1/cities/atlantis", json={"status": "live"}).status_code == 404


@pytest.mark.parametrize("email", [None, *NOT_ADMINS])
def test_the_api_writes_are_for_admins_only(app, client, email):
    if email:
        client.login(email)
    expected = 401 if email is None else 404
    assert client.post("/api/v1/cities", json=API_TOWN).status_code == expected
    assert client.patch("/api/v1/cities/brugge", json={"status": "draft"}).status_code == expected
    assert town(app, "tielt") is None and town(app, "brugge").status == "live"


def test_the_openapi_document_describes_the_new_endpoints(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "post" in spec["paths"]["/api/v1/cities"] and "patch" in spec["paths"]["/api/v1/cities/{city}"]
    assert "status" in spec["components"]["schemas"]["CityPatch"]["properties"]
