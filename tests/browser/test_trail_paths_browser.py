"""A phone in Brussels time (390x844, nl-BE) on a trail page: the drawn walking path is on the map, not straight
legs, and the time explains itself."""
import re

from playwright.sync_api import expect

from tests.browser.test_trails_browser import TRAIL, phone, tile_png  # noqa: F401 - `phone` is a fixture

KORTRIJK = "/kortrijk/trails/guldensporenstad"


def _line_points(page) -> int:
    """How many points the drawn line has on screen (Leaflet's SVG path: M x y L x y ...)."""
    d = page.locator("path.trail-line").first.get_attribute("d")
    return len(re.findall(r"[ML]", d))


def test_the_phone_shows_the_path_polyline_and_the_explained_time(live_server, phone, screenshot):  # noqa: F811
    phone.goto(live_server.url + TRAIL)
    phone.wait_for_selector(".leaflet-marker-icon")
    line = phone.locator("path.trail-line")
    expect(line).to_have_count(1)
    expect(line).to_have_class(re.compile(r"\btrail-line-path\b"))
    assert line.get_attribute("stroke-dasharray") is None  # a drawn path is solid; straight legs are dashed
    assert _line_points(phone) > 9 * 2  # it follows the streets between the 9 stops, not 8 straight legs
    explained = phone.locator("[data-time-explained]")
    expect(explained).to_be_visible()
    expect(explained).to_have_text("1 u 06 — 21 min wandelen (1,6 km) + 45 min bij 9 haltes")
    expect(phone.get_by_role("link", name="Alleen het pad (GeoJSON, voor GIS)")).to_have_attribute(
        "href", "/brugge/trails/van-markt-tot-minnewater/path.geojson")
    phone.locator("#trail-map").scroll_into_view_if_needed()
    screenshot(phone, "trail-path-brugge")


def test_kortrijk_draws_its_path_and_explains_a_short_walk(live_server, phone, screenshot):  # noqa: F811
    phone.goto(live_server.url + KORTRIJK)
    phone.wait_for_selector(".leaflet-marker-icon")
    expect(phone.locator("path.trail-line-path")).to_have_count(1)
    assert _line_points(phone) > 6
    expect(phone.locator("[data-time-explained]")).to_have_text("37 min — 7 min wandelen (525 m) + 30 min bij 6 haltes")
    phone.locator("#trail-map").scroll_into_view_if_needed()
    screenshot(phone, "trail-path-kortrijk")
