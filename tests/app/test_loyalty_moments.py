"""The loyalty moments a shopper notices (issue 17, "Moments that break"): times the browser reads carry
their offset, the typed code is taken as the counter shows it, a scan lands on its card, a scan without
signal says what happens."""
import re
from datetime import datetime, timedelta

import pytest

from app.core import clock as app_clock
from tests.support.loyalty import T0, fill_card

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
