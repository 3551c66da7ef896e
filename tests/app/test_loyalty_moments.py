"""The loyalty moments a shopper notices (issue 17, "Moments that break"): times the browser reads carry
their offset, the typed code is taken as the counter shows it, a scan lands on its card, a scan without
signal says what happens."""
import re
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.core import clock as app_clock
from app.extensions import db
from app.loyalty.codes import numeric_fallback, step_for, typed_digits
from app.loyalty.models import Card, StampProgramme
from tests.support.loyalty import T0, counter_path, fill_card, stamps_of


def card_id_of(app, shop) -> int:
    with app.app_context():
        card_id = db.session.execute(select(Card.id).join(StampProgramme).where(
            StampProgramme.shop_id == shop.id)).scalar_one()
        db.session.remove()
        return card_id

SHOPPER = "shopper@kick.test"
OFFSET = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"


def test_iso_carries_the_offset_and_refuses_a_naive_time():
    assert app_clock.iso(T0).endswith(("+01:00", "+02:00"))
    assert datetime.fromisoformat(app_clock.iso(T0)) == T0
    with pytest.raises(ValueError):
        app_clock.iso(datetime(2026, 12, 2, 12, 0))


def test_reward_screen_hands_the_browser_times_with_their_offset(app, shop, clock):
    shopper = app.test_client()
    shopper.login(SHOPPER)
    card_id = fill_card(app, SHOPPER, shop)
    screen = shopper.get(shopper.post(f"/brugge/stamps/cards/{card_id}/redeem").headers["Location"])
    text = screen.get_data(as_text=True)
    expires = re.search(r'data-expires-at="([^"]+)"', text).group(1)
    now = re.search(r'data-now="([^"]+)"', text).group(1)
    assert re.fullmatch(OFFSET, expires) and re.fullmatch(OFFSET, now)
    assert datetime.fromisoformat(now) == T0  # the server's clock, so a phone set wrong still counts right
    assert timedelta(0) < datetime.fromisoformat(expires) - T0 <= timedelta(minutes=15)
    assert 'data-time-zone="Europe/Brussels"' in text
    # The page offers a new code in place when it runs out (hidden until then): no reload loop.
    assert re.search(r'<div class="reward-renew" data-renew hidden>', text)


def test_counter_display_hands_the_browser_its_expiry_with_an_offset(app, shop, clock):
    merchant = app.test_client()
    merchant.login(shop.owner)
    text = merchant.get(f"/merchant/shops/{shop.id}/counter").get_data(as_text=True)
    assert re.fullmatch(OFFSET, re.search(r'data-expires-at="([^"]+)"', text).group(1))
    assert datetime.fromisoformat(re.search(r'data-now="([^"]+)"', text).group(1)) == T0


def test_no_template_hands_the_browser_a_time_without_the_iso_filter():
    """A data-* attribute with a time goes through |iso (clock.iso: offset always, naive refused)."""
    from pathlib import Path
    templates = Path(__file__).resolve().parents[2] / "templates"
    offenders = [f"{path.relative_to(templates)}: {m.group(0)}" for path in templates.rglob("*.html")
                 for m in re.finditer(r'data-[\w-]+="\{\{[^}]*isoformat\(\)[^}]*\}\}"', path.read_text())]
    assert offenders == []


def _digits_now(app, shop, clock) -> str:
    with app.app_context():
        programme = db.session.execute(select(StampProgramme).where(StampProgramme.shop_id == shop.id)).scalar_one()
        secret = programme.secret
        db.session.remove()
    return numeric_fallback(secret, "brugge", shop.id, step_for(clock.at.timestamp(), app.config["KICK_CODE_STEP_SECONDS"]))


def test_typed_code_is_taken_as_the_counter_shows_it(app, client, shops, clock):
    assert [typed_digits(text) for text in ("548 752", "548-752", " 548\u00a0752 ", "548–752", "54a752")] == [
        "548752", "548752", "548752", "548752", "54a752"]
    shop, other = shops["shop"], shops["other_shop"]
    client.get("/brugge/stamps")
    digits = _digits_now(app, shop, clock)
    page = client.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": f"{digits[:3]} {digits[3:]}"})
    assert page.status_code == 303 and stamps_of(app, shop) == 1
    assert page.headers["Location"].endswith(f"#card-{card_id_of(app, shop)}")
    # The API follows the same rule.
    digits = _digits_now(app, other, clock)
    api = client.post("/api/v1/scan", json={"code": f"{digits[:3]}-{digits[3:]}", "city": "brugge", "shop_id": other.id})
    assert api.status_code == 201 and stamps_of(app, other) == 1


def test_a_refused_typed_code_is_shown_at_the_field(app, client, shop, clock):
    client.get("/brugge/stamps")
    for typed in ("548 75", "548 7520", "abc def"):
        page = client.post("/brugge/stamps/code", data={"shop_id": shop.id, "digits": typed})
        text = page.get_data(as_text=True)
        assert page.status_code == 422 and stamps_of(app, shop) == 0
        # The form posts to its own anchor, so the answer opens at the form; the message is in a live region
        # the field points to.
        assert 'action="/brugge/stamps/code#enter-code"' in text and 'id="enter-code" open' in text
        error = re.search(r'<p class="field-error" id="digits-error" aria-live="assertive" data-digits-error>([^<]*)</p>',
                          text)
        assert error and error.group(1) in ("Typ de 6 cijfers onder de QR-code.", "Type the 6 digits shown under the QR code.")
        assert re.search(r'<input[^>]*aria-describedby="digits-hint digits-error"[^>]*name="digits"', text) or \
            re.search(r'<input[^>]*name="digits"[^>]*aria-describedby="digits-hint digits-error"', text)


def test_a_scan_lands_on_the_card_that_changed(app, client, shops, clock):
    client.post(counter_path(app, shops["other_shop"]))  # an older card above the new one
    clock.advance(hours=1)
    scan = client.post(counter_path(app, shops["shop"]))
    card_id = card_id_of(app, shops["shop"])
    assert scan.status_code == 303 and scan.headers["Location"] == f"/brugge/stamps?new={card_id}#card-{card_id}"
    text = client.get(scan.headers["Location"].split("#")[0]).get_data(as_text=True)
    # The page script finds the card by ?new= (a fetch-followed redirect loses the #anchor) and plays its animation.
    assert re.search(rf'<li id="card-{card_id}" class="card stamp-card is-new"', text)
    assert 'class="stamp-toast" role="status"' in text and "/static/js/stamps.js" in text


def test_a_scan_without_signal_says_what_happens(app, client, shop, clock):
    # The scan page loaded but the POST finds no signal: the offline queue keeps it and says what that means.
    scan = client.get(counter_path(app, shop)).get_data(as_text=True)
    assert "data-offline-queue" in scan
    assert ("Geen verbinding: je stempel is er nog niet. We versturen deze scan zodra je weer online bent. De code op "
            "het scherm aan de toonbank is maar ongeveer een minuut geldig") in scan
    # The scan link itself opened without signal: the service worker shows the offline page there, which then
    # says plainly that nothing is stamped and what to do (the block app.js shows on a scan link).
    offline = client.get("/brugge/offline").get_data(as_text=True)
    block = re.search(r'<div data-offline-for="scan" hidden>(.*?)</div>', offline, re.S).group(1)
    assert 'data-scan-title="Je stempel is er nog niet"' in offline and "Er is nog niets gestempeld" in block
    assert "Scan de code aan de toonbank opnieuw, of typ de 6 cijfers eronder" in block
    assert 'data-offline-for="page"' in offline and "data-reload-when-online" in offline
    for lang, text in (("fr", "Votre tampon n’est pas encore arrivé"), ("de", "Ihr Stempel ist noch nicht da")):
        assert text in client.get(f"/brugge/offline?lang={lang}", headers={"Accept-Language": lang}).get_data(as_text=True)
