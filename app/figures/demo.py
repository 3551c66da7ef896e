"""Demo figures: fourteen months of Roeselare's history (and a smaller one of Oostende and Ieper, so that the
towns' average has three towns), so the dashboard has a story to tell.

A few hundred anonymous demo shoppers (a quarter of them keep an account along the way) collect stamps at the
town's shops, busier on Saturdays and in December and a little busier than a year before. One shop, the
made-to-measure tailor, is quiet: three regulars come back every week or so and the pass walkers pass by once, so
each month its returning shoppers are three (a cell the dashboard hides) and its shoppers under ten.
Some walk the city pass, rewards are confirmed at the till and at the desk, scans are refused now and then (a week
of `expired` five weeks ago: a photographed code going round). Visitors view pages and walk the trails, and three
counting points of the town count people every hour.

Then the rollup runs for every town and the raw counter events past their retention go, as the purge would
have done: the demo is a town in use. Idempotent: the history is written once (its first weeks' stamps say it is there); a second
load only rolls up days that ended since. Fast: plain multi-row inserts, a seeded random generator.
"""
import math
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from flask import current_app
from sqlalchemy import delete, insert, select
from werkzeug.security import generate_password_hash

from app.accounts.models import User
from app.cities.models import City
from app.core import clock
from app.extensions import db
from app.figures.models import CountingPoint, EventKind, FigureEvent, FigureRollup, FootfallCount, RollupRun
from app.loyalty.models import Card, CityPass, PassReward, PassVisit, Redemption, ScanRefusal, Stamp, StampProgramme
from app.loyalty.windows import window_for
from app.shops.models import Shop
from app.trails.models import Trail

CITY = "roeselare"  # the town with the whole story, its people counters included
# Towns with a history, and their demo shoppers: three, so each sees its indices beside the towns' average.
TOWNS = {CITY: 400, "oostende": 180, "ieper": 150}
HISTORY_DAYS = 425  # about fourteen months, so last month has the same month a year before
REGULARS = 3  # the quiet shop's shoppers
KEEP_SHARE = 0.25  # of the shoppers keep their stamps in an account
PASS_WALKERS = 2  # one shopper in two walks the city pass once
GROWTH = 0.12  # a year on year
POINTS = (("RSL-OOST", "Ooststraat", 0.0009, 0.0016, 1.0), ("RSL-NOORD", "Noordstraat", 0.0021, -0.0004, 0.7),
          ("RSL-ZUID", "Zuidstraat", -0.0018, 0.0003, 0.55))
HOURS = {2: (10, 11, 11, 12, 13, 14, 15, 15, 16, 16, 17), 6: (10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 17)}  # Tue-Fri / Sat
PAGES = {"home": 22, "shops": 9, "trails": 5, "green": 3, "stamps": 8}  # views on an ordinary day
REFUSAL_REASONS = ("cooldown", "cooldown", "cooldown", "expired", "invalid", "paused")


def _season(day: date, start: date) -> float:
    """How busy the town is on `day`: the weekday, December and the summer, and the year's growth."""
    weekday = {1: 0.0, 2: 0.85, 3: 1.0, 4: 0.9, 5: 1.1, 6: 1.8, 7: 0.0}[day.isoweekday()]
    month = {12: 1.45, 7: 0.8, 8: 0.75, 1: 0.85}.get(day.month, 1.0)
    return weekday * month * (1 + GROWTH * (day - start).days / 365)


def _at(day: date, hour: int, rng: random.Random) -> datetime:
    local = datetime.combine(day, time(hour, rng.randrange(60), rng.randrange(60)), clock.TZ)
    return local.astimezone(timezone.utc)


@dataclass
class Shopper:
    index: int
    shops: list[int]  # shop ids they come back to, the first most often
    rate: float  # visits per ordinary day
    stamps: list[tuple[datetime, int]] = field(default_factory=list)
    keeps_on: datetime | None = None  # when they confirmed an account

    @property
    def first_at(self) -> datetime:
        return min(at for at, _shop in self.stamps)


def _visit(shopper: Shopper, day: date, shop_id: int, rng: random.Random, taken: set) -> None:
    if (shopper.index, shop_id, day) not in taken:  # one stamp per card per day (a 24 hour cooldown)
        taken.add((shopper.index, shop_id, day))
        shopper.stamps.append((_at(day, rng.choice(HOURS[6 if day.isoweekday() == 6 else 2]), rng), shop_id))


def _walk_pass(shopper: Shopper, shops: list[int], start: date, rng: random.Random, taken: set, count: int) -> None:
    """One walk along every shop of the pass within three weeks; the walkers' walks spread over the history."""
    walkers = count // PASS_WALKERS
    day = start + timedelta(days=int((shopper.index // PASS_WALKERS + rng.random()) * (HISTORY_DAYS - 25) / walkers))
    for shop_id in rng.sample(shops, len(shops)):
        while _season(day, start) == 0:
            day += timedelta(days=1)
        _visit(shopper, day, shop_id, rng, taken)
        day += timedelta(days=rng.randrange(1, 7))


def simulate(shops: list[int], quiet: int, start: date, last: date, rng: random.Random,
             count: int = TOWNS[CITY]) -> list[Shopper]:
    """Who stamps where and when: a Poisson-like visit pattern per shopper, seasons, regulars and pass walks."""
    busy = [shop for shop in shops if shop != quiet]
    shoppers, taken = [], set()
    for index in range(count):
        if index < REGULARS:
            shopper = Shopper(index, [quiet], 0.12)
        else:
            homes = rng.sample(busy, min(len(busy), 1 + (rng.random() < 0.35)))
            shopper = Shopper(index, homes, math.exp(rng.uniform(math.log(0.03), math.log(0.2))))
        joined = start if rng.random() < 0.7 else start + timedelta(days=rng.randrange(HISTORY_DAYS - 30))
        for day in (joined + timedelta(days=n) for n in range((last - joined).days + 1)):
            if rng.random() < shopper.rate * _season(day, start):
                shop_id = shopper.shops[0] if rng.random() < 0.75 else rng.choice(shopper.shops)
                _visit(shopper, day, shop_id, rng, taken)
        if index >= REGULARS and index % PASS_WALKERS == 0:
            _walk_pass(shopper, shops, start, rng, taken, count)
        if shopper.stamps:
            shopper.stamps.sort()
            if rng.random() < KEEP_SHARE:
                days = max(1, (last - clock.local_date(shopper.first_at)).days)
                shopper.keeps_on = min(shopper.first_at + timedelta(days=rng.randrange(days), minutes=rng.randrange(600)),
                                       clock.day_start(last) + timedelta(hours=20))
            shoppers.append(shopper)
    return shoppers


def _insert_users(shoppers: list[Shopper], slug: str) -> dict[int, int]:
    """The demo shoppers as accounts (anonymous, or kept with an address); shopper index -> user id."""
    password = generate_password_hash(current_app.config["KICK_DEMO_PASSWORD"],
                                      method=current_app.config["PASSWORD_HASH_METHOD"])
    rows = [{"email": f"klant{s.index:03d}@{slug}.kick.test" if s.keeps_on else None,
             "email_verified_at": s.keeps_on, "password_hash": password if s.keeps_on else None,
             "is_anonymous_shopper": s.keeps_on is None, "is_admin": False, "session_token": secrets.token_hex(16),
             "display_name": f"Klant {s.index:03d}" if s.keeps_on else None,
             "created_at": s.first_at, "updated_at": s.keeps_on or s.first_at} for s in shoppers]
    ids = db.session.execute(insert(User.__table__).returning(User.id, sort_by_parameter_order=True), rows).scalars().all()
    return {shopper.index: user_id for shopper, user_id in zip(shoppers, ids)}


def _insert_cards(rows: list[dict]) -> list[int]:
    return db.session.execute(insert(Card.__table__).returning(Card.id, sort_by_parameter_order=True), rows).scalars().all()


def _redemption(card_id: int, cycle: int, shop_id: int | None, city_id: int, at: datetime, rng) -> dict:
    return {"card_id": card_id, "cycle": cycle, "shop_id": shop_id, "city_id": city_id, "status": "confirmed",
            "code": "".join(rng.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(6)),
            "created_at": at, "updated_at": at, "expires_at": at + timedelta(minutes=10),
            "confirmed_at": at + timedelta(minutes=rng.randrange(1, 5))}


def _shop_cards(shoppers: list[Shopper], users: dict[int, int], programmes: dict[int, StampProgramme],
                city_id: int, rng: random.Random) -> None:
    """Shop cards, their stamps and the rewards of every filled card (confirmed at the till a moment later)."""
    cards, stamps, rewards = [], [], []
    for shopper in shoppers:
        by_shop: dict[int, list[datetime]] = defaultdict(list)
        for at, shop_id in shopper.stamps:
            by_shop[shop_id].append(at)
        for shop_id, times in by_shop.items():
            programme = programmes[shop_id]
            unspent, cycle, cycle_ends = 0, 0, []
            for at in times:
                unspent += 1
                if unspent == programme.stamps_required:
                    unspent, cycle = 0, cycle + 1
                    cycle_ends.append(at)
            cards.append(({"user_id": users[shopper.index], "programme_id": programme.id, "city_id": city_id,
                           "stamps": unspent, "redeemed_count": cycle, "last_stamp_at": times[-1],
                           "created_at": times[0], "updated_at": times[-1]}, shop_id, times, cycle_ends))
    ids = _insert_cards([card for card, *_rest in cards])
    for card_id, (card, shop_id, times, cycle_ends) in zip(ids, cards):
        cooldown = programmes[shop_id].cooldown_hours
        stamps += [{"card_id": card_id, "shop_id": shop_id, "user_id": card["user_id"], "city_id": city_id,
                    "source": "counter", "window": window_for(at, cooldown), "created_at": at} for at in times]
        rewards += [_redemption(card_id, n, shop_id, city_id, at, rng) for n, at in enumerate(cycle_ends)]
    db.session.execute(insert(Stamp.__table__), stamps)
    if rewards:
        db.session.execute(insert(Redemption.__table__), rewards)


def _pass_cards(shoppers: list[Shopper], users: dict[int, int], city_pass: CityPass, last: date,
                rng: random.Random) -> None:
    """Pass cards with a visit per shop (stamped at the counter: confirmed); kept accounts that completed the
    pass collected their reward at the city desk."""
    cards, rewarded = [], []
    end = clock.day_start(last + timedelta(days=1))
    for shopper in shoppers:
        first: dict[int, datetime] = {}
        for at, shop_id in shopper.stamps:
            first.setdefault(shop_id, at)
        visits = sorted((at, shop_id) for shop_id, at in first.items())
        done = visits[city_pass.distinct_shops_required - 1][0] if len(visits) >= city_pass.distinct_shops_required \
            else None
        reward_at = max(done, shopper.keeps_on) + timedelta(hours=rng.randrange(2, 72)) \
            if done and shopper.keeps_on else None
        reward_at = reward_at if reward_at and reward_at < end else None
        cards.append(({"user_id": users[shopper.index], "pass_id": city_pass.id, "city_id": city_pass.city_id,
                       "stamps": len(visits), "redeemed_count": 1 if reward_at else 0, "last_stamp_at": visits[-1][0],
                       "created_at": visits[0][0], "updated_at": visits[-1][0]}, visits, reward_at))
    ids = _insert_cards([card for card, *_rest in cards])
    db.session.execute(insert(PassVisit.__table__), [{"card_id": card_id, "shop_id": shop_id, "created_at": at, "confirmed": True}
                                           for card_id, (_card, visits, _r) in zip(ids, cards) for at, shop_id in visits])
    for card_id, (card, _visits, reward_at) in zip(ids, cards):
        if reward_at is not None:
            rewarded.append((card["user_id"], _redemption(card_id, 0, None, city_pass.city_id, reward_at, rng)))
    if not rewarded:
        return
    redemption_ids = db.session.execute(insert(Redemption.__table__).returning(Redemption.id, sort_by_parameter_order=True),
                                        [row for _user, row in rewarded]).scalars().all()
    db.session.execute(insert(PassReward.__table__), [
        {"pass_id": city_pass.id, "user_id": user_id, "period_start": city_pass.starts_on, "redemption_id": rid,
         "city_id": city_pass.city_id, "created_at": row["confirmed_at"]}
        for (user_id, row), rid in zip(rewarded, redemption_ids)])


def _refusals(city_id: int, shops: list[int], start: date, last: date, rng: random.Random) -> None:
    """A refused scan now and then, and a week of `expired` five weeks ago at the busiest shop."""
    rows = []
    spike = (last - timedelta(days=38), last - timedelta(days=32))
    for day in (start + timedelta(days=n) for n in range((last - start).days + 1)):
        season = _season(day, start)
        count = sum(1 for _ in range(6) if rng.random() < 0.25 * season)
        reasons = [rng.choice(REFUSAL_REASONS) for _ in range(count)]
        if spike[0] <= day <= spike[1] and season:
            reasons += ["expired"] * rng.randrange(6, 12)
        for reason in reasons:
            shop_id = None if reason == "invalid" and rng.random() < 0.5 else shops[0] if reason == "expired" \
                else rng.choice(shops)
            rows.append({"city_id": city_id, "shop_id": shop_id, "reason": reason,
                         "created_at": _at(day, rng.randrange(10, 18), rng)})
    if rows:
        db.session.execute(insert(ScanRefusal.__table__), rows)


def _hours(day: date) -> list[datetime]:
    """The UTC starts of the hours of a Brussels day (23 or 25 of them when the clocks change)."""
    hour, end, hours = clock.day_start(day), clock.day_start(day + timedelta(days=1)), []
    while hour < end:
        hours.append(hour)
        hour += timedelta(hours=1)
    return hours


def _events(city_id: int, pages: dict[str, float], trails: list[int], start: date, last: date,
            rng: random.Random) -> None:
    """Page views (one row each, as the beacon sends them) and trail walks started and completed."""
    rows = []
    for day in (start + timedelta(days=n) for n in range((last - start).days + 1)):
        interest = 0.55 + 0.45 * _season(day, start) + (0.5 if day.isoweekday() == 7 else 0)  # walks on Sundays
        waking = [hour for hour in _hours(day) if 8 <= hour.astimezone(clock.TZ).hour <= 22]
        counts = [(EventKind.PAGE_VIEW, page, base) for page, base in pages.items()]
        for trail_id in trails:
            counts.append((EventKind.TRAIL_START, f"trail:{trail_id}", 2.2))
        for kind, page, base in counts:
            for _ in range(int(base * interest * rng.uniform(0.7, 1.3) + rng.random())):
                hour = rng.choice(waking)
                rows.append({"city_id": city_id, "kind": kind.value, "page": page, "hour": hour})
                if kind == EventKind.TRAIL_START and rng.random() < 0.55:
                    rows.append({"city_id": city_id, "kind": EventKind.TRAIL_COMPLETE.value, "page": page,
                                 "hour": min(hour + timedelta(hours=rng.randrange(1, 3)), waking[-1])})
    db.session.execute(insert(FigureEvent.__table__), rows)


FOOTFALL_PROFILE = (0, 0, 0, 0, 0, 0, 0, 20, 38, 52, 70, 88, 95, 84, 80, 86, 92, 85, 60, 42, 30, 20, 12, 0)
TODAY_BUSIER = 1.3  # today's counts: a busy day, so "Hoe druk is het?" on Roeselare's home has something to say
RECENT_DAYS = 14


def _footfall_recent(city: City) -> None:
    """Counts up to the last complete hour of this load (the history stops yesterday): every hour a point is
    missing in the last RECENT_DAYS days, so the home's "how busy is it now" compares a real "now". Idempotent:
    only missing hours are added."""
    now = clock.now()
    last_hour = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
    first_hour = last_hour - timedelta(days=RECENT_DAYS)
    points = db.session.execute(select(CountingPoint.id, CountingPoint.code)
                                .where(CountingPoint.city_id == city.id)).all()
    weights = {code: weight for code, _name, _dlat, _dlon, weight in POINTS}
    have = {(point_id, hour.replace(tzinfo=timezone.utc) if hour.tzinfo is None else hour)
            for point_id, hour in db.session.execute(
                select(FootfallCount.point_id, FootfallCount.hour)
                .where(FootfallCount.point_id.in_([p.id for p in points]), FootfallCount.hour >= first_hour))}
    rng = random.Random(f"busy-{city.slug}-{last_hour.isoformat()}")
    start = clock.local_date(first_hour) - timedelta(days=HISTORY_DAYS)
    rows = []
    hour = first_hour
    while hour <= last_hour:
        local = hour.astimezone(clock.TZ)
        base = FOOTFALL_PROFILE[local.hour]
        busy = (0.55 + 0.5 * _season(local.date(), start)) * (TODAY_BUSIER if local.date() == clock.today() else 1)
        for point_id, code in points:
            if base and (point_id, hour) not in have and code in weights:
                rows.append({"point_id": point_id, "hour": hour,
                             "count": int(base * 8 * busy * weights[code] * rng.uniform(0.9, 1.1))})
        hour += timedelta(hours=1)
    if rows:
        db.session.execute(insert(FootfallCount.__table__), rows)


def _footfall(city: City, start: date, last: date, rng: random.Random) -> None:
    """Three counting points on the shopping streets, every hour from 7:00 to 23:00 (the counters send no night)."""
    points = db.session.execute(
        insert(CountingPoint.__table__).returning(CountingPoint.id, sort_by_parameter_order=True),
        [{"city_id": city.id, "code": code, "name": name, "lat": city.center_lat + dlat, "lon": city.center_lon + dlon}
         for code, name, dlat, dlon, _weight in POINTS]).scalars().all()
    profile = FOOTFALL_PROFILE
    rows = []
    for day in (start + timedelta(days=n) for n in range((last - start).days + 1)):
        busy = 0.55 + 0.5 * _season(day, start)
        for hour in _hours(day):
            local = profile[hour.astimezone(clock.TZ).hour]
            if not local:
                continue
            for point_id, (*_names, weight) in zip(points, POINTS):
                rows.append({"point_id": point_id, "hour": hour,
                             "count": int(local * 8 * busy * weight * rng.uniform(0.8, 1.2))})
    db.session.execute(insert(FootfallCount.__table__), rows)


def _write_history(city: City, start: date, last: date) -> None:
    rng = random.Random(f"14-{city.slug}")
    programmes = {p.shop_id: p for p in db.session.execute(
        select(StampProgramme).join(Shop, Shop.id == StampProgramme.shop_id)
        .where(StampProgramme.city_id == city.id, Shop.status == "approved").order_by(Shop.id)).scalars()}
    shops = list(programmes)
    city_pass = db.session.execute(select(CityPass).where(CityPass.city_id == city.id)).scalar_one_or_none()
    if len(shops) < 2:
        return
    if city_pass is not None:  # the demo pass has run since the history began, and its shops can be walked
        city_pass.starts_on = min(city_pass.starts_on, start)
        city_pass.distinct_shops_required = min(city_pass.distinct_shops_required, len(shops))
    shoppers = simulate(shops, shops[-1], start, last, rng, TOWNS[city.slug])
    users = _insert_users(shoppers, city.slug)
    _shop_cards(shoppers, users, programmes, city.id, rng)
    if city_pass is not None:
        _pass_cards(shoppers, users, city_pass, last, rng)
    _refusals(city.id, shops, start, last, rng)
    trails = list(db.session.execute(select(Trail.id).where(Trail.city_id == city.id, Trail.status == "published")
                                     .order_by(Trail.id)).scalars())
    pages = {**PAGES, **{f"shop:{shop_id}": 4.0 for shop_id in shops[:-1]}, f"shop:{shops[-1]}": 1.0,
             **{f"trail:{trail_id}": 3.0 for trail_id in trails}}
    _events(city.id, pages, trails, start, last, rng)
    if city.slug == CITY:  # its counting points are on Roeselare's streets
        _footfall(city, start, last, rng)


def _give_space_back() -> None:
    """The purge left the space of fourteen months of events behind: give it back, so that copies of the demo
    database (the tests' templates) stay small. Demo only: production reuses that space for new events."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("VACUUM")
        elif connection.dialect.name == "postgresql":
            connection.exec_driver_sql("VACUUM FULL figure_event")


def _has_history(city: City, first: date) -> bool:
    """The history is written once: a stamp from its first weeks says it is there."""
    return db.session.execute(select(Stamp.id).where(
        Stamp.city_id == city.id, Stamp.created_at < clock.day_start(first + timedelta(days=60))).limit(1)).first() is not None


def load() -> None:
    from app.figures.privacy import purge_events
    from app.figures.services.rollup import roll_cities
    last = clock.today() - timedelta(days=1)
    first = last - timedelta(days=HISTORY_DAYS - 1)
    for city in db.session.execute(select(City).where(City.slug.in_(TOWNS)).order_by(City.id)).scalars():
        if _has_history(city, first):
            continue
        _write_history(city, first, last)
        # Figures rolled before the history was there would stay as they were: the town's figures start over.
        for model in (FigureRollup, RollupRun):
            db.session.execute(delete(model).where(model.city_id == city.id))
        db.session.commit()
    busy_town = db.session.execute(select(City).where(City.slug == CITY)).scalar_one_or_none()
    if busy_town is not None:
        _footfall_recent(busy_town)
        db.session.commit()
    roll_cities()
    # What the purge of raw counter events would have removed by now: the figures keep counting them. (Raw scans
    # stay: loyalty's purge, `flask privacy purge`, is the operator's to run, and the demo cards match their stamps.)
    purge_events(int(current_app.config["KICK_FIGURES_EVENT_DAYS"]))
    _give_space_back()
