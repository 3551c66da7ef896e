"""On a Kortrijk trail page a shopper switches on parking in the map's layer switcher and sees the nearest garage
to the start, its free places and when they were counted (Chromium, phone size, Brussels time, nl-BE)."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import AS_IN_BELGIUM, wait_until
from tests.browser.test_trails_browser import tile_png


@pytest.fixture
def kortrijk_trail(live_server):
    """The first published Kortrijk trail, with the demo's garage counts made fresh (counted just now)."""
    from app.access.models import AccessPlace
    from app.cities.services import city_by_slug
    from app.core import clock
    from app.extensions import db
    from app.trails.models import Trail
    with live_server.app.app_context():
        city = city_by_slug("kortrijk")
        now = clock.now()
        for place in db.session.execute(select(AccessPlace).where(AccessPlace.city_id == city.id,
                                                                  AccessPlace.live_updated_at.is_not(None))).scalars():
            place.live_updated_at = now - timedelta(minutes=1)
        db.session.commit()
        trail = db.session.execute(select(Trail).where(Trail.city_id == city.id, Trail.status == "published")
                                   .order_by(Trail.id)).scalars().first()
        counted = clock.local_now() - timedelta(minutes=1)
        return trail.slug, counted.strftime("%H:%M")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, **AS_IN_BELGIUM)
    tile = tile_png()
    context.route(re.compile(r"https://[^/]*tile[^/]*/.*"),
                  lambda route: route.fulfill(status=200, body=tile, content_type="image/png"))
    page = context.new_page()
    yield page
    context.close()


def test_a_shopper_switches_on_parking_and_sees_the_nearest_garage_with_free_places(live_server, phone,
                                                                                   kortrijk_trail, screenshot):
    slug, counted = kortrijk_trail
    page = phone
    page.goto(f"{live_server.url}/kortrijk/trails/{slug}")
    panel = page.locator("[data-trail-parking]")
    expect(panel).to_contain_text("Parkeren bij de start")
    expect(panel).to_contain_text(f"geteld om {counted}")
    nearest = panel.locator("strong").first.inner_text()

    switcher = page.locator(".leaflet-control-layers")
    # The map in the middle of the screen, as a thumb meets it (not tucked under the sticky top bar).
    page.locator("#trail-map").evaluate("el => el.scrollIntoView({block: 'center'})")
    switcher.locator(".leaflet-control-layers-toggle").tap()  # a tap opens Leaflet's collapsed switcher
    expect(switcher).to_have_class(re.compile("leaflet-control-layers-expanded"))
    switcher.get_by_role("checkbox", name="Parkeren").check()
    markers = page.locator("path.map-layer-parking")
    wait_until(lambda: markers.count() >= 5)
    popup = page.locator(".leaflet-popup-content", has_text=nearest)
    for index in range(markers.count()):  # the garages' markers, until the popup is the nearest garage's
        markers.nth(index).dispatch_event("click")
        page.wait_for_timeout(200)
        if popup.count():
            break
    expect(popup.locator("strong")).to_have_text(nearest)
    expect(popup).to_contain_text(re.compile(r"\d+ vrij van \d+ · geteld om " + counted))
    expect(popup.get_by_role("link", name="Route")).to_have_attribute("href", re.compile("openstreetmap.org/directions"))
    screenshot(page, "access-kortrijk-trail-parking")


def test_the_nearest_accessible_toilet_is_found_from_the_phone(live_server, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, **AS_IN_BELGIUM,
                                  permissions=["geolocation"], geolocation={"latitude": 50.8253, "longitude": 3.2646})
    context.route(re.compile(r"https://[^/]*tile[^/]*/.*"),
                  lambda route: route.fulfill(status=200, body=tile_png(), content_type="image/png"))
    page = context.new_page()
    page.goto(f"{live_server.url}/kortrijk/bereikbaarheid")
    expect(page.locator("#nearest-accessible-toilet")).to_contain_text("Openbaar toilet Grote Markt (Belfort)")
    page.get_by_role("button", name="Dichtst bij mij").click()
    page.wait_for_url(re.compile(r"lat=50\.8253"))
    expect(page.locator("#nearest-accessible-toilet")).to_contain_text("Toilet K in Kortrijk")
    context.close()
