"""On a phone (Brussels time, nl-BE): search the shops, keep one with the heart (on the phone, then on the account
after logging in), and sort by distance with "Dichtbij" (granted, and refused)."""
import re

import pytest

from playwright.sync_api import expect

from tests.browser.conftest import AS_IN_BELGIUM, PHONE, wait_until

LIST = "/kortrijk/shops/"


def _phone(browser, **extra):
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                               **AS_IN_BELGIUM, **extra)


def _order(page) -> list[str]:
    return page.locator(".shop-list > .shop-card").evaluate_all("cards => cards.map(c => c.dataset.shopId)")


def test_search_and_keep_a_favourite_across_a_reload_and_a_login(live_server, browser, screenshot, axe):
    context = _phone(browser)
    page = context.new_page()
    page.goto(live_server.url + LIST)
    all_cards = page.locator(".shop-card").count()
    name = page.locator(".shop-card-title").last.inner_text()
    word = max(name.split(), key=len)
    search = page.get_by_label("Zoek een winkel")
    search.fill(word.upper())
    search.press("Enter")
    page.wait_for_url(re.compile(r"q="))
    titles = page.locator(".shop-card-title").all_inner_texts()
    assert name in titles and len(titles) < all_cards
    assert f"voor “{word.upper()}”" in page.locator(".shops-count").inner_text()

    card = page.locator(".shop-card", has=page.get_by_text(name, exact=True))
    shop_id = card.get_attribute("data-shop-id")
    heart = card.get_by_role("button", name=f"Favoriet: {name}")
    assert heart.bounding_box()["height"] >= 44 and heart.get_attribute("aria-pressed") == "false"
    heart.tap()
    expect(heart).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#shops-tool-status")).to_have_text("Bewaard als favoriet")
    screenshot(page, "shops-search-favourite")
    assert axe(page) == []

    page.goto(live_server.url + LIST)  # a new visit: the phone kept it
    kept = page.locator(f".shop-card[data-shop-id='{shop_id}'] .fav-toggle")
    expect(kept).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Favorieten").tap()
    expect(page.locator(".shop-list > .shop-card:not([hidden])")).to_have_count(1)
    expect(page.locator("#shops-tool-status")).to_have_text("Favoriete winkels: 1")
    expect(page.locator(".shops-count")).to_have_text("1 winkel")  # the count line follows the cards shown
    page.get_by_role("button", name="Favorieten").tap()
    expect(page.locator(".shops-count")).to_have_text(f"{all_cards} winkels")
    page.get_by_role("button", name="Favorieten").tap()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Logging in hands the phone's favourite to the account.
    page.goto(live_server.url + "/login?next=" + LIST)
    page.get_by_label("E-mail").fill("shopper@kick.test")
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**" + LIST)
    expect(page.locator(f".shop-card[data-shop-id='{shop_id}'] .fav-toggle")).to_have_attribute("aria-pressed", "true")
    wait_until(lambda: page.evaluate("KickStore.list('kick.favourites.kortrijk').length") == 0)
    on_account = page.request.get(live_server.url + "/api/v1/me/favourites").json()
    assert [item["shop_id"] for item in on_account] == [int(shop_id)]
    page.reload()
    expect(page.locator(f".shop-card[data-shop-id='{shop_id}'] .fav-toggle")).to_have_attribute("aria-pressed", "true")
    page.locator(f".shop-card[data-shop-id='{shop_id}'] .fav-toggle").tap()  # and let it go again
    expect(page.locator("#shops-tool-status")).to_have_text("Uit je favorieten gehaald")
    assert page.request.get(live_server.url + "/api/v1/me/favourites").json() == []
    context.close()


def test_nearby_sorts_the_nearest_shop_first(live_server, browser, screenshot):
    looking = _phone(browser)
    page = looking.new_page()
    page.goto(live_server.url + LIST)
    before = _order(page)
    target = page.locator(".shop-list > .shop-card[data-lat]").last  # the last pinned shop: we stand at its door
    shop_id, lat, lon = (target.get_attribute(name) for name in ("data-shop-id", "data-lat", "data-lon"))
    looking.close()
    assert before[0] != shop_id
    context = _phone(browser, permissions=["geolocation"], geolocation={"latitude": float(lat), "longitude": float(lon)})
    page = context.new_page()
    page.goto(live_server.url + LIST)
    button = page.get_by_role("button", name="Dichtbij")
    assert button.bounding_box()["height"] >= 44
    button.tap()
    expect(page.locator("#shops-tool-status")).to_have_text("Gesorteerd op afstand van waar je bent.")
    expect(button).to_have_attribute("aria-pressed", "true")
    after = _order(page)
    assert after[0] == shop_id and sorted(after) == sorted(before)
    expect(page.locator(".shops-count")).to_have_text(f"{len(before)} winkels")  # sorted, nothing hidden
    assert page.locator(".shop-list > .shop-card").first.locator(".shop-distance").inner_text() == "op 10 m"
    screenshot(page, "shops-nearby")
    button.tap()  # pressed again: the list as it came
    assert _order(page) == before and page.locator(".shop-distance").count() == 0
    context.close()


def test_a_refused_location_leaves_the_list_and_says_so(live_server, browser):
    context = _phone(browser)  # no permission granted: headless Chromium refuses the request
    page = context.new_page()
    page.goto(live_server.url + LIST)
    before = _order(page)
    page.get_by_role("button", name="Dichtbij").tap()
    expect(page.locator("#shops-tool-status")).to_contain_text("Je locatie werd niet gedeeld, dus de lijst blijft zoals hij was.")
    assert _order(page) == before
    assert page.get_by_role("button", name="Dichtbij").get_attribute("aria-pressed") == "false"
    context.close()


def test_on_a_laptop_the_search_and_the_hearts_sit_in_their_cards(live_server, browser, screenshot):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **AS_IN_BELGIUM)
    page = context.new_page()
    page.goto(live_server.url + LIST)
    box = page.get_by_label("Zoek een winkel").bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= 1280
    for card in page.locator(".shop-list > .shop-card").all():
        heart, outline = card.locator(".fav-toggle").bounding_box(), card.bounding_box()
        assert heart["width"] >= 44 and heart["height"] >= 44
        assert outline["x"] <= heart["x"] and heart["x"] + heart["width"] <= outline["x"] + outline["width"]
        assert outline["y"] <= heart["y"] and heart["y"] + heart["height"] <= outline["y"] + outline["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "shops-discovery-laptop")
    context.close()


def test_the_favourite_button_on_a_shop_page_says_its_state(live_server, browser):
    context = _phone(browser)
    page = context.new_page()
    page.goto(live_server.url + LIST)
    page.locator(".shop-card-title").first.click()
    button = page.locator(".shop-actions .fav-toggle")
    expect(button).to_have_text("Bewaar als favoriet")
    button.tap()
    expect(button).to_have_text("Favoriet ✓ — verwijderen")
    expect(button).to_have_attribute("aria-pressed", "true")
    page.reload()  # kept on the phone: the page opens saying so
    expect(button).to_have_text("Favoriet ✓ — verwijderen")
    button.tap()
    expect(button).to_have_text("Bewaar als favoriet")
    context.close()


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_map_beside_the_list_stays_below_the_header_to_the_end_of_the_list(live_server, browser, screenshot, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, **AS_IN_BELGIUM)
    page = context.new_page()
    page.goto(live_server.url + LIST + "?view=map")
    zoom_in = page.locator(".leaflet-control-zoom-in")
    expect(zoom_in).to_be_visible()
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    wait_until(lambda: page.evaluate("window.scrollY + innerHeight >= document.documentElement.scrollHeight - 1"))
    header = page.locator(".topbar").bounding_box()
    button, legend, shop_map = zoom_in.bounding_box(), page.locator("#shops-map-legend").bounding_box(), page.locator("#shops-map").bounding_box()
    assert button["y"] >= header["y"] + header["height"]
    assert shop_map["y"] >= header["y"] + header["height"] and shop_map["y"] + shop_map["height"] <= 800
    assert shop_map["y"] <= legend["y"] and legend["y"] + legend["height"] <= shop_map["y"] + shop_map["height"]
    expect(page.locator("#shops-map-legend")).to_contain_text("In de kijker")
    screenshot(page, f"shops-map-bottom-{width}")
    context.close()
