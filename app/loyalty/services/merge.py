"""Logging in from an anonymous session hands that shopper's cards to the account, without farming stamps.

Runs inside accounts.sessions.log_in (signal `anonymous_account_replaced`), which commits.
Both people's rows are locked first (users, in id order), the same lock a scan takes
(scanning.lock_shopper), so a racing merge on two devices or a scan during the merge waits its turn.

A card the account does not have yet changes owner. A card both have is merged stamp by stamp:
an anonymous stamp moves to the account's card only if that card has no stamp in the same cooldown
window, and a poster stamp only if no poster stamp of the merged card lies within the poster cooldown;
the card's count grows by the stamps that really moved (never more than its unspent stamps), so one
person never gets more stamps than one phone could have collected. Stamps that did not move stay on the
emptied anonymous card as history, re-owned by the account. Pass visits are united (a shop counts once;
a visit confirmed at the counter on either card is confirmed). Stamps at a shop the account itself runs
never move (a merchant does not collect stamps at their own shop).
The anonymous account is remembered (MergedShopper) so export and deletion include it.
"""

from sqlalchemy import delete, func, select, update

from app.extensions import db
from app.loyalty.models import Card, MergedShopper, PassVisit, Redemption, RedemptionStatus, Stamp, StampSource
from app.loyalty.services.programmes import poster_cooldown
from app.loyalty.services.scanning import lock_shopper
from app.loyalty.services.shop_side import is_shop_side


def _merge_shop_card(mine: Card, theirs: Card, account) -> None:
    if is_shop_side(account, mine.programme.shop):
        theirs.stamps = 0  # an owner's own-shop stamps do not count, whichever account holds them
        return
    held = db.session.execute(select(Stamp.window, Stamp.source, Stamp.created_at)
                              .where(Stamp.card_id == mine.id)).all()
    windows = {window for window, _source, _at in held}
    posters = [at for _window, source, at in held if source == StampSource.POSTER]
    cooldown = poster_cooldown()
    moving = []
    for stamp_id, window, source, at in db.session.execute(
            select(Stamp.id, Stamp.window, Stamp.source, Stamp.created_at)
            .where(Stamp.card_id == theirs.id).order_by(Stamp.created_at, Stamp.id)):
        at = at
        if window in windows or (source == StampSource.POSTER and any(abs(at - p) < cooldown for p in posters)):
            continue
        windows.add(window)
        if source == StampSource.POSTER:
            posters.append(at)
        moving.append(stamp_id)
    total = db.session.execute(select(func.count()).where(Stamp.card_id == theirs.id)).scalar_one()
    left_behind = total - len(moving)
    if moving:
        db.session.execute(update(Stamp).where(Stamp.id.in_(moving)).values(card_id=mine.id)
                           .execution_options(synchronize_session=False))
    # Count the left-behind stamps as unspent ones first: the merged card never gains a doubled stamp.
    gained = max(0, min(theirs.stamps, len(moving), theirs.stamps - left_behind))
    mine.stamps += gained
    theirs.stamps = 0
    if theirs.last_stamp_at and (mine.last_stamp_at is None or theirs.last_stamp_at > mine.last_stamp_at):
        mine.last_stamp_at = theirs.last_stamp_at


def _merge_pass_card(mine: Card, theirs: Card) -> None:
    mine_visits = dict(db.session.execute(select(PassVisit.shop_id, PassVisit.confirmed)
                                          .where(PassVisit.card_id == mine.id)).all())
    for visit_id, shop_id, confirmed in db.session.execute(
            select(PassVisit.id, PassVisit.shop_id, PassVisit.confirmed).where(PassVisit.card_id == theirs.id)).all():
        if shop_id not in mine_visits:
            db.session.execute(update(PassVisit).where(PassVisit.id == visit_id).values(card_id=mine.id)
                               .execution_options(synchronize_session=False))
        elif confirmed and not mine_visits[shop_id]:
            db.session.execute(update(PassVisit).where(PassVisit.card_id == mine.id, PassVisit.shop_id == shop_id)
                               .values(confirmed=True).execution_options(synchronize_session=False))
    mine.redeemed_count = max(mine.redeemed_count, theirs.redeemed_count)
    mine.stamps = confirmed_visits(mine.id)
    theirs.stamps = 0  # its left-over visits are duplicates, kept as history only


def confirmed_visits(card_id: int) -> int:
    """A pass card's count: the different shops confirmed at the counter."""
    return db.session.execute(select(func.count()).where(
        PassVisit.card_id == card_id, PassVisit.confirmed.is_(True))).scalar_one()


def merge_cards(account, previous) -> None:
    lock_shopper(account.id, previous.id)
    # Shop cards first, then pass cards (the order a scan locks them in).
    order = (Card.pass_id.is_not(None), Card.id)
    mine = {(c.programme_id, c.pass_id): c for c in db.session.execute(
        select(Card).where(Card.user_id == account.id).order_by(*order)
        .execution_options(populate_existing=True)).scalars()}
    for card in db.session.execute(select(Card).where(Card.user_id == previous.id).order_by(*order)
                                   .execution_options(populate_existing=True)).scalars().all():
        target = mine.get((card.programme_id, card.pass_id))
        if target is None and card.programme_id is not None and is_shop_side(account, card.programme.shop):
            card.stamps = 0  # stays with the anonymous account, counting nothing
            continue
        if target is None:
            card.user_id = account.id
            continue
        # The anonymous card's waiting reward is void: its stamps now live on the account's card.
        db.session.execute(delete(Redemption).where(Redemption.card_id == card.id,
                                                    Redemption.status == RedemptionStatus.PENDING.value))
        if card.is_pass:
            _merge_pass_card(target, card)
        else:
            _merge_shop_card(target, card, account)
    db.session.execute(update(Stamp).where(Stamp.user_id == previous.id).values(user_id=account.id)
                       .execution_options(synchronize_session=False))
    # Remember whose anonymous account this was: it is the person's data (export, deletion).
    if db.session.execute(select(MergedShopper.id).where(MergedShopper.anonymous_id == previous.id)).first() is None:
        db.session.add(MergedShopper(account_id=account.id, anonymous_id=previous.id))
    db.session.execute(update(MergedShopper).where(MergedShopper.account_id == previous.id)
                       .values(account_id=account.id).execution_options(synchronize_session=False))
    db.session.flush()


def on_anonymous_account_replaced(account, previous=None, **_kwargs) -> None:
    if previous is not None:
        merge_cards(account, previous)
