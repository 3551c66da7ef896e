"""Loyalty's part of a shopper's privacy rights: their data export, and forgetting them.

Forgetting keeps the shops' statistics exact: before the stamps and rewards go, they are added to
anonymous day totals (app.loyalty.tally) that app.loyalty.services.stats reads beside the raw rows.
"""
from collections import defaultdict

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import joinedload

from app.cities.models import City
from app.extensions import db
from app.loyalty.models import (Card, MergedShopper, PassReward, PassVisit, Redemption, RedemptionStatus, Stamp,
                                 StampProgramme)
from app.loyalty.tally import DayCounts, add_to_tally, history_counts
from app.shops.models import Shop


def _iso(value):
    return value.isoformat() if value is not None else None


def merged_away_ids(user_id: int) -> list[int]:
    """The anonymous shoppers whose cards were merged into this account at login (they are the same person)."""
    return list(db.session.execute(select(MergedShopper.anonymous_id).where(MergedShopper.account_id == user_id)
                                   .order_by(MergedShopper.anonymous_id)).scalars())


def linked_accounts(user) -> list[int]:
    return merged_away_ids(user.id)


def export_user(user) -> dict:
    """Every card, stamp, city-pass visit and reward of the person, including the anonymous cards merged into
    the account at login (six queries)."""
    merged = merged_away_ids(user.id)
    owners = [user.id, *merged]
    cards = list(db.session.execute(
        select(Card).options(joinedload(Card.programme).joinedload(StampProgramme.shop), joinedload(Card.city_pass),
                             joinedload(Card.city))
        .where(Card.user_id.in_(owners)).order_by(Card.id)).unique().scalars())
    card_ids = [card.id for card in cards] or [-1]
    stamps = db.session.execute(
        select(Stamp.card_id, Stamp.created_at, Stamp.source, Shop.slug).join(Shop, Shop.id == Stamp.shop_id)
        .where(or_(Stamp.user_id.in_(owners), Stamp.card_id.in_(card_ids))).order_by(Stamp.created_at)).all()
    visits = db.session.execute(
        select(PassVisit.card_id, PassVisit.created_at, Shop.slug, PassVisit.confirmed)
        .join(Shop, Shop.id == PassVisit.shop_id)
        .where(PassVisit.card_id.in_(card_ids)).order_by(PassVisit.created_at)).all()
    rewards = db.session.execute(select(Redemption).where(Redemption.card_id.in_(card_ids))
                                 .order_by(Redemption.created_at)).unique().scalars().all()
    pass_rewards = db.session.execute(
        select(City.slug, PassReward.period_start, PassReward.created_at).join(City, City.id == PassReward.city_id)
        .where(PassReward.user_id.in_(owners)).order_by(PassReward.created_at)).all()

    stamps_by_card, visits_by_card, rewards_by_card = defaultdict(list), defaultdict(list), defaultdict(list)
    for card_id, at, source, shop in stamps:
        stamps_by_card[card_id].append({"shop": shop, "at": _iso(at), "source": source})
    for card_id, at, shop, confirmed in visits:
        visits_by_card[card_id].append({"shop": shop, "at": _iso(at), "confirmed_at_counter": confirmed})
    for reward in rewards:
        rewards_by_card[reward.card_id].append({"status": reward.status, "requested_at": _iso(reward.created_at),
                                                "confirmed_at": _iso(reward.confirmed_at)})
    return {"merged_anonymous_accounts": len(merged), "city_pass_rewards": [
        {"city": city, "pass_period_start": period.isoformat(), "given_at": _iso(at)}
        for city, period, at in pass_rewards], "cards": [{
        "city": card.city.slug,
        "merged_from_anonymous_account": card.user_id != user.id,
        "kind": "city_pass" if card.is_pass else "shop",
        "shop": None if card.is_pass else card.programme.shop.slug,
        "stamps": card.stamps,
        "rewards_received": card.redeemed_count,
        "created_at": _iso(card.created_at),
        "last_stamp_at": _iso(card.last_stamp_at),
        "stamp_history": stamps_by_card[card.id],
        "city_pass_shops": visits_by_card[card.id],
        "rewards": rewards_by_card[card.id],
    } for card in cards]}


def forget_user(user, **_kwargs) -> None:
    """Forget the person's loyalty data, and that of the anonymous accounts merged into theirs."""
    _forget([user.id, *merged_away_ids(user.id)])
    db.session.execute(delete(MergedShopper).where(or_(MergedShopper.account_id == user.id,
                                                       MergedShopper.anonymous_id == user.id))
                       .execution_options(synchronize_session=False))


def _forget(user_ids: list[int]) -> None:
    """Count one person's stamps and rewards into the day totals, then delete cards, stamps and rewards.

    Deletes are explicit (not left to ON DELETE CASCADE): SQLite does not enforce foreign keys here.
    """
    card_ids = select(Card.id).where(Card.user_id.in_(user_ids))
    stamp_filter = or_(Stamp.user_id.in_(user_ids), Stamp.card_id.in_(card_ids))
    per_shop: dict[tuple[int, int], tuple[list, list]] = defaultdict(lambda: ([], []))
    for city_id, shop_id, at in db.session.execute(
            select(Stamp.city_id, Stamp.shop_id, Stamp.created_at).where(stamp_filter)):
        per_shop[(city_id, shop_id)][0].append(at)
    for city_id, shop_id, at in db.session.execute(
            select(Redemption.city_id, Redemption.shop_id, Redemption.confirmed_at).where(
                Redemption.card_id.in_(card_ids), Redemption.status == RedemptionStatus.CONFIRMED.value,
                Redemption.shop_id.is_not(None), Redemption.confirmed_at.is_not(None))):
        per_shop[(city_id, shop_id)][1].append(at)

    rows: dict = defaultdict(DayCounts)
    for (city_id, shop_id), (stamp_times, reward_times) in per_shop.items():
        for day, counts in history_counts(stamp_times, reward_times).items():
            rows[(city_id, shop_id, day)].add(counts)
    add_to_tally(dict(rows))

    for statement in (delete(Stamp).where(stamp_filter),
                      delete(PassVisit).where(PassVisit.card_id.in_(card_ids)),
                      delete(PassReward).where(PassReward.user_id.in_(user_ids)),
                      delete(Redemption).where(Redemption.card_id.in_(card_ids)),
                      delete(Card).where(Card.user_id.in_(user_ids)),
                      # A merchant or marketer who confirmed rewards: the reward stays, the name goes.
                      update(Redemption).where(Redemption.confirmed_by_id.in_(user_ids)).values(confirmed_by_id=None)):
        db.session.execute(statement.execution_options(synchronize_session=False))
