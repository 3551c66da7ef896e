"""The loyalty moments a person notices (issue 17, "Moments that break"), on a phone in Belgium and one far away:
the reward screen counts down instead of calling the code expired at once (and never reloads in a loop), the
typed code is taken as the counter shows it with its error where the eye is, a scan lands on its card, and a
scan link opened without signal says what happens to the stamp."""
import re
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import AS_IN_BELGIUM, PHONE, start_live_server, wait_until

AUCKLAND = {"locale": "nl-BE", "timezone_id": "Pacific/Auckland"}


@pytest.fixture(scope="module")
def moments(tmp_path_factory):
    import os
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("moments-live"), LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")
    from app.extensions import db
    from tests.support.loyalty import make_loyalty_shop
    with server.app.app_context():
        server.shops = [make_loyalty_shop("brugge", f"moment-{n}", f"Moment Winkel {n}", f"moment{n}@loyalty.test")
                        for n in range(4)]
        db.session.remove()
    yield server
    server.stop()


def _phone(browser, zone=AS_IN_BELGIUM):
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                               **zone).new_page()


def _shopper(server, email: str, full_at=None, stamps_at=()):
    """A shopper account (demo password) with a full card at `full_at` and one stamp at each of `stamps_at`."""
    from app.extensions import db
    from tests.factories import UserFactory
    from tests.support.loyalty import fill_card
    with server.app.app_context():
        UserFactory(email=email)
        db.session.commit()
        db.session.remove()
    if full_at is not None:
        fill_card(server.app, email, full_at)
    for shop in stamps_at:
        fill_card(server.app, email, shop, stamps=1)


def _log_in(page, base, email, next_path):
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{next_path}")


def _local(url: str, base: str) -> str:
    """A counter URL (made outside a request, on the configured host) on the live server."""
    from urllib.parse import urlsplit
    parts = urlsplit(url)
    return base + parts.path + (f"?{parts.query}" if parts.query else "")


def _seconds(text: str) -> int:
    minutes, seconds = re.fullmatch(r"(\d+):(\d\d)", text.strip()).groups()
    return int(minutes) * 60 + int(seconds)


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


@pytest.mark.parametrize("zone", [AS_IN_BELGIUM, AUCKLAND], ids=["brussels", "auckland"])
def test_reward_screen_counts_down_in_brussels_and_far_away(moments, browser, zone, screenshot):
    base, shop = moments.url, moments.shops[0]
    email = f"reward-{zone['timezone_id'].split('/')[1].lower()}@moments.test"
    _shopper(moments, email, full_at=shop)
    page = _phone(browser, zone)
    page.clock.install()  # the real time now, moved on below without waiting minutes
    _log_in(page, base, email, "/brugge/stamps")
    page.get_by_role("button", name="Kaart vol: mijn beloning ophalen").click()
    page.wait_for_url("**/brugge/stamps/rewards/*")
    page.evaluate("() => { window.sameVisit = true; }")  # gone if the page reloads
    screen = page.locator("[data-reward]")
    first = _seconds(page.locator("[data-countdown]").inner_text())
    assert first > 60, first  # minutes to go, not "expired" because the phone is not in UTC
    page.clock.run_for(3000)
    assert _seconds(page.locator("[data-countdown]").inner_text()) in range(first - 4, first - 1)
    assert page.locator("[data-status]").inner_text() == "" and "is-live" in screen.get_attribute("class")
    # The ticking clock shows Brussels time, like "Geldig tot" does, wherever the phone is.
    shown = page.locator("[data-clock]").inner_text()
    brussels = datetime.now(ZoneInfo("Europe/Brussels"))
    assert shown[:2] == brussels.strftime("%H") or shown[:2] == f"{(brussels.hour + 1) % 24:02d}", shown
    screenshot(page, f"loyalty-reward-{zone['timezone_id'].replace('/', '-').lower()}")

    # When it does run out: said once, a new code offered in place, no reload loop.
    page.clock.run_for(first * 1000 + 5000)
    wait_until(lambda: page.locator("[data-status]").inner_text() == "Deze code is verlopen.")
    assert page.get_by_role("button", name="Nieuwe code").is_visible()
    page.clock.run_for(10_000)
    assert page.evaluate("() => window.sameVisit === true")

    # The phone's clock is now minutes ahead of the server's (the server's code is still valid): "Nieuwe code"
    # shows it again, counted on the server's clock, not called expired by the phone's.
    page.get_by_role("button", name="Nieuwe code").click()
    page.wait_for_url("**/brugge/stamps/rewards/*")
    assert page.locator("[data-status]").inner_text() == ""
    assert _seconds(page.locator("[data-countdown]").inner_text()) > 60
    page.context.close()


def _digits_now(server, shop) -> str:
    from sqlalchemy import select

    from app.extensions import db
    from app.loyalty.codes import numeric_fallback, step_for
    from app.loyalty.models import StampProgramme
    with server.app.app_context():
        secret = db.session.execute(select(StampProgramme.secret).where(StampProgramme.shop_id == shop.id)).scalar_one()
        step = server.app.config["KICK_CODE_STEP_SECONDS"]
        db.session.remove()
    return numeric_fallback(secret, "brugge", shop.id, step_for(time.time(), step))


def test_typed_code_as_the_counter_shows_it_with_errors_where_the_eye_is(moments, browser, screenshot):
    base, shop = moments.url, moments.shops[1]
    email = "typist@moments.test"
    _shopper(moments, email, stamps_at=[moments.shops[2], moments.shops[3]])
    page = _phone(browser)
    _log_in(page, base, email, "/brugge/stamps")
    page.locator("details.enter-code summary").click()
    page.get_by_label("Winkel", exact=True).select_option(str(shop.id))
    digits = page.get_by_label("Code onder de QR-code")

    # Too short: refused on the phone, the message beside the field, the field focused and in view.
    digits.fill("548 75")
    page.get_by_role("button", name="Stempel ophalen").click()
    assert page.locator("[data-digits-error]").inner_text() == "Typ de 6 cijfers onder de QR-code."
    assert page.evaluate("() => document.activeElement.name") == "digits"
    wait_until(lambda: _in_view(page, "#digits"))

    # Six digits the server refuses: the answer opens at the form, not at the top of the page.
    real = _digits_now(moments, shop)
    digits.fill(f"{(int(real) + 1) % 1_000_000:06d}"[:3] + " " + f"{(int(real) + 1) % 1_000_000:06d}"[3:])
    page.get_by_role("button", name="Stempel ophalen").click()
    page.wait_for_url("**/brugge/stamps/code#enter-code")
    assert page.locator("[data-digits-error]").inner_text() != ""
    assert page.evaluate("() => document.activeElement.name") == "digits"
    wait_until(lambda: _in_view(page, "#digits"))
    screenshot(page, "loyalty-typed-code-refused")

    # As the counter shows it, with a space: a stamp, and the page lands on that card.
    page.get_by_label("Winkel", exact=True).select_option(str(shop.id))
    real = _digits_now(moments, shop)
    page.get_by_label("Code onder de QR-code").fill(f"{real[:3]} {real[3:]}")
    page.get_by_role("button", name="Stempel ophalen").click()
    page.wait_for_url("**/brugge/stamps?new=*")
    assert page.locator(".stamp-card.is-new .stamp-toast").inner_text() == "Stempel erbij!"
    wait_until(lambda: _in_view(page, ".stamp-card.is-new h3"))
    page.context.close()


def test_a_scan_lands_on_the_card_that_changed(moments, browser, screenshot):
    from tests.support.loyalty import counter_url
    base, shop = moments.url, moments.shops[3]
    email = "lander@moments.test"
    _shopper(moments, email, stamps_at=moments.shops[:3])  # three cards on the page before this one
    page = _phone(browser)
    _log_in(page, base, email, "/brugge/stamps")
    page.goto(_local(counter_url(moments.app, shop), base))
    page.wait_for_url("**/brugge/stamps?new=*")
    card = page.locator(".stamp-card.is-new")
    assert card.locator("h3").inner_text() == "Moment Winkel 3"
    assert card.locator(".stamp-toast").inner_text() == "Stempel erbij!"
    wait_until(lambda: _in_view(page, ".stamp-card.is-new .stamp-toast"))
    wait_until(lambda: _in_view(page, ".stamp-card.is-new .stamp-dot.is-new"))
    assert page.evaluate("() => document.activeElement.id").startswith("card-")
    screenshot(page, "loyalty-scan-lands-on-card")
    page.context.close()


def test_a_scan_link_without_signal_says_what_happens(moments, browser, screenshot):
    from tests.support.loyalty import counter_url
    base = moments.url
    page = _phone(browser)
    page.goto(base + "/brugge/")
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    assert page.evaluate("() => !!navigator.serviceWorker.controller")
    scan = _local(counter_url(moments.app, moments.shops[0]), base)
    page.context.set_offline(True)
    page.goto(scan)
    page.get_by_role("heading", name="Je stempel is er nog niet").wait_for()
    assert "Er is nog niets gestempeld" in page.locator("main").inner_text()
    assert "Scan de code aan de toonbank opnieuw" in page.locator("main").inner_text()
    assert not page.get_by_role("heading", name="Je bent offline").is_visible()
    screenshot(page, "loyalty-scan-offline")
    page.context.close()
