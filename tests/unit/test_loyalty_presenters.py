"""app.loyalty.presenters: what the stamps page and the API say about a card, from rows in memory (no database)."""
from datetime import date, datetime, timezone
from types import SimpleNamespace

import pytest

import app.accounts.models  # noqa: F401 - the mappers name City, User and Shop: their modules must be loaded
import app.cities.models  # noqa: F401
from app.loyalty.models import Card, CardKind, CityPass, StampProgramme
from app.loyalty.presenters import CardState, card_state, card_title, pass_shops, stamps_page
from app.loyalty.services.cards import StampsOverview
from app.loyalty.services.passes import CityShop
from app.shops.models import Shop

VERIFIED = datetime(2025, 5, 1, tzinfo=timezone.utc)
ANONYMOUS = SimpleNamespace(is_anonymous_shopper=True, email_verified_at=None)
UNCONFIRMED = SimpleNamespace(is_anonymous_shopper=False, email_verified_at=None)
CONFIRMED = SimpleNamespace(is_anonymous_shopper=False, email_verified_at=VERIFIED)


def shop_card(stamps: int, required: int = 8, *, card_id: int = 1, name: str = "Bakkerij Aline") -> Card:
    programme = StampProgramme(id=card_id, stamps_required=required, shop=Shop(id=card_id, name=name))
    return Card(id=card_id, programme_id=programme.id, programme=programme, stamps=stamps, redeemed_count=0)


def city_pass(required: int = 3, *, all_shops: bool = True) -> CityPass:
    return CityPass(id=7, title="Stadspas Brugge", reward="Een boek", distinct_shops_required=required,
                    starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), all_shops=all_shops)


def pass_card(visited: int, *, redeemed: int = 0, the_pass: CityPass | None = None) -> Card:
    the_pass = the_pass or city_pass()
    return Card(id=50, pass_id=the_pass.id, city_pass=the_pass, stamps=visited, redeemed_count=redeemed)


def test_a_card_is_called_after_its_shop_or_the_city_pass():
    assert card_title(shop_card(2, name="De Koffiebar")) == "De Koffiebar"
    assert card_title(pass_card(1)) == "Stadspas Brugge"
    assert (shop_card(2).kind, pass_card(1).kind) == (CardKind.SHOP, CardKind.PASS)


@pytest.mark.parametrize("stamps, code_id, state", [
    (0, None, CardState.COLLECTING),
    (7, None, CardState.COLLECTING),
    (8, None, CardState.REDEEMABLE),
    (11, None, CardState.REDEEMABLE),  # extra stamps carry over; the card is full
    (8, 31, CardState.SHOWING_CODE),
])
def test_a_shop_card_is_collecting_redeemable_or_showing_its_code(stamps, code_id, state):
    # A shop card asks nothing of its owner's account: an anonymous shopper redeems it too.
    assert card_state(shop_card(stamps), ANONYMOUS, code_id) == state


@pytest.mark.parametrize("owner, code_id, state", [
    (ANONYMOUS, None, CardState.NEEDS_ACCOUNT),
    (UNCONFIRMED, None, CardState.NEEDS_EMAIL),
    (CONFIRMED, None, CardState.REDEEMABLE),
    (CONFIRMED, 31, CardState.SHOWING_CODE),
    (None, None, CardState.NEEDS_ACCOUNT),
])
def test_a_full_pass_asks_for_a_kept_account_with_a_confirmed_address(owner, code_id, state):
    assert card_state(pass_card(3), owner, code_id) == state


def test_a_pass_not_full_is_collecting_whoever_holds_it():
    assert {card_state(pass_card(2), owner) for owner in (ANONYMOUS, UNCONFIRMED, CONFIRMED)} == {
        CardState.COLLECTING}


def test_a_cashed_in_pass_is_redeemed_even_with_more_shops_visited():
    assert card_state(pass_card(3, redeemed=1), CONFIRMED) == CardState.REDEEMED
    assert card_state(pass_card(5, redeemed=1), ANONYMOUS, 31) == CardState.REDEEMED


def test_a_shop_card_starts_again_after_its_reward():
    card = shop_card(1)
    card.redeemed_count = 2
    assert card_state(card, CONFIRMED) == CardState.COLLECTING


def rows(*listed: bool) -> list[CityShop]:
    return [CityShop(Shop(id=n, name=f"Winkel {n}"), gives_stamps=True, in_pass_list=flag, visited=False)
            for n, flag in enumerate(listed, 1)]


def test_the_pass_takes_every_shop_or_only_the_listed_ones():
    city_shops = rows(True, False, True)
    assert pass_shops(city_pass(all_shops=True), city_shops) == city_shops
    assert [row.shop.id for row in pass_shops(city_pass(all_shops=False), city_shops)] == [1, 3]


def test_the_stamps_page_shows_each_card_with_its_state_and_the_pass_progress():
    the_pass = city_pass(required=3, all_shops=False)
    full, half = shop_card(9, card_id=1), shop_card(4, card_id=2)
    overview = StampsOverview(cards=[full, half], city_pass=the_pass, pass_card=pass_card(5, the_pass=the_pass),
                              waiting={1: 31})
    page = stamps_page(overview, CONFIRMED, rows(False, True))
    assert [(view.card, view.state, view.reward_code_id, view.carried_over) for view in page.cards] == [
        (full, CardState.SHOWING_CODE, 31, 1), (half, CardState.COLLECTING, None, 0)]
    assert (page.city_pass.visited, page.city_pass.required) == (3, 3)  # never more than required
    assert page.city_pass.card.state == CardState.REDEEMABLE
    assert [row.shop.id for row in page.city_pass.shops] == [2]


def test_the_stamps_page_without_a_pass_card_or_a_pass():
    page = stamps_page(StampsOverview(cards=[], city_pass=city_pass(), pass_card=None), ANONYMOUS, rows(True))
    assert (page.cards, page.city_pass.card, page.city_pass.visited) == ([], None, 0)
    assert stamps_page(StampsOverview(cards=[], city_pass=None, pass_card=None), None, rows(True)).city_pass is None
