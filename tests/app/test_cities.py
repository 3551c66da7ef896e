import pytest

CITIES = {"oostende": "#0B4F8A", "brugge": "#C8102E", "kortrijk": "#C8102E", "roeselare": "#8B1E2D", "ieper": "#B22222",
          "diksmuide": "#1B4965"}  # the sixth, onboarded through the studio's imports
SKIP_TEXT = {"nl": "Naar de inhoud", "en": "Skip to content", "fr": "Aller au contenu", "de": "Zum Inhalt"}
TAGLINE_BRUGGE = {"nl": "Winkelen tussen reien en torens", "en": "Shopping between canals and towers",
                  "fr": "Shopping entre canaux et tours", "de": "Einkaufen zwischen Grachten und Türmen"}


def test_picker_lists_the_six_cities(client):
    html = client.get("/").get_data(as_text=True)
    for slug in CITIES:
        assert f'href="/{slug}/"' in html


@pytest.mark.parametrize("slug", CITIES)
@pytest.mark.parametrize("lang", ["nl", "en", "fr", "de"])
def test_every_city_home_renders_in_every_language_with_its_colours(client, slug, lang):
    response = client.get(f"/{slug}/", headers={"Accept-Language": lang})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in html
    assert SKIP_TEXT[lang] in html
    assert f"--primary: {CITIES[slug]}" in html


@pytest.mark.parametrize("lang", ["nl", "en", "fr", "de"])
def test_content_follows_the_language(client, lang):
    html = client.get("/brugge/", headers={"Accept-Language": lang}).get_data(as_text=True)
    assert TAGLINE_BRUGGE[lang] in html


def test_dutch_is_the_default_without_accept_language(client):
    html = client.get("/brugge/").get_data(as_text=True)
    assert '<html lang="nl">' in html and "Winkelen tussen reien en torens" in html


def test_language_switch_is_remembered(client):
    response = client.get("/lang/de?next=/brugge/")
    assert response.status_code == 302 and response.headers["Location"] == "/brugge/"
    html = client.get("/brugge/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<html lang="de">' in html


def test_language_switch_refuses_open_redirect_and_unknown_language(client):
    assert client.get("/lang/en?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/lang/en?next=//evil.example/").headers["Location"] == "/"
    assert client.get("/lang/xx").status_code == 404


def test_content_falls_back_to_the_city_default_locale(app, client):
    from app.cities.services import city_by_slug
    from app.extensions import db
    with app.app_context():
        city = city_by_slug("ieper")
        city.tagline = {"nl": "Alleen in het Nederlands"}
        db.session.commit()
    html = client.get("/ieper/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert "Alleen in het Nederlands" in html


def test_unknown_city_is_a_themed_404(client):
    response = client.get("/atlantis/")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "404" in html and "--primary:" in html and "<nav" in html


def test_unknown_page_inside_a_city_keeps_the_city_theme(client):
    response = client.get("/oostende/nope/nope")
    assert response.status_code == 404


def test_api_lists_cities_with_translations_and_theme(client):
    cities = client.get("/api/v1/cities").get_json()
    assert [c["slug"] for c in cities] == sorted(CITIES)
    brugge = client.get("/api/v1/cities/brugge").get_json()
    assert brugge["name"] == {"nl": "Brugge", "en": "Bruges", "fr": "Bruges", "de": "Brügge"}
    assert brugge["theme"]["primary"] == "#C8102E"
    assert brugge["centre"] == {"lat": 51.20861, "lon": 3.22389}


def test_api_unknown_city_is_problem_json(client):
    response = client.get("/api/v1/cities/atlantis")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_city_scoped_helpers_filter_by_the_given_city(app):
    from app.accounts.models import Membership
    from app.cities.services import city_by_slug
    from app.core.tenancy import city_select
    from app.extensions import db
    with app.app_context():
        brugge = city_by_slug("brugge")
        rows = db.session.execute(city_select(Membership, brugge)).scalars().all()
        assert rows and all(m.city_id == brugge.id for m in rows)


def test_a_row_of_another_city_is_a_404_however_it_is_looked_up(app):
    from sqlalchemy import select
    from werkzeug.exceptions import NotFound

    from app.cities.services import city_by_slug
    from app.core.tenancy import first_in_city_or_404, get_in_city_or_404
    from app.extensions import db
    from app.shops.models import Shop
    with app.app_context():
        brugge, kortrijk = city_by_slug("brugge"), city_by_slug("kortrijk")
        shop = db.session.execute(select(Shop).where(Shop.city_id == brugge.id).limit(1)).scalar_one()
        assert get_in_city_or_404(Shop, shop.id, brugge) is shop
        assert first_in_city_or_404(Shop, brugge, Shop.slug == shop.slug) is shop
        with pytest.raises(NotFound):
            get_in_city_or_404(Shop, shop.id, kortrijk)
        with pytest.raises(NotFound):
            first_in_city_or_404(Shop, kortrijk, Shop.slug == shop.slug)
        with pytest.raises(NotFound):
            get_in_city_or_404(Shop, 10**9, brugge)


def test_every_city_url_of_the_api_answers_an_unknown_city_with_the_same_404(client):
    """The API resolves <city> the one way the pages do: one problem document for every endpoint."""
    answers = [client.get("/api/v1/cities/atlantis"), client.get("/api/v1/cities/atlantis/shops"),
               client.get("/api/v1/cities/atlantis/shops/any"), client.get("/api/v1/cities/atlantis/trails"),
               client.post("/api/v1/cities/atlantis/shops/1/approve")]
    assert {response.status_code for response in answers} == {404}
    assert len({response.get_data() for response in answers}) == 1
    assert answers[0].get_json()["status"] == 404
