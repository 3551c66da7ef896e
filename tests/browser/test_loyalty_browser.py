"""The issue's "done": a counter display on one phone, a second phone (fresh browser) scans its QR code,
gets a stamp without signing up; a photo of an older code no longer works. Codes rotate every 4 s here.

The QR code is read from a screenshot of the counter page with zbar, as a phone camera would."""
import io
import time

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from tests.browser.conftest import AS_IN_BELGIUM, PHONE, start_live_server, wait_until

STEP = 4  # long enough that a busy CI machine still scans inside the window


@pytest.fixture(scope="module")
def loyalty_server(tmp_path_factory):
    import os
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("loyalty-live"), KICK_CODE_STEP_SECONDS=STEP,
                               LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")
    from app.extensions import db
    from tests.support.loyalty import make_loyalty_shop
    with server.app.app_context():
        server.shop = make_loyalty_shop("brugge", "browser-bakker", "Bakkerij Browser", "browser@loyalty.test")
        db.session.remove()
    yield server
    server.stop()


def _phone(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                               **AS_IN_BELGIUM).new_page()


def _qr_url(page) -> str:
    """What a camera pointed at the counter screen reads."""
    shot = Image.open(io.BytesIO(page.locator(".counter-qr").screenshot())).convert("L")
    found = [d.data.decode() for d in decode(shot) if d.type == "QRCODE"]
    assert len(found) == 1, found
    return found[0]


def test_counter_to_phone_stamp_and_an_old_photo_fails(loyalty_server, browser, screenshot, axe):
    base, shop = loyalty_server.url, loyalty_server.shop
    counter = _phone(browser)
    counter.goto(f"{base}/login?next=/merchant/shops/{shop.id}/counter")
    counter.get_by_label("E-mail").fill(shop.owner)
    counter.get_by_label("Wachtwoord").fill("kick-demo")
    counter.get_by_role("button", name="Aanmelden").click()
    counter.wait_for_url(f"**/merchant/shops/{shop.id}/counter")
    wait_until(lambda: counter.locator("[data-today]").inner_text() != "")
    screenshot(counter, "loyalty-counter")
    assert not axe(counter), axe(counter)

    url = _qr_url(counter)
    assert url.startswith(f"{base}/brugge/s/")
    first_src = counter.locator("[data-qr]").get_attribute("src")

    shopper = _phone(browser)  # a fresh browser: no account, no cookies
    shopper.goto(url)
    shopper.wait_for_url("**/brugge/stamps?new=*")  # JavaScript stamped by itself (POST)
    assert shopper.locator(".stamp-toast").inner_text() == "Stempel erbij!"
    assert shopper.locator(".stamp-card.is-new .stamp-dot.is-filled").count() == 1
    assert shopper.get_by_role("link", name="Mijn stempels bewaren").is_visible()
    screenshot(shopper, "loyalty-stamps-after-scan")
    assert not axe(shopper), axe(shopper)

    # The counter noticed the stamp and thanked the shopper.
    wait_until(lambda: "Stempel gegeven" in counter.locator("[data-status]").inner_text(), timeout=6)
    # ...and keeps rotating its code by itself.
    wait_until(lambda: counter.locator("[data-qr]").get_attribute("src") != first_src, timeout=STEP * 3)
    time.sleep(STEP * 2)
    newer = _qr_url(counter)
    assert newer != url

    late = _phone(browser)  # someone with a photo of the first code, two steps later
    late.goto(url)
    late.wait_for_selector("[data-reason]")
    assert late.locator("[data-reason]").get_attribute("data-reason") == "expired"
    assert "verlopen" in late.locator("[data-reason]").inner_text()
    screenshot(late, "loyalty-scan-expired")
