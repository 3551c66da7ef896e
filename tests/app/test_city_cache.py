"""Public pages keep a short snapshot of their city; the studio and writes always read the row."""
import pytest
from sqlalchemy import text

from app.cities import cache
from app.extensions import db

HOME = "/kortrijk/"
NL = {"Accept-Language": "nl"}


def change_colour_elsewhere(app, colour: str) -> None:
    """What another worker or host does: a plain SQL write this process hears nothing about."""
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(text("UPDATE city SET primary_color = :colour WHERE slug = 'kortrijk'"), {"colour": colour})


def primary(client, path=HOME) -> str:
    html = client.get(path, headers=NL).get_data(as_text=True)
    return html.split("--primary: ", 1)[1].split(";", 1)[0]


@pytest.fixture
def app_config(app_config):
    """The city's snapshot is what these tests watch: the page cache in front of it is set aside (its own
    tests: tests/app/test_page_cache.py)."""
    return {**app_config, "KICK_PAGE_CACHE": False}


@pytest.fixture
def later(monkeypatch):
    """Move this process's clock forward by some seconds."""
    offset = [0.0]
    real = cache.time.monotonic
    monkeypatch.setattr(cache.time, "monotonic", lambda: real() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds
    return advance


def test_a_change_made_elsewhere_shows_on_public_pages_once_the_snapshot_expires(app, client, later):
    before = primary(client)
    change_colour_elsewhere(app, "#123456")
    assert primary(client) == before  # within KICK_CITY_CACHE_SECONDS: the snapshot
    later(app.config["KICK_CITY_CACHE_SECONDS"] + 1)
    assert primary(client) == "#123456"


def test_the_studio_and_writes_always_read_the_city_row(app, client):
    marketer = app.test_client()
    marketer.login("marketer@kortrijk.kick.test")
    primary(client)  # a public visitor fills the snapshot
    change_colour_elsewhere(app, "#654321")
    assert primary(marketer, "/kortrijk/studio/") == "#654321"


def test_a_change_in_this_process_shows_at_once(app, client):
    from app.cities.models import City
    primary(client)
    with app.app_context():
        db.session.execute(db.select(City).where(City.slug == "kortrijk")).scalar_one().primary_color = "#0A0B0C"
        db.session.commit()
    assert primary(client) == "#0A0B0C"


def test_a_public_page_reads_its_city_once_per_snapshot(client, count_queries):
    client.get("/kortrijk/privacy")
    with count_queries() as warm:
        assert client.get("/kortrijk/privacy").status_code == 200
    assert not any("FROM city" in statement for statement in warm.statements), warm.statements
    assert client.get("/nowhere/privacy").status_code == 404  # an unknown city is still a 404


def test_the_cache_can_be_turned_off(database_url, tmp_path):
    from app import create_app
    from tests.conftest import KickClient, base_config
    app = create_app({**base_config(database_url, tmp_path), "KICK_CITY_CACHE_SECONDS": 0, "KICK_PAGE_CACHE": False})
    app.test_client_class = KickClient
    client = app.test_client()
    primary(client)
    change_colour_elsewhere(app, "#0F0F0F")
    assert primary(client) == "#0F0F0F"
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_town_set_live_elsewhere_is_live_here_at_once(app, client):
    """Drafts are never kept: the marketer who sets the town live shares the link, and every worker answers."""
    def set_status_elsewhere(status: str) -> None:
        with app.app_context(), db.engine.begin() as connection:
            connection.execute(text("UPDATE city SET status = :status WHERE slug = 'kortrijk'"), {"status": status})

    assert app.config["KICK_CITY_CACHE_SECONDS"] > 0  # the cache is on in the tests
    set_status_elsewhere("draft")
    assert client.get(HOME).status_code == 404
    set_status_elsewhere("live")
    assert client.get(HOME).status_code == 200  # not a cached draft
    set_status_elsewhere("draft")
    assert client.get(HOME).status_code == 200  # a live town's snapshot may lag behind, up to the cache time
