"""The register's done-means in a browser (a phone, Brussels, nl-BE): a Roeselare marketer adds an empty shop on
Ooststraat with the form, then reads the centre's rate and the street's, and sees the map with the vacant
premises beside the approved shops and the chart of the last 12 months."""
import re

from tests.browser.conftest import wait_until

MARKETER = "marketer@roeselare.kick.test"


def test_a_marketer_lists_an_empty_shop_on_ooststraat_and_reads_the_rates(live_server, page):
    base = live_server.url
    page.goto(f"{base}/login")
    page.fill("input[name=email]", MARKETER)
    page.fill("input[name=password]", "kick-demo")
    page.click("form button[type=submit]")
    page.goto(f"{base}/roeselare/studio/premises/new")
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "Europe/Brussels"
    page.fill("input[name=address]", "Ooststraat 81, 8800 Roeselare")
    page.select_option("select[name=state]", "vacant")
    page.fill("input[name=vacant_since]", "2026-05-01")
    page.fill("input[name=floor_area_m2]", "90")
    page.fill("input[name=owner_contact]", "Vastgoed Test 051 11 11 11")
    page.check("input[name=lease_types][value=popup]")
    page.click("form.studio-form button[type=submit]")
    wait_until(lambda: re.search(r"/studio/premises/\d+$", page.url))
    assert "Pand toegevoegd aan het register." in page.content()
    assert "Ooststraat 81, 8800 Roeselare" in page.inner_text("h1")
    page.goto(f"{base}/roeselare/studio/premises/")
    assert page.inner_text("[data-testid=centre-rate]").strip() == "12,2 %"  # 5 of 41 units
    row = page.locator("table.premises-streets tr", has_text="Ooststraat")
    assert "2 / 12" in row.inner_text() and "16,7 %" in row.inner_text()
    wait_until(lambda: page.locator("#premises-map .leaflet-interactive").count() >= 5)
    assert page.locator("#premises-chart canvas").count() >= 1
    assert page.locator("#premises-chart-data").count() == 1
