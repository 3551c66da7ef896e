"""The whole stamp walk of issue 17's "done means", as a visitor and a merchant see it: on a phone (390x844) and a
laptop (1280x800), in Brussels time, in each of the four languages (the phone set to that language):
scan at the counter -> the page lands on the card that changed -> the card is full -> the reward screen counts
down -> the merchant confirms the code -> the shopper's screen says it was given, in the shopper's language."""
import re

import pytest
from flask_babel import force_locale, gettext

from tests.browser.conftest import PHONE, start_live_server, wait_until

LAPTOP = {"width": 1280, "height": 800}
# The phone's own language, as a visitor from France, Germany or England has it set; always Belgian time.
PHONE_LOCALES = {"nl": "nl-BE", "fr": "fr-BE", "de": "de-DE", "en": "en-GB"}
STAMPS_REQUIRED = 3


@pytest.fixture(scope="module")
def walk(tmp_path_factory):
    import os
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("walk-live"), LOGIN_LIMIT_PER_ACCOUNT="1000 per minute",
                               SCAN_LIMIT_PER_IP="1000 per minute")
    yield server
    server.stop()


def _texts(server, lang: str) -> dict:
    """What the pages say in `lang`, from the app's own catalogue (each checked to be really translated)."""
    msgids = {"email": "Email", "password": "Password", "log_in": "Log in", "stamp_added": "Stamp added!",
              "redeem": "Card full: redeem my reward", "confirm": "Confirm and give the reward",
              "confirmed": "Reward confirmed", "given": "Enjoy your reward!"}
    with server.app.test_request_context(), force_locale(lang):
        texts = {key: gettext(msgid) for key, msgid in msgids.items()}
    if lang not in ("en",):
        untranslated = [key for key, msgid in msgids.items() if texts[key] == msgid and key != "email"]
        assert not untranslated, f"not translated into {lang}: {untranslated}"
    return texts


def _context(browser, lang: str, viewport: dict):
    phone = viewport == PHONE
    return browser.new_context(viewport=viewport, device_scale_factor=2 if phone else 1, is_mobile=phone,
                               has_touch=phone, locale=PHONE_LOCALES[lang], timezone_id="Europe/Brussels")


def _log_in(page, base: str, email: str, next_path: str, texts: dict) -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label(texts["email"], exact=True).fill(email)
    page.get_by_label(texts["password"], exact=True).fill("kick-demo")
    page.get_by_role("button", name=texts["log_in"], exact=True).click()
    page.wait_for_url(f"**{next_path}")


def _in_view(page, selector: str) -> bool:
    return page.evaluate("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight; }""", selector)


def _seconds(text: str) -> int:
    minutes, seconds = re.fullmatch(r"(\d+):(\d\d)", text.strip()).groups()
    return int(minutes) * 60 + int(seconds)


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_scan_to_reward_given_in_every_language(walk, browser, lang, viewport, screenshot):
    from app.extensions import db
    from tests.factories import UserFactory
    from tests.support.loyalty import counter_url, fill_card, make_loyalty_shop
    size = "phone" if viewport == PHONE else "laptop"
    email, owner = f"walker-{lang}-{size}@walk.test", f"owner-{lang}-{size}@walk.test"
    with walk.app.app_context():
        shop = make_loyalty_shop("brugge", f"walk-{lang}-{size}", f"Wandelwinkel {lang} {size}", owner,
                                 stamps_required=STAMPS_REQUIRED)
        UserFactory(email=email, locale=lang)
        db.session.commit()
        db.session.remove()
    fill_card(walk.app, email, shop, stamps=STAMPS_REQUIRED - 1)  # one stamp to go
    texts = _texts(walk, lang)
    base = walk.url

    shopper = _context(browser, lang, viewport).new_page()
    _log_in(shopper, base, email, "/brugge/stamps", texts)
    assert shopper.locator("html").get_attribute("lang") == lang

    # The counter's QR code, opened by the phone's camera: the page lands on that card, now full.
    from urllib.parse import urlsplit
    scan = urlsplit(counter_url(walk.app, shop))
    shopper.goto(base + scan.path + (f"?{scan.query}" if scan.query else ""))
    shopper.wait_for_url("**/brugge/stamps?new=*")
    card = shopper.locator(".stamp-card.is-new")
    assert card.locator(".stamp-toast").inner_text() == texts["stamp_added"]
    assert "is-full" in card.get_attribute("class")
    wait_until(lambda: _in_view(shopper, ".stamp-card.is-new .stamp-toast"))
    screenshot(shopper, f"walk-{lang}-{size}-1-card-full")

    # The reward screen counts down in minutes (not "expired": the phone is in Brussels time).
    card.get_by_role("button", name=texts["redeem"]).click()
    shopper.wait_for_url("**/brugge/stamps/rewards/*")
    first = _seconds(shopper.locator("[data-countdown]").inner_text())
    assert first > 60, first
    wait_until(lambda: _seconds(shopper.locator("[data-countdown]").inner_text()) < first)
    code = re.sub(r"\s", "", shopper.locator(".reward-code").inner_text())
    assert re.fullmatch(r"[0-9A-Z]{6}", code), code
    screenshot(shopper, f"walk-{lang}-{size}-2-reward")

    # The merchant, on their own device, looks the code up (as their camera does) and confirms it.
    merchant = _context(browser, lang, viewport).new_page()
    _log_in(merchant, base, owner, "/merchant/", texts)
    merchant.goto(f"{base}/merchant/rewards?code={code}")
    merchant.get_by_role("button", name=texts["confirm"]).click()
    merchant.get_by_text(texts["confirmed"], exact=True).wait_for()
    screenshot(merchant, f"walk-{lang}-{size}-3-merchant-confirmed")

    # The shopper's screen follows by itself: given, in the shopper's language.
    shopper.get_by_role("heading", name=texts["given"]).wait_for(timeout=15_000)
    screenshot(shopper, f"walk-{lang}-{size}-4-given")
    shopper.context.close()
    merchant.context.close()
