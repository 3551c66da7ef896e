"""The issue's "done" for the dashboard: a Roeselare marketer opens last month on a phone (Brussels, nl-BE)
against the month before and the same month last year, reads stamps, passes, trails, shops and footfall,
sees the quiet shop's cell of 3 shoppers as hidden, downloads the CSV with that cell empty, and picks a
week of their own. Rollup rows come from tests/support/figures.py (the rollup job is not under test)."""
import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import delete, insert, select

from tests.browser.conftest import AS_IN_BELGIUM, PHONE, start_live_server, wait_until

MARKETER = "marketer@roeselare.kick.test"


@pytest.fixture(scope="module")
def figures_server(tmp_path_factory):
    import os
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("figures-live"), LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")
    from app.cities.services import city_by_slug
    from app.core import clock
    from app.extensions import db
    from app.figures.models import CountingPoint, FigureRollup, RollupRun
    from app.shops.models import Shop
    from app.trails.models import Trail
    from tests.support.figures import story_rows
    with server.app.app_context():
        city = city_by_slug("roeselare")
        # A story of its own instead of the demo's fourteen months (which the app tests read).
        for model in (FigureRollup, RollupRun, CountingPoint):
            db.session.execute(delete(model).where(model.city_id == city.id))
        quiet = Shop(city_id=city.id, slug="stille-hoek", status="approved", name={"nl": "De Stille Hoek"},
                     category="books_music", address="Zuidstraat 80", approved_at=clock.now())
        db.session.add_all([quiet, CountingPoint(city_id=city.id, code="OOST", name="Ooststraat"),
                            CountingPoint(city_id=city.id, code="MARKT", name="Grote Markt")])
        db.session.flush()
        shops = db.session.execute(select(Shop.id).where(Shop.city_id == city.id, Shop.status == "approved")).scalars()
        trails = db.session.execute(select(Trail.id).where(Trail.city_id == city.id, Trail.status == "published"))
        points = db.session.execute(select(CountingPoint.id).where(CountingPoint.city_id == city.id)).scalars()
        yesterday = clock.today() - timedelta(days=1)
        rows = story_rows(city.id, yesterday - timedelta(days=430), yesterday, quiet_shop=quiet.id,
                          shops={shop_id: 0.2 for shop_id in shops}, trails={t: 0.6 for t in trails.scalars()},
                          points={point_id: 4000 for point_id in points})
        db.session.execute(insert(FigureRollup), rows)
        db.session.add(RollupRun(city_id=city.id, through=yesterday))
        db.session.commit()
        server.quiet = quiet.id
        db.session.remove()
    yield server
    server.stop()


def test_a_marketer_reads_last_month_on_a_phone_and_downloads_what_is_shown(figures_server, browser, screenshot,
                                                                            axe):
    base = figures_server.url
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                  accept_downloads=True, **AS_IN_BELGIUM)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base}/login?next=/roeselare/studio/figures")
    page.get_by_label("E-mail").fill(MARKETER)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/roeselare/studio/figures")

    assert page.get_by_role("heading", name="Cijfers Roeselare").is_visible()
    lead = page.locator(".figures-head .lead").inner_text()
    assert "tegenover" in lead  # last month against the month before and the same month last year
    for section in ("Stempels", "Stadspas", "Wandelingen", "Winkels", "Passanten"):
        assert page.get_by_role("heading", name=section, exact=True).count() == 1
    wait_until(lambda: page.locator(".chart.chart-on canvas").count() >= 3)  # stamps, refusals, footfall
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sideways
    quiet = page.locator(f'tr[data-row="shop:{figures_server.quiet}"]')
    assert "verborgen (< 10)" in quiet.inner_text()
    screenshot(page, "figures-dashboard-phone")
    assert not axe(page), axe(page)
    assert errors == []

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV downloaden").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    quiet_stamps = [row for row in rows if row[:3] == ["Winkels", "De Stille Hoek", "Stempels"]]
    assert quiet_stamps and quiet_stamps[0][3] == ""  # hidden on the page, empty in the file

    page.get_by_text("Kies de dagen").click()
    page.locator("#from").fill("2026-11-16")
    page.locator("#to").fill("2026-11-22")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url("**from=2026-11-16&to=2026-11-22")
    assert "week 47" in page.locator(".figures-head .lead").inner_text()
    assert page.locator('table[data-table="stamps_per_day"] tbody tr').count() == 7
    context.close()
