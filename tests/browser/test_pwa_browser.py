"""Each city installs as its own app: Chromium's own installability check, real icons, a service
worker that controls the page, the update flow, and the theme studio's refusals and effects."""
import io
import json

import pytest
from PIL import Image

from tests.browser.conftest import AS_IN_BELGIUM, CHROMIUM, LAUNCH_ARGS, PHONE, start_live_server, wait_until

CITIES = ("oostende", "brugge", "kortrijk", "roeselare", "ieper")


@pytest.fixture(scope="module")
def installer(playwright_instance, tmp_path_factory):
    """A persistent profile: Chromium does not offer installation in incognito contexts."""
    context = playwright_instance.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True,
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, **AS_IN_BELGIUM)
    yield context
    context.close()


def wait_for_worker(page):
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")


@pytest.mark.parametrize("slug", CITIES)
def test_every_city_is_installable(installer, live_server, slug, screenshot):
    page = installer.new_page()
    try:
        page.goto(f"{live_server.url}/{slug}/")
        wait_for_worker(page)
        page.reload()
        # After a reload the city's worker controls the page.
        assert page.evaluate("() => navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL") \
            == f"{live_server.url}/{slug}/sw.js"
        cdp = installer.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        manifest = cdp.send("Page.getAppManifest")
        assert not manifest.get("errors"), manifest.get("errors")
        data = json.loads(manifest["data"])
        assert data["scope"] == f"/{slug}/" and data["display"] == "standalone"
        for icon in data["icons"]:
            response = page.request.get(live_server.url + icon["src"])
            size = int(icon["sizes"].split("x")[0])
            assert Image.open(io.BytesIO(response.body())).size == (size, size)
        # Chromium fired beforeinstallprompt: our install card is offered on the home page.
        card = page.locator("[data-pwa-install]")
        card.wait_for(state="visible", timeout=5000)
        assert page.get_by_role("button", name="Installeren").is_visible()
        screenshot(page, f"pwa-install-{slug}")
    finally:
        page.close()


def test_install_card_can_be_dismissed(installer, live_server):
    page = installer.new_page()
    try:
        page.goto(f"{live_server.url}/ieper/")
        page.locator("[data-pwa-install]").wait_for(state="visible", timeout=5000)
        page.get_by_role("button", name="Nu niet").click()
        assert page.locator("[data-pwa-install]").is_hidden()
        page.reload()
        page.wait_for_timeout(500)
        assert page.locator("[data-pwa-install]").is_hidden()  # remembered for a while
    finally:
        page.close()


@pytest.fixture(scope="module")
def theme_server(tmp_path_factory):
    """Its own live server: these tests change a city's theme, which others must not see."""
    server = start_live_server(tmp_path_factory.mktemp("theme-live"))
    yield server
    server.stop()


def login_as_marketer(page, base):
    page.goto(base + "/login?next=/kortrijk/studio/theme")
    page.get_by_label("E-mail").fill("marketer@kortrijk.kick.test")
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/kortrijk/studio/theme")


def test_theme_studio_refuses_low_contrast_and_applies_a_saved_theme(page, theme_server, screenshot, axe):
    base = theme_server.url
    login_as_marketer(page, base)
    assert axe(page) == []
    screenshot(page, "theme-studio-kortrijk")

    # Live preview: the contrast read-out follows the typing, before anything is sent.
    page.get_by_label("Tekstkleur").fill("#AAAAAA")
    item = page.locator("[data-contrast]").first
    assert "te laag" in item.inner_text() and "2,32:1" in item.inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('[data-theme-preview]')).getPropertyValue('--text')") \
        .strip().upper() == "#AAAAAA"

    page.get_by_role("button", name="Uitzicht bewaren").click()
    assert page.get_by_role("alert").is_visible()
    assert "Tekst op achtergrond: contrast 2,32:1 is te laag, minstens 4,5:1 is nodig." in page.content()
    screenshot(page, "theme-studio-refused")

    page.get_by_label("Tekstkleur").fill("#102030")
    page.get_by_label("Hoofdkleur", exact=True).fill("#1F5E3B")
    page.get_by_role("button", name="Uitzicht bewaren").click()
    page.wait_for_url("**/kortrijk/studio/theme")
    assert "Het nieuwe uitzicht is bewaard" in page.content()

    manifest = page.request.get(base + "/kortrijk/manifest.webmanifest?lang=nl").json()
    assert manifest["theme_color"] == "#1F5E3B"
    page.goto(base + "/kortrijk/")
    bar = page.evaluate("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
    assert bar == "rgb(31, 94, 59)"
    assert page.locator('meta[name="theme-color"]').get_attribute("content") == "#1F5E3B"


def test_new_version_offers_reload(page, theme_server):
    """A theme change makes a new worker; the open page offers "reload" and switches to it."""
    base = theme_server.url
    page.goto(base + "/roeselare/")
    wait_for_worker(page)
    page.reload()
    before = page.evaluate("() => caches.keys()")
    from app.cities.models import City
    from app.extensions import db
    with theme_server.app.app_context():
        city = db.session.execute(db.select(City).where(City.slug == "roeselare")).scalar_one()
        city.theme_version += 1
        db.session.commit()
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
    toast = page.locator("[data-pwa-update]")
    toast.wait_for(state="visible", timeout=10000)
    assert "Nieuwe versie beschikbaar" in toast.inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Herladen").click()
    wait_until(lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"))
    after = page.evaluate("() => caches.keys()")
    shells = lambda names: [n for n in names if n.startswith("kick-shell:roeselare:")]  # noqa: E731
    assert len(shells(after)) == 1 and shells(after) != shells(before)  # the new shell replaced the old
