"""Anonymous counters from visitors' browsers: a page seen, a trail started, a trail walked to its last stop.

An event is (city, kind, page key, hour): no cookie is read or set, nothing about the visitor is kept (no
address, no user agent, not even the minute). What is not a person looking at the page is not counted: a
client that says it is a robot in its User-Agent (search engines, link previews, monitors, scripts and
headless browsers) and a prefetch (Sec-Purpose / Purpose: prefetch). Those requests get the same answer
as a counted one, so a robot learns nothing from it. Deduplication per page load is the beacon's
(static/js/figures.js); the rate limit per client is the API's (FIGURES_EVENT_LIMIT).

Page keys (the rollup's PAGE_VIEWS keys, app.figures.models.Metric): the pages in `PAGES`, "shop:<id>"
of an approved shop and "trail:<id>" of a published trail or green route of that city.
"""
import re
from collections.abc import Mapping
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from app.cities.services import city_by_slug
from app.core import clock
from app.core.problem import ProblemError
from app.extensions import db
from app.figures.models import EventKind, FigureEvent
from app.shops.models import Shop
from app.trails.models import Trail

# The visitor pages that exist and are counted (a new page adds its key here and renders the beacon).
PAGES = ("home", "shops", "trails", "green", "stamps")
REF = re.compile(r"^(shop|trail):([1-9][0-9]{0,9})$")
# Robots that say so. Matched anywhere in the User-Agent, case-insensitively; real browsers never carry
# these words ("bot" as in Googlebot/2.1 or AhrefsBot, but not the CUBOT phone; HeadlessChrome is a browser
# without a screen: automation, not a visitor).
BOT_WORDS = re.compile(
    r"(?<!cu)bot\b|crawl|spider|slurp|scrap|fetch|archiver|preview|monitor|uptime|pingdom|lighthouse|"
    r"pagespeed|google(?:other|-)|mediapartners|headless|phantomjs|selenium|puppeteer|playwright|"
    r"facebookexternalhit|embedly|whatsapp|curl/|wget/|python|httpx|aiohttp|go-http-client|java/|okhttp|"
    r"libwww|axios|postman|insomnia",
    re.IGNORECASE)
PREFETCH_HEADERS = ("Sec-Purpose", "Purpose", "X-Purpose", "X-Moz")


def is_robot(user_agent: str | None) -> bool:
    """A client that is not a person with a browser: no User-Agent at all, or one that names a robot."""
    agent = (user_agent or "").strip()
    return not agent or BOT_WORDS.search(agent) is not None


def is_prefetch(headers: Mapping[str, str]) -> bool:
    """A request the browser made ahead of time (nobody may ever see the page): Sec-Purpose: prefetch
    (Chrome's speculation rules, also "prefetch;prerender"), Purpose / X-Purpose (older Chrome, Safari),
    X-Moz (Firefox)."""
    return any("prefetch" in (headers.get(name) or "").lower() for name in PREFETCH_HEADERS)


def counted(user_agent: str | None, headers: Mapping[str, str]) -> bool:
    return not is_robot(user_agent) and not is_prefetch(headers)


def event_city(slug: str):
    """The live town of a slug a browser sent: a draft's pages are seen by its makers only, not counted."""
    city = city_by_slug(slug)
    if city is None or not city.is_live:
        raise ProblemError(422, _("This town does not exist."), code="unknown_city",
                           errors={"city": [_("This town does not exist.")]})
    return city


def _unknown_ref() -> ProblemError:
    message = _("This page is not counted.")
    return ProblemError(422, message, code="unknown_ref", errors={"ref": [message]})


def _published(city, model, object_id: int) -> bool:
    status = "approved" if model is Shop else "published"
    found = db.session.execute(select(model.id).where(model.id == object_id, model.city_id == city.id,
                                                      model.status == status)).first()
    return found is not None


def check_event_ref(city, kind: str, ref: str) -> str:
    """The page key an event counts for; a 422 on `ref` for a page that is not one of the city's.
    A page view names a page of `PAGES`, an approved shop or a published trail; a trail start or completion
    names a published trail."""
    ref = (ref or "").strip()
    if kind == EventKind.PAGE_VIEW and ref in PAGES:
        return ref
    match = REF.match(ref)
    if match is None or (kind != EventKind.PAGE_VIEW and match.group(1) != "trail"):
        raise _unknown_ref()
    model = Shop if match.group(1) == "shop" else Trail
    if not _published(city, model, int(match.group(2))):
        raise _unknown_ref()
    return ref


def event_hour(at: datetime | None = None) -> datetime:
    """The start of the UTC hour of `at` (now): all an event keeps of its time."""
    return (at or clock.now()).replace(minute=0, second=0, microsecond=0)


def record_figure_event(city, kind: str, ref: str, *, at: datetime | None = None) -> FigureEvent:
    """Count one event of `kind` for the page `ref` of `city` (checked); commits."""
    if kind not in set(EventKind):
        raise ProblemError(422, _("Not a kind of event that is counted."), code="unknown_kind",
                           errors={"kind": [_("Not a kind of event that is counted.")]})
    event = FigureEvent(city_id=city.id, kind=str(kind), page=check_event_ref(city, kind, ref),
                        hour=event_hour(at))
    db.session.add(event)
    db.session.commit()
    return event
