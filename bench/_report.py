"""Figures from a load run: latency percentiles per endpoint (as the phones saw them), server time
per endpoint (gunicorn's access log, %(M)s), error counts, and the printing of it all."""
import re
import statistics
from collections import defaultdict

# Answers that are a correct outcome per endpoint; anything else (5xx, a dropped connection, an
# unexpected 4xx) is an error. Scan refusals (409 cooldown, 410 expired) are normal answers.
EXPECTED = defaultdict(lambda: {200}, {
    "scan POST (form)": {303, 409, 410}, "scan POST (api)": {201, 409, 410}, "hello": {200}})
ORDER = ("city home", "trail list", "trail page", "green list", "gpx", "geojson", "shop list", "shop page",
         "scan page", "scan POST (form)", "scan POST (api)", "api me", "stamps page", "stamps page (signed in)",
         "api my cards", "counter code", "hello")
REQUEST_LINE = re.compile(r'"(GET|POST|HEAD|PUT|PATCH|DELETE) (\S+) HTTP/[\d.]+" (\d{3}) \S+ (\d+)ms(?: "([^"]*)")?')
SIGNED_IN_TAG = "KICK-bench signed-in"  # bench/_phone.py SIGNED_IN_AGENT: a signed-in shopper's page view
# Issue 18's targets for the personal side, on the server's own time (access log), in ms.
TARGETS = (("scan POST", ("scan POST (form)", "scan POST (api)"), 50, 30.0),
           ("scan POST", ("scan POST (form)", "scan POST (api)"), 99, 100.0),
           ("signed-in stamps page", ("stamps page (signed in)",), 50, 15.0))
ROUTES = (
    ("POST", re.compile(r"^/api/v1/scan$"), "scan POST (api)"),
    ("GET", re.compile(r"^/api/v1/me/cards$"), "api my cards"),
    ("GET", re.compile(r"^/api/v1/me$"), "api me"),
    ("GET", re.compile(r"^/api/v1/merchant/shops/\d+/counter-code$"), "counter code"),
    ("GET", re.compile(r"^/[a-z-]+/$"), "city home"),
    ("GET", re.compile(r"^/[a-z-]+/trails/$"), "trail list"),
    ("GET", re.compile(r"^/[a-z-]+/green/$"), "green list"),
    ("GET", re.compile(r"^/[a-z-]+/trails/[a-z0-9-]+\.gpx$"), "gpx"),
    ("GET", re.compile(r"^/[a-z-]+/trails/[a-z0-9-]+\.geojson$"), "geojson"),
    ("GET", re.compile(r"^/[a-z-]+/trails/[a-z0-9-]+$"), "trail page"),
    ("GET", re.compile(r"^/[a-z-]+/shops/$"), "shop list"),
    ("GET", re.compile(r"^/[a-z-]+/shops/[a-z0-9-]+$"), "shop page"),
    ("GET", re.compile(r"^/[a-z-]+/s/[^/]+$"), "scan page"),
    ("POST", re.compile(r"^/[a-z-]+/s/[^/]+$"), "scan POST (form)"),
    ("GET", re.compile(r"^/[a-z-]+/stamps$"), "stamps page"),
    ("GET", re.compile(r"^/$"), "hello"),
)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=1000, method="inclusive")[int(pct * 10) - 1]


def endpoint_of(method: str, path: str, agent: str = "") -> str:
    path = path.split("?", 1)[0]
    for verb, pattern, name in ROUTES:
        if verb == method and pattern.match(path):
            return f"{name} (signed in)" if name == "stamps page" and SIGNED_IN_TAG in agent else name
    return "other"


def server_times(access_log_slice: str) -> dict[str, list[float]]:
    times = defaultdict(list)
    for match in REQUEST_LINE.finditer(access_log_slice):
        method, path, _, ms, agent = match.groups()
        times[endpoint_of(method, path, agent or "")].append(float(ms))
    return times


def targets(server: dict[str, list[float]]) -> tuple[list[str], bool]:
    """Issue 18's server-time targets for the scan POST (form and API together) and the signed-in
    stamps page: one line each, and whether all are met. %(M)s is whole milliseconds."""
    lines, met = [], True
    for label, endpoints, pct, limit in TARGETS:
        values = [ms for name in endpoints for ms in server.get(name, [])]
        if not values:
            lines.append(f"target            {label} server p{pct} <= {limit:.0f} ms: no requests")
            met = False
            continue
        value = percentile(values, pct)
        ok = value <= limit if pct == 50 else value < limit
        met = met and ok
        lines.append(f"target            {label} server p{pct} {value:.0f} ms "
                     f"{'<=' if pct == 50 else '<'} {limit:.0f} ms: {'met' if ok else 'MISSED'} ({len(values)} requests)")
    return lines, met


def is_error(endpoint: str, outcome) -> bool:
    return outcome not in EXPECTED[endpoint]


def table(samples: list, server: dict[str, list[float]], seconds: float) -> tuple[str, int, int]:
    """The per-endpoint table; returns (text, total requests, total errors)."""
    by_endpoint = defaultdict(list)
    for _, endpoint, outcome, took in samples:
        by_endpoint[endpoint].append((outcome, took))
    lines = [f"{'endpoint':<24} {'requests':>8} {'req/s':>7} {'errors':>6}   {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
             f"   {'server p50':>10} {'p95':>5} {'p99':>5}"]
    total = errors = 0
    names = [n for n in ORDER if n in by_endpoint] + sorted(set(by_endpoint) - set(ORDER))
    for name in names:
        rows = by_endpoint[name]
        ok = [took * 1000 for outcome, took in rows if not is_error(name, outcome)]
        bad = sum(1 for outcome, _ in rows if is_error(name, outcome))
        srv = server.get(name, [])
        lines.append(f"{name:<24} {len(rows):>8} {len(rows) / seconds:>7.1f} {bad:>6}   {percentile(ok, 50):>7.1f} "
                     f"{percentile(ok, 95):>7.1f} {percentile(ok, 99):>7.1f}   {percentile(srv, 50):>10.0f} "
                     f"{percentile(srv, 95):>5.0f} {percentile(srv, 99):>5.0f}")
        total += len(rows)
        errors += bad
    all_ok = [took * 1000 for _, name, outcome, took in samples if not is_error(name, outcome)]
    lines.append(f"{'all':<24} {total:>8} {total / seconds:>7.1f} {errors:>6}   {percentile(all_ok, 50):>7.1f} "
                 f"{percentile(all_ok, 95):>7.1f} {percentile(all_ok, 99):>7.1f}")
    return "\n".join(lines), total, errors


def error_kinds(samples: list) -> dict[str, int]:
    kinds = defaultdict(int)
    for _, endpoint, outcome, _ in samples:
        if is_error(endpoint, outcome):
            kinds[str(outcome)] += 1
    return dict(sorted(kinds.items()))
