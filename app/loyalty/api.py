"""/api/v1 loyalty: scan, my cards, redeem codes; merchants: counter code and reward confirmation."""
import re

from flask import url_for
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from app.accounts.sessions import current_actor, ensure_shopper
from app.cities.cache import cached_city, reads_city_snapshot
from app.cities.services import can_see, city_by_slug
from app.core.problem import ProblemError
from app.loyalty.limits import numeric_limits, scan_limits
from app.loyalty.models import RefusalReason
from app.loyalty.refusals import refuse
from app.loyalty.schemas import (CardSchema, ConfirmRequestSchema, ConfirmResultSchema, CounterCodeSchema,
                                 RedeemCodeSchema, ScanRequestSchema, ScanResultSchema)
from app.loyalty.services import cards, programmes, redemptions, scanning, stats
from app.shops.services.staff import reward_shop_ids, serving_shop_or_404

blp = Blueprint("loyalty_api", __name__, description="QR stamps, cards, city pass and rewards")
SCAN_URL = re.compile(r"/([a-z0-9-]{1,40})/s/([A-Za-z0-9_-]{1,100})/?(?:[?#].*)?$")
REFUSAL_CODES = "expired, invalid, cooldown, wrong_city, paused, own_shop, rate_limited"


def _token_and_city(body: dict):
    """Accept a bare token or the scanned URL; the city comes from the URL or the `city` field."""
    code, slug = body["code"].strip(), body.get("city")
    match = SCAN_URL.search(code)
    if match:
        # Scanned inside one city's app, the app's city wins: a code of another city is wrong_city.
        slug, code = slug or match.group(1), match.group(2)
    city = None
    if slug:
        city = cached_city(slug, city_by_slug)  # the city's snapshot: a scan only reads it
        if city is None or not can_see(current_user, city):
            raise refuse(RefusalReason.INVALID, city_id=None)
    return code, city


@blp.route("/scan", methods=["POST"])
@reads_city_snapshot
@scan_limits
@numeric_limits
@blp.arguments(ScanRequestSchema)
@blp.response(201, ScanResultSchema)
@blp.alt_response(409, description=f"Refused; problem+json `code` is one of: {REFUSAL_CODES} "
                                   "(own_shop: the shop's owner does not collect stamps at their own shop)")
@blp.alt_response(410, description="The code has expired (`code`: expired)")
@blp.alt_response(422, description="invalid / wrong_city")
@blp.alt_response(429, description="rate_limited, with Retry-After")
def scan(body):
    """Collect a stamp. A first scan without a session creates an anonymous shopper (login cookie)."""
    code, city = _token_and_city(body)
    if body.get("shop_id") is not None:
        if city is None:
            raise ProblemError(422, "A typed code needs the city.", code="invalid",
                               errors={"city": ["Required with shop_id."]})
        result = scanning.scan(city, code, ensure_shopper, numeric_shop_id=body["shop_id"])
    else:
        result = scanning.scan(city, code, ensure_shopper)
    return result


@blp.route("/me/cards", methods=["GET"])
@login_required
@blp.response(200, CardSchema(many=True))
def my_cards():
    """All my shop cards and city pass cards, in every city."""
    return cards.cards_of(current_user)


@blp.route("/me/cards/<int:card_id>/redeem", methods=["POST"])
@login_required
@blp.response(201, RedeemCodeSchema)
@blp.alt_response(403, description="A city pass needs a kept account (`account_needed`) whose email address "
                                   "is confirmed (`email_unconfirmed`)")
@blp.alt_response(409, description="Card not full (`not_full`) or already redeemed")
def redeem(card_id):
    """A short code to show at the till (or the city desk for a pass); valid for a few minutes."""
    return redemptions.request_redemption(cards.own_card_or_404(current_user, card_id))


@blp.route("/me/redemptions/<int:redemption_id>", methods=["GET"])
@login_required
@blp.response(200, RedeemCodeSchema)
def redemption_status(redemption_id):
    """Polled by the reward screen: turns `confirmed` once the merchant has given the reward."""
    return redemptions.own_redemption_or_404(current_user, redemption_id)


@blp.route("/merchant/shops/<int:shop_id>/counter-code", methods=["GET"])
@login_required
@blp.response(200, CounterCodeSchema)
def counter_code(shop_id):
    """The code the counter display shows now; poll it (it rotates every KICK_CODE_STEP_SECONDS)."""
    shop = serving_shop_or_404(current_actor(), shop_id)  # the owner or the shop's staff
    programme = programmes.ensure_programme(shop)
    code = programmes.counter_code(programme)
    count, last = stats.stamps_today(shop.id)
    return {"url": code.url, "code": code.code, "numeric": code.numeric, "step": code.step,
            "expires_at": code.expires_at, "stamps_today": count, "last_stamp_at": last,
            "image_url": url_for("loyalty_merchant.counter_png", shop_id=shop.id, step=code.step)}


@blp.route("/merchant/redemptions", methods=["POST"])
@login_required
@blp.arguments(ConfirmRequestSchema)
@blp.response(200, ConfirmResultSchema)
@blp.alt_response(404, description="No waiting reward with this code at your shops")
@blp.alt_response(403, description="Your own reward (`own_reward`): someone else confirms it")
@blp.alt_response(409, description="Already given (`already_redeemed`)")
@blp.alt_response(410, description="The redeem code has expired")
def confirm_redemption(body):
    """Give the reward for a shopper's redeem code at one of your shops; the card restarts."""
    pending = redemptions.find_pending(body["redeem_code"], shop_ids=reward_shop_ids(current_actor()))
    return redemptions.confirm(pending, current_user)
