"""style-src without 'unsafe-inline' (issue 11): the pages with maps and the trail editor raise zero
Content-Security-Policy violations in a real browser, and their maps are laid out and placed."""
import pytest

COLLECT = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));"""


def visit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__csp")


def map_is_laid_out(page, selector):
    box = page.locator(selector).first.bounding_box()
    return box is not None and box["width"] > 200 and box["height"] > 150


@pytest.mark.browser
def test_public_map_pages_raise_no_csp_violation(page, live_server):
    page.add_init_script(COLLECT)
    base = live_server.url
    for path in ("/brugge/", "/brugge/trails/van-markt-tot-minnewater", "/brugge/shops/?view=map"):
        assert visit(page, base + path) == [], path
        if "trails/" in path or "view=map" in path:
            assert map_is_laid_out(page, ".leaflet-container"), path
            assert page.locator(".leaflet-marker-icon, .leaflet-interactive").count() > 0, path
            # Leaflet places its panes through element.style (the CSSOM), which the policy allows.
            assert page.locator(".leaflet-map-pane").get_attribute("style"), path


@pytest.mark.browser
def test_trail_editor_raises_no_csp_violation(page, live_server):
    page.add_init_script(COLLECT)
    base = live_server.url
    page.goto(base + "/login?next=/brugge/studio/trails/")
    page.get_by_label("E-mail").fill("marketer@brugge.kick.test")
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/brugge/studio/trails/")
    edit = page.evaluate("""() => Array.from(document.querySelectorAll('main a[href]'), a => a.getAttribute('href'))
        .find(h => /\\/studio\\/trails\\/\\d+$/.test(h))""")
    assert edit, "no trail to edit in the Brugge studio"
    assert visit(page, base + edit) == [], edit
    assert map_is_laid_out(page, ".leaflet-container"), edit


def rgb(hex_colour: str) -> str:
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.mark.browser
def test_public_pages_wear_their_city_colours_with_hashed_styles_and_no_violation(page, live_server):
    """The policy has no nonce (a cached page serves everyone): the theme, hero and picker <style> blocks
    are allowed by their sha256, the JSON data blocks still feed the maps, and nothing is refused."""
    from app.cities.models import City
    from app.cities.services import city_by_slug
    from app.extensions import db
    with live_server.app.app_context():
        brugge = rgb(city_by_slug("brugge").primary_color)
        primaries = {rgb(c.primary_color) for c in db.session.scalars(db.select(City))}
    assert brugge != rgb("#1F3A5F")  # the platform's own colour would not show the theme block applies
    page.add_init_script(COLLECT)
    refused = []
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    base = live_server.url
    topbar = "getComputedStyle(document.querySelector('.topbar')).backgroundColor"

    assert visit(page, base + "/brugge/") == []
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--primary').trim()")
    assert page.evaluate(topbar) == brugge
    if page.locator(".hero-art").count():  # the landmark artwork, from the hero block's --art
        assert "url(" in page.evaluate("getComputedStyle(document.querySelector('.hero-art')).maskImage")

    assert visit(page, base + "/") == []
    cards = page.evaluate("Array.from(document.querySelectorAll('.city-card'), c => getComputedStyle(c).backgroundColor)")
    assert cards and set(cards) <= primaries and len(set(cards)) > 1, cards

    assert visit(page, base + "/brugge/trails/van-markt-tot-minnewater") == []
    assert page.evaluate(topbar) == brugge
    assert page.locator(".leaflet-marker-icon, .leaflet-interactive").count() > 0  # read from #trail-data

    assert visit(page, base + "/brugge/shops/") == []
    assert page.evaluate(topbar) == brugge
    shop = page.evaluate("""Array.from(document.querySelectorAll('main a[href]'), a => a.getAttribute('href'))
        .find(h => /\\/brugge\\/shops\\/[^/?]+$/.test(h))""")
    assert shop, "no shop page linked from the shop list"
    assert visit(page, base + "/brugge/shops/?view=map") == []
    assert page.locator(".leaflet-marker-icon").count() > 0  # read from #shops-map-data

    assert visit(page, base + shop) == []
    assert page.evaluate(topbar) == brugge
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert not [text for text in refused if "Content Security Policy" in text], refused
