"""Finding a shop: search (q), favourites on the account (API, privacy), and the merchant's rough edges around
review (the hours flash on a draft, hours required and a photo advised before review, phone and hours for the
marketer)."""
from html import unescape

import pytest
from sqlalchemy import func, select

from app.accounts.services import find_user_by_email
from app.cities.models import City
from app.extensions import db
from app.shops.models import Shop, ShopFavourite
from app.shops.services import favourites
from tests.factories import CityFactory, ShopFactory, ShopPhotoFactory
from tests.support.shops import create_via_api

SHOPPER = "shopper@kick.test"
NL = {"Accept-Language": "nl"}


@pytest.fixture
def town(app):
    """A town of its own with three shops whose texts carry accents in several languages."""
    with app.app_context():
        city = CityFactory(slug="zoekstad")
        ShopFactory(city=city, slug="creme-en-zo", name={"nl": "Crème & Zo"}, category="food_drink",
                    story={"nl": "Wij branden koffie in de Ooststraat."}, lat=51.0, lon=3.0)
        ShopFactory(city=city, slug="odon", name={"nl": "Boekhandel Ödön"}, category="books_music",
                    story={"fr": "Une librairie où l'on lit des bandes dessinées."}, lat=51.001, lon=3.0)
        ShopFactory(city=city, slug="fietsen", name={"nl": "Fietsenmaker Jan"}, category="sports",
                    tagline={"nl": "Herstellingen terwijl u wacht"})
        db.session.commit()
    return "zoekstad"


def _api_slugs(client, town, q):
    response = client.get(f"/api/v1/cities/{town}/shops", query_string={"q": q})
    assert response.status_code == 200, response.get_json()
    return sorted(shop["slug"] for shop in response.get_json())


@pytest.mark.parametrize("q,expected", [
    ("creme", ["creme-en-zo"]),  # the name, without its accent
    ("CRÈME", ["creme-en-zo"]),  # capitals and the accent
    ("odön", ["odon"]),
    ("koffie", ["creme-en-zo"]),  # the story
    ("bandes dessinees", ["odon"]),  # the French story, every word, accents left out
    ("eten", ["creme-en-zo"]),  # the category's name in the page's language ("Eten & drinken")
    ("sports", ["fietsen"]),  # the category's key
    ("wacht", ["fietsen"]),  # the tagline
    ("koffie boeken", []),  # every word must match the same shop
])
def test_search_looks_in_name_category_tagline_and_story_whatever_the_accents(client, town, q, expected):
    assert _api_slugs(client, town, q) == expected
    page = client.get(f"/{town}/shops/", query_string={"q": q}, headers=NL).get_data(as_text=True)
    for slug in ("creme-en-zo", "odon", "fietsen"):
        assert (f'href="/{town}/shops/{slug}"' in page) == (slug in expected), slug


def test_search_without_a_match_says_so_and_offers_every_shop(client, town):
    response = client.get(f"/{town}/shops/", query_string={"q": "zwembad"}, headers=NL)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Geen winkel gevonden voor “zwembad”" in page
    assert f'href="/{town}/shops/">Toon alle winkels' in page
    assert 'value="zwembad"' in page  # the search box keeps the words
    assert _api_slugs(client, town, "zwembad") == []


def test_search_keeps_the_other_filters_and_they_keep_the_search(client, town):
    page = client.get(f"/{town}/shops/", query_string={"q": "koffie", "category": "food_drink"},
                      headers=NL).get_data(as_text=True)
    assert '<input type="hidden" name="category" value="food_drink">' in page
    import re
    link = re.search(r'href="(/%s/shops/\?[^"]*category=books_music[^"]*)"' % town, page).group(1)
    assert "q=koffie" in link


def test_an_overlong_search_is_a_clear_4xx(client, town):
    assert client.get(f"/{town}/shops/", query_string={"q": "x" * 101}).status_code == 400
    api = client.get(f"/api/v1/cities/{town}/shops", query_string={"q": "x" * 101}, headers=NL)
    assert api.status_code == 422 and "De zoekopdracht is te lang." in str(api.get_json())


def test_searching_costs_no_extra_query(client, town, count_queries):
    client.get(f"/{town}/shops/")
    with count_queries() as plain:
        client.get(f"/{town}/shops/")
    with count_queries() as searched:
        assert "Crème" in client.get(f"/{town}/shops/", query_string={"q": "creme"}).get_data(as_text=True)
    assert searched.count == plain.count


# --- favourites ---------------------------------------------------------------------------------------------------

def _ids(app):
    with app.app_context():
        brugge = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        approved, hidden = (db.session.execute(select(Shop.id).where(Shop.city_id == brugge.id, Shop.status == status)
                                               .order_by(Shop.id)).scalars().first() for status in ("approved", "pending"))
        oostende = db.session.execute(select(Shop.id).join(City).where(City.slug == "oostende",
                                                                       Shop.status == "approved")).scalars().first()
    return approved, hidden, oostende


def _rows(app):
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(ShopFavourite)).scalar_one()


def test_a_shopper_keeps_favourites_on_the_account(app, client):
    shop_id, _, _ = _ids(app)
    client.login(SHOPPER)
    assert client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 204
    assert client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 204  # again: no change
    listed = client.get("/api/v1/me/favourites")
    assert listed.status_code == 200 and "no-store" in listed.headers["Cache-Control"]
    [favourite] = listed.get_json()
    assert favourite["shop_id"] == shop_id and favourite["city"] == "brugge"
    assert favourite["url"].endswith(f"/brugge/shops/{favourite['slug']}") and favourite["created_at"].endswith("+00:00")
    page = client.get("/brugge/shops/").get_data(as_text=True)
    assert 'data-account="1"' in page and f'data-ids="[{shop_id}]"' in page
    assert client.delete(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 204
    assert client.delete(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 204
    assert client.get("/api/v1/me/favourites").get_json() == [] and _rows(app) == 0


def test_anonymous_visitors_keep_favourites_on_the_phone(app, client):
    shop_id, _, _ = _ids(app)
    page = client.get("/brugge/shops/").get_data(as_text=True)
    assert 'data-account=""' in page and 'data-ids="[]"' in page
    assert f'data-fav="{shop_id}"' in page and "js/shop-favourites.js" in page
    assert client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 401
    assert client.get("/api/v1/me/favourites").status_code == 401 and _rows(app) == 0


def test_another_towns_or_a_hidden_shop_is_not_found(app, client):
    _, pending, oostende = _ids(app)
    client.login(SHOPPER)
    for shop_id in (oostende, pending, 999999):
        response = client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}")
        assert response.status_code == 404, shop_id
    assert client.delete(f"/api/v1/cities/brugge/me/favourites/{oostende}").status_code == 404
    assert client.put(f"/api/v1/cities/oostende/me/favourites/{oostende}").status_code == 204  # in its own town
    assert _rows(app) == 1


def test_favourites_have_a_limit(app, client, monkeypatch):
    monkeypatch.setattr(favourites, "MAX_FAVOURITES", 1)
    shop_id, _, oostende = _ids(app)
    client.login(SHOPPER)
    assert client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 204
    refused = client.put(f"/api/v1/cities/oostende/me/favourites/{oostende}", headers=NL)
    assert refused.status_code == 409 and refused.get_json()["code"] == "too_many_favourites"
    assert "Je bewaart al 1 favoriete winkels" in refused.get_json()["detail"]
    assert _rows(app) == 1


def test_favourites_are_in_the_export_and_go_with_the_account(app, client):
    shop_id, _, _ = _ids(app)
    client.login(SHOPPER)
    client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}")
    exported = client.get("/api/v1/me/export").get_json()["shops"]["favourite_shops"]
    with app.app_context():
        slug = db.session.get(Shop, shop_id).slug
    assert [(row["city"], row["shop"]) for row in exported] == [("brugge", slug)]
    assert client.delete("/api/v1/me", json={"password": "kick-demo"}).status_code == 204
    assert _rows(app) == 0


def test_an_anonymous_shoppers_favourites_go_with_them_when_they_log_in(app, client, shop):
    from tests.support.loyalty import counter_path
    shop_id, _, _ = _ids(app)
    assert client.post("/api/v1/scan", json={"code": counter_path(app, shop)}).status_code == 201  # anonymous
    assert client.put(f"/api/v1/cities/brugge/me/favourites/{shop_id}").status_code == 204
    client.login(SHOPPER)
    assert [item["shop_id"] for item in client.get("/api/v1/me/favourites").get_json()] == [shop_id]
    assert _rows(app) == 1


# --- merchants and marketers --------------------------------------------------------------------------------------

def test_hours_of_a_draft_are_not_said_to_be_visible(app, client):
    client.login(SHOPPER)
    shop = create_via_api(client)
    hours = {"tue-open1": "10:00", "tue-close1": "18:00"}
    page = client.post(f"/merchant/shops/{shop['id']}/hours", data=hours, follow_redirects=True,
                       headers=NL).get_data(as_text=True)
    assert "Bezoekers zien ze zodra het stadsteam je winkel heeft goedgekeurd." in page
    assert "Ze zijn meteen zichtbaar" not in page


def test_hours_of_a_live_shop_are_visible_at_once(app, client):
    client.login("merchant1@brugge.kick.test")
    with app.app_context():
        owner = find_user_by_email("merchant1@brugge.kick.test")
        shop_id = db.session.execute(select(Shop.id).where(Shop.owner_id == owner.id, Shop.status == "approved")
                                     .order_by(Shop.id)).scalars().first()
    page = client.post(f"/merchant/shops/{shop_id}/hours", data={"mon-open1": "09:00", "mon-close1": "17:00"},
                       follow_redirects=True, headers=NL).get_data(as_text=True)
    assert "Openingsuren bewaard. Ze zijn meteen zichtbaar." in page


def test_a_shop_without_hours_cannot_be_sent_and_says_why(app, client):
    client.login(SHOPPER)
    shop = create_via_api(client, opening_hours={"weekly": {}})
    assert shop["missing"] == {"opening_hours": ["Vul je openingsuren in: bezoekers plannen er hun bezoek mee."]}
    refused = client.post(f"/api/v1/merchant/shops/{shop['id']}/submit", headers=NL)
    assert refused.status_code == 422 and set(refused.get_json()["errors"]) == {"opening_hours"}
    page = client.get(f"/merchant/shops/{shop['id']}", headers=NL).get_data(as_text=True)
    assert "Vul je openingsuren in" in page and "Insturen ter goedkeuring" not in page
    with app.app_context():
        assert db.session.get(Shop, shop["id"]).status == "draft"


def test_a_shop_without_photo_is_sent_with_a_clear_request_for_one(app, client):
    client.login(SHOPPER)
    shop = create_via_api(client)
    advice = "Voeg minstens één foto van je winkel toe"
    assert shop["missing"] == {} and advice in shop["advice"]["photos"][0]
    assert advice in client.get(f"/merchant/shops/{shop['id']}", headers=NL).get_data(as_text=True)
    page = client.post(f"/merchant/shops/{shop['id']}/submit", follow_redirects=True, headers=NL).get_data(as_text=True)
    assert "Ingestuurd ter goedkeuring" in page and advice in page
    with app.app_context():
        assert db.session.get(Shop, shop["id"]).status == "pending"
        ShopPhotoFactory(shop=db.session.get(Shop, shop["id"]))
        db.session.commit()
    assert client.get("/api/v1/merchant/shops").get_json()[0]["advice"] == {}


def test_the_review_page_shows_phone_and_hours(app, client):
    client.login(SHOPPER)
    shop = create_via_api(client, phone="056 22 33 44",
                          opening_hours={"weekly": {"tue": [["10:00", "12:30"], ["13:30", "18:00"]]},
                                         "exceptions": [{"date": "2027-01-04", "closed": True, "note": "Inventaris"}]})
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    client.logout()
    client.login("marketer@kortrijk.kick.test")
    page = client.get(f"/kortrijk/studio/shops/{shop['id']}", headers=NL).get_data(as_text=True)
    assert 'href="tel:056223344"' in page and "056 22 33 44" in page
    assert "10:00–12:30, 13:30–18:00" in page and "maandag 4 januari 2027: Gesloten · Inventaris" in page
    assert "Nog geen foto" in page


@pytest.mark.parametrize("lang, texts", [
    ("nl", ["Legende van de kaart", "In de kijker", "Nu open", "Gesloten"]),
    ("fr", ["Légende de la carte", "À l’honneur", "Ouvert maintenant", "Fermé"]),
])
def test_the_shop_map_says_what_its_pin_colours_mean(client, town, lang, texts):
    html = unescape(client.get(f"/{town}/shops/?view=map&lang={lang}").get_data(as_text=True))
    legend = html.split('id="shops-map-legend"', 1)[1].split("</ul>", 1)[0]
    for text in texts:
        assert text in legend
    assert legend.count('class="shop-pin') == 3
    assert 'id="shops-map-legend"' not in client.get(f"/{town}/shops/").get_data(as_text=True)  # the list: no map


def test_the_count_line_carries_both_forms_for_the_favourites_filter(client, town):
    html = client.get(f"/{town}/shops/?lang=nl").get_data(as_text=True)
    assert 'data-one="1 winkel"' in html and 'data-other="2 winkels"' in html and ">3 winkels</span>" in html


def _shop_with_photos(app, count):
    with app.app_context():
        shop = db.session.scalar(select(Shop).filter_by(slug="odon"))
        for _ in range(count):
            ShopPhotoFactory(shop=shop)
        db.session.commit()


def test_two_photos_say_how_to_see_them_in_the_visitors_language_and_a_laptop_needs_no_hint(app, client, town):
    _shop_with_photos(app, 2)
    html = unescape(client.get(f"/{town}/shops/odon?lang=nl").get_data(as_text=True))
    assert "2 foto's · veeg om ze allemaal te zien" in html and "swipe" not in html
    assert 'class="gallery-count is-pair"' in html  # hidden from 900 px (static/css/shops.css): both fit side by side
    assert "2 Fotos · wischen Sie, um alle zu sehen" in client.get(f"/{town}/shops/odon?lang=de").get_data(as_text=True)


def test_three_photos_keep_the_hint_on_a_laptop(app, client, town):
    _shop_with_photos(app, 3)
    html = client.get(f"/{town}/shops/odon?lang=fr").get_data(as_text=True)
    assert 'class="gallery-count"' in html and "3 photos · faites glisser pour les voir toutes" in html


def test_the_favourite_button_on_a_shop_page_names_both_states(client, town):
    html = client.get(f"/{town}/shops/odon?lang=nl").get_data(as_text=True)
    assert '<span class="fav-text" data-on="Favoriet ✓ — verwijderen">Bewaar als favoriet</span>' in html
