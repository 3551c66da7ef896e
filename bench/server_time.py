"""Server time per public page on the demo data: p50/p95 of N requests through the app in-process
(the WSGI app itself; no network, no gunicorn), with the SQL query count of each page (a warm request:
the city's row comes from its snapshot, see app/cities/cache.py). Pages are measured round robin, one
request each per round. Prints whether every page's p50 is under the 20 ms budget. "cpu p50" is the
Python CPU time of the same requests: on a machine shared with other work it shows what the page itself
costs (the database server's own time is not in it).

    bench/server_time                  # scratch PostgreSQL database kick_bench_<pid> (dropped after)
    bench/server_time --sqlite         # a scratch SQLite file instead
    bench/server_time --profile "/brugge/"   # cProfile of one page: where the time goes
"""
import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BUDGET_MS = 20.0


def public_pages(app) -> list[tuple[str, str, bool]]:
    """(name, path, as the demo shopper) for every public page of one city, with real demo slugs."""
    from sqlalchemy import select

    from app.cities.models import City
    from app.extensions import db
    from app.loyalty.models import StampProgramme
    from app.loyalty.services.programmes import counter_code
    from app.shops.models import Shop
    from app.trails.models import Trail
    city = "brugge"
    with app.test_request_context(f"/{city}/"):
        city_id = db.session.execute(select(City.id).where(City.slug == city)).scalar_one()
        trails = dict(db.session.execute(select(Trail.kind, Trail.slug).where(
            Trail.city_id == city_id, Trail.status == "published").order_by(Trail.id)).all())
        programme = db.session.execute(select(StampProgramme).join(Shop).where(
            Shop.city_id == city_id, Shop.status == "approved").order_by(Shop.id).limit(1)).scalar_one()
        shop = programme.shop.slug
        scan = urlsplit(counter_code(programme).url).path
        db.session.remove()
    trail, green = trails["heritage"], trails["green"]
    pages = [("picker", "/"), ("city home", f"/{city}/"), ("trail list", f"/{city}/trails/"),
             ("green list", f"/{city}/green/"), ("trail page", f"/{city}/trails/{trail}"),
             ("green route page", f"/{city}/trails/{green}"), ("gpx", f"/{city}/trails/{trail}.gpx"),
             ("geojson", f"/{city}/trails/{trail}.geojson"), ("shop list", f"/{city}/shops/"),
             ("shop map", f"/{city}/shops/?view=map"), ("shop page", f"/{city}/shops/{shop}"),
             ("scan page", scan), ("stamps page", f"/{city}/stamps"), ("privacy page", f"/{city}/privacy"),
             ("manifest", f"/{city}/manifest.webmanifest"), ("service worker", f"/{city}/sw.js"),
             ("offline page", f"/{city}/offline"), ("icon 192", f"/{city}/icons/192.png"),
             ("api shops", f"/api/v1/cities/{city}/shops"), ("api trail", f"/api/v1/cities/{city}/trails/{trail}")]
    return [(name, path, False) for name, path in pages] + [
        ("stamps page (shopper)", f"/{city}/stamps", True), ("api my cards (shopper)", "/api/v1/me/cards", True)]


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1] if len(values) > 1 else values[0]


def log_in_shopper(client) -> None:
    token = client.get("/api/v1/me").get_json()["csrf_token"]
    login = client.post("/login", data={"email": "shopper@kick.test", "password": "kick-demo", "csrf_token": token})
    if login.status_code != 302:
        sys.exit(f"shopper login answered {login.status_code}")


def measure(app, pages, rounds: int, max_seconds: float) -> list[tuple[str, float, float, int]]:
    from sqlalchemy import event

    from app.extensions import db
    headers = {"Accept-Encoding": "gzip", "Accept-Language": "nl-BE,nl;q=0.9"}
    anonymous, shopper = app.test_client(), app.test_client()
    log_in_shopper(shopper)
    with app.app_context():
        engine = db.engine
    queries = [0]
    event.listen(engine, "before_cursor_execute", lambda *a: queries.__setitem__(0, queries[0] + 1))
    for name, path, as_shopper in pages:
        client = shopper if as_shopper else anonymous
        for _ in range(3):  # warm-up: templates compiled, static hashes known, pool connected, city snapshot
            status = client.get(path, headers=headers).status_code
        if status != 200:
            sys.exit(f"{name} {path} answered {status}")
    counts = []
    for name, path, as_shopper in pages:
        queries[0] = 0
        (shopper if as_shopper else anonymous).get(path, headers=headers)
        counts.append(queries[0])
    # Round robin, one request per page per round: a slow spell of a shared machine then touches every
    # page alike instead of the one page measured during it.
    times = [[] for _ in pages]
    cpu = [[] for _ in pages]
    stop_at = time.monotonic() + max_seconds * len(pages)
    for _ in range(rounds):
        if time.monotonic() > stop_at:
            break
        for index, (name, path, as_shopper) in enumerate(pages):
            client = shopper if as_shopper else anonymous
            started, started_cpu = time.perf_counter(), time.thread_time()
            client.get(path, headers=headers)
            times[index].append((time.perf_counter() - started) * 1000)
            cpu[index].append((time.thread_time() - started_cpu) * 1000)
    return [(name, percentile(times[i], 50), percentile(times[i], 95), percentile(cpu[i], 50), counts[i])
            for i, (name, _path, _shopper) in enumerate(pages)]


def make_app(sqlite: bool, root: Path):
    """The app on a scratch database with the demo data; returns (app, cleanup)."""
    os.environ.setdefault("SECRET_KEY", "bench-server-time")
    os.environ["KICK_MEDIA_ROOT"] = str(root / "media")
    if sqlite:
        os.environ["DATABASE_URL"] = f"sqlite:///{root / 'bench.sqlite3'}"
        from tests.conftest import migrate_and_load
        migrate_and_load(os.environ["DATABASE_URL"], root)
        database = None
    else:
        from bench._stack import ScratchDatabase
        database = ScratchDatabase(media_root=root / "media")
        os.environ["DATABASE_URL"] = database.url
    from app import create_app
    app = create_app()

    def cleanup():
        from app.extensions import db
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if database is not None:
            database.close()
    return app, cleanup


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sqlite", action="store_true", help="scratch SQLite instead of PostgreSQL")
    parser.add_argument("--rounds", type=int, default=100, help="requests per page (at most)")
    parser.add_argument("--max-seconds", type=float, default=5, help="time limit per page")
    parser.add_argument("--profile", metavar="PATH", help="profile this path instead (top 25 by cumulative time)")
    parser.add_argument("--shopper", action="store_true", help="with --profile: as the demo shopper (has cards)")
    args = parser.parse_args()
    args.rounds = max(2, min(args.rounds, 2000))
    with tempfile.TemporaryDirectory(prefix="kick-server-time-") as tmp:
        app, cleanup = make_app(args.sqlite, Path(tmp))
        try:
            if args.profile:
                client = app.test_client()
                if args.shopper:
                    log_in_shopper(client)
                for _ in range(3):
                    client.get(args.profile)
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(args.rounds):
                    client.get(args.profile, headers={"Accept-Encoding": "gzip"})
                profiler.disable()
                pstats.Stats(profiler).sort_stats(os.environ.get("KICK_PROFILE_SORT", "cumulative")).print_stats(25)
                return 0
            results = measure(app, public_pages(app), args.rounds, args.max_seconds)
            backend = app.config["SQLALCHEMY_DATABASE_URI"].split(":", 1)[0]
        finally:
            cleanup()
    print(f"server time per page, in-process, demo data on {backend} ({args.rounds} requests each at most); "
          f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'page':<24} {'p50 ms':>7} {'p95 ms':>7} {'cpu p50':>7} {'queries':>7}")
    over = []
    for name, p50, p95, cpu, count in results:
        print(f"{name:<24} {p50:>7.1f} {p95:>7.1f} {cpu:>7.1f} {count:>7}")
        if p50 >= BUDGET_MS:
            over.append(name)
    print(f"p50 < {BUDGET_MS:.0f} ms         " + ("all pages" if not over else "NOT MET: " + ", ".join(over)))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
