"""Merchant materials as a merchant uses them: the counter display on a landscape tablet at the till shows
the whole QR code and the reward without scrolling, and the poster is downloaded in Dutch plus French."""
import io
import os
import re

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from tests.browser.conftest import AS_IN_BELGIUM, start_live_server, wait_until

OWNER = "materials@loyalty.test"


@pytest.fixture(scope="module")
def materials_server(tmp_path_factory):
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("materials-live"), LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")
    from app.extensions import db
    from tests.support.loyalty import make_loyalty_shop
    with server.app.app_context():
        server.shop = make_loyalty_shop("brugge", "materiaal-bakker", "Bakkerij Materiaal", OWNER, stamps_required=10)
        db.session.remove()
    yield server
    server.stop()


def _logged_in(browser, base, viewport, next_path):
    page = browser.new_context(viewport=viewport, **AS_IN_BELGIUM, accept_downloads=True).new_page()
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("E-mail").fill(OWNER)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{next_path}")
    return page


@pytest.mark.parametrize("viewport", [{"width": 1024, "height": 768}, {"width": 1280, "height": 800}])
def test_counter_display_fits_a_landscape_tablet(materials_server, browser, screenshot, viewport):
    shop = materials_server.shop
    page = _logged_in(browser, materials_server.url, viewport, f"/merchant/shops/{shop.id}/counter")
    wait_until(lambda: page.locator("[data-today]").inner_text() != "")
    screenshot(page, f"counter-{viewport['width']}x{viewport['height']}")
    assert page.evaluate("() => document.documentElement.scrollHeight <= window.innerHeight")
    box = page.locator(".counter-qr").bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0
    assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"]
    assert page.locator("[data-reward]").inner_text() == "10 stempels = Cadeau van Bakkerij Materiaal"
    assert page.locator("[data-reward]").is_visible() and page.locator(".counter-brand").is_visible()
    # What the shopper's camera sees of the screen as it is, without scrolling: one readable code.
    seen = Image.open(io.BytesIO(page.screenshot())).convert("L")
    assert len([d for d in decode(seen) if d.type == "QRCODE"]) == 1


def test_poster_downloads_in_dutch_and_the_chosen_language(materials_server, browser, screenshot):
    shop = materials_server.shop
    page = _logged_in(browser, materials_server.url, {"width": 390, "height": 844}, f"/merchant/shops/{shop.id}/stamps")
    page.locator("#poster").scroll_into_view_if_needed()
    screenshot(page, "poster-languages")
    page.get_by_label("Tweede taal op de affiche").select_option("fr")
    with page.expect_download() as download:
        page.get_by_role("button", name="A4-affiche (SVG)").click()
    svg = open(download.value.path(), encoding="utf-8").read()
    words = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))  # a long reward wraps over two lines
    assert download.value.suggested_filename == "kick-brugge-materiaal-bakker-poster-A4-nl-fr.svg"
    assert "10 stempels = Cadeau van Bakkerij Materiaal" in words and "10 tampons = Cadeau van Bakkerij Materiaal" in words
