"""Requests/s of anonymous public pages and fingerprinted static files, as ratios to a bare Flask "hello" on the
same gunicorn settings, in one run; then how long a publish takes to show on every worker.

Starts gunicorn (gunicorn.conf.py) for bench/hello_app.py, then for KICK City on a scratch SQLite file with the
demo data, and loads each address with `wrk` (Debian's package) as a phone would ask for it: no cookie,
`Accept-Language: nl-BE`, `Accept-Encoding: br, gzip`. Targets (issue 18): pages >= 0.5x the hello, static files
>= 1x, a publish visible to anonymous visitors on every worker within 10 s.

    bench/throughput                       # 10 s per address, in-process page cache
    bench/throughput --redis               # the page cache in Redis (db 7 of 127.0.0.1:6379, flushed)
    bench/throughput --app-dir ../before   # the same measurements of another checkout (e.g. an older commit)

Only 127.0.0.1 is contacted; the scratch files are removed at the end.
"""
import argparse
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench._stack import ROOT, Gunicorn

PHONE = {"Accept-Language": "nl-BE,nl;q=0.9", "Accept-Encoding": "br, gzip"}
PAGE_TARGET, STATIC_TARGET, VISIBLE_TARGET = 0.5, 1.0, 10.0
REDIS = "redis://127.0.0.1:6379/7"


def say(message: str) -> None:
    print(f"... {message}", file=sys.stderr, flush=True)


def wrk(url: str, seconds: int, connections: int = 32) -> dict:
    headers = [arg for name, value in PHONE.items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *headers, url],
                         capture_output=True, text=True, check=True, timeout=seconds + 60).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)

    def percentile(p: str) -> str:
        found = re.search(rf"^\s+{p}%\s+(\S+)", out, re.M)
        return found.group(1) if found else "?"
    return {"rate": rate, "p50": percentile("50"), "p99": percentile("99"),
            "errors": int(errors.group(1)) if errors else 0, "socket_errors": socket_errors.group(1) if socket_errors else ""}


def get(url: str, opener=None, **headers) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": "nl-BE,nl;q=0.9", **headers})
    with (opener or urllib.request.build_opener()).open(request, timeout=15) as response:
        return response.read().decode()


def addresses(base: str) -> dict[str, str]:
    """The pages and files to load, taken from the demo's own links."""
    home = get(base + "/brugge/")
    trails = get(base + "/brugge/trails/")
    shops = get(base + "/brugge/shops/")
    trail = re.search(r'href="(/brugge/trails/[a-z0-9-]+)"', trails).group(1)
    shop = re.search(r'href="(/brugge/shops/[a-z0-9-]+)"', shops).group(1)
    css = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]+)"', home).group(1)
    js = re.search(r'src="(/static/js/app\.js\?v=[0-9a-f]+)"', home).group(1)
    return {"city home": "/brugge/", "trail page": trail, "shop list": "/brugge/shops/", "shop page": shop,
            "static CSS": css, "static JS": js}


class Scratch:
    """A scratch SQLite file with the demo data, made with the checkout's own commands."""

    def __init__(self, app_dir: Path):
        self.dir = Path(tempfile.mkdtemp(prefix="kick-throughput-"))
        self.url = f"sqlite:///{self.dir / 'kick.sqlite3'}"
        env = self.env()
        for command in (["db", "upgrade"], ["demo", "load"]):
            subprocess.run([str(ROOT / ".venv" / "bin" / "flask"), "--app", "wsgi", *command], cwd=app_dir, env={**os.environ, **env},
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def env(self, **extra) -> dict:
        return {"DATABASE_URL": self.url, "KICK_MEDIA_ROOT": str(self.dir / "media"),
                "KICK_PAGE_CACHE_GENERATION_FILE": str(self.dir / "page-cache.generation"), **extra}

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def flush_redis() -> None:
    import redis
    redis.Redis.from_url(REDIS).flushdb()


def publish_visible(base: str, workers: int) -> float:
    """Seconds from a marketer's publish (the JSON API, signed in through the login form) until every one of
    `4 x workers` fresh anonymous connections in a row shows the new trail on the trail list."""
    for _ in range(workers * 50):  # every worker renders and keeps the list
        get(base + "/brugge/trails/")
    jar = http.cookiejar.CookieJar()
    marketer = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    token = json.loads(get(base + "/api/v1/me", marketer))["csrf_token"]
    form = urllib.parse.urlencode({"email": "marketer@brugge.kick.test", "password": "kick-demo", "csrf_token": token})
    marketer.open(urllib.request.Request(base + "/login", data=form.encode(), method="POST"), timeout=15).read()
    token = json.loads(get(base + "/api/v1/me", marketer))["csrf_token"]
    title = f"Bench {int(time.time())}"

    def send(path: str, body: dict) -> dict:
        request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"Content-Type": "application/json", "X-CSRFToken": token})
        with marketer.open(request, timeout=15) as response:
            return json.loads(response.read())
    trail = send("/api/v1/cities/brugge/trails", {"kind": "heritage", "title": {"nl": title}, "stops": [
        {"title": {"nl": "Markt"}, "lat": 51.2089, "lon": 3.2242}, {"title": {"nl": "Burg"}, "lat": 51.2087, "lon": 3.2265}]})
    if title in get(base + "/brugge/trails/"):
        raise SystemExit("a draft showed on the public list")
    send(f"/api/v1/cities/brugge/trails/{trail['slug']}/publish", {"version": trail["version"]})
    published = time.monotonic()
    in_a_row = 0
    while in_a_row < workers * 4:
        if time.monotonic() - published > 60:
            return float("inf")
        in_a_row = in_a_row + 1 if title in get(base + "/brugge/trails/") else 0
    return time.monotonic() - published


def measure(app_dir: Path, seconds: int, redis: bool, visible: bool) -> dict:
    scratch = Scratch(app_dir)
    logs = Path(tempfile.mkdtemp(prefix="kick-throughput-logs-"))
    results = {}
    try:
        say("bare Flask hello on gunicorn.conf.py")
        hello = Gunicorn("bench.hello_app:app", {}, logs, "hello", root=app_dir)
        try:
            wrk(hello.url + "/", 2)  # warm up
            results["bare Flask hello"] = wrk(hello.url + "/", seconds)
        finally:
            hello.close()
        extra = {"REDIS_URL": REDIS} if redis else {}
        if redis:
            flush_redis()
        say(f"KICK City ({app_dir}) on gunicorn.conf.py, SQLite demo data{', page cache in Redis' if redis else ''}")
        kick = Gunicorn("wsgi:app", scratch.env(**extra), logs, "kick", root=app_dir)
        try:
            for name, path in addresses(kick.url).items():
                wrk(kick.url + path, 2)  # warm up: every worker has rendered it
                results[name] = wrk(kick.url + path, seconds)
                results[name]["path"] = path
            if visible:
                say("publish a trail as the marketer and wait until every worker shows it")
                results["publish visible"] = publish_visible(kick.url, int(os.environ.get("KICK_WORKERS") or 5))
        finally:
            kick.close()
    finally:
        scratch.close()
        shutil.rmtree(logs, ignore_errors=True)
    return results


def report(results: dict) -> bool:
    hello = results["bare Flask hello"]["rate"]
    ok = True
    print(f"{'address':<18} {'req/s':>8} {'ratio':>6} {'p50':>9} {'p99':>9}  target")
    for name, row in results.items():
        if name == "publish visible":
            continue
        ratio = row["rate"] / hello
        target = None if name == "bare Flask hello" else STATIC_TARGET if name.startswith("static") else PAGE_TARGET
        verdict = "" if target is None else f">= {target}x: {'ok' if ratio >= target else 'MISSED'}"
        ok &= target is None or ratio >= target
        errors = f"  ({row['errors']} non-2xx/3xx)" if row["errors"] else ""
        print(f"{name:<18} {row['rate']:>8.0f} {ratio:>5.2f}x {row['p50']:>9} {row['p99']:>9}  {verdict}{errors}")
    if "publish visible" in results:
        seconds = results["publish visible"]
        met = seconds <= VISIBLE_TARGET
        ok &= met
        print(f"publish visible on every worker: {seconds:.2f} s (target <= {VISIBLE_TARGET:.0f} s: "
              f"{'ok' if met else 'MISSED'})")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per address")
    parser.add_argument("--redis", action="store_true", help=f"REDIS_URL={REDIS} for the app (db 7 is flushed)")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="another checkout to measure (its code, our .venv)")
    parser.add_argument("--no-publish", action="store_true", help="skip the publish-visible check")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    results = measure(args.app_dir.resolve(), args.duration, args.redis, not args.no_publish)
    print(f"KICK City throughput, {args.app_dir.resolve()}, gunicorn.conf.py ({os.cpu_count()} cores), "
          f"wrk -t2 -c32 -d{args.duration}s, {'page cache in Redis' if args.redis else 'embedded default'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    return 0 if report(results) else 1


if __name__ == "__main__":
    sys.exit(main())
