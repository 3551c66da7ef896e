"""Logging in from an anonymous session hands that shopper's cards to the account, losing nothing.

Runs inside accounts.services.log_in (signal `anonymous_account_replaced`), which commits.
A card the account does not have yet simply changes owner. A card both have is merged:
shop stamps are added up; pass visits are united (a shop counts once on a pass).
Stamp rows move along unless the account already holds a stamp in the same window (the unique
key forbids two); those stay on the emptied anonymous card as history, re-owned by the account.
"""
from sqlalchemy import delete, func, select, update

from app.extensions import db
from app.loyalty.models import Card, PassVisit, Redemption, Stamp


def _merge_shop_card(mine: Card, theirs: Card) -> None:
    mine.stamps += theirs.stamps
    theirs.stamps = 0
    taken = set(db.session.execute(select(Stamp.window).where(Stamp.card_id == mine.id)).scalars())
    db.session.execute(update(Stamp).where(Stamp.card_id == theirs.id, Stamp.window.not_in(taken or {-1}))
                       .values(card_id=mine.id).execution_options(synchronize_session=False))
    if theirs.last_stamp_at and (mine.last_stamp_at is None or theirs.last_stamp_at > mine.last_stamp_at):
        mine.last_stamp_at = theirs.last_stamp_at


def _merge_pass_card(mine: Card, theirs: Card) -> None:
    taken = set(db.session.execute(select(PassVisit.shop_id).where(PassVisit.card_id == mine.id)).scalars())
    db.session.execute(update(PassVisit).where(PassVisit.card_id == theirs.id, PassVisit.shop_id.not_in(taken or {-1}))
                       .values(card_id=mine.id).execution_options(synchronize_session=False))
    mine.stamps = db.session.execute(select(func.count()).where(PassVisit.card_id == mine.id)).scalar_one()
    mine.redeemed_count = max(mine.redeemed_count, theirs.redeemed_count)
    theirs.stamps = 0


def merge_cards(account, previous) -> None:
    mine = {(c.programme_id, c.pass_id): c
            for c in db.session.execute(select(Card).where(Card.user_id == account.id)).scalars()}
    for card in db.session.execute(select(Card).where(Card.user_id == previous.id)).scalars().all():
        target = mine.get((card.programme_id, card.pass_id))
        if target is None:
            card.user_id = account.id
            continue
        # The anonymous card's waiting reward is void: its stamps now live on the account's card.
        db.session.execute(delete(Redemption).where(Redemption.card_id == card.id, Redemption.status == "pending"))
        if card.is_pass:
            _merge_pass_card(target, card)
        else:
            _merge_shop_card(target, card)
    db.session.execute(update(Stamp).where(Stamp.user_id == previous.id).values(user_id=account.id)
                       .execution_options(synchronize_session=False))
    db.session.flush()


def on_anonymous_account_replaced(account, previous=None, **_kwargs) -> None:
    if previous is not None:
        merge_cards(account, previous)
