"""Layout as a person sees it, on a phone (390x844) and a laptop (1280x800), in Brussels time and nl-BE: the
laptop puts the list beside the map and the navigation in the header; the phone keeps its tab bar; an upright
tablet (768x1024) keeps a centred bar of thumb-sized tabs and its hero inside the page margins; wide studio
tables stay inside the page; a long shop name wraps in the home spotlight; stamp circles have one size."""
import pytest

from tests.browser.conftest import AS_IN_BELGIUM, wait_until

LAPTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}
LONG_NAME = "Chocoladeambachtsbedrijfsleidersopleidingscentrum Vandenberghe"


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport=LAPTOP, **AS_IN_BELGIUM)
    page = context.new_page()
    yield page
    context.close()


def _box(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box


def _side_by_side(left, right) -> bool:
    """`right` starts where `left` ends, and the two share some height on the screen."""
    beside = right["x"] >= left["x"] + left["width"] - 1
    overlap = min(left["y"] + left["height"], right["y"] + right["height"]) - max(left["y"], right["y"])
    return beside and overlap > 100


def _log_in(page, base, email, next_path):
    page.goto(f"{base}/login?next={next_path}")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", "kick-demo")
    page.click("form button[type=submit]")
    wait_until(lambda: next_path in page.url)
    page.wait_for_load_state("load")


def test_on_a_laptop_the_shop_list_sits_beside_the_map_under_a_top_navigation(live_server, laptop, screenshot):
    laptop.goto(f"{live_server.url}/brugge/shops?view=map")
    wait_until(lambda: laptop.locator("#shops-map .leaflet-pane").count() > 0)
    assert _side_by_side(_box(laptop, ".shop-list"), _box(laptop, "#shops-map"))
    assert laptop.locator("header .topnav").is_visible()
    assert laptop.locator("header .topnav a", has_text="Winkels").is_visible()
    assert not laptop.locator(".tabbar").is_visible()
    laptop.evaluate("scrollTo(0, document.scrollingElement.scrollHeight)")  # the map stays while the list scrolls
    wait_until(lambda: laptop.evaluate("scrollY") > 150)
    map_box = _box(laptop, "#shops-map")
    visible = min(map_box["y"] + map_box["height"], LAPTOP["height"]) - max(map_box["y"], 64)
    assert visible > .8 * (LAPTOP["height"] - 64)
    screenshot(laptop, "layout-shops-map-1280")


def test_on_a_laptop_the_trail_stops_sit_beside_the_trail_map(live_server, laptop, screenshot):
    laptop.goto(f"{live_server.url}/brugge/trails/")
    laptop.locator(".trail-cards a").first.click()
    wait_until(lambda: laptop.locator("#trail-map .leaflet-pane").count() > 0)
    laptop.locator(".trail-stops").scroll_into_view_if_needed()  # the stops are below the hero: the map follows
    wait_until(lambda: laptop.evaluate("scrollY") > 300)
    assert _side_by_side(_box(laptop, ".trail-stops"), _box(laptop, "#trail-map"))
    assert not laptop.locator(".tabbar").is_visible()
    screenshot(laptop, "layout-trail-1280")


def test_on_a_phone_the_tab_bar_is_there_and_the_top_navigation_is_not(live_server, page):
    page.goto(f"{live_server.url}/brugge/shops?view=map")
    assert page.locator(".tabbar").is_visible()
    assert not page.locator("header .topnav").is_visible()
    tabbar = _box(page, ".tabbar")
    assert tabbar["y"] + tabbar["height"] >= 844 - 1  # at the bottom, under the thumb
    map_box, list_box = _box(page, "#shops-map"), _box(page, ".shop-list")
    assert list_box["y"] >= map_box["y"] + map_box["height"] - 1  # one column: the list under the map


@pytest.mark.parametrize("path", ["/kortrijk/", "/kortrijk/trails/"])
def test_on_an_upright_tablet_the_tab_bar_is_not_stretched_and_the_hero_keeps_the_page_margins(
        live_server, browser, path, screenshot):
    context = browser.new_context(viewport=TABLET, **AS_IN_BELGIUM)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}{path}")
        if path.endswith("/trails/"):  # a trail page: its own hero card
            page.locator(".trail-cards a").first.click()
            page.wait_for_load_state("load")
        assert page.locator(".tabbar").is_visible() and not page.locator("header .topnav").is_visible()
        tabbar = _box(page, ".tabbar")
        assert tabbar["width"] <= 600
        assert abs(tabbar["x"] - (TABLET["width"] - tabbar["x"] - tabbar["width"])) <= 1  # centred
        widths = page.eval_on_selector_all(".tabbar a", "tabs => tabs.map(t => t.getBoundingClientRect().width)")
        assert widths and all(44 <= w <= 160 for w in widths), widths
        hero = _box(page, ".hero, .trail-hero")
        content_left = page.locator("main").evaluate(
            "m => m.getBoundingClientRect().left + parseFloat(getComputedStyle(m).paddingLeft)")
        assert abs(hero["x"] - content_left) <= .5  # no thin strip: the hero lines up with the page's content
        assert abs(hero["x"] - (TABLET["width"] - hero["x"] - hero["width"])) <= 1  # even margins
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        screenshot(page, "layout-tablet-768-" + ("trail" if path.endswith("/trails/") else "home"))
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/roeselare/studio/figures", "/roeselare/studio/premises/", "/roeselare/studio/"])
def test_wide_studio_tables_do_not_widen_the_page_on_a_phone(live_server, page, path):
    _log_in(page, live_server.url, "marketer@roeselare.kick.test", path)
    assert page.locator("table").count() > 0 or path.endswith("/studio/")  # the studio home: its tiles
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth"), \
        page.evaluate("[document.scrollingElement.scrollWidth, innerWidth]")


def test_a_long_shop_name_wraps_in_the_home_spotlight(live_server, page, screenshot):
    from app.extensions import db
    from app.shops.models import Shop
    with live_server.app.app_context():
        shop = db.session.query(Shop).filter(Shop.featured_until.isnot(None)).order_by(Shop.id).first()
        shop_id, city, old_name = shop.id, shop.city.slug, dict(shop.name)
        shop.name = {"nl": LONG_NAME}
        db.session.commit()
    try:
        page.goto(f"{live_server.url}/{city}/")
        name = page.locator(".spotlight-text strong", has_text=LONG_NAME[:20])
        assert name.count() == 1
        assert name.evaluate("el => el.scrollWidth <= el.clientWidth")
        card, text = _box(page, ".spotlight-card a"), name.bounding_box()
        assert text["x"] >= card["x"] and text["x"] + text["width"] <= card["x"] + card["width"] + 0.5
        assert text["height"] > 30  # on more than one line
        screenshot(page, "layout-spotlight-long-name-390")
    finally:
        with live_server.app.app_context():
            shop = db.session.get(Shop, shop_id)
            shop.name = old_name
            db.session.commit()


@pytest.mark.parametrize("size", [{"width": 390, "height": 844}, LAPTOP])
def test_stamp_circles_have_one_size(live_server, browser, size, screenshot):
    context = browser.new_context(viewport=size, **AS_IN_BELGIUM)
    page = context.new_page()
    try:
        _log_in(page, live_server.url, "shopper@kick.test", "/brugge/stamps")
        sizes = page.eval_on_selector_all(
            ".stamp-dot", "dots => dots.map(d => [d.getBoundingClientRect().width, d.getBoundingClientRect().height])")
        assert len(sizes) > 8 and page.locator(".stamp-dots").count() >= 2
        widths = {round(w, 1) for w, _h in sizes} | {round(h, 1) for _w, h in sizes}
        assert len(widths) == 1, sizes
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
        screenshot(page, f"layout-stamps-{size['width']}")
    finally:
        context.close()


def test_the_shop_gallery_shows_portrait_and_landscape_photos_in_one_frame_uncut(live_server, page, screenshot):
    page.goto(f"{live_server.url}/brugge/shops/chocolaterie-minnewit")
    wait_until(lambda: page.evaluate("[...document.querySelectorAll('.gallery img')].every(i => i.complete)"))
    photos = page.eval_on_selector_all(".gallery img", """imgs => imgs.map(i => ({
        natural: i.naturalWidth / i.naturalHeight, shown: i.getBoundingClientRect().width / i.getBoundingClientRect().height,
        height: i.getBoundingClientRect().height}))""")
    assert len(photos) >= 2
    assert any(p["natural"] < 1 for p in photos) and any(p["natural"] > 1 for p in photos)  # the demo has both
    assert len({round(p["height"]) for p in photos}) == 1  # one frame height
    portrait = next(p for p in photos if p["natural"] < 1)
    assert abs(portrait["shown"] - portrait["natural"]) < .02  # shown whole: no face cut off, nothing stretched
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    screenshot(page, "layout-gallery-390")
