"""Shops at phone size (390x844): list, map and shop page render with their photos."""

from tests.browser.conftest import AS_IN_BELGIUM

OLD_TAGLINE = "Linnen van Leievlas, geweven in West-Vlaanderen"  # Vlasbloem's, in the shops demo
NEW_TAGLINE = "Linnen van Leievlas, nu ook op maat gezoomd"


def _images_loaded(page, selector):
    return page.evaluate(f"""() => [...document.querySelectorAll({selector!r})]
        .filter(img => img.complete && img.naturalWidth > 0).length""")


def test_shop_list_with_photos_and_spotlight_first(live_server, page, screenshot, axe):
    page.goto(live_server.url + "/kortrijk/shops/")
    cards = page.locator(".shop-card")
    assert cards.count() == 4
    assert "Vlasbloem" in cards.first.inner_text() and "In de kijker" in cards.first.inner_text()
    page.wait_for_load_state("networkidle")
    assert _images_loaded(page, ".shop-card img") == 4
    box = page.locator(".chip-open").bounding_box()
    assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    screenshot(page, "shops-list-kortrijk")
    assert axe(page) == []


def test_map_view_shows_a_marker_per_shop(live_server, page, screenshot):
    page.goto(live_server.url + "/kortrijk/shops/?view=map")
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-pane .shop-pin").count() == 4  # the legend's sample pins aside
    assert page.locator("#shops-map").is_visible()
    page.locator(".leaflet-marker-pane .shop-pin").first.click()
    page.wait_for_selector(".map-popup-title")
    screenshot(page, "shops-map-kortrijk")


def test_shop_page_gallery_story_hours_and_map(live_server, page, screenshot, axe):
    page.goto(live_server.url + "/brugge/shops/draad-kant")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Draad & Kant"
    assert page.locator(".gallery-item img").count() == 2
    assert _images_loaded(page, ".gallery-item img") >= 1
    assert page.locator(".hours-table tr").count() == 7
    assert page.locator(".hours-table tr.is-today").count() == 1
    assert page.locator("#shop-map .leaflet-marker-icon").count() == 1
    directions = page.get_by_role("link", name="Route")
    assert directions.bounding_box()["height"] >= 44
    screenshot(page, "shop-page-brugge")
    assert axe(page) == []


def test_list_works_without_javascript(browser, live_server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False, **AS_IN_BELGIUM)
    page = context.new_page()
    page.goto(live_server.url + "/kortrijk/shops/?view=map")
    assert page.locator(".shop-card").count() == 4
    assert not page.locator("#shops-map").is_visible()
    context.close()


def test_merchant_edits_profile_on_a_phone(live_server, page, screenshot):
    page.goto(live_server.url + "/login?next=/merchant/")
    page.get_by_label("E-mail").fill("merchant1@kortrijk.kick.test")
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/merchant/")
    screenshot(page, "merchant-dashboard")
    page.get_by_role("link", name="Vlasbloem").first.click()
    page.get_by_role("link", name="Profiel").click()
    page.wait_for_selector("#pin-map .leaflet-marker-icon")
    screenshot(page, "merchant-profile")

    # Vlasbloem is live: a new tagline goes to the city for review; the approved one stays public until then.
    tagline = page.locator('[name="tagline_nl"]')
    assert tagline.input_value() == OLD_TAGLINE
    tagline.fill(NEW_TAGLINE)
    page.get_by_role("button", name="Bewaren en insturen ter goedkeuring").click()
    page.get_by_text("Je wijzigingen wachten op goedkeuring").wait_for()
    screenshot(page, "merchant-profile-saved")
    page.get_by_role("link", name="Profiel").click()
    assert page.locator('[name="tagline_nl"]').input_value() == NEW_TAGLINE  # the merchant sees their version
    page.goto(live_server.url + "/kortrijk/shops/vlasbloem")
    public = page.locator("main").inner_text()
    assert OLD_TAGLINE in public and NEW_TAGLINE not in public
