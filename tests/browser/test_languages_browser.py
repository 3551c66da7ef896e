"""A phone in Brussels time (390x844, set to Dutch) opens a trail's French and German addresses (?lang=): the
page, Leaflet's zoom buttons and the duration speak that language, whatever the phone's own language."""
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AS_IN_BELGIUM

TRAIL = "/brugge/trails/van-markt-tot-minnewater"


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, **AS_IN_BELGIUM)
    context.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())  # offline
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("lang, zoom_in, zoom_out, duration, stops", [
    ("fr", "Zoom avant", "Zoom arrière", r"\d+ h \d\d", "9 arrêts"),
    ("de", "Vergrößern", "Verkleinern", r"\d+ Std\. \d\d", "9 Stationen"),
])
def test_a_trail_in_french_and_german_by_its_address(live_server, phone, screenshot, lang, zoom_in, zoom_out,
                                                     duration, stops):
    phone.goto(f"{live_server.url}{TRAIL}?lang={lang}")
    expect(phone.locator("html")).to_have_attribute("lang", lang)
    plus, minus = phone.locator(".leaflet-control-zoom-in"), phone.locator(".leaflet-control-zoom-out")
    expect(plus).to_have_attribute("title", zoom_in)
    expect(plus).to_have_attribute("aria-label", zoom_in)
    expect(minus).to_have_attribute("title", zoom_out)
    expect(phone.get_by_role("button", name=zoom_in)).to_be_visible()
    expect(phone.locator(".trail-stats dd").nth(1)).to_have_text(re.compile(rf"^{duration}$"))
    expect(phone.locator("[data-time-explained]")).to_contain_text(re.compile(rf"^{duration} — "))
    assert stops in phone.locator("[data-time-explained]").inner_text()
    # The page names its own address as canonical; the map's layer switcher speaks the language too.
    assert phone.locator('link[rel="canonical"]').get_attribute("href").endswith(f"{TRAIL}?lang={lang}")
    credit = {"fr": "Une bibliothèque JavaScript pour cartes interactives",
              "de": "Eine JavaScript-Bibliothek für interaktive Karten"}[lang]
    expect(phone.locator('.leaflet-control-attribution a[href="https://leafletjs.com"]')).to_have_attribute("title", credit)
    layers = {"fr": "Couches de la carte", "de": "Kartenebenen"}[lang]
    expect(phone.locator(".leaflet-control-layers-toggle")).to_have_attribute("aria-label", layers)
    expect(phone.locator(".leaflet-control-layers-toggle")).to_have_attribute("title", layers)
    phone.locator("#trail-map").scroll_into_view_if_needed()
    phone.locator(".leaflet-marker-icon").first.click()  # a stop's popup: its close button speaks the language
    expect(phone.locator(".leaflet-popup-close-button")).to_have_attribute(
        "aria-label", {"fr": "Fermer", "de": "Schließen"}[lang])
    screenshot(phone, f"trail-{lang}")
