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
