"""The town picker says what is on in each town (issue 17): how many shops are open right now and how many
events take place this week, in the visitor's language, counted in one query per fact for all towns."""
import re
from datetime import timedelta

from app.agenda.services import reading
from app.cities.services import live_cities
from app.core import clock as app_clock
from app.shops.services.public import open_now


def _card_text(html: str, city_name: str) -> str:
    """The text of the picker card whose heading is `city_name`."""
    for card in re.findall(r'<a class="city-card .*?</a>', html, flags=re.S):
        if f"<strong>{city_name}</strong>" in card:
            return re.sub(r"<[^>]+>", " ", card)
    raise AssertionError(f"no picker card for {city_name}")


def test_the_picker_counts_the_shops_open_now_and_this_weeks_events(client, ctx, clock):
    with ctx.test_request_context():
        expected = {city.slug: (len(open_now(city)), len({o.event.id for o in reading.upcoming(
            city, *reading.week_window(app_clock.today())) if not o.cancelled})) for city in live_cities()}
        names = {city.slug: city.names["nl"] for city in live_cities()}
    assert expected["brugge"][0] > 1, "the demo has Brugge shops open on a Wednesday noon"
    html = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    for slug, (shops_open, events) in expected.items():
        text = _card_text(html, names[slug])
        if shops_open:
            assert f"{shops_open} winkel{'s' if shops_open > 1 else ''} nu open" in text, (slug, text)
        else:
            assert "nu open" not in text
        if events:
            assert f"{events} activiteit{'en' if events > 1 else ''} deze week" in text, (slug, text)
        else:
            assert "deze week" not in text


def test_at_night_no_shop_is_said_to_be_open_and_french_visitors_read_french(client, clock):
    clock.advance(hours=14)  # Thursday 02:00 in Brussels: every demo shop is shut
    html = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "nu open" not in html
    clock.advance(hours=-14)
    french = client.get("/?lang=fr").get_data(as_text=True)
    assert re.search(r"\d+ boutiques ouvertes maintenant", french)


def test_a_town_that_counts_nothing_shows_no_empty_line(client, ctx, clock):
    from app.extensions import db
    from app.shops.models import Shop, ShopStatus
    with ctx.app_context():
        for shop in db.session.query(Shop).filter(Shop.status == ShopStatus.APPROVED.value):
            shop.opening_hours = {"weekly": {day: [] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
                                  "exceptions": []}
        db.session.commit()
    html = client.get("/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "nu open" not in html and "0 winkels" not in html
