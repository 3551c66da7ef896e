"""A scanned code becomes a stamp on the shop card (and counts for the city pass), or a counted refusal.

Checks, in order: the code is well formed and its MAC is genuine (for this shop, this city), the
programme is active, the code is fresh (its time step plus one step of grace; posters: the current
generation), and the shopper has no stamp in the current cooldown window. The last rule is held by
the database: stamp is unique on (card_id, window), so N racing scans give exactly one stamp.
"""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from app.core import clock
from app.core.clock import TZ
from app.core.problem import ProblemError
from app.extensions import db
from app.accounts.models import User
from app.loyalty.codes import (
    CodeError, CodeKind, parse_code, typed_digits, verify_counter, verify_numeric, verify_poster)
from app.loyalty.models import Card, PassVisit, RefusalReason, Stamp, StampProgramme, StampSource
from app.loyalty.refusals import refuse
from app.loyalty.services.passes import pass_for_city
from app.loyalty.services.programmes import poster_cooldown, step_seconds
from app.loyalty.services.shop_side import is_shop_side
from app.loyalty.windows import next_window_start, window_for
from app.shops.models import Shop


@dataclass
class ScanResult:
    stamp: Stamp
    card: Card
    pass_card: Card | None
    pass_counted: bool  # this stamp added a new shop to the pass
    pass_pending: bool = False  # a poster stamp at a pass shop: counts once confirmed at the counter


def _programme_of_shop(shop_id: int) -> StampProgramme | None:
    return db.session.execute(
        select(StampProgramme).options(joinedload(StampProgramme.shop).joinedload(Shop.city))
        .where(StampProgramme.shop_id == shop_id)).scalar_one_or_none()


def _verify_token(programme: StampProgramme, parsed, slug: str, at: datetime) -> StampSource:
    """Source of a genuine code (counter or poster); CodeError otherwise."""
    if parsed.kind == CodeKind.POSTER:
        verify_poster(programme.secret, slug, parsed, programme.poster_generation)
        return StampSource.POSTER
    verify_counter(programme.secret, slug, parsed, at.timestamp(), step_seconds())
    return StampSource.COUNTER


def check_code(city, token: str | None, *, numeric_shop_id: int | None = None,
               at: datetime) -> tuple[StampProgramme, StampSource]:
    """(programme, source) for a code presented at `city` (None: the API without a city), or raise."""
    url_city_id = city.id if city is not None else None
    if numeric_shop_id is not None:
        return _check_numeric(city, token, numeric_shop_id, at)
    try:
        parsed = parse_code(token or "")
    except CodeError:
        raise refuse(RefusalReason.INVALID, city_id=url_city_id) from None
    programme = _programme_of_shop(parsed.shop_id)
    if programme is None:
        raise refuse(RefusalReason.INVALID, city_id=url_city_id)
    shop = programme.shop
    try:
        source = _verify_token(programme, parsed, shop.city.slug, at)
    except CodeError as error:
        if error.reason == RefusalReason.INVALID:
            raise refuse(RefusalReason.INVALID, city_id=url_city_id or shop.city_id, shop_id=shop.id) from None
        source, expired = None, True
    else:
        expired = False
    # Genuine for its own city (the MAC binds the slug); presented at another city's URL.
    if city is not None and shop.city_id != city.id:
        raise refuse(RefusalReason.WRONG_CITY, city_id=shop.city_id, shop_id=shop.id)
    if not programme.active or not shop.is_public:
        raise refuse(RefusalReason.PAUSED, city_id=shop.city_id, shop_id=shop.id)
    if expired:
        raise refuse(RefusalReason.EXPIRED, city_id=shop.city_id, shop_id=shop.id)
    return programme, source


def _check_numeric(city, digits, shop_id, at):
    programme = _programme_of_shop(shop_id)
    if programme is None or city is None or programme.shop.city_id != city.id:
        raise refuse(RefusalReason.INVALID, city_id=city.id if city is not None else None)
    shop = programme.shop
    if not programme.active or not shop.is_public:
        raise refuse(RefusalReason.PAUSED, city_id=shop.city_id, shop_id=shop.id)
    try:
        verify_numeric(programme.secret, shop.city.slug, shop.id, typed_digits(digits), at.timestamp(),
                       step_seconds())
    except CodeError as error:
        raise refuse(error.reason, city_id=shop.city_id, shop_id=shop.id) from None
    return programme, StampSource.NUMERIC


def card_for(user, *, programme: StampProgramme | None = None, city_pass=None, city=None) -> Card:
    """Get or create the shopper's card; a racing insert loses to the unique key and re-reads. `city`: the
    card's city when the caller holds it already (a new card then needs no query to show it)."""
    if programme is not None:
        criterion, values = Card.programme_id == programme.id, {"programme_id": programme.id,
                                                                 "city_id": programme.city_id}
    else:
        criterion, values = Card.pass_id == city_pass.id, {"pass_id": city_pass.id, "city_id": city_pass.city_id}
    query = select(Card).where(Card.user_id == user.id, criterion)
    card = db.session.execute(query).scalar_one_or_none()
    if card is not None:
        return card
    key = ["user_id", "programme_id" if programme is not None else "pass_id"]
    card = _insert_unless_taken(Card, key, user_id=user.id, stamps=0, redeemed_count=0, **values)
    if card is None:  # a racing insert won the unique key
        return db.session.execute(query).scalar_one()
    # A new card: its relations are the ones we hold, no query to load them.
    set_committed_value(card, "programme", programme)
    set_committed_value(card, "city_pass", city_pass)
    if city is not None and city.id == card.city_id:
        set_committed_value(card, "city", city)
    return card


def _insert_unless_taken(model, key: list[str], **values):
    """INSERT .. ON CONFLICT (key) DO NOTHING RETURNING the row: the new object, or None when the unique key
    is taken. One round trip where a savepoint, the insert and its release took three; the unique key still
    decides every race (PostgreSQL and SQLite both have the upsert)."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(model).values(**values).on_conflict_do_nothing(index_elements=key).returning(model)
    return db.session.execute(statement).scalar_one_or_none()


def _poster_rule(card: Card, programme: StampProgramme, at: datetime) -> None:
    """Poster codes are static (a photo works anywhere), so they stamp at most once per poster cooldown."""
    last = db.session.execute(select(func.max(Stamp.created_at)).where(
        Stamp.card_id == card.id, Stamp.source == StampSource.POSTER.value)).scalar_one()
    if last is not None and at < last + poster_cooldown():
        raise refuse(RefusalReason.COOLDOWN, city_id=programme.city_id, shop_id=programme.shop_id,
                     next_at=(last + poster_cooldown()).astimezone(TZ))


def lock_shopper(*user_ids: int) -> None:
    """Lock these people's rows (in id order) for the rest of the transaction: one person's scans and card
    merges run one after the other, so counts are read and written consistently (PostgreSQL; SQLite has one
    writer at a time anyway)."""
    from app.accounts.models import User
    db.session.execute(select(User.id).where(User.id.in_(sorted(set(user_ids)))).order_by(User.id)
                       .with_for_update())


def _count_for_pass(user, shop, at: datetime, source: StampSource,
                    shop_card: Card | None = None) -> tuple[Card | None, bool, bool]:
    """(pass card, counted now, waiting for the counter) for a stamp of `source` at `shop`.

    A counter or typed code (shown by the counter display) proves the shopper stood at the shop: the visit
    counts. A poster code (static: a photo works anywhere) makes an unconfirmed visit; the shop's counter
    code, scanned later, confirms it. `shop_card`: the shop card that has just got its stamp; its count
    goes up in the same UPDATE as the pass card's."""
    city_pass = pass_for_city(shop.city_id)
    if city_pass is None or not city_pass.runs_on(clock.local_date(at)) or not city_pass.includes(shop):
        _add_stamp_to(shop_card, at=at)
        return None, False, False
    card = card_for(user, city_pass=city_pass, city=shop.city)
    counted, pending = _visit_counts(card, shop, at, source)
    _add_stamp_to(shop_card, card if counted else None, at=at)
    return card, counted, pending


def _visit_counts(card: Card, shop, at: datetime, source: StampSource) -> tuple[bool, bool]:
    """(counts now, waiting for the counter) for this visit of `shop` on the pass `card`. The visit is
    inserted first (the unique key (card_id, shop_id) decides a race); only a shop seen before is read."""
    if card.redeemed_count:
        return False, False  # the pass was already cashed in
    at_counter = source != StampSource.POSTER
    if _insert_unless_taken(PassVisit, ["card_id", "shop_id"], card_id=card.id, shop_id=shop.id, created_at=at,
                            confirmed=at_counter) is not None:
        return at_counter, not at_counter
    seen = db.session.execute(select(PassVisit).where(
        PassVisit.card_id == card.id, PassVisit.shop_id == shop.id)).scalar_one()
    if seen.confirmed or not at_counter:
        return False, not seen.confirmed
    flipped = db.session.execute(update(PassVisit).where(PassVisit.id == seen.id, PassVisit.confirmed.is_(False))
                                 .values(confirmed=True).execution_options(synchronize_session=False))
    return flipped.rowcount == 1, False


def _add_stamp_to(*cards: Card | None, at: datetime) -> None:
    """One more stamp on each of these cards, in one UPDATE."""
    ids = [card.id for card in cards if card is not None]
    if ids:
        db.session.execute(update(Card).where(Card.id.in_(ids)).values(stamps=Card.stamps + 1, last_stamp_at=at))


def _pending_pass_visit(user, shop) -> bool:
    """Whether the shopper has a poster visit at `shop` on their running pass that the counter can confirm."""
    return db.session.execute(select(PassVisit.id).join(Card, Card.id == PassVisit.card_id).where(
        Card.user_id == user.id, Card.pass_id.is_not(None), Card.redeemed_count == 0,
        PassVisit.shop_id == shop.id, PassVisit.confirmed.is_(False))).first() is not None


def _confirm_pass_visit_only(user, programme: StampProgramme, at: datetime, next_at) -> ProblemError:
    """A counter scan inside the cooldown window: no second stamp, but the poster visit now counts for the pass."""
    pass_card, counted, _pending = _count_for_pass(user, programme.shop, at, StampSource.COUNTER)
    if not counted:
        return refuse(RefusalReason.COOLDOWN, city_id=programme.city_id, shop_id=programme.shop_id, next_at=next_at)
    db.session.commit()
    problem = refuse(RefusalReason.COOLDOWN, city_id=programme.city_id, shop_id=programme.shop_id, next_at=next_at)
    problem.detail = pass_confirmed_message()
    problem.extra = {**(problem.extra or {}), "pass_confirmed": True}
    return problem


def pass_confirmed_message() -> str:
    return _("You already got a stamp here today, but this visit now counts for the city pass.")


def add_stamp(user, programme: StampProgramme, source: StampSource, at: datetime) -> ScanResult:
    if is_shop_side(user, programme.shop):
        raise refuse(RefusalReason.OWN_SHOP, city_id=programme.city_id, shop_id=programme.shop_id)
    lock_shopper(user.id)
    card = card_for(user, programme=programme, city=programme.shop.city)
    window = window_for(at, programme.cooldown_hours)
    next_at = next_window_start(at, programme.cooldown_hours).astimezone(TZ)
    if source == StampSource.POSTER:
        _poster_rule(card, programme, at)
    # The unique key (card_id, window) decides: no row back means this window's stamp is taken (earlier, or
    # by a racing scan), in one round trip instead of a look-up, a savepoint, the insert and its release.
    stamp = _insert_unless_taken(Stamp, ["card_id", "window"], card_id=card.id, shop_id=programme.shop_id,
                                 user_id=user.id, city_id=programme.city_id, source=StampSource(source).value,
                                 window=window, created_at=at)
    if stamp is None:
        if source != StampSource.POSTER and _pending_pass_visit(user, programme.shop):
            raise _confirm_pass_visit_only(user, programme, at, next_at)
        raise refuse(RefusalReason.COOLDOWN, city_id=programme.city_id, shop_id=programme.shop_id, next_at=next_at)
    pass_card, counted, pending = _count_for_pass(user, programme.shop, at, source, shop_card=card)
    _commit_keeping_the_answer(card, pass_card)
    return ScanResult(stamp=stamp, card=card, pass_card=pass_card, pass_counted=counted, pass_pending=pending)


def _commit_keeping_the_answer(*cards: Card | None) -> None:
    """Commit with what the answer shows already loaded and not expired by the commit: a database that goes
    away right after it (a restart mid-request) must not turn a stored stamp into a 503, which the shopper
    would retry and be told "come back tomorrow"."""
    for card in filter(None, cards):
        card.city, card.city_pass, card.programme and card.programme.shop  # noqa: B018 - load them now
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def scan(city, token: str | None, shopper: Callable[[], User], *,
         numeric_shop_id: int | None = None) -> ScanResult:
    """The whole scan: verify the code, then ask `shopper` for the actor to stamp (the session side makes
    an anonymous one on a first scan: accounts.sessions.ensure_shopper), stamp. A refused code makes nobody."""
    at = clock.now()
    programme, source = check_code(city, token, numeric_shop_id=numeric_shop_id, at=at)
    user = shopper()
    return add_stamp(user, programme, source, at)

