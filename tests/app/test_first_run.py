"""A town goes live on an empty production database through the app's own commands and pages:
`users create-admin`, `cities create` (a draft), then the admin logs in, prepares the town and sets it live;
or, without the command line, creates the town in the admin console and sets it live there."""
import pytest

from app import create_app
from app.extensions import db

PUBLIC = "https://kick.example"


@pytest.fixture
def production(tmp_path, monkeypatch, database_url):
    """KICK_ENV=production on a database that only has the schema (no demo data)."""
    monkeypatch.setenv("KICK_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("KICK_PUBLIC_URL", PUBLIC)
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "MAIL_LOG": str(tmp_path / "mail.log"),
                      "MEDIA_ROOT": str(tmp_path / "media"), "RATELIMIT_STORAGE_URI": "memory://"})
    with app.app_context():
        db.drop_all()  # the test database came with the demo: start from nothing, as a new install does
        db.session.execute(db.text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    yield app, runner
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_first_admin_and_town_on_an_empty_production_database(production):
    app, runner = production
    assert "refuses" in runner.invoke(args=["demo", "load"]).output

    weak = runner.invoke(args=["users", "create-admin", "beheer@provincie.example"], input="welkom12345\nwelkom12345\n")
    assert weak.exit_code != 0 and "te makkelijk te raden" in weak.output
    made = runner.invoke(args=["users", "create-admin", "Beheer@Provincie.example"],
                         input="Reiger-zeelaan-41\nReiger-zeelaan-41\n")
    assert made.exit_code == 0, made.output

    bad = runner.invoke(args=["cities", "create", "login", "--name", "X", "--lat", "51", "--lon", "3"])
    assert bad.exit_code != 0 and "slug" in bad.output
    far = runner.invoke(args=["cities", "create", "diksmuide", "--name", "Diksmuide", "--lat", "510", "--lon", "2.8"])
    assert far.exit_code != 0 and "center" in far.output
    town = runner.invoke(args=["cities", "create", "diksmuide", "--name", "Diksmuide",
                               "--lat", "51.0326", "--lon", "2.8633"])
    assert town.exit_code == 0, town.output
    again = runner.invoke(args=["cities", "create", "diksmuide", "--name", "Diksmuide", "--lat", "51", "--lon", "2.8"])
    assert again.exit_code != 0

    client = app.test_client()
    assert client.get("/diksmuide/", base_url=PUBLIC).status_code == 404  # a draft: not public yet
    assert "diksmuide" not in client.get("/", base_url=PUBLIC).get_data(as_text=True)
    login_as_admin(client)
    me = client.get("/api/v1/me", base_url=PUBLIC).get_json()["user"]
    assert me["is_admin"] is True and me["email"] == "beheer@provincie.example" and me["email_to_confirm"] is None
    studio = client.get("/diksmuide/studio/", base_url=PUBLIC)  # the admin prepares the town
    assert studio.status_code == 200 and "Concept — nog niet publiek" in studio.get_data(as_text=True)

    live = runner.invoke(args=["cities", "status", "diksmuide", "live"])
    assert live.exit_code == 0, live.output
    anonymous = app.test_client()
    home = anonymous.get("/diksmuide/", base_url=PUBLIC)
    assert home.status_code == 200 and "Diksmuide" in home.get_data(as_text=True)
    assert "Concept" not in home.get_data(as_text=True)
    assert "diksmuide" in anonymous.get("/", base_url=PUBLIC).get_data(as_text=True)


def login_as_admin(client):
    token = client.get("/api/v1/me", base_url=PUBLIC).get_json()["csrf_token"]
    login = client.post("/login", base_url=PUBLIC, headers={"X-CSRFToken": token, "Referer": PUBLIC + "/login"},
                        data={"email": "beheer@provincie.example", "password": "Reiger-zeelaan-41"})
    assert login.status_code == 302
    return client.get("/api/v1/me", base_url=PUBLIC).get_json()["csrf_token"]


def test_an_admin_creates_a_town_in_the_console_and_sets_it_live(production):
    """Only the browser: no `cities create`. Forms over https need the CSRF token and a same-origin Referer."""
    app, runner = production
    made = runner.invoke(args=["users", "create-admin", "beheer@provincie.example"],
                         input="Reiger-zeelaan-41\nReiger-zeelaan-41\n")
    assert made.exit_code == 0, made.output
    client = app.test_client()
    token = login_as_admin(client)
    form = {"csrf_token": token, "slug": "diksmuide", "names_nl": "Diksmuide", "names_fr": "Dixmude",
            "center_lat": "51.0326", "center_lon": "2.8633", "default_locale": "nl", "offered_locales": ["nl", "fr"],
            "tile_url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "tile_attribution": "© OpenStreetMap contributors", "privacy_contact": "privacy@diksmuide.example"}
    referer = {"Referer": PUBLIC + "/admin/cities/new"}
    created = client.post("/admin/cities/new", base_url=PUBLIC, data=form, headers=referer)
    assert created.status_code == 302 and created.headers["Location"].endswith("/admin/cities/diksmuide")
    assert app.test_client().get("/diksmuide/", base_url=PUBLIC).status_code == 404
    dashboard = client.get("/admin/", base_url=PUBLIC).get_data(as_text=True)
    assert "Dixmude" not in dashboard and "Diksmuide" in dashboard and "Concept" in dashboard

    toggled = client.post("/admin/cities/diksmuide/status", base_url=PUBLIC, headers=referer,
                          data={"csrf_token": token, "status": "live", "confirm": "y"})
    assert toggled.status_code == 302
    anonymous = app.test_client()
    home = anonymous.get("/diksmuide/", base_url=PUBLIC, headers={"Accept-Language": "de"})
    assert home.status_code == 200 and '<html lang="nl">' in home.get_data(as_text=True)  # German not offered
    assert "Diksmuide" in anonymous.get("/", base_url=PUBLIC).get_data(as_text=True)
    assert "privacy@diksmuide.example" in anonymous.get("/diksmuide/privacy", base_url=PUBLIC).get_data(as_text=True)
