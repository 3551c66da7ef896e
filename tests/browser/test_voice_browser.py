"""The issue's "done" for city news, in a phone browser (Brussels, nl-BE): an Oostende marketer writes road works
on the Christinastraat, previews who receives them (the street's two shops) and sends; a merchant of that street
sees the unread count on their dashboard and reads it; a shopper sees the works on the public map."""
from datetime import timedelta

from tests.browser.conftest import AS_IN_BELGIUM, PHONE

TITLE = "Kraanwerken in de Christinastraat"


def login(page, base, email, next_path):
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{next_path}")


def test_marketer_previews_and_sends_merchant_reads_shopper_sees_the_map(live_server, browser, page, screenshot):
    from app.core import clock
    with live_server.app.app_context():
        today = clock.today()
    login(page, live_server.url, "marketer@oostende.kick.test", "/oostende/studio/news/new")
    page.select_option('[name="kind"]', "works")
    page.fill('[name="title_nl"]', TITLE)
    page.fill('[name="body_nl"]', "Een kraan staat <b>drie dagen</b> voor nummer 30.\n\nLeveren kan via de Kapellestraat.")
    page.get_by_label("Christinastraat").check()
    page.fill('[name="starts_on"]', today.isoformat())
    page.fill('[name="ends_on"]', (today + timedelta(days=3)).isoformat())
    page.wait_for_selector("#pin-map.leaflet-container")
    page.locator("#pin-map").click(position={"x": 180, "y": 120})  # a pin fills the coordinates
    assert page.input_value('[name="lat"]') and page.input_value('[name="lon"]')
    page.get_by_label("Toon op de publieke stadskaart zolang het loopt").check()
    page.fill('[name="public_line_nl"]', "Kraan in de Christinastraat — winkels blijven open")
    page.get_by_role("button", name="Bekijk wie het krijgt").click()
    preview = page.locator(".news-preview")
    preview.wait_for()
    assert "Ontvangers: 2" in preview.inner_text()
    assert "Bakkerij Christina" in preview.inner_text() and "Zeezout" not in preview.inner_text()
    screenshot(page, "voice-compose-preview")
    page.get_by_role("button", name="Nu versturen (2 ontvangers)").click()
    page.wait_for_url("**/oostende/studio/news/*")
    assert "Verstuurd naar 2 handelaars" in page.inner_text("body")
    assert page.inner_text(".news-figures").startswith("2 ontvangers")

    merchant = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                   **AS_IN_BELGIUM).new_page()
    login(merchant, live_server.url, "merchant.kaai@oostende.kick.test", "/merchant/")
    panel = merchant.locator(".news-panel")
    assert panel.locator(".count-badge").inner_text() == "2"  # these works and the demo's
    screenshot(merchant, "voice-merchant-dashboard")
    panel.get_by_role("link", name=TITLE).click()
    assert "drie dagen" in merchant.inner_text(".news-body")
    merchant.goto(live_server.url + "/merchant/")
    assert merchant.locator(".news-panel .count-badge").inner_text() == "1"

    shopper = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  **AS_IN_BELGIUM).new_page()
    shopper.goto(live_server.url + "/oostende/shops/?view=map")
    shopper.wait_for_selector(".map-layer-works")
    assert shopper.locator(".map-layer-works").count() >= 2  # the demo's works and these
    screenshot(shopper, "voice-public-map-works")
    shopper.locator(".map-layer-works").first.click(force=True)
    assert "winkels blijven open" in shopper.locator(".leaflet-popup-content").inner_text()
    assert "drie dagen" not in shopper.locator("body").inner_text()  # the merchants' text never shows
