"""Done means (issue 13): a town goes live without a developer, on an empty PostgreSQL database in production.

The operator runs two commands (migrate, create the first admin); everything after that happens in the
browser: the admin creates Tielt as a draft and invites its marketer, the marketer accepts the mailed link,
sets the town's look and logo, imports its shops (CSV) and a trail (GPX), publishes the trail and sets the
town live, and a visitor's phone finds /tielt/ installable. Each step's time is written to
test-artifacts/go-live-timings.json (the closing note quotes it).
"""
import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image

from tests.browser.conftest import ARTIFACTS, AS_IN_BELGIUM, CHROMIUM, LAUNCH_ARGS, PHONE
from tests.browser.production import ProductionInstallation
from tests.support.services import postgres_or_skip

ADMIN = "beheer@kick-westvlaanderen.be"
MARKETER = "citymarketing@tielt-stad.be"
PASSWORD = "Marktplein-Tielt-2026"
LAPTOP = {"width": 1280, "height": 800}
# Tielt: the Markt, the Halle with its belfry, the Sint-Pieterskerk (estimates within ~100 m).
CENTRE = (50.99945, 3.32705)
SHOPS_CSV = """name,address,lat,lon,category,website,email
Boekhandel De Halle,Markt 12,50.99930,3.32690,books_music,https://boekhandeldehalle.be,info@boekhandeldehalle.be
Chocolaterie Poeke,Kortrijkstraat 5,50.99870,3.32760,food_drink,,hallo@chocolateriepoeke.be
Atelier Tieltse Wol,Ieperstraat 22,50.99990,3.32560,design_crafts,,
Winkel Met Fout,Markt 1,50.99950,3.32700,wapens,,
"""
TRAIL_GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="KICK City test" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><name>Rondje Tielt</name><desc>Van de Markt langs de Halle naar de Sint-Pieterskerk.</desc></metadata>
  <wpt lat="50.99945" lon="3.32705"><name>Markt</name><desc>Het plein met de Halle en het belfort.</desc></wpt>
  <wpt lat="50.99960" lon="3.32660"><name>Halle en belfort</name><desc>Werelderfgoed van UNESCO.</desc></wpt>
  <wpt lat="51.00030" lon="3.32800"><name>Sint-Pieterskerk</name><desc>De hoofdkerk van Tielt.</desc></wpt>
  <trk><name>Rondje Tielt</name><trkseg>
    <trkpt lat="50.99945" lon="3.32705"/><trkpt lat="50.99960" lon="3.32660"/>
    <trkpt lat="51.00000" lon="3.32720"/><trkpt lat="51.00030" lon="3.32800"/>
    <trkpt lat="50.99990" lon="3.32840"/><trkpt lat="50.99945" lon="3.32705"/>
  </trkseg></trk>
</gpx>
"""

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def installation(tmp_path_factory, playwright_instance):
    server_url = postgres_or_skip()
    place = ProductionInstallation(tmp_path_factory.mktemp("golive"), server_url)
    timings: dict[str, float] = {}
    started = time.monotonic()
    place.flask("db", "upgrade")
    place.flask("users", "create-admin", ADMIN, input=f"{PASSWORD}\n{PASSWORD}\n")
    timings["command line: db upgrade + users create-admin"] = round(time.monotonic() - started, 2)
    place.start()
    place.timings = timings
    yield place
    place.stop()


class Steps:
    """Times each step of the path; a failing step shows the server's logs."""

    def __init__(self, installation):
        self.installation = installation
        self.timings = installation.timings

    def __call__(self, name: str):
        steps = self

        class Step:
            def __enter__(self):
                self.started = time.monotonic()

            def __exit__(self, kind, error, trace):
                steps.timings[name] = round(time.monotonic() - self.started, 2)
                if error is not None and not isinstance(error, AssertionError):
                    print(steps.installation.logs())

        return Step()


def _context(playwright_instance, size, folder: Path):
    """A persistent profile (Chromium offers installation only outside incognito), as a Belgian phone."""
    return playwright_instance.chromium.launch_persistent_context(
        str(folder), executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True, viewport=size,
        ignore_https_errors=True, **AS_IN_BELGIUM)


def _submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


def _log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    _submit(page, "form:has(input[name=password])")


def _logo(folder: Path) -> Path:
    path = folder / "logo-tielt.png"
    image = Image.new("RGB", (512, 512), (122, 31, 61))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_town_goes_live_in_the_browser(installation, playwright_instance, tmp_path):
    base, step = installation.url, Steps(installation)
    (tmp_path / "shops.csv").write_text(SHOPS_CSV, encoding="utf-8")
    (tmp_path / "tielt.gpx").write_text(TRAIL_GPX, encoding="utf-8")

    admin = _context(playwright_instance, LAPTOP, tmp_path / "admin")
    page = admin.new_page()
    with step("admin: log in, lands on /admin/"):
        _log_in(page, base, ADMIN)
        assert page.url == f"{base}/admin/"
    with step("admin: create Tielt as a draft"):
        page.goto(f"{base}/admin/cities/new")
        page.fill("input[name=slug]", "tielt")
        page.fill("input[name=names_nl]", "Tielt")
        page.fill("input[name=center_lat]", str(CENTRE[0]))
        page.fill("input[name=center_lon]", str(CENTRE[1]))
        _submit(page, "form:has(input[name=slug])")
        assert "/admin/cities/tielt" in page.url, page.content()[:2000]
    with step("admin: invite the marketer"):
        page.goto(f"{base}/admin/people")
        page.fill("form[action$='/admin/people/invite'] input[name=email]", MARKETER)
        page.select_option("form[action$='/admin/people/invite'] select[name=role]", "marketer")
        page.select_option("form[action$='/admin/people/invite'] select[name=city]", "tielt")
        _submit(page, "form[action$='/admin/people/invite']")
        assert MARKETER in page.content()
    visitor = _context(playwright_instance, PHONE, tmp_path / "visitor")
    assert visitor.new_page().goto(f"{base}/tielt/").status == 404  # a draft is nobody's business yet

    marketer = _context(playwright_instance, PHONE, tmp_path / "marketer")
    page = marketer.new_page()
    with step("marketer: open the mailed link, create the account, land in the studio"):
        page.goto(installation.wait_for_link(MARKETER, "/invitations/"))
        page.fill("input[name=display_name]", "Citymarketing Tielt")
        page.fill("input[name=password]", PASSWORD)
        page.fill("input[name=confirm]", PASSWORD)
        _submit(page, "form:has(input[name=confirm])")
        assert page.url == f"{base}/tielt/studio/", page.url
    with step("marketer: set the colours, tagline and logo"):
        page.goto(f"{base}/tielt/studio/theme")
        page.fill("input[name=primary_color]", "#7A1F3D")
        page.fill("input[name=accent_color]", "#1F6F8B")
        page.fill("input[name=tagline_nl]", "Shoppen rond de Halle")
        page.set_input_files("input[name=logo]", str(_logo(tmp_path)))
        _submit(page, "form:has(input[name=primary_color])")
        saved = page.locator(".flash-success")
        assert saved.count() == 1 and "nieuwe uitzicht is bewaard" in saved.inner_text(), page.inner_text("main")
    with step("marketer: import the shops (CSV)"):
        page.goto(f"{base}/tielt/studio/shops/import")
        page.set_input_files("input[name=file]", str(tmp_path / "shops.csv"))
        _submit(page, "form:has(input[name=file])")
        report = page.locator(".import-report").inner_text()
        # Three drafts; the row with a category the app does not know is reported, not half-imported.
        assert "aangemaakt: 3" in report and "Rijen geweigerd: 1" in report, report
        assert "Rij 5 · Winkel Met Fout" in report and "categorie" in report, report
    with step("marketer: import the trail (GPX) and publish it"):
        page.goto(f"{base}/tielt/studio/trails/import")
        page.set_input_files("input[name=file]", str(tmp_path / "tielt.gpx"))
        _submit(page, "form:has(input[name=file])")
        assert "/tielt/studio/trails/" in page.url
        with page.expect_navigation():
            page.locator("form[action$='/publish'] button[type=submit]").click()
        assert "Gepubliceerd" in page.content()
    with step("marketer: set the town live"):
        page.goto(f"{base}/tielt/studio/")
        page.check("input[name=confirm]")
        _submit(page, "form[action$='/studio/go-live']")
        assert "is nog een concept" not in page.content()
    page.screenshot(path=str(ARTIFACTS / "go-live-studio.png"), full_page=True)

    with step("visitor: /tielt/ opens and is installable"):
        page = visitor.new_page()
        assert page.goto(f"{base}/tielt/").status == 200
        assert "Shoppen rond de Halle" in page.content()
        cdp = visitor.new_cdp_session(page)
        errors = ["?"]
        deadline = time.monotonic() + 20
        while errors and time.monotonic() < deadline:  # the service worker takes a moment to control the page
            errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
            if errors:
                page.wait_for_timeout(300)
        assert errors == [], errors
        trails = visitor.new_page()
        trails.goto(f"{base}/tielt/trails/")
        assert "Rondje Tielt" in trails.content()
    page.screenshot(path=str(ARTIFACTS / "go-live-visitor.png"), full_page=True)

    # The shops' owners got their invitations to claim and complete them (rows with an address).
    assert installation.wait_for_link("info@boekhandeldehalle.be", "/invitations/")
    assert installation.wait_for_link("hallo@chocolateriepoeke.be", "/invitations/")
    for context in (admin, marketer, visitor):
        context.close()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    timings = installation.timings
    timings["browser: all steps"] = round(sum(v for k, v in timings.items() if not k.startswith("command")), 2)
    (ARTIFACTS.parent / "go-live-timings.json").write_text(json.dumps(timings, indent=1), encoding="utf-8")
    print(json.dumps(timings, indent=1))
