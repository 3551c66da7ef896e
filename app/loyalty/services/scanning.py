"""A scanned code becomes a stamp on the shop card (and counts for the city pass), or a counted refusal.

Checks, in order: the code is well formed and its MAC is genuine (for this shop, this city), the
programme is active, the code is fresh (its time step plus one step of grace; posters: the current
generation), and the shopper has no stamp in the current cooldown window. The last rule is held by
the database: stamp is unique on (card_id, window), so N racing scans give exactly one stamp.
"""
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.accounts.services import ensure_shopper
from app.extensions import db
from app.loyalty import clock
from app.loyalty.codes import CodeError, parse_code, verify_counter, verify_numeric, verify_poster
from app.loyalty.models import Card, PassVisit, Stamp, StampProgramme
from app.loyalty.refusals import refuse
from app.loyalty.services.passes import pass_for_city
from app.loyalty.services.programmes import poster_cooldown, step_seconds
from app.loyalty.windows import TZ, next_window_start, window_for
from app.shops.models import Shop


@dataclass
class ScanResult:
    stamp: Stamp
    card: Card
    pass_card: Card | None
    pass_counted: bool  # this stamp added a new shop to the pass


def _programme_of_shop(shop_id: int) -> StampProgramme | None:
    return db.session.execute(
        select(StampProgramme).options(joinedload(StampProgramme.shop).joinedload(Shop.city))
        .where(StampProgramme.shop_id == shop_id)).scalar_one_or_none()


def _verify_token(programme: StampProgramme, parsed, slug: str, at: datetime) -> str:
    """Source of a genuine code ("counter" | "poster"); CodeError otherwise."""
    if parsed.kind == "poster":
        verify_poster(programme.secret, slug, parsed, programme.poster_generation)
        return "poster"
    verify_counter(programme.secret, slug, parsed, at.timestamp(), step_seconds())
    return "counter"


def check_code(city, token: str | None, *, numeric_shop_id: int | None = None,
               at: datetime) -> tuple[StampProgramme, str]:
    """(programme, source) for a code presented at `city` (None: the API without a city), or raise."""
    url_city_id = city.id if city is not None else None
    if numeric_shop_id is not None:
        return _check_numeric(city, token, numeric_shop_id, at)
    try:
        parsed = parse_code(token or "")
    except CodeError:
        raise refuse("invalid", city_id=url_city_id) from None
    programme = _programme_of_shop(parsed.shop_id)
    if programme is None:
        raise refuse("invalid", city_id=url_city_id)
    shop = programme.shop
    try:
        source = _verify_token(programme, parsed, shop.city.slug, at)
    except CodeError as error:
        if error.reason == "invalid":
            raise refuse("invalid", city_id=url_city_id or shop.city_id, shop_id=shop.id) from None
        source, expired = None, True
    else:
        expired = False
    # Genuine for its own city (the MAC binds the slug); presented at another city's URL.
    if city is not None and shop.city_id != city.id:
        raise refuse("wrong_city", city_id=shop.city_id, shop_id=shop.id)
    if not programme.active or not shop.is_public:
        raise refuse("paused", city_id=shop.city_id, shop_id=shop.id)
    if expired:
        raise refuse("expired", city_id=shop.city_id, shop_id=shop.id)
    return programme, source


def _check_numeric(city, digits, shop_id, at):
    programme = _programme_of_shop(shop_id)
    if programme is None or city is None or programme.shop.city_id != city.id:
        raise refuse("invalid", city_id=city.id if city is not None else None)
    shop = programme.shop
    if not programme.active or not shop.is_public:
        raise refuse("paused", city_id=shop.city_id, shop_id=shop.id)
    try:
        verify_numeric(programme.secret, shop.city.slug, shop.id, (digits or "").strip(), at.timestamp(),
                       step_seconds())
    except CodeError as error:
        raise refuse(error.reason, city_id=shop.city_id, shop_id=shop.id) from None
    return programme, "numeric"


def card_for(user, *, programme: StampProgramme | None = None, city_pass=None) -> Card:
    """Get or create the shopper's card; a racing insert loses to the unique key and re-reads."""
    if programme is not None:
        criterion, values = Card.programme_id == programme.id, {"programme_id": programme.id,
                                                                 "city_id": programme.city_id}
    else:
        criterion, values = Card.pass_id == city_pass.id, {"pass_id": city_pass.id, "city_id": city_pass.city_id}
    query = select(Card).where(Card.user_id == user.id, criterion)
    card = db.session.execute(query).scalar_one_or_none()
    if card is not None:
        return card
    card = Card(user_id=user.id, stamps=0, redeemed_count=0, **values)
    try:
        with db.session.begin_nested():
            db.session.add(card)
    except IntegrityError:
        card = db.session.execute(query).scalar_one()
    return card


def _poster_rule(card: Card, programme: StampProgramme, at: datetime) -> None:
    """Poster codes are static (a photo works anywhere), so they stamp at most once per poster cooldown."""
    last = db.session.execute(select(func.max(Stamp.created_at)).where(
        Stamp.card_id == card.id, Stamp.source == "poster")).scalar_one()
    if last is not None:
        if last.tzinfo is None:  # SQLite returns naive UTC from an aggregate
            last = last.replace(tzinfo=timezone.utc)
        if at < last + poster_cooldown():
            raise refuse("cooldown", city_id=programme.city_id, shop_id=programme.shop_id,
                         next_at=(last + poster_cooldown()).astimezone(TZ))


def _count_for_pass(user, shop, at: datetime) -> tuple[Card | None, bool]:
    city_pass = pass_for_city(shop.city_id)
    if city_pass is None or not city_pass.runs_on(at.astimezone(TZ).date()) or not city_pass.includes(shop):
        return None, False
    card = card_for(user, city_pass=city_pass)
    if card.redeemed_count:
        return card, False  # the pass was already cashed in
    seen = db.session.execute(select(PassVisit.id).where(
        PassVisit.card_id == card.id, PassVisit.shop_id == shop.id)).first()
    if seen:
        return card, False
    try:
        with db.session.begin_nested():
            db.session.add(PassVisit(card_id=card.id, shop_id=shop.id, created_at=at))
    except IntegrityError:
        return card, False
    db.session.execute(update(Card).where(Card.id == card.id).values(stamps=Card.stamps + 1, last_stamp_at=at))
    return card, True


def add_stamp(user, programme: StampProgramme, source: str, at: datetime) -> ScanResult:
    card = card_for(user, programme=programme)
    if source == "poster":
        _poster_rule(card, programme, at)
    window = window_for(at, programme.cooldown_hours)
    next_at = next_window_start(at, programme.cooldown_hours).astimezone(TZ)
    taken = db.session.execute(select(Stamp.id).where(Stamp.card_id == card.id, Stamp.window == window)).first()
    if taken:
        raise refuse("cooldown", city_id=programme.city_id, shop_id=programme.shop_id, next_at=next_at)
    stamp = Stamp(card_id=card.id, shop_id=programme.shop_id, user_id=user.id, city_id=programme.city_id,
                  source=source, window=window, created_at=at)
    try:
        with db.session.begin_nested():
            db.session.add(stamp)
    except IntegrityError:  # a racing scan won this window
        raise refuse("cooldown", city_id=programme.city_id, shop_id=programme.shop_id, next_at=next_at) from None
    db.session.execute(update(Card).where(Card.id == card.id).values(stamps=Card.stamps + 1, last_stamp_at=at))
    pass_card, counted = _count_for_pass(user, programme.shop, at)
    _commit_keeping_the_answer(card, pass_card)
    return ScanResult(stamp=stamp, card=card, pass_card=pass_card, pass_counted=counted)


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


def scan(city, token: str | None, *, numeric_shop_id: int | None = None) -> ScanResult:
    """The whole scan: verify the code, make sure there is a shopper (anonymous on a first scan), stamp."""
    at = clock.now()
    programme, source = check_code(city, token, numeric_shop_id=numeric_shop_id, at=at)
    user = ensure_shopper()
    return add_stamp(user, programme, source, at)

