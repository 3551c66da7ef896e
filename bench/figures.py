"""City figures at a city's real volume, on PostgreSQL: the rollup's time per day of data (and, once the dashboard
is there, the dashboard's server time), each beside a bare Flask "hello" served in-process on the same machine.

Seeds a scratch database `kick_bench_figures` (created, migrated, dropped at the end) with one town of 60 shops:
1 million stamps by 25,000 shoppers and 5 million page views over 2 years (COPY), plus rewards, city-pass visits,
refused scans, trail walks and hourly footfall at five counting points. Then measures:
- the first rollup (every day of the two years, then every week, month and year): seconds per day of data;
- a night's rollup (yesterday, and its week, month and year rolled again);
- the dashboard's server time for a month and a year view (p50/p95), as the town's marketer
  (`dashboard_server_time`; the issue's target: p50 under 150 ms for a month, under 300 ms for a year).

    bench/figures                       # the defaults above (about 3 minutes of seeding on 2 cores)
    bench/figures --stamps 100000 --views 500000    # a smaller town
"""
import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
DATABASE = "kick_bench_figures"
SHOPS = 60
SHOPPERS = 25_000
TRAILS = 10
POINTS = 5
MARKETER = "marketer@benchstad.kick.test"
PASSWORD = "kick-bench-figures"
MONTH_TARGET_MS, YEAR_TARGET_MS = 150.0, 300.0


def say(text: str) -> None:
    print(text, flush=True)


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] if len(values) > 1 else values[0]


# ------------------------------------------------------------------ the scratch database


def admin(*statements: str) -> None:
    import psycopg
    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def create_database(media: Path) -> str:
    url = f"{PG_SERVER}/{DATABASE}"
    admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)', f'CREATE DATABASE "{DATABASE}"')
    env = dict(os.environ, DATABASE_URL=url, KICK_ENV="development", KICK_MEDIA_ROOT=str(media))
    subprocess.run([str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return url


def make_app(url: str, media: Path):
    os.environ.update(DATABASE_URL=url, KICK_MEDIA_ROOT=str(media), KICK_JOBS="inline")
    os.environ.setdefault("SECRET_KEY", "bench-figures")
    from app import create_app
    return create_app()


# ------------------------------------------------------------------ seeding


def _season(day: date) -> float:
    weekday = (0.15, 0.9, 1.0, 0.95, 1.1, 1.9, 0.35)[day.weekday()]
    return weekday * {12: 1.4, 7: 0.8, 8: 0.75, 1: 0.85}.get(day.month, 1.0)


def _town():
    """The town, its shops with a stamp card, a city pass, trails, counting points and its marketer."""
    from werkzeug.security import generate_password_hash

    from app.accounts.models import Membership, User
    from app.cities.models import City
    from app.extensions import db
    from app.figures.models import CountingPoint
    from app.loyalty.models import CityPass, StampProgramme
    from app.shops.models import Shop
    from app.trails.models import Trail
    city = City(slug="benchstad", names={"nl": "Benchstad"}, center_lat=50.94, center_lon=3.12, status="live",
                primary_color="#8B1E2D", accent_color="#2E4057")
    db.session.add(city)
    db.session.flush()
    streets = ("Ooststraat", "Noordstraat", "Zuidstraat", "Manestraat", "Botermarkt", "Kerkstraat")
    shops = [Shop(city_id=city.id, slug=f"winkel-{n}", status="approved", name={"nl": f"Winkel {n}"},
                  category=("fashion", "food_drink", "books_music", "home_living")[n % 4],
                  address=f"{streets[n % len(streets)]} {n + 1}, 8800 Benchstad") for n in range(SHOPS)]
    db.session.add_all(shops)
    db.session.flush()
    db.session.add_all([StampProgramme(shop_id=shop.id, city_id=city.id, stamps_required=10, cooldown_hours=24,
                                       reward={"nl": "Cadeau"}) for shop in shops])
    city_pass = CityPass(city_id=city.id, title={"nl": "Stadspas"}, reward={"nl": "Bon"}, distinct_shops_required=5,
                         starts_on=date(2020, 1, 1), ends_on=date(2030, 12, 31), all_shops=True)
    trails = [Trail(city_id=city.id, slug=f"route-{n}", kind="green" if n % 3 == 0 else "heritage",
                    status="published", title={"nl": f"Route {n}"}) for n in range(TRAILS)]
    points = [CountingPoint(city_id=city.id, code=f"BS-{n}", name=f"Teller {n}", lat=50.94, lon=3.12)
              for n in range(POINTS)]
    marketer = User(email=MARKETER, display_name="Marketing Benchstad", session_token=secrets.token_hex(16),
                    password_hash=generate_password_hash(PASSWORD), email_verified_at=datetime.now(timezone.utc))
    db.session.add_all([city_pass, *trails, *points, marketer])
    db.session.flush()
    db.session.add(Membership(user_id=marketer.id, city_id=city.id, role="marketer"))
    db.session.commit()
    return city, shops, city_pass, trails, points


def _shoppers_and_cards(city, shops, rng) -> tuple[list[int], list[tuple[int, int, int]], list[float]]:
    """Shoppers (anonymous, a fifth kept an account) and their cards: 1 to 4 shops each, popular shops first."""
    from sqlalchemy import insert

    from app.accounts.models import User
    from app.extensions import db
    from app.loyalty.models import Card, StampProgramme
    start = datetime.now(timezone.utc) - timedelta(days=800)
    users = db.session.execute(insert(User.__table__).returning(User.id, sort_by_parameter_order=True), [
        {"session_token": secrets.token_hex(16), "is_anonymous_shopper": n % 5 != 0, "is_admin": False,
         "email": f"klant{n}@benchstad.kick.test" if n % 5 == 0 else None,
         "email_verified_at": start + timedelta(days=rng.randrange(780)) if n % 5 == 0 else None,
         "created_at": start, "updated_at": start} for n in range(SHOPPERS)]).scalars().all()
    programmes = dict(db.session.execute(db.select(StampProgramme.shop_id, StampProgramme.id)).all())
    popularity = [1 / (n + 1) ** 0.7 for n in range(len(shops))]
    wanted, activity = [], []
    for user_id in users:
        for shop in set(rng.choices(shops, weights=popularity, k=rng.randint(1, 4))):
            wanted.append((user_id, shop.id))
            activity.append(rng.lognormvariate(0, 0.8))
    ids = db.session.execute(insert(Card.__table__).returning(Card.id, sort_by_parameter_order=True), [
        {"user_id": user_id, "programme_id": programmes[shop_id], "city_id": city.id, "stamps": 0,
         "redeemed_count": 0, "created_at": start, "updated_at": start} for user_id, shop_id in wanted]).scalars().all()
    db.session.commit()
    return users, [(card_id, user_id, shop_id) for card_id, (user_id, shop_id) in zip(ids, wanted)], activity


def _copy(conn, table: str, columns: str, rows) -> int:
    count = 0
    with conn.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _stamp_rows(city_id, cards, activity, stamps: int, first: date, days: int, rng, rewards: list, visits: dict):
    """(card, shop, user, city, source, window, at) per stamp: each day's share of `stamps` (seasons, a growing
    town), one stamp per card per day; every tenth stamp of a card is a reward confirmed at the till."""
    from app.core.clock import TZ
    from app.loyalty.windows import window_for
    from itertools import accumulate
    weights = [_season(first + timedelta(days=n)) * (1 + 0.15 * n / 365) for n in range(days)]
    per_weight = stamps / sum(weights)
    counted: dict[int, int] = {}
    indexes, cumulative = range(len(cards)), list(accumulate(activity))
    for n, weight in enumerate(weights):
        day = first + timedelta(days=n)
        wanted, chosen = int(weight * per_weight + rng.random()), set()
        while len(chosen) < wanted:  # one stamp per card per day: draw again for the cards drawn twice
            chosen.update(rng.choices(indexes, cum_weights=cumulative, k=wanted - len(chosen)))
        for index in chosen:
            card_id, user_id, shop_id = cards[index]
            at = datetime(day.year, day.month, day.day, rng.randrange(10, 18), rng.randrange(60), tzinfo=TZ)
            at = at.astimezone(timezone.utc)
            counted[card_id] = counted.get(card_id, 0) + 1
            if counted[card_id] % 10 == 0:
                rewards.append((card_id, counted[card_id] // 10 - 1, shop_id, city_id, at))
            visits.setdefault((user_id, shop_id), at)
            yield card_id, shop_id, user_id, city_id, "counter", window_for(at, 24), at


def _event_rows(city_id, shops, trails, views: int, first: date, days: int, rng):
    """Page views and trail walks, one row per event as the beacon stores them (hours 8 to 22, Brussels)."""
    from app.core.clock import TZ
    pages = {"home": 30, "shops": 15, "trails": 8, "green": 4, "stamps": 12,
             **{f"shop:{shop.id}": 25 / len(shops) for shop in shops},
             **{f"trail:{trail.id}": 6 / len(trails) for trail in trails}}
    total = sum(pages.values())
    weights = [(0.6 + 0.4 * _season(first + timedelta(days=n))) * (1 + 0.15 * n / 365) for n in range(days)]
    per_weight = views / sum(weights)
    for n, weight in enumerate(weights):
        day = first + timedelta(days=n)
        hours = [datetime(day.year, day.month, day.day, h, tzinfo=TZ).astimezone(timezone.utc) for h in range(8, 23)]
        for page, share in pages.items():
            count = int(weight * per_weight * share / total + rng.random())
            for hour in rng.choices(hours, k=count):
                yield city_id, "page_view", page, hour
                if page.startswith("trail:") and rng.random() < 0.3:
                    yield city_id, "trail_start", page, hour
                    if rng.random() < 0.5:
                        yield city_id, "trail_complete", page, hour


def _pass_rows(city_pass, visits: dict, conn) -> int:
    """A pass card per shopper with a visit per shop (the first stamp there, at the counter: confirmed)."""
    from sqlalchemy import insert

    from app.extensions import db
    from app.loyalty.models import Card
    by_user: dict[int, list] = {}
    for (user_id, shop_id), at in visits.items():
        by_user.setdefault(user_id, []).append((at, shop_id))
    users = sorted(by_user)
    ids = db.session.execute(insert(Card.__table__).returning(Card.id, sort_by_parameter_order=True), [
        {"user_id": user_id, "pass_id": city_pass.id, "city_id": city_pass.city_id, "stamps": len(by_user[user_id]),
         "redeemed_count": 0, "created_at": min(by_user[user_id])[0], "updated_at": max(by_user[user_id])[0]}
        for user_id in users]).scalars().all()
    db.session.commit()
    return _copy(conn, "pass_visit", "card_id, shop_id, created_at, confirmed",
                 ((card_id, shop_id, at, True) for card_id, user_id in zip(ids, users)
                  for at, shop_id in by_user[user_id]))


def seed(app, stamps: int, views: int, days: int) -> dict:
    """The town and its two years; returns what went in, by table."""
    from app.core.clock import TZ
    from app.extensions import db
    rng = random.Random(2026)
    first = datetime.now(TZ).date() - timedelta(days=days)
    counts = {}
    with app.app_context():
        city, shops, city_pass, trails, points = _town()
        _users, cards, activity = _shoppers_and_cards(city, shops, rng)
        conn = db.engine.raw_connection()
        try:
            rewards, visits = [], {}
            counts["stamps"] = _copy(conn, "stamp", 'card_id, shop_id, user_id, city_id, source, "window", created_at',
                                     _stamp_rows(city.id, cards, activity, stamps, first, days, rng, rewards, visits))
            counts["rewards"] = _copy(
                conn, "redemption", "card_id, cycle, shop_id, city_id, code, status, expires_at, confirmed_at, "
                                    "created_at, updated_at",
                ((card, cycle, shop, city_id, f"B{n:07d}", "confirmed", at + timedelta(minutes=10), at, at, at)
                 for n, (card, cycle, shop, city_id, at) in enumerate(rewards)))
            start = datetime.combine(first, datetime.min.time(), TZ).astimezone(timezone.utc)
            counts["refusals"] = _copy(conn, "scan_refusal", "city_id, shop_id, reason, created_at", (
                (city.id, rng.choice(shops).id, rng.choice(("cooldown", "cooldown", "expired", "invalid")),
                 start + timedelta(seconds=rng.randrange(days * 86400))) for _ in range(stamps // 30)))
            counts["events"] = _copy(conn, "figure_event", "city_id, kind, page, hour",
                                     _event_rows(city.id, shops, trails, views, first, days, rng))
            counts["footfall"] = _copy(conn, "footfall_count", "point_id, hour, count", (
                (point.id, start + timedelta(hours=h), rng.randrange(400))
                for point in points for h in range(days * 24)))
            conn.commit()
            counts["pass visits"] = _pass_rows(city_pass, visits, conn)
            conn.commit()
        finally:
            conn.close()
        db.session.remove()
    with __import__("psycopg").connect(f"{PG_SERVER}/{DATABASE}", autocommit=True) as analyse:
        analyse.execute("VACUUM ANALYZE")
    return counts


# ------------------------------------------------------------------ measuring


def rollup_times(app) -> tuple[object, float, object, float]:
    """(first run's result, its seconds; a night's run's result, its seconds)."""
    from sqlalchemy import select

    from app.cities.models import City
    from app.core import clock
    from app.extensions import db
    from app.figures.services.rollup import roll_city
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == "benchstad")).scalar_one()
        started = time.perf_counter()
        first = roll_city(city)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        night = roll_city(city, since=clock.today() - timedelta(days=1))
        night_seconds = time.perf_counter() - started
        db.session.remove()
    return first, first_seconds, night, night_seconds


def _log_in(client, email: str, password: str) -> bool:
    token = client.get("/api/v1/me").get_json()["csrf_token"]
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}).status_code == 302


def dashboard_server_time(app, rounds: int = 30) -> list[tuple[str, float, float]] | None:
    """The dashboard's server time as the town's marketer: (view, p50 ms, p95 ms) for last month's and the last
    twelve months' page and API answer. None while the dashboard is not there yet (its page answers 404)."""
    from app.core.clock import TZ
    today = datetime.now(TZ).date()
    month_end = today.replace(day=1) - timedelta(days=1)
    views = {"month": (month_end.replace(day=1), month_end), "year": (today - timedelta(days=365), month_end)}
    client = app.test_client()
    if not _log_in(client, MARKETER, PASSWORD):
        sys.exit("the bench marketer could not log in")
    results = []
    for name, (start, end) in views.items():
        query = f"from={start.isoformat()}&to={end.isoformat()}"
        for kind, path in (("page", f"/benchstad/studio/figures?{query}"),
                           ("api", f"/api/v1/cities/benchstad/figures?{query}")):
            status = client.get(path).status_code
            if status == 404:
                return None
            if status != 200:
                sys.exit(f"{path} answered {status}")
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            results.append((f"{name} {kind}", percentile(times, 50), percentile(times, 95)))
    return results


def hello_server_time(rounds: int = 2000) -> float:
    """p50 ms of a bare Flask "hello" (bench/hello_app.py), in-process like the measurements above."""
    from bench.hello_app import app as hello
    client = hello.test_client()
    for _ in range(50):
        client.get("/")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get("/")
        times.append((time.perf_counter() - started) * 1000)
    return percentile(times, 50)


def report(counts, seed_seconds, first, first_seconds, night, night_seconds, dashboard, hello_ms) -> int:
    say(f"seeded in {seed_seconds:.0f} s: " + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
    per_day = first_seconds / max(first.days, 1) * 1000
    say(f"first rollup       {first_seconds:7.1f} s for {first.days} days and {first.periods} weeks/months/years "
        f"({first.rows:,} rows): {per_day:.1f} ms per day of data")
    say(f"a night's rollup   {night_seconds:7.2f} s (yesterday, its week, month and year again)")
    say(f"bare Flask hello   {hello_ms:.3f} ms p50 in-process")
    say(f"ratio              a day of data rolled up = {per_day / hello_ms:,.0f} hello requests; "
        f"a night's run = {night_seconds * 1000 / hello_ms:,.0f}")
    if dashboard is None:
        say("dashboard          not measured: /benchstad/studio/figures answers 404 (the dashboard has not landed)")
        return 0
    missed = []
    for name, p50, p95 in dashboard:
        target = MONTH_TARGET_MS if name.startswith("month") else YEAR_TARGET_MS
        say(f"dashboard {name:<9} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  ({p50 / hello_ms:,.0f} x hello; "
            f"target p50 < {target:.0f} ms)")
        if p50 >= target:
            missed.append(name)
    say("targets            " + ("met" if not missed else "NOT MET: " + ", ".join(missed)))
    return 1 if missed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stamps", type=int, default=1_000_000)
    parser.add_argument("--views", type=int, default=5_000_000, help="page views (FigureEvent rows)")
    parser.add_argument("--days", type=int, default=730, help="days of history, up to yesterday")
    parser.add_argument("--keep", action="store_true", help=f"keep the database {DATABASE} afterwards")
    args = parser.parse_args()
    if not (1_000 <= args.stamps <= 5_000_000 and 0 <= args.views <= 20_000_000 and 30 <= args.days <= 1100):
        parser.error("--stamps 1000..5000000, --views 0..20000000, --days 30..1100")
    with tempfile.TemporaryDirectory(prefix="kick-bench-figures-") as tmp:
        url, app = create_database(Path(tmp) / "media"), None
        try:
            app = make_app(url, Path(tmp) / "media")
            say(f"seeding {args.stamps:,} stamps and {args.views:,} page views over {args.days} days into {DATABASE}")
            started = time.perf_counter()
            counts = seed(app, args.stamps, args.views, args.days)
            seed_seconds = time.perf_counter() - started
            say("rolling up")
            first, first_seconds, night, night_seconds = rollup_times(app)
            # A live database's autovacuum has analysed the rollup table (and set its visibility map, which lets
            # the dashboard's sums be read from the index alone) long before a marketer reads it; a table bulk
            # loaded a second ago has neither, which doubled the year view's time here (311 ms -> 159 ms).
            import psycopg
            with psycopg.connect(f"{PG_SERVER}/{DATABASE}", autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE figure_rollup")
            dashboard = dashboard_server_time(app)
            hello_ms = hello_server_time()
            say(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            return report(counts, seed_seconds, first, first_seconds, night, night_seconds, dashboard, hello_ms)
        finally:
            if app is not None:
                from app.extensions import db
                with app.app_context():
                    db.engine.dispose()
            if not args.keep:
                admin(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
