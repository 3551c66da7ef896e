"""Every language has its own address: ?lang=xx wins over the cookie and Accept-Language, each page names its
canonical address and its other languages (hreflang), negotiated HTML says Vary, and /sitemap.xml lists every
page in every language the town offers. Rule: CONTRIBUTING "Languages"."""
import re
import xml.etree.ElementTree as ET
from html import unescape
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from app.cities.models import City
from app.extensions import db
from app.shops.models import Shop
from tests.factories import CityFactory, ShopFactory

TRAIL = "/brugge/trails/van-markt-tot-minnewater"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _html(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _lang(html: str) -> str:
    return re.search(r'<html lang="(\w+)">', html).group(1)


def _canonical(html: str) -> str:
    return unescape(re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1))


def _alternates(html: str) -> dict[str, str]:
    return {code: unescape(href) for code, href in
            re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html)}


def _vary(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Vary", "").split(",") if part.strip()}


def _few_languages_town() -> City:
    town = CityFactory(slug="tweetalig", offered_locales=["nl", "fr"])
    ShopFactory(city=town, slug="de-winkel")
    db.session.commit()
    return town


# ---------------------------------------------------------------- ?lang chooses the language
def test_lang_in_the_address_wins_over_the_cookie_and_accept_language(client):
    client.get("/lang/de?next=/brugge/")  # the switcher's cookie says German
    response = client.get("/brugge/?lang=fr", headers={"Accept-Language": "en"})
    assert _lang(_html(response)) == "fr" and "Aller au contenu" in response.get_data(as_text=True)
    # Its words follow the address alone: no Vary on the visitor's language for this response.
    assert "Accept-Language" not in _vary(response)
    # The address's choice is remembered in place of the switcher's: the next page without ?lang is French.
    assert _lang(_html(client.get("/brugge/", headers={"Accept-Language": "en"}))) == "fr"


def test_a_plain_lang_link_works_without_any_cookie(app):
    fresh = app.test_client()
    response = fresh.get(TRAIL + "?lang=de", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    html = _html(response)
    assert _lang(html) == "de" and "1 Std. 06" in html
    # ... and the next pages stay German (remembered as the switcher does)
    assert [c for c in response.headers.getlist("Set-Cookie") if c.startswith("kick_lang=de;")]


def test_a_language_the_town_does_not_offer_or_does_not_exist_is_ignored(app, client):
    with app.app_context():
        _few_languages_town()
    for asked in ("de", "xx", "", "FR", "en" * 40):
        response = client.get(f"/tweetalig/?lang={asked}", headers={"Accept-Language": "en"})
        assert _lang(_html(response)) == "nl", asked  # the town's default: English is not offered either
        assert {"Accept-Language", "Cookie"} <= _vary(response), asked
    assert _lang(_html(client.get("/tweetalig/?lang=fr"))) == "fr"


# ---------------------------------------------------------------- canonical and hreflang
def test_every_page_names_its_canonical_address_and_its_languages(app, client):
    html = _html(client.get("/brugge/trails/?lang=de&max=30"))
    assert _canonical(html) == "http://localhost/brugge/trails/?lang=de"
    assert _alternates(html) == {"nl": "http://localhost/brugge/trails/?lang=nl",
                                 "en": "http://localhost/brugge/trails/?lang=en",
                                 "fr": "http://localhost/brugge/trails/?lang=fr",
                                 "de": "http://localhost/brugge/trails/?lang=de",
                                 "x-default": "http://localhost/brugge/trails/"}
    # A page in its language by negotiation names that language's address as canonical, the default one too
    # (a new visitor: the ?lang=de above is remembered on `client`).
    assert _canonical(_html(app.test_client().get(TRAIL, headers={"Accept-Language": "fr"}))) == \
        f"http://localhost{TRAIL}?lang=fr"
    assert _canonical(_html(app.test_client().get("/", headers={"Accept-Language": "nl"}))) == \
        "http://localhost/?lang=nl"
    assert set(_alternates(_html(client.get("/privacy")))) == {"nl", "en", "fr", "de", "x-default"}


def test_a_town_names_only_the_languages_it_offers(app, client):
    with app.app_context():
        _few_languages_town()
    html = _html(client.get("/tweetalig/shops/de-winkel?lang=fr"))
    assert _alternates(html) == {"nl": "http://localhost/tweetalig/shops/de-winkel?lang=nl",
                                 "fr": "http://localhost/tweetalig/shops/de-winkel?lang=fr",
                                 "x-default": "http://localhost/tweetalig/shops/de-winkel"}
    assert _canonical(html) == "http://localhost/tweetalig/shops/de-winkel?lang=fr"


def test_the_language_switcher_leads_to_the_pages_own_language_address_and_remembers(client):
    html = _html(client.get("/brugge/trails/?max=30&lang=nl"))
    links = dict(re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang', html))
    french = next(unescape(href) for href, code in links.items() if code == "fr")
    assert urlsplit(french).path == "/lang/fr"
    assert parse_qs(urlsplit(french).query)["next"] == ["/brugge/trails/?max=30&lang=fr"]
    switched = client.get(french)
    assert switched.status_code == 302 and switched.headers["Location"] == "/brugge/trails/?max=30&lang=fr"
    assert _lang(_html(client.get("/brugge/shops/"))) == "fr"  # the choice is remembered on other pages


# ---------------------------------------------------------------- Vary
def test_negotiated_html_varies_by_language_and_the_downloads_keep_their_vary(client):
    page = client.get("/brugge/", headers={"Accept-Language": "fr", "Accept-Encoding": "gzip"})
    assert {"Accept-Language", "Cookie", "Accept-Encoding"} <= _vary(page)
    gpx = client.get(TRAIL + ".gpx", headers={"Accept-Encoding": "gzip"})
    assert gpx.status_code == 200 and {"Accept-Language", "Cookie", "Accept-Encoding"} <= _vary(gpx)
    layer = client.get("/kortrijk/bereikbaarheid/parking.geojson")
    assert layer.status_code == 200 and {"Accept-Language", "Cookie"} <= _vary(layer)
    # JSON and the sitemap do not pick up the HTML rule.
    assert "Accept-Language" not in _vary(client.get("/sitemap.xml"))


# ---------------------------------------------------------------- the sitemap in every language
def _sitemap(client) -> dict[str, dict[str, str]]:
    """loc -> its alternates {hreflang: href}."""
    root = ET.fromstring(client.get("/sitemap.xml").data)
    return {url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            for url in root.findall("s:url", NS)}


def test_the_sitemap_lists_every_page_in_every_language_with_its_alternates(app, client):
    with app.app_context():
        shop = db.session.execute(select(Shop.slug).join(Shop.city).where(
            City.slug == "brugge", Shop.status == "approved")).scalars().first()
    urls = _sitemap(client)
    expected = {code: f"http://localhost/brugge/shops/{shop}?lang={code}" for code in ("nl", "en", "fr", "de")}
    expected["x-default"] = f"http://localhost/brugge/shops/{shop}"
    for code in ("nl", "en", "fr", "de"):
        assert urls[expected[code]] == expected  # each language's entry names all of them
    assert urls["http://localhost/?lang=fr"]["x-default"] == "http://localhost/"
    assert all(urlsplit(loc).query.startswith("lang=") for loc in urls)  # only the fixed-language addresses
    # Every language's address answers in its language.
    assert _lang(_html(client.get(urlsplit(expected["de"]).path + "?lang=de"))) == "de"


def test_a_town_with_fewer_languages_is_listed_in_those_only(app, client):
    with app.app_context():
        _few_languages_town()
    urls = _sitemap(client)
    town = sorted(loc for loc in urls if "/tweetalig/shops/de-winkel" in loc)
    assert town == ["http://localhost/tweetalig/shops/de-winkel?lang=fr",
                    "http://localhost/tweetalig/shops/de-winkel?lang=nl"]
    assert set(urls[town[0]]) == {"nl", "fr", "x-default"}


# ---------------------------------------------------------------- what the pages say
def test_map_controls_speak_the_pages_language(client):
    words = {"nl": ("Inzoomen", "Uitzoomen"), "fr": ("Zoom avant", "Zoom arrière"),
             "de": ("Vergrößern", "Verkleinern"), "en": ("Zoom in", "Zoom out")}
    for code, (zoom_in, zoom_out) in words.items():
        html = _html(client.get(f"{TRAIL}?lang={code}"))
        assert f'data-zoom-in="{zoom_in}" data-zoom-out="{zoom_out}"' in html, code


def test_the_shop_hours_say_today_and_tomorrow(app, client):
    with app.app_context():
        shop = db.session.execute(select(Shop.slug).join(Shop.city).where(
            City.slug == "brugge", Shop.status == "approved")).scalars().first()
    heads = {code: [unescape(head) for head in re.findall(r'<th scope="row">([^<]+)</th>',
                                                          _html(client.get(f"/brugge/shops/{shop}?lang={code}")))]
             for code in ("nl", "fr", "de", "en")}
    assert [h[:2] for h in heads.values()] == [["Vandaag", "Morgen"], ["Aujourd’hui", "Demain"],
                                               ["Heute", "Morgen"], ["Today", "Tomorrow"]]
    assert len(heads["nl"]) == 7


def test_counts_use_the_languages_plural(app, client):
    with app.app_context():
        town = CityFactory(slug="enkelvoud")
        ShopFactory(city=town, slug="enige-winkel")
        db.session.commit()
    assert '<p class="shops-count" role="status"><span id="shops-count-num" data-one="1 winkel"\n   data-other="2 winkels">1 winkel</span></p>' in _html(client.get("/enkelvoud/shops/?lang=nl"))
    assert re.search(r"\b\d+ winkels\b", _html(client.get("/brugge/shops/?lang=nl")))
    assert "9 arrêts" in _html(client.get("/brugge/trails/?lang=fr"))


def test_event_days_say_tomorrow_and_a_past_event_its_date_in_the_language(app, client):
    from datetime import datetime, timedelta

    from app.core import clock
    from tests.factories import EventFactory
    with app.app_context():
        brugge = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        tomorrow = clock.local_now().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=1)
        soon = EventFactory(city=brugge, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=2))
        over = EventFactory(city=brugge, starts_at=datetime(2026, 5, 30, 14, 0, tzinfo=clock.TZ),
                            ends_at=datetime(2026, 5, 30, 16, 0, tzinfo=clock.TZ))
        db.session.commit()
        soon_id, over_id = soon.id, over.id
    assert "Morgen, 10:00" in _html(client.get(f"/brugge/agenda/{soon_id}?lang=de"))
    assert "Demain, 10:00" in _html(client.get(f"/brugge/agenda/{soon_id}?lang=fr"))
    assert "Samstag, 30. Mai 2026, 14:00" in _html(client.get(f"/brugge/agenda/{over_id}?lang=de"))
    assert "samedi 30 mai 2026, 14:00" in _html(client.get(f"/brugge/agenda/{over_id}?lang=fr"))


def test_a_page_opened_with_lang_keeps_that_language_on_the_next_pages(client):
    """Someone who follows a French link or search result stays in French after one tap (the links of a page
    carry no ?lang): the address's language is remembered like the switcher's."""
    first = client.get("/kortrijk/?lang=fr", headers={"Accept-Language": "nl"})
    assert first.status_code == 200 and 'lang="fr"' in first.get_data(as_text=True)
    assert "kick_lang=fr" in first.headers.get("Set-Cookie", "")
    nxt = client.get("/kortrijk/shops/", headers={"Accept-Language": "nl"})
    assert '<html lang="fr"' in nxt.get_data(as_text=True)
    # Opened again with the language it already has: no new cookie; a language the town lacks: ignored.
    assert "Set-Cookie" not in client.get("/kortrijk/?lang=fr").headers
    assert "kick_lang" not in client.get("/kortrijk/?lang=xx").headers.get("Set-Cookie", "")


def test_a_shared_link_previews_in_the_language_it_was_shared_in(client):
    html = client.get("/brugge/shops/?lang=de").get_data(as_text=True)
    assert '<meta property="og:url" content="http://localhost/brugge/shops/?lang=de">' in html
