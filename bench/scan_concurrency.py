"""Fire concurrent stamp scans at a running KICK City server and check that none is doubled.

Every virtual shopper is a fresh browser (own cookie jar). It first scans shop A once, which makes
its anonymous account (as on a real first visit); then all shoppers fire BURST simultaneous scans
each of shop B's current counter code. Exactly one stamp per shopper may be accepted, so:

    accepted stamps == shoppers            (printed as "accepted vs expected"; exit 1 if they differ)

and each shopper's card at B must hold exactly one stamp. Latency p50/p99 is over the burst requests.

Run it against PostgreSQL with the scan limits raised for the bench (all shoppers share one IP):

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kick_bench
    export KICK_SCAN_LIMIT_PER_IP="100000 per minute" KICK_SCAN_LIMIT_PER_ACCOUNT="1000 per minute"
    .venv/bin/flask --app wsgi db upgrade && .venv/bin/flask --app wsgi demo load
    .venv/bin/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:5000 wsgi:app &
    .venv/bin/python -m bench.scan_concurrency --url http://127.0.0.1:5000 --shoppers 20 --burst 8

The counter codes are read with an admin account (the demo's admin@kick.test by default).
"""
import argparse
import http.cookiejar
import json
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit


class Browser:
    """One shopper's (or the admin's) browser: cookies plus the CSRF token of its session."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.csrf and method != "GET":
            request.add_header("X-CSRFToken", self.csrf)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            payload = error.read()
            try:
                return error.code, json.loads(payload or b"{}")
            except ValueError:
                return error.code, {}

    def start_session(self) -> None:
        status, body = self.call("GET", "/api/v1/me")
        if status != 200:
            raise SystemExit(f"GET /api/v1/me answered {status}")
        self.csrf = body["csrf_token"]


def counter_code(admin: Browser, shop_id: int) -> str:
    status, body = admin.call("GET", f"/api/v1/merchant/shops/{shop_id}/counter-code")
    if status != 200:
        raise SystemExit(f"counter-code for shop {shop_id} answered {status}: {body}")
    return urlsplit(body["url"]).path


def stamping_shop_ids(city_slug: str) -> list[int]:
    """Two approved shops with an active stamp card, read from the server's database (DATABASE_URL)."""
    from sqlalchemy import select

    from app import create_app
    from app.cities.models import City
    from app.extensions import db
    from app.loyalty.models import StampProgramme
    from app.shops.models import Shop
    with create_app().app_context():
        query = (select(Shop.id).join(StampProgramme, StampProgramme.shop_id == Shop.id).join(City)
                 .where(City.slug == city_slug, Shop.status == "approved", StampProgramme.active.is_(True))
                 .order_by(Shop.id).limit(2))
        return list(db.session.execute(query).scalars())


def percentile(values: list[float], pct: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="base URL of the running server")
    parser.add_argument("--city", default="brugge")
    parser.add_argument("--shoppers", type=int, default=20)
    parser.add_argument("--burst", type=int, default=8, help="simultaneous scans per shopper")
    parser.add_argument("--admin", default="admin@kick.test")
    parser.add_argument("--password", default="kick-demo")
    parser.add_argument("--shop-ids", help="A,B: warm-up shop and raced shop (default: looked up in the "
                                           "database of DATABASE_URL, which must be the server's)")
    args = parser.parse_args()
    base = args.url.rstrip("/")

    admin = Browser(base)
    admin.start_session()
    status, body = admin.call("POST", "/api/v1/auth/login", {"email": args.admin, "password": args.password})
    if status != 200:
        raise SystemExit(f"admin login answered {status}: {body}")
    admin.csrf = body["csrf_token"]
    ids = [int(i) for i in args.shop_ids.split(",")] if args.shop_ids else stamping_shop_ids(args.city)
    if len(ids) < 2:
        raise SystemExit(f"need two approved shops with a stamp card in {args.city} (run `flask demo load`)")
    shop_a, shop_b = ids[0], ids[1]

    shoppers = [Browser(base) for _ in range(args.shoppers)]
    warm_path = counter_code(admin, shop_a)
    for shopper in shoppers:
        shopper.start_session()
        status, body = shopper.call("POST", "/api/v1/scan", {"code": warm_path})
        if status not in (201, 409):
            raise SystemExit(f"warm-up scan answered {status}: {body}")
        shopper.start_session()  # the login on the first scan rotated the session's token

    race_path = counter_code(admin, shop_b)
    racers = [shopper for shopper in shoppers for _ in range(args.burst)]
    barrier = threading.Barrier(len(racers))
    results: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def fire(shopper: Browser) -> None:
        barrier.wait()
        started = time.perf_counter()
        status, body = shopper.call("POST", "/api/v1/scan", {"code": race_path})
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results.append((status, body.get("code", ""), elapsed))

    with ThreadPoolExecutor(len(racers)) as pool:
        list(pool.map(fire, racers))

    accepted = sum(1 for status, _, _ in results if status == 201)
    refused: dict[str, int] = {}
    for status, code, _ in results:
        if status != 201:
            key = f"{status} {code}".strip()
            refused[key] = refused.get(key, 0) + 1
    on_cards = []
    for shopper in shoppers:
        _, cards = shopper.call("GET", "/api/v1/me/cards")
        on_cards.append(sum(card["stamps"] for card in cards if card.get("shop_id") == shop_b))
    latencies = sorted(elapsed for _, _, elapsed in results)

    print(f"server            {base} (city {args.city}, shop {shop_b})")
    print(f"requests          {len(results)} = {args.shoppers} shoppers x {args.burst} simultaneous scans")
    print(f"accepted stamps   {accepted}")
    print(f"expected stamps   {args.shoppers}")
    print(f"refused           {refused}")
    print(f"cards with 1 stamp {sum(1 for n in on_cards if n == 1)} / {args.shoppers}")
    print(f"latency p50       {percentile(latencies, 50):.1f} ms")
    print(f"latency p99       {percentile(latencies, 99):.1f} ms")
    ok = accepted == args.shoppers and all(n == 1 for n in on_cards)
    print("RESULT            " + ("OK: accepted stamps match expected" if ok else "MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
