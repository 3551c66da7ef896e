"""The trail page and the studio editor in Chromium at phone size (390x844)."""
import io
import json
import re

import pytest
from PIL import Image, ImageDraw

from playwright.sync_api import expect

from tests.browser.conftest import AS_IN_BELGIUM, wait_until

TRAIL = "/brugge/trails/van-markt-tot-minnewater"


def tile_png() -> bytes:
    """A stand-in map tile (tests run offline): a light ground with a few streets."""
    img = Image.new("RGB", (256, 256), (242, 239, 233))
    draw = ImageDraw.Draw(img)
    for offset in (40, 130, 210):
        draw.line([(0, offset), (256, offset + 20)], fill=(255, 255, 255), width=7)
        draw.line([(offset, 0), (offset - 15, 256)], fill=(255, 255, 255), width=5)
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def phone(browser):
    """A phone with location permission, standing on the Markt of Brugge, offline map tiles."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, **AS_IN_BELGIUM, permissions=["geolocation"],
                                  geolocation={"latitude": 51.20861, "longitude": 3.22389})
    tile = tile_png()
    context.route(re.compile(r"https://tile\.openstreetmap\.org/.*"),
                  lambda route: route.fulfill(status=200, body=tile, content_type="image/png"))
    page = context.new_page()
    yield page
    context.close()


def test_trail_page_shows_map_markers_and_stops(live_server, phone, screenshot, axe):
    phone.goto(live_server.url + TRAIL)
    phone.wait_for_selector(".leaflet-marker-icon")
    assert phone.locator(".stop-marker").count() == 9
    assert phone.locator("path.leaflet-interactive").count() == 1  # the line through the stops
    assert phone.locator(".trail-stop").count() == 9
    assert phone.locator(".trail-map-fallback").count() == 0  # replaced by the map
    assert phone.locator(".trail-stop-title").first.inner_text().endswith("Markt")
    screenshot(phone, "trail-brugge")
    violations = axe(phone)
    assert not [v for v in violations if v["impact"] in ("serious", "critical")], violations


def test_start_shows_the_next_stop_and_remembers_visited_stops(live_server, phone, screenshot):
    phone.goto(live_server.url + TRAIL)
    phone.wait_for_selector(".leaflet-marker-icon")
    phone.get_by_role("button", name="Starten").click()
    guide = phone.locator("[data-guide-next]")
    # standing on stop 1 (the Markt) marks it visited; the next one is the Belfort, ~80 m away
    expect(guide).to_contain_text("Belfort")  # a locator wait: the page's CSP forbids wait_for_function's eval
    assert re.search(r"2\. Belfort — \d+ m", guide.inner_text())
    assert phone.locator("#stop-1").get_attribute("class").count("is-visited") == 1
    assert phone.locator(".you-are-here").count() == 1
    screenshot(phone, "trail-brugge-guiding")
    phone.locator("#stop-2 [data-action=visited]").click()
    phone.reload()
    phone.wait_for_selector(".leaflet-marker-icon")
    pressed = phone.locator("[data-action=visited][aria-pressed=true]")
    assert pressed.count() == 2  # remembered on this device
    stored = json.loads(phone.evaluate("localStorage.getItem('kick:visited:brugge/van-markt-tot-minnewater')"))
    assert sorted(stored) == [1, 2]


def test_ticks_saved_on_this_device_before_and_the_city_tiles_show(live_server, phone):
    """Ticks already stored by an earlier version ("[1,3]" under the trail's key) still show, and the
    map (static/js/map.js) draws the city's tiles with its attribution, as plain text."""
    phone.goto(live_server.url + "/brugge/")
    phone.evaluate("localStorage.setItem('kick:visited:brugge/van-markt-tot-minnewater', '[1,3]')")
    phone.goto(live_server.url + TRAIL)
    phone.wait_for_selector(".leaflet-tile-loaded")
    pressed = phone.locator("[data-action=visited][aria-pressed=true]")
    assert pressed.count() == 2 and phone.locator("#stop-3").get_attribute("class").count("is-visited") == 1
    assert "OpenStreetMap" in phone.locator("#trail-map .leaflet-control-attribution").inner_text()
    assert phone.locator("#trail-map img.leaflet-tile").first.get_attribute("src").startswith("https://tile.openstreetmap.org/")


def test_trail_page_reads_without_javascript(browser, live_server, screenshot):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False, **AS_IN_BELGIUM)
    page = context.new_page()
    page.goto(live_server.url + TRAIL)
    assert page.locator(".trail-stop").count() == 9
    assert page.get_by_text("De kaart heeft JavaScript nodig").is_visible()
    assert not page.get_by_role("button", name="Starten").is_visible()
    screenshot(page, "trail-brugge-nojs")
    context.close()


def test_trail_list_and_green_list_at_phone_size(live_server, phone, screenshot):
    phone.goto(live_server.url + "/brugge/trails/")
    assert phone.locator(".trail-card").count() == 2
    screenshot(phone, "trails-brugge")
    phone.goto(live_server.url + "/oostende/green/")
    assert phone.locator(".trail-card").count() == 1
    screenshot(phone, "green-oostende")


def test_marketer_taps_the_map_to_add_a_stop(live_server, phone, screenshot):
    phone.goto(live_server.url + "/login?next=/ieper/studio/trails/")
    phone.get_by_label("E-mail").fill("marketer@ieper.kick.test")
    phone.get_by_label("Wachtwoord").fill("kick-demo")
    phone.get_by_role("button", name="Aanmelden").click()
    phone.wait_for_url("**/ieper/studio/trails/")
    screenshot(phone, "studio-trails-ieper")
    phone.get_by_role("link", name=re.compile("Winkelstraten ontdekken")).click()
    phone.wait_for_selector("#editor-map .leaflet-marker-icon")
    before = phone.locator(".editor-stop").count()
    box = phone.locator("#editor-map").bounding_box()
    phone.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.4)
    lat = phone.locator("#stop-lat").input_value()
    assert lat and abs(float(lat) - 50.85) < 0.05
    phone.locator("#stop-title_nl").fill("Nieuwe halte")
    screenshot(phone, "studio-editor-ieper")
    phone.get_by_role("button", name="Halte toevoegen").click()
    phone.wait_for_selector(".flash-success")
    assert phone.locator(".editor-stop").count() == before + 1
    assert "Nieuwe halte" in phone.locator(".editor-stops").inner_text()


@pytest.fixture
def desktop(browser):
    """A marketer at a desk: mouse, wide screen (HTML5 drag and drop needs a mouse)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, **AS_IN_BELGIUM, reduced_motion="reduce")
    tile = tile_png()
    context.route(re.compile(r"https://tile\.openstreetmap\.org/.*"),
                  lambda route: route.fulfill(status=200, body=tile, content_type="image/png"))
    page = context.new_page()
    yield page
    context.close()


def _login(page, base, email, next_url):
    page.goto(f"{base}/login?next={next_url}")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**" + next_url)


def test_marketer_drags_stops_into_a_new_order_and_draws_a_path(live_server, desktop, screenshot):
    _login(desktop, live_server.url, "marketer@roeselare.kick.test", "/roeselare/studio/trails/")
    desktop.get_by_role("link", name=re.compile("Winkelstraten ontdekken")).click()
    desktop.wait_for_selector("#editor-map .leaflet-marker-icon")
    names = lambda: [t.strip() for t in desktop.locator(".editor-stop-text strong").all_inner_texts()]  # noqa: E731
    first, second, third = names()
    with desktop.expect_navigation():  # the editor reloads once the server has saved the order
        desktop.locator(".editor-stop").nth(2).drag_to(desktop.locator(".editor-stop").nth(0))
    desktop.wait_for_selector("#editor-map .leaflet-marker-icon")
    assert names() == [third, first, second]

    desktop.get_by_role("button", name="Pad tekenen").click()
    viewport = desktop.viewport_size

    def map_in_view() -> bool:
        box = desktop.locator("#editor-map").bounding_box()
        return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]
    wait_until(map_in_view)
    box = desktop.locator("#editor-map").bounding_box()
    for fx, fy in ((0.3, 0.3), (0.5, 0.45), (0.7, 0.6)):
        desktop.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    assert desktop.locator("[data-path-count]").inner_text().startswith("3 /")
    screenshot(desktop, "studio-editor-path-desktop")
    desktop.get_by_role("button", name="Pad bewaren").click()
    desktop.wait_for_selector(".flash-success")
    assert "getekend pad van 3 punten" in desktop.locator("#path").inner_text()
