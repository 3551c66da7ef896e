"""A draft town is prepared in private: its pages, app files and API answer 404 to the public, shoppers,
merchants and other towns' marketers, but its own marketers and the platform admins see it (with a banner),
and no shared cache keeps what they see. Live: everyone. Offered languages and a town's privacy contact."""
import pytest

from app.extensions import db
from tests.factories import CityFactory, MembershipFactory, ShopFactory, TrailFactory, UserFactory

BANNER = "Concept — nog niet publiek"
DRAFT_PAGES = ["/poperinge/", "/poperinge/shops/", "/poperinge/shops/de-kaasboer", "/poperinge/trails/",
               "/poperinge/trails/ijzerwandeling", "/poperinge/privacy", "/poperinge/manifest.webmanifest",
               "/poperinge/sw.js", "/poperinge/icons/192.png", "/poperinge/apple-touch-icon.png",
               "/poperinge/studio/"]
DRAFT_API = ["/api/v1/cities/poperinge", "/api/v1/cities/poperinge/shops", "/api/v1/cities/poperinge/shops/de-kaasboer",
             "/api/v1/cities/poperinge/trails", "/api/v1/cities/poperinge/trails/ijzerwandeling"]
OUTSIDERS = {"anonymous": None, "shopper": "shopper@kick.test", "merchant": "merchant1@brugge.kick.test",
             "other_marketer": "marketer@brugge.kick.test"}


@pytest.fixture
def draft(app):
    """Poperinge, a draft with one approved shop, one published trail and its own marketer."""
    with app.app_context():
        city = CityFactory(slug="poperinge", names={"nl": "Poperinge", "fr": "Poperinghe"}, status="draft",
                           primary_color="#1F3A5F", accent_color="#C8102E", offered_locales=["nl", "fr"],
                           privacy_contact="https://www.poperinge.be/privacy")
        ShopFactory(city=city, slug="de-kaasboer")
        TrailFactory(city=city, slug="ijzerwandeling")
        MembershipFactory(city=city, user=UserFactory(email="marketer@poperinge.kick.test"))
        db.session.commit()
    return "poperinge"


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_draft_town_does_not_exist_for_outsiders(client, draft, who):
    if OUTSIDERS[who]:
        client.login(OUTSIDERS[who])
    for path in DRAFT_PAGES + DRAFT_API:
        response = client.get(path)
        assert response.status_code == 404, (path, response.status_code)  # the studio too: not even a login page
        assert "Poperinge" not in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["marketer@poperinge.kick.test", "admin@kick.test"])
def test_its_marketers_and_the_admins_prepare_it_behind_a_banner_and_nothing_is_cached(client, draft, email):
    client.login(email)
    for path in DRAFT_PAGES + DRAFT_API:
        response = client.get(path)
        assert response.status_code == 200, path
        cache = response.headers["Cache-Control"]
        assert "no-store" in cache and "private" in cache and "public" not in cache, (path, cache)
    home = client.get("/poperinge/").get_data(as_text=True)
    assert BANNER in home and "Poperinghe" not in home
    assert client.get("/poperinge/icons/192.png?v=1").headers["Cache-Control"].count("immutable") == 0


def test_a_live_town_shows_no_banner(client):
    client.login("admin@kick.test")
    assert BANNER not in client.get("/brugge/").get_data(as_text=True)


def test_drafts_are_left_out_of_the_picker_the_public_list_and_the_merchant_sign_up(client, draft):
    assert 'href="/poperinge/"' not in client.get("/").get_data(as_text=True)
    public = client.get("/api/v1/cities").get_json()
    assert "poperinge" not in [city["slug"] for city in public]
    assert set(public[0]) == {"slug", "name", "tagline", "centre", "default_locale", "theme"}  # the contract
    assert 'value="poperinge"' not in client.get("/merchant/join").get_data(as_text=True)
    client.login("shopper@kick.test")
    refused = client.post("/api/v1/merchant/shops", json={"city": "poperinge", "name": {"nl": "Stiekem"}})
    assert refused.status_code == 422 and refused.get_json()["errors"]["city"]


def test_admins_get_the_drafts_in_the_list_with_the_same_fields(client, draft):
    client.login("admin@kick.test")
    cities = client.get("/api/v1/cities").get_json()
    poperinge = next(city for city in cities if city["slug"] == "poperinge")
    assert set(poperinge) == {"slug", "name", "tagline", "centre", "default_locale", "theme"}
    client.login("marketer@poperinge.kick.test")  # a marketer prepares their own town, not the platform list
    assert "poperinge" not in [city["slug"] for city in client.get("/api/v1/cities").get_json()]


def test_going_back_to_draft_hides_the_town_at_once_despite_the_city_cache(app, client):
    anonymous = app.test_client()
    assert anonymous.get("/brugge/").status_code == 200  # a snapshot of Brugge is now in the cache
    client.login("admin@kick.test")
    back = client.post("/admin/cities/brugge/status", data={"status": "draft", "confirm": "y"})
    assert back.status_code == 302
    assert anonymous.get("/brugge/").status_code == 404
    assert anonymous.get("/api/v1/cities/brugge").status_code == 404
    assert client.get("/brugge/").status_code == 200


def test_the_offered_languages_limit_the_switcher_and_the_page_language(client, draft):
    client.login("marketer@poperinge.kick.test")
    html = client.get("/poperinge/", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert '<html lang="nl">' in html and 'hreflang="fr"' in html and 'hreflang="de"' not in html
    assert '<html lang="fr">' in client.get("/poperinge/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    client.get("/lang/de?next=/poperinge/")  # German chosen elsewhere: not offered here, Dutch (the default)
    assert '<html lang="nl">' in client.get("/poperinge/").get_data(as_text=True)
    assert '<html lang="de">' in client.get("/brugge/").get_data(as_text=True)


def test_the_privacy_page_names_the_towns_own_contact(client, draft):
    client.login("marketer@poperinge.kick.test")
    html = client.get("/poperinge/privacy").get_data(as_text=True)
    assert 'href="https://www.poperinge.be/privacy"' in html
    assert "mailto:" not in html.split("privacy-contact")[1][:200]
    brugge = client.get("/brugge/privacy").get_data(as_text=True)
    assert 'class="button button-secondary privacy-contact" href="mailto:' in brugge


def test_its_marketer_sets_it_live_from_the_studio_and_the_audit_log_says_who(app, client, draft):
    from app.accounts.models import AuditEntry
    client.login("marketer@poperinge.kick.test")
    studio = client.get("/poperinge/studio/").get_data(as_text=True)
    assert "is nog een concept" in studio
    unticked = client.post("/poperinge/studio/go-live", data={})
    assert unticked.status_code == 422 and "Vink het vakje aan" in unticked.get_data(as_text=True)
    client.logout()
    assert client.get("/poperinge/").status_code == 404  # still a draft

    client.login("marketer@poperinge.kick.test")
    assert client.post("/poperinge/studio/go-live", data={"confirm": "y"}).status_code == 302
    assert "is nog een concept" not in client.get("/poperinge/studio/").get_data(as_text=True)
    client.logout()
    assert client.get("/poperinge/").status_code == 200
    with app.app_context():
        entry = db.session.query(AuditEntry).filter_by(action="went_live").one()
        assert entry.city.slug == "poperinge" and entry.actor.email == "marketer@poperinge.kick.test"
    client.login("admin@kick.test")
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert "Stad live gezet" in audit and "Poperinge" in audit


def test_another_towns_marketer_cannot_set_it_live(client, draft):
    client.login("marketer@brugge.kick.test")
    assert client.post("/poperinge/studio/go-live", data={"confirm": "y"}).status_code == 404


def test_the_studio_cannot_take_a_live_town_back_to_draft(app, client):
    client.login("marketer@brugge.kick.test")
    assert client.post("/brugge/studio/go-live", data={"status": "draft", "confirm": "y"}).status_code == 422
    client.logout()
    assert client.get("/brugge/").status_code == 200
