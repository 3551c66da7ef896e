"""What visitors see: approved shops only, with their opening status in Brussels time."""
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import selectinload

from app.core import clock
from app.core.clock import TZ
from app.core.tenancy import city_select, first_in_city_or_404
from app.extensions import db
from app.shops.hours import DAYS, HoursError, OpenStatus, status, today_intervals
from app.shops.models import CATEGORIES, Shop, ShopStatus

EXCEPTION_LOOKAHEAD_DAYS = 60  # Christmas and New Year show from late October on


@dataclass(frozen=True)
class Listing:
    shop: Shop
    open: OpenStatus
    featured: bool

    @property
    def cover(self):
        photos = self.shop.current_photos
        return photos[0] if photos else None


def opening_status(shop: Shop, at: datetime | None = None) -> OpenStatus:
    return _status_of(shop.opening_hours, at or clock.now())


def _status_of(hours: dict | None, at: datetime) -> OpenStatus:
    try:
        return status(hours or {}, at)
    except HoursError:  # stored hours are validated on save; never let old data break a page
        return OpenStatus(False, None, None)


def folded(text: str) -> str:
    """Text as search compares it: without accents, case folded ("Crème" and "CREME" -> "creme")."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_text(shop: Shop, category_labels) -> str:
    """Everything a search looks in: name, tagline and story in every language, and the category's name."""
    parts = [*(shop.name or {}).values(), *(shop.tagline or {}).values(), *(shop.story or {}).values(),
             shop.category, str(category_labels.get(shop.category, ""))]
    return folded(" ".join(str(part) for part in parts))


def matches(shop: Shop, words: list[str], category_labels) -> bool:
    """Every word of the search occurs in the shop's texts (folded: case and accents do not matter)."""
    haystack = search_text(shop, category_labels)
    return all(word in haystack for word in words)


def public_shops(city, *, category: str | None = None, open_now: bool = False,
                 step_free: bool = False, q: str | None = None) -> list[Listing]:
    """Approved shops of the city: today's spotlights first (by rank), then by name.

    One query for the shops and one for their photos, however many shops there are. Filtering on
    "open now" happens here because opening hours are evaluated in Python (breaks, holidays, DST).
    The search `q` too: the city's approved shops are loaded whole anyway, and folding accents in
    Python is one rule on SQLite and PostgreSQL (SQL would need PostgreSQL's unaccent extension, which
    SQLite lacks, or a second copy of every text). Each word must occur in the name, tagline, story
    (any language) or the category's name in the reader's language.
    """
    query = (city_select(Shop, city).where(Shop.status == ShopStatus.APPROVED.value)
             .options(selectinload(Shop.photos)))
    if category in CATEGORIES:
        query = query.where(Shop.category == category)
    if step_free:  # the merchant said so: an unknown entrance is left out, not guessed
        query = query.where(Shop.step_free.is_(True))
    now = clock.now()
    today = clock.local_date(now)
    listings = [Listing(shop, opening_status(shop, now), shop.is_featured_on(today))
                for shop in db.session.execute(query).scalars()]
    if open_now:
        listings = [listing for listing in listings if listing.open.open]
    words = folded(q or "").split()
    if words:
        from app.shops.forms import CATEGORY_LABELS
        listings = [listing for listing in listings if matches(listing.shop, words, CATEGORY_LABELS)]
    listings.sort(key=lambda l: (not l.featured, l.shop.featured_rank if l.featured else 0,
                                 l.shop.display_name.casefold()))
    return listings


def open_now(city) -> list[tuple[Shop, OpenStatus]]:
    """The city's approved shops open right now, by name: one query, no photos (the home's "open now" line)."""
    now = clock.now()
    query = city_select(Shop, city).where(Shop.status == ShopStatus.APPROVED.value)
    pairs = [(shop, opening_status(shop, now)) for shop in db.session.execute(query).scalars()]
    return sorted(((shop, state) for shop, state in pairs if state.open), key=lambda pair: pair[0].display_name.casefold())


def open_now_counts(cities) -> dict[int, int]:
    """How many approved shops are open right now in each of `cities` (the town picker): one query, reading
    only the towns and the opening hours."""
    from sqlalchemy import select
    now = clock.now()
    query = select(Shop.city_id, Shop.opening_hours).where(Shop.city_id.in_([city.id for city in cities]),
                                                           Shop.status == ShopStatus.APPROVED.value)
    counts: dict[int, int] = {}
    for city_id, hours in db.session.execute(query):
        if _status_of(hours, now).open:
            counts[city_id] = counts.get(city_id, 0) + 1
    return counts


def public_shop_or_404(city, slug: str) -> Shop:
    """An approved shop of `city`, its photos loaded with it (the page shows them)."""
    return first_in_city_or_404(Shop, city, Shop.slug == slug[:80], Shop.status == ShopStatus.APPROVED.value,
                                options=(selectinload(Shop.photos),))


@dataclass(frozen=True)
class DayHours:
    day: date
    key: str  # "mon" ... "sun"
    intervals: list[tuple[str, str]]
    is_today: bool
    note: str | None  # set when an exception changes this date


def week_hours(shop: Shop, today: date | None = None) -> list[DayHours]:
    """The next seven days from today, with exceptions applied (what a visitor plans with)."""
    today = today or clock.today()
    notes = {exc["date"]: exc.get("note") or "" for exc in (shop.opening_hours or {}).get("exceptions", [])}
    rows = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        try:
            intervals = today_intervals(shop.opening_hours or {}, day)
        except HoursError:
            intervals = []
        note = notes.get(day.isoformat())
        rows.append(DayHours(day, DAYS[day.weekday()], intervals, offset == 0, note))
    return rows


def upcoming_exceptions(shop: Shop, today: date | None = None) -> list[dict]:
    """Exceptions after the seven days week_hours shows, up to EXCEPTION_LOOKAHEAD_DAYS ahead (a closure on
    25 December is worth knowing before the week of Christmas), earliest first."""
    today = today or clock.today()
    after_week = (today + timedelta(days=7)).isoformat()
    horizon = (today + timedelta(days=EXCEPTION_LOOKAHEAD_DAYS)).isoformat()
    return sorted((exc for exc in (shop.opening_hours or {}).get("exceptions", [])
                   if after_week <= exc["date"] <= horizon), key=lambda exc: exc["date"])


def map_points(listings: list[Listing]) -> list[dict]:
    """Marker data for the map script (approved shops with a pin only)."""
    from app.core.i18n import translate
    from app.shops import shop_page_url
    return [{"name": l.shop.display_name, "lat": l.shop.lat, "lon": l.shop.lon, "open": l.open.open,
             "featured": l.featured, "tagline": translate(l.shop.tagline),
             "url": shop_page_url(l.shop)}
            for l in listings if l.shop.lat is not None and l.shop.lon is not None]


def opens_when(at: datetime) -> str:
    """'opens at 13:30' / 'opens tomorrow at 09:30' / 'opens Tuesday at 10:00' (Brussels time)."""
    from flask_babel import format_date, gettext as _
    local = at.astimezone(TZ)
    days = (local.date() - clock.today()).days
    time = local.strftime("%H:%M")
    if days <= 0:
        return _("opens at %(time)s", time=time)
    if days == 1:
        return _("opens tomorrow at %(time)s", time=time)
    return _("opens %(day)s at %(time)s", day=format_date(local.date(), "EEEE"), time=time)


def quiet_hours_text(quiet: dict | None) -> str:
    """'di–vr 09:00–11:00' in the reader's language: consecutive days as one range (Monday 2026-11-30 names them)."""
    from flask_babel import format_date
    if not quiet:
        return ""
    chosen = [DAYS.index(day) for day in quiet.get("days", []) if day in DAYS]
    runs: list[list[int]] = []
    for index in chosen:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    monday = date(2026, 11, 30)

    def name(index: int) -> str:
        return format_date(monday + timedelta(days=index), "EEE").rstrip(".")

    parts = [f"{name(run[0])}–{name(run[-1])}" if len(run) > 2 else ", ".join(name(i) for i in run) for run in runs]
    return f"{', '.join(parts)} {quiet['from']}–{quiet['until']}"
