"""What a crawler or a chat preview reads, in a real browser: the JSON-LD data blocks parse and raise no
Content-Security-Policy violation, the share tags are there, and /favicon.ico is an image the browser draws."""
import json

import pytest

COLLECT = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""
READ = """() => ({
  ld: Array.from(document.querySelectorAll('script[type="application/ld+json"]'), s => s.textContent),
  image: document.querySelector('meta[property="og:image"]')?.content,
  title: document.querySelector('meta[property="og:title"]')?.content,
  csp: window.__csp,
})"""


@pytest.mark.browser
def test_structured_data_and_share_tags_in_a_real_browser(page, live_server):
    page.add_init_script(COLLECT)
    base = live_server.url
    for path, kind in (("/brugge/shops/draad-kant", "Store"), ("/brugge/trails/van-markt-tot-minnewater", "TouristTrip")):
        assert page.goto(base + path).status == 200, path
        page.wait_for_load_state("networkidle")
        seen = page.evaluate(READ)
        assert seen["csp"] == [], path
        assert len(seen["ld"]) == 1, path
        data = json.loads(seen["ld"][0])
        assert data["@type"] == kind and data["url"] == base + path
        assert seen["title"] and seen["image"].startswith(base + "/media/"), path
        # The share image really is an image.
        assert page.request.get(seen["image"]).headers["content-type"].startswith("image/")


@pytest.mark.browser
def test_favicon_is_drawn_by_the_browser(page, live_server):
    response = page.goto(live_server.url + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"] == "image/x-icon"
    size = page.evaluate("() => { const img = document.querySelector('img'); return [img.naturalWidth, img.naturalHeight]; }")
    assert size[0] > 0 and size[1] > 0
