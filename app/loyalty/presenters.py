"""What loyalty shows about a card, in one place for the pages and the API: its kind and title, and on the
stamps page what the shopper can do with it now (collect, ask for a reward code, show the code, keep the
stamps in an account first). Pure functions of rows already loaded: no queries, no request."""
from dataclasses import dataclass
from enum import StrEnum

from app.loyalty.models import Card, CityPass
from app.loyalty.services.cards import StampsOverview
from app.loyalty.services.passes import CityShop
from app.loyalty.services.redemptions import may_claim_city_reward


class CardState(StrEnum):
    """What the stamps page offers for a card."""
    COLLECTING = "collecting"  # not full yet
    REDEEMABLE = "redeemable"  # full: the shopper asks for a reward code
    SHOWING_CODE = "showing_code"  # full, and a reward code is waiting: show it again
    NEEDS_ACCOUNT = "needs_account"  # a full pass of an anonymous shopper: keep the stamps in an account first
    NEEDS_EMAIL = "needs_email"  # a full pass of an account whose email address is not confirmed yet
    REDEEMED = "redeemed"  # a city pass cashed in (one reward per pass; a shop card starts again instead)


def card_title(card: Card) -> str:
    """A shop card is called after its shop, a pass card after the city pass."""
    return card.city_pass.title_text if card.is_pass else card.programme.shop.display_name


def card_state(card: Card, owner, reward_code_id: int | None = None) -> CardState:
    """The card's state for its `owner`, given the id of the reward code it is showing now (if any).

    Who may cash in a city pass is the rule redemptions.request_redemption applies (may_claim_city_reward)."""
    if card.is_pass and card.redeemed_count:
        return CardState.REDEEMED
    if not card.is_full:
        return CardState.COLLECTING
    if card.is_pass and not may_claim_city_reward(owner):
        anonymous = owner is None or owner.is_anonymous_shopper
        return CardState.NEEDS_ACCOUNT if anonymous else CardState.NEEDS_EMAIL
    return CardState.SHOWING_CODE if reward_code_id is not None else CardState.REDEEMABLE


@dataclass(frozen=True)
class CardView:
    card: Card
    state: CardState
    reward_code_id: int | None = None  # the waiting reward code (state SHOWING_CODE)

    @property
    def carried_over(self) -> int:
        """Stamps beyond a full shop card: they count for the next card."""
        return max(0, self.card.stamps - self.card.stamps_required)


@dataclass(frozen=True)
class PassView:
    city_pass: CityPass
    card: CardView | None  # None: no stamp for the pass yet
    shops: list[CityShop]  # the shops taking part, by name

    @property
    def required(self) -> int:
        return self.city_pass.distinct_shops_required

    @property
    def visited(self) -> int:
        """Different shops counted, at most the number required."""
        return self.card.card.shown_stamps if self.card is not None else 0


@dataclass(frozen=True)
class StampsPage:
    cards: list[CardView]  # shop cards, fullest first
    city_pass: PassView | None  # None: the city runs no pass


def card_view(card: Card, owner, overview: StampsOverview) -> CardView:
    code_id = overview.waiting.get(card.id)
    return CardView(card, card_state(card, owner, code_id), code_id)


def pass_shops(city_pass: CityPass, city_shops: list[CityShop]) -> list[CityShop]:
    """The city's approved shops that take part in its pass: all of them, or the listed ones."""
    return [row for row in city_shops if city_pass.all_shops or row.in_pass_list]


def stamps_page(overview: StampsOverview, owner, city_shops: list[CityShop]) -> StampsPage:
    """The stamps page of `owner` (the shopper; their cards are `overview`) in a city whose shops are `city_shops`."""
    city_pass = None
    if overview.city_pass is not None:
        card = card_view(overview.pass_card, owner, overview) if overview.pass_card is not None else None
        city_pass = PassView(overview.city_pass, card, pass_shops(overview.city_pass, city_shops))
    return StampsPage([card_view(card, owner, overview) for card in overview.cards], city_pass)
