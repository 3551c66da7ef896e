"""The agenda on a phone in Brussels (nl-BE): this week's Saturday market at its local time, then its page."""
from datetime import datetime, timedelta

import pytest

from app.core.clock import TZ

pytestmark = pytest.mark.browser


def _next_market_saturday():
    """The Saturday whose 't Zand market (8:00–13:30) is still to come."""
    now = datetime.now(TZ)
    saturday = now.date() + timedelta(days=(5 - now.weekday()) % 7)
    if saturday == now.date() and now.hour * 60 + now.minute >= 13 * 60 + 30:
        saturday += timedelta(days=7)
    return saturday


def test_the_saturday_market_at_its_local_time_and_its_page(live_server, page, screenshot, axe):
    saturday = _next_market_saturday()
    page.goto(live_server.url + "/brugge/agenda")
    day = page.locator(f"#day-{saturday.isoformat()}").locator("xpath=..")
    heading = day.locator("h2").inner_text().lower()
    assert heading in ("vandaag", "morgen") or heading.startswith("zaterdag")
    market = day.locator(".agenda-item", has_text="Zaterdagmarkt op 't Zand")
    assert market.count() == 1
    assert "08:00–13:30" in market.inner_text()
    offset = "+01:00" if saturday.month in (11, 12, 1, 2) else "+02:00"
    assert market.locator("time").get_attribute("datetime") == f"{saturday.isoformat()}T08:00:00{offset}"
    box = market.locator("a").bounding_box()
    assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "agenda-brugge")
    assert axe(page) == []

    market.locator("a").click()
    page.wait_for_url("**/brugge/agenda/*")
    assert page.locator("h1").inner_text() == "Zaterdagmarkt op 't Zand"
    facts = page.locator(".agenda-facts").inner_text()
    assert "08:00–13:30" in facts and "'t Zand" in facts
    assert page.locator("a", has_text="Zet in je agenda").get_attribute("href").endswith(".ics")
    assert page.locator("a", has_text="Abonneer je op de agenda").first.get_attribute("href").startswith("webcal://")
    screenshot(page, "agenda-event-brugge")
    assert axe(page) == []
