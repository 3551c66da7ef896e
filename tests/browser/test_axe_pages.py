"""WCAG 2.1 AA on the public pages (EU accessibility rules apply to city sites): axe-core finds
zero violations on each, at phone size, and each page is screenshotted for people to look at."""
import pytest

PAGES = {
    "picker": "/",
    "city-home": "/brugge/",
    "trail-list": "/brugge/trails/",
    "trail-page": "/brugge/trails/van-markt-tot-minnewater",
    "shop-list": "/brugge/shops/",
    "shop-page": None,  # the first shop of the list: demo slugs belong to the shops feature
    "stamps": "/brugge/stamps",
    "login": "/login",
}


def first_shop_url(page, base) -> str:
    page.goto(base + PAGES["shop-list"])
    href = page.evaluate("""() => Array.from(document.querySelectorAll('main a[href]'), a => a.getAttribute('href'))
        .find(h => /^\\/brugge\\/shops\\/[a-z0-9-]+$/.test(h))""")
    assert href, "no shop on the Brugge shop list"
    return href


@pytest.mark.parametrize("name", list(PAGES))
def test_page_has_no_axe_violations(page, live_server, axe, screenshot, name):
    base = live_server.url
    path = PAGES[name] or first_shop_url(page, base)
    response = page.goto(base + path)
    assert response.status == 200, f"{path}: {response.status}"
    page.wait_for_load_state("networkidle")
    violations = axe(page)
    screenshot(page, f"axe-{name}")
    assert violations == [], f"{path}: {violations}"


@pytest.mark.parametrize("name", ["city-home", "trail-page"])
def test_page_reflows_at_200_percent_zoom(page, live_server, name):
    """SC 1.4.10 / 1.4.4: at 200 % zoom (a 195 px wide layout viewport) nothing scrolls sideways."""
    page.set_viewport_size({"width": 195, "height": 422})
    page.goto(live_server.url + PAGES[name])
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1


def test_keyboard_focus_is_visible_and_starts_with_the_skip_link(page, live_server):
    page.goto(live_server.url + "/brugge/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.className")
    assert "skip-link" in focused
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert page.locator(".skip-link").is_visible()
