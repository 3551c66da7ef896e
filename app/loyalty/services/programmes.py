"""A shop's stamp programme: settings, the rotating counter code and the static poster code."""
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from flask import current_app
from sqlalchemy import select

from app.core import clock
from app.core.urls import external_url
from app.extensions import db
from app.loyalty.codes import make_code, make_poster_code, numeric_fallback, step_for
from app.loyalty.models import StampProgramme

DEFAULT_REWARD = {"nl": "Een klein cadeau van het huis", "en": "A small gift from the house",
                  "fr": "Un petit cadeau de la maison", "de": "Ein kleines Geschenk des Hauses"}


@dataclass(frozen=True)
class CounterCode:
    url: str
    code: str
    numeric: str
    step: int
    expires_at: datetime  # when the display shows the next code (the old one keeps one step of grace)


def programme_for(shop) -> StampProgramme | None:
    return db.session.execute(
        select(StampProgramme).where(StampProgramme.shop_id == shop.id)).scalar_one_or_none()


def ensure_programme(shop) -> StampProgramme:
    """The shop's programme, created with sensible defaults the first time a merchant opens it."""
    programme = programme_for(shop)
    if programme is None:
        programme = StampProgramme(shop_id=shop.id, city_id=shop.city_id, stamps_required=10,
                                   reward=dict(DEFAULT_REWARD), cooldown_hours=24, active=True)
        db.session.add(programme)
        db.session.commit()
    return programme


def update_programme(programme: StampProgramme, *, stamps_required: int, reward: dict, cooldown_hours: int,
                     active: bool) -> StampProgramme:
    programme.stamps_required = stamps_required
    programme.reward = reward
    programme.cooldown_hours = cooldown_hours
    programme.active = active
    db.session.commit()
    return programme


def revoke_posters(programme: StampProgramme) -> None:
    """Every poster printed so far stops working; the merchant prints the new one."""
    programme.poster_generation += 1
    db.session.commit()


def step_seconds() -> int:
    return int(current_app.config["KICK_CODE_STEP_SECONDS"])


def scan_url(city_slug: str, code: str) -> str:
    return external_url("loyalty.scan", city=city_slug, code=code)


def counter_code(programme: StampProgramme, at: datetime | None = None, step: int | None = None) -> CounterCode:
    seconds = step_seconds()
    at = at or clock.now()
    step = step_for(at.timestamp(), seconds) if step is None else step
    slug = programme.shop.city.slug
    code = make_code(programme.secret, slug, programme.shop_id, step)
    return CounterCode(url=scan_url(slug, code), code=code,
                       numeric=numeric_fallback(programme.secret, slug, programme.shop_id, step),
                       step=step, expires_at=datetime.fromtimestamp((step + 1) * seconds, timezone.utc))


def displayable_step(requested: int | None) -> int:
    """The counter image may be fetched for the current step or the one before (still valid)."""
    current = step_for(clock.now().timestamp(), step_seconds())
    if requested is not None and current - 1 <= requested <= current:
        return requested
    return current


def poster_url(programme: StampProgramme) -> str:
    slug = programme.shop.city.slug
    return scan_url(slug, make_poster_code(programme.secret, slug, programme.shop_id, programme.poster_generation))


def poster_cooldown() -> timedelta:
    return timedelta(days=int(current_app.config["KICK_POSTER_COOLDOWN_DAYS"]))
