"""Rewards: a full card asks for a short redeem code; the merchant (or the city desk) confirms it.

Two racing confirmations give one reward: the card row is locked (SELECT ... FOR UPDATE) and the
redemption flips pending -> confirmed with a conditional UPDATE whose row count must be 1; on top,
redemption is unique on (card_id, cycle), so one filled card can only ever be one reward.
"""
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.core import clock
from app.core.problem import ProblemError, not_found
from app.extensions import db
from app.loyalty.codes import normalize_redeem_code, redeem_code
from app.accounts.models import User
from app.loyalty.models import Card, PassReward, Redemption, RedemptionStatus, RefusalReason, ScanRefusal
from app.loyalty.services.shop_side import is_shop_side


def still_valid(expires_at: datetime, at: datetime | None = None) -> bool:
    return expires_at > (at or clock.now())


def is_live(redemption: Redemption, at: datetime | None = None) -> bool:
    return redemption.is_pending and still_valid(redemption.expires_at, at)


def own_redemption_or_404(user, redemption_id: int, city_id: int | None = None) -> Redemption:
    """The shopper's own reward claim (in `city_id` when given); someone else's is a 404 like a missing one."""
    redemption = db.session.get(Redemption, redemption_id)
    if redemption is None or redemption.card.user_id != user.id or (
            city_id is not None and redemption.city_id != city_id):
        raise not_found()
    return redemption


def _fresh_code(shop_id: int | None, city_id: int) -> str:
    """A code no other waiting reward of the same till (shop or city desk) uses."""
    for _attempt in range(10):
        code = redeem_code()
        clash = db.session.execute(select(Redemption.id).where(
            Redemption.code == code, Redemption.status == RedemptionStatus.PENDING.value,
            Redemption.shop_id == shop_id if shop_id else Redemption.city_id == city_id)).first()
        if not clash:
            return code
    raise RuntimeError("could not find a free redeem code")  # 31^6 codes: practically unreachable


def may_claim_city_reward(user) -> bool:
    """Who may cash in a city pass (real money from the city): a kept account whose owner proved their email
    address (accounts.verification), so one person cannot cash in a pass per made-up address."""
    return user is not None and not user.is_anonymous_shopper and user.email_verified_at is not None


def _pass_period(card: Card):
    return card.city_pass.starts_on


def _pass_reward_given(card: Card) -> bool:
    return db.session.execute(select(PassReward.id).where(
        PassReward.pass_id == card.pass_id, PassReward.user_id == card.user_id,
        PassReward.period_start == _pass_period(card))).first() is not None


def _account_needed(user) -> ProblemError:
    if user is not None and not user.is_anonymous_shopper:
        return ProblemError(403, _("Confirm your email address with the link we sent you to collect the city "
                                   "pass reward."), code="email_unconfirmed")
    return ProblemError(403, _("Keep your stamps in an account (email and password) to collect the city pass "
                               "reward."), code="account_needed")


def request_redemption(card: Card) -> Redemption:
    """A (new or refreshed) redeem code for the card's current cycle; the card must be full."""
    if not card.is_full:
        raise ProblemError(409, _("This card is not full yet."), code="not_full")
    if card.is_pass:
        owner = db.session.get(User, card.user_id)
        if not may_claim_city_reward(owner):
            raise _account_needed(owner)
        if _pass_reward_given(card):
            raise ProblemError(409, _("This reward has already been given."), code="already_redeemed")
    now = clock.now()
    expires = now + timedelta(seconds=int(current_app.config["KICK_REDEEM_SECONDS"]))
    shop_id = None if card.is_pass else card.programme.shop_id
    query = select(Redemption).where(Redemption.card_id == card.id, Redemption.cycle == card.redeemed_count)
    redemption = db.session.execute(query).scalar_one_or_none()
    if redemption is None:
        redemption = Redemption(card_id=card.id, cycle=card.redeemed_count, city_id=card.city_id, shop_id=shop_id,
                                code=_fresh_code(shop_id, card.city_id), status=RedemptionStatus.PENDING.value,
                                expires_at=expires)
        try:
            with db.session.begin_nested():
                db.session.add(redemption)
        except IntegrityError:  # a second tap raced us: use its row
            redemption = db.session.execute(query).scalar_one()
    if not redemption.is_pending:
        raise ProblemError(409, _("This reward has already been given."), code="already_redeemed")
    if not is_live(redemption, now):
        redemption.code = _fresh_code(shop_id, card.city_id)
        redemption.expires_at = expires
    db.session.commit()
    return redemption


def find_pending(code_text: str, *, shop_ids: list[int] | None = None, city_id: int | None = None) -> Redemption:
    """The waiting reward with this code at one of `shop_ids` (merchant) or at the city desk (pass)."""
    code = normalize_redeem_code(code_text or "")
    if code is None:
        raise ProblemError(422, _("A redeem code has 6 letters and digits."), code="validation_error",
                           errors={"redeem_code": [_("A redeem code has 6 letters and digits.")]})
    query = select(Redemption).where(Redemption.code == code, Redemption.status == RedemptionStatus.PENDING.value)
    if shop_ids is not None:
        query = query.where(Redemption.shop_id.in_(shop_ids or [-1]))
    else:
        query = query.where(Redemption.shop_id.is_(None), Redemption.city_id == city_id)
    redemption = db.session.execute(query.order_by(Redemption.id.desc()).limit(1)).scalar_one_or_none()
    if redemption is None:
        raise ProblemError(404, _("No reward is waiting with this code."), code="unknown_code",
                           errors={"redeem_code": [_("No reward is waiting with this code.")]})
    if not is_live(redemption):
        raise ProblemError(410, _("This redeem code has expired. Ask the shopper to open the reward again."),
                           code="expired", errors={"redeem_code": [
                               _("This redeem code has expired. Ask the shopper to open the reward again.")]})
    return redemption


def _own_reward(card: Card, confirmer) -> bool:
    """Nobody gives a reward to themselves: not on their own card, not at a shop they are on the side of."""
    if card.user_id == confirmer.id:
        return True
    return not card.is_pass and is_shop_side(db.session.get(User, card.user_id), card.programme.shop)


def confirm(redemption: Redemption, confirmer) -> Redemption:
    """Give the reward once: lock the card, flip the redemption, restart the card."""
    card = db.session.execute(select(Card).where(Card.id == redemption.card_id).with_for_update(of=Card)
                              .execution_options(populate_existing=True)).scalar_one()
    if _own_reward(card, confirmer):
        shop_id = None if card.is_pass else card.programme.shop_id
        db.session.rollback()  # our own logic: drop the lock and the work, then count the refusal on its own
        db.session.add(ScanRefusal(city_id=redemption.city_id, shop_id=shop_id, reason=RefusalReason.OWN_SHOP.value))
        db.session.commit()
        message = _("You cannot confirm your own reward. Another person at the till or the city desk confirms it.")
        raise ProblemError(403, message, code="own_reward", errors={"redeem_code": [message]})
    # From here a refusal is rolled back (lock, flipped row) by the caller's unit of work or the error handler.
    owner = db.session.get(User, card.user_id) if card.is_pass else None
    if card.is_pass and not may_claim_city_reward(owner):
        raise _account_needed(owner)
    now = clock.now()
    flipped = db.session.execute(
        update(Redemption).where(Redemption.id == redemption.id, Redemption.status == RedemptionStatus.PENDING.value)
        .values(status=RedemptionStatus.CONFIRMED.value, confirmed_at=now, confirmed_by_id=confirmer.id, updated_at=now)
        .execution_options(synchronize_session=False))
    if flipped.rowcount != 1 or card.redeemed_count != redemption.cycle or not card.is_full:
        raise ProblemError(409, _("This reward has already been given."), code="already_redeemed")
    if card.is_pass:  # one city reward per person per pass period, held by the database (unique key)
        try:
            with db.session.begin_nested():
                db.session.add(PassReward(city_id=card.city_id, pass_id=card.pass_id, user_id=card.user_id,
                                          period_start=_pass_period(card), redemption_id=redemption.id))
        except IntegrityError:  # the savepoint is rolled back; the flip goes with the caller's rollback
            raise ProblemError(409, _("This reward has already been given."), code="already_redeemed") from None
    spent = 0 if card.is_pass else card.stamps_required  # extra shop stamps carry over to the next card
    db.session.execute(update(Card).where(Card.id == card.id).values(
        redeemed_count=Card.redeemed_count + 1, stamps=Card.stamps - spent, updated_at=now))
    db.session.commit()
    db.session.refresh(redemption)
    return redemption
