"""What the simulated people do: counter displays showing fresh codes, and shoppers who browse a
city (home, trails, green routes, GPX, shops), scan stamps at counters and look at their cards.

A shopper thread plays one visitor after another: each visit is a new phone (fresh cookie jar, so a
first scan makes a new anonymous account) doing 8-30 actions. Every scan is booked by (phone, shop),
so the run can be checked against the database row by row afterwards."""
import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bench._phone import SIGNED_IN_AGENT, ConnectionLost, Phone

# (action, weight): what a visitor does next. Pages people open most come first.
MIX = (("city home", 18), ("trail list", 7), ("trail page", 12), ("green list", 4), ("gpx", 4), ("geojson", 3),
       ("shop list", 10), ("shop page", 14), ("scan", 16), ("stamps page", 8), ("api my cards", 4))
CSRF_INPUT = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="csrf_token"')


@dataclass
class World:
    """Slugs of the demo data per city, and shops whose counters show stamp codes."""
    cities: dict  # slug -> {"trails": [...], "green": [...], "shops": [...]}
    displays: list  # (shop_id, city slug, merchant email)


def read_world(conn) -> World:
    cities = defaultdict(lambda: {"trails": [], "green": [], "shops": []})
    for slug, kind, trail in conn.execute(
            "SELECT c.slug, t.kind, t.slug FROM trail t JOIN city c ON c.id = t.city_id "
            "WHERE t.status = 'published' ORDER BY t.id"):
        cities[slug]["green" if kind == "green" else "trails"].append(trail)
    for slug, shop in conn.execute("SELECT c.slug, s.slug FROM shop s JOIN city c ON c.id = s.city_id "
                                   "WHERE s.status = 'approved' ORDER BY s.id"):
        cities[slug]["shops"].append(shop)
    displays = list(conn.execute(
        "SELECT s.id, c.slug, u.email FROM shop s JOIN city c ON c.id = s.city_id JOIN users u ON u.id = s.owner_id "
        "JOIN stamp_programme p ON p.shop_id = s.id WHERE s.status = 'approved' AND p.active ORDER BY s.id"))
    return World(dict(cities), displays)


@dataclass
class Ledger:
    """Every answer (for latency and errors) and every scan (for the stamp check), thread-safe."""
    started: float = field(default_factory=time.monotonic)
    samples: list = field(default_factory=list)  # (t, endpoint, status or 'conn', seconds)
    accepted: list = field(default_factory=list)  # (phone, shop_id)
    in_doubt: list = field(default_factory=list)  # (phone, shop_id): answer lost, may have stamped
    refused: dict = field(default_factory=lambda: defaultdict(int))
    scanned_phones: set = field(default_factory=set)
    resent: int = 0  # requests a phone sent again after the server closed a reused connection
    ghost_risk: int = 0  # re-sent first scans of a phone (see Shopper._book)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() - self.started

    def record(self, endpoint: str, outcome, seconds: float, resent: bool = False) -> None:
        with self.lock:
            self.samples.append((self.now(), endpoint, outcome, seconds))
            self.resent += resent


class Counters:
    """The counter displays: one merchant session per shop polls its code every 2 s, like
    static/js/counter.js, and publishes the current scan URL path for shoppers to use."""

    def __init__(self, base: str, world: World, ledger: Ledger, password: str):
        self.codes: dict[str, list[tuple[int, str]]] = defaultdict(list)  # city -> [(shop_id, path)]
        self._paths: dict[int, tuple[str, str]] = {}
        self._lock = threading.Lock()
        self.base, self.world, self.ledger, self.password = base, world, ledger, password

    def log_in(self, email: str) -> Phone:
        phone = Phone(self.base)
        phone.csrf = phone.get("/api/v1/me").json()["csrf_token"]
        answer = phone.post_json("/api/v1/auth/login", {"email": email, "password": self.password})
        if answer.status != 200:
            raise SystemExit(f"merchant login {email} answered {answer.status}: {answer.text()[:200]}")
        phone.csrf = answer.json()["csrf_token"]
        return phone

    def poll(self, phone: Phone, shop_id: int, city: str) -> None:
        try:
            answer = phone.get(f"/api/v1/merchant/shops/{shop_id}/counter-code", headers={"Accept": "application/json"})
        except ConnectionLost:
            self.ledger.record("counter code", "conn", 0.0)
            return
        self.ledger.record("counter code", answer.status, answer.seconds, answer.retried)
        if answer.status == 200:
            with self._lock:
                self._paths[shop_id] = (city, urlsplit(answer.json()["url"]).path)

    def current(self, city: str) -> list[tuple[int, str]]:
        with self._lock:
            return [(shop_id, path) for shop_id, (c, path) in self._paths.items() if c == city]

    def run(self, stop: threading.Event) -> list[threading.Thread]:
        sessions = [(self.log_in(email), shop_id, city) for shop_id, city, email in self.world.displays]
        for phone, shop_id, city in sessions:
            self.poll(phone, shop_id, city)

        def display(phone, shop_id, city):
            while not stop.wait(2.0):
                self.poll(phone, shop_id, city)
            phone.close()

        threads = [threading.Thread(target=display, args=s, daemon=True) for s in sessions]
        for thread in threads:
            thread.start()
        return threads


class Shopper:
    """One thread of visitors in one city."""

    def __init__(self, base: str, city: str, world: World, counters: Counters, ledger: Ledger, seed: int):
        self.base, self.city, self.counters, self.ledger = base, city, counters, ledger
        self.data = world.cities[city]
        self.random = random.Random(seed)
        self.actions = [name for name, _ in MIX]
        self.weights = [weight for _, weight in MIX]

    def run(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            phone = Phone(self.base)
            phone.scanned = set()
            for _ in range(self.random.randint(8, 30)):
                if time.monotonic() >= deadline:
                    break
                self.act(phone, self.random.choices(self.actions, self.weights)[0])
            phone.close()

    def _get(self, phone: Phone, endpoint: str, path: str, **kw):
        try:
            answer = phone.get(path, **kw)
        except ConnectionLost:
            self.ledger.record(endpoint, "conn", 0.0)
            return None
        self.ledger.record(endpoint, answer.status, answer.seconds, answer.retried)
        return answer

    def act(self, phone: Phone, action: str) -> None:
        c, pick = self.city, self.random.choice
        data = self.data
        if action == "city home":
            self._get(phone, action, f"/{c}/")
        elif action == "trail list":
            self._get(phone, action, f"/{c}/trails/")
        elif action == "green list":
            self._get(phone, action, f"/{c}/green/")
        elif action in ("trail page", "gpx", "geojson"):
            trails = data["trails"] + data["green"]
            if trails:
                suffix = {"trail page": "", "gpx": ".gpx", "geojson": ".geojson"}[action]
                self._get(phone, action, f"/{c}/trails/{pick(trails)}{suffix}")
        elif action == "shop list":
            self._get(phone, action, f"/{c}/shops/")
        elif action == "shop page":
            if data["shops"]:
                self._get(phone, action, f"/{c}/shops/{pick(data['shops'])}")
        elif action == "stamps page":
            if phone.has_account:  # the shopper's own cards; tagged so the access log can tell it apart
                self._get(phone, "stamps page (signed in)", f"/{c}/stamps", headers={"User-Agent": SIGNED_IN_AGENT})
            else:
                self._get(phone, action, f"/{c}/stamps")
        elif action == "api my cards":
            if phone.has_account:  # only a phone with an account has cards to ask for
                self._get(phone, action, "/api/v1/me/cards", headers={"Accept": "application/json"})
        elif action == "scan":
            self.scan(phone)

    def scan(self, phone: Phone) -> None:
        codes = self.counters.current(self.city)
        if not codes:
            return
        fresh = [code for code in codes if code[0] not in phone.scanned]
        shop_id, path = self.random.choice(fresh or codes)  # mostly a shop not stamped yet on this visit
        phone.scanned.add(shop_id)
        with self.ledger.lock:
            self.ledger.scanned_phones.add(phone)
        if self.random.random() < 0.5:
            self._scan_with_camera(phone, shop_id, path)
        else:
            self._scan_in_app(phone, shop_id, path)

    def _book(self, phone: Phone, shop_id: int, endpoint: str, answer, accepted: bool) -> None:
        """Book the outcome of a stamp request. A lost answer may have stamped; so may a re-sent
        request's first copy — unless the re-sent one was accepted (then the first never counted)."""
        with self.ledger.lock:
            if answer is not None and answer.retried and not phone.has_account:
                # The first copy may have made an anonymous account (and a stamp on it) whose
                # cookie never reached the phone; the re-sent copy then made a second account.
                self.ledger.ghost_risk += 1
            if answer is None or answer.status >= 500 or (answer.retried and not accepted):
                self.ledger.in_doubt.append((phone, shop_id))
            elif accepted:
                self.ledger.accepted.append((phone, shop_id))
            else:
                self.ledger.refused[f"{endpoint} {answer.status}"] += 1

    def _scan_with_camera(self, phone: Phone, shop_id: int, path: str) -> None:
        """The phone camera opens the printed URL; the page's button posts the form (CSRF token)."""
        page = self._get(phone, "scan page", path)
        if page is None or page.status != 200:
            return
        match = CSRF_INPUT.search(page.text())
        if not match:
            self.ledger.record("scan page", "no-csrf", 0.0)
            return
        try:
            answer = phone.post_form(path, {"csrf_token": match.group(1) or match.group(2)})
        except ConnectionLost:
            self.ledger.record("scan POST (form)", "conn", 0.0)
            self._book(phone, shop_id, "form", None, False)
            return
        self.ledger.record("scan POST (form)", answer.status, answer.seconds, answer.retried)
        accepted = answer.status == 303 and "/stamps" in (answer.headers.get("Location") or "")
        self._book(phone, shop_id, "form", answer, accepted)
        phone.has_account = phone.has_account or accepted

    def _scan_in_app(self, phone: Phone, shop_id: int, path: str) -> None:
        """The app's own scanner: POST /api/v1/scan with the session's CSRF token."""
        if phone.csrf is None:
            me = self._get(phone, "api me", "/api/v1/me", headers={"Accept": "application/json"})
            if me is None or me.status != 200:
                return
            phone.csrf = me.json()["csrf_token"]
        try:
            answer = phone.post_json("/api/v1/scan", {"code": path, "city": self.city})
        except ConnectionLost:
            self.ledger.record("scan POST (api)", "conn", 0.0)
            self._book(phone, shop_id, "api", None, False)
            return
        self.ledger.record("scan POST (api)", answer.status, answer.seconds, answer.retried)
        self._book(phone, shop_id, "api", answer, answer.status == 201)
        if answer.status == 201:
            phone.has_account = True
            phone.csrf = None  # a first stamp logs the new anonymous shopper in: a new session token
