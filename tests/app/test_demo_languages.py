"""The demo speaks the four languages: every shopper-facing text of the five demo towns has its own Dutch,
English, French and German, and a visitor who chose French reads French on a shop page and a trail page."""
import re
from html import unescape

import pytest
from sqlalchemy import select

from app.agenda.models import Event
from app.cities.models import City
from app.extensions import db
from app.shops.models import Shop
from app.trails.models import Trail

TOWNS = ("brugge", "oostende", "kortrijk", "roeselare", "ieper")
LOCALES = ("nl", "en", "fr", "de")
SPACE_BEFORE_MARK = re.compile(r" [:;?!]")  # French wants a no-break space there
INFORMAL_GERMAN = re.compile(r"\b(du|dich|dir|dein\w*|euch|euer|eure\w*)\b", re.IGNORECASE)


def _demo_texts() -> list[tuple[str, dict, bool]]:
    """(what, {locale: text}, must differ from Dutch) for every text a shopper reads in the five towns."""
    cities = db.session.execute(select(City).where(City.slug.in_(TOWNS))).scalars().all()
    assert len(cities) == len(TOWNS)
    ids = [city.id for city in cities]
    out = [(f"{city.slug} tagline", city.tagline, True) for city in cities]
    for shop in db.session.execute(select(Shop).where(Shop.city_id.in_(ids))).scalars():
        out += [(f"{shop.slug} tagline", shop.tagline, True), (f"{shop.slug} story", shop.story, True)]
        out += [(f"{shop.slug} photo {photo.position}", photo.alt, True) for photo in shop.photos]
    published = select(Trail).where(Trail.city_id.in_(ids), Trail.status == "published")  # drafts are the studio's
    for trail in db.session.execute(published).scalars():
        out += [(f"{trail.slug} title", trail.title, True), (f"{trail.slug} summary", trail.summary, True)]
        if trail.body:
            out.append((f"{trail.slug} body", trail.body, True))
        for stop in trail.stops:
            out.append((f"{trail.slug} stop {stop.position} name", stop.title, False))  # "Burg" is "Burg"
            out.append((f"{trail.slug} stop {stop.position} text", stop.body, True))
    for event in db.session.execute(select(Event).where(Event.city_id.in_(ids))).scalars():
        out += [(f"{event.uid} title", event.title, True), (f"{event.uid} description", event.description, True)]
    return out


def test_every_demo_text_of_the_five_towns_is_written_in_four_languages(ctx):
    texts = _demo_texts()
    assert len(texts) > 250  # 5 towns, 24 shops and their photos, 10 trails and 55 stops, 27 events
    missing = [what for what, value, _ in texts if any(not (value or {}).get(locale, "").strip() for locale in LOCALES)]
    assert missing == []
    copied = [what for what, value, differs in texts if differs and value["nl"] in (value["fr"], value["de"])]
    assert copied == []


def test_french_demo_texts_keep_french_typography_and_german_ones_say_sie(ctx):
    texts = _demo_texts()
    assert [what for what, value, _ in texts if SPACE_BEFORE_MARK.search(value["fr"])] == []
    assert [what for what, value, _ in texts if "'" in value["fr"]] == []  # ’, not a typewriter apostrophe
    assert [what for what, value, _ in texts if INFORMAL_GERMAN.search(value["de"])] == []


def _page(client, url: str, **kwargs) -> str:
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("choose", ["cookie", "header"])
def test_a_shop_page_and_a_trail_page_tell_their_story_in_french(client, choose):
    if choose == "cookie":
        client.set_cookie("kick_lang", "fr")
        headers = {"Accept-Language": "nl"}  # the explicit choice wins over the phone's language
    else:
        headers = {"Accept-Language": "fr-BE,fr;q=0.9"}
    shop = _page(client, "/brugge/shops/draad-kant", headers=headers)
    assert "Notre grand-mère faisait de la dentelle aux fuseaux sur le Rolweg." in shop
    assert "Onze grootmoeder" not in shop
    trail = _page(client, "/brugge/trails/van-markt-tot-minnewater", headers=headers)
    assert "De la Grand-Place au lac d’Amour" in trail
    assert "Haut de 83 mètres, le beffroi a gardé pendant des siècles les privilèges de la ville." in trail
    assert "Het hart van Brugge" not in trail
