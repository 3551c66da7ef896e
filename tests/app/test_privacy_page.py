"""The privacy page says what is stored, why and how long — from the config that enforces it."""
import pytest


def test_city_privacy_page_in_dutch_first(client, count_queries):
    with count_queries() as queries:
        response = client.get("/brugge/privacy")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Jouw gegevens, helder uitgelegd" in html and "Brugge" in html
    assert "13 maanden" in html  # scan retention
    assert "400 dagen" in html  # anonymous shopper cookie
    assert "tile.openstreetmap.org" in html  # the third party that sees the IP
    assert queries.count <= 2


@pytest.mark.parametrize("lang,text", [("en", "Your data, plainly explained"), ("fr", "Vos données"),
                                       ("de", "Ihre Daten, klar erklärt")])
def test_privacy_page_in_every_language(client, lang, text):
    html = client.get("/brugge/privacy", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert text in html


def app_config_limits(app_config) -> list[str]:
    from app import create_app
    from app.privacy.retention import RATE_LIMIT_SUFFIXES
    return [name for name in create_app(app_config).config if name.endswith(RATE_LIMIT_SUFFIXES)]


def test_retention_follows_configuration(app_config):
    from app import create_app
    # The page states the longest window of every rate limit (a key can live that long): set them all.
    limits = {name: "5 per 15 minutes" for name in app_config_limits(app_config)}
    app = create_app({**app_config, **limits, "KICK_RETENTION_DAYS": 183,
                      "KICK_PRIVACY_CONTACT": "dpo@brugge.example"})
    html = app.test_client().get("/brugge/privacy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "6 months" in html and "At most 15 min" in html and "mailto:dpo@brugge.example" in html


def test_footer_links_to_the_privacy_page(client):
    assert 'href="/brugge/privacy"' in client.get("/brugge/").get_data(as_text=True)
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)
    assert client.get("/privacy").status_code == 200
    assert client.get("/atlantis/privacy").status_code == 404
