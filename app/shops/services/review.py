"""Marketer decisions on a city's shops: approve, reject, suspend, reinstate, spotlight.

Every function takes a shop already loaded through the city-scoped helpers (another city's shop is
a 404 before we get here) and commits once; the merchant is notified after the commit.
"""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import or_
from sqlalchemy.orm import selectinload

from app.core import clock
from app.core.problem import ProblemError
from app.core.tenancy import city_select
from app.extensions import db
from app.media.service import delete_image
from app.shops.models import REVIEWED_FIELDS, NotificationKind, ProposalStatus, Shop, ShopStatus
from app.shops.rules import clean_reason
from app.shops.services.notifications import notify

MAX_SPOTLIGHT_DAYS = 366


def review_queue(city) -> list[Shop]:
    """New shops and changes waiting for a decision, oldest first."""
    return list(db.session.execute(
        city_select(Shop, city).where(or_(Shop.status == ShopStatus.PENDING.value,
                                            Shop.proposal_status == ProposalStatus.PENDING.value))
        .options(selectinload(Shop.photos), selectinload(Shop.owner))
        .order_by(Shop.submitted_at, Shop.id)).scalars())


def accessibility_progress(city) -> tuple[int, int]:
    """(approved shops that gave their accessibility, approved shops) of the city, in one query."""
    from sqlalchemy import case, func, select
    given, total = db.session.execute(
        select(func.coalesce(func.sum(case((Shop.accessibility_given_clause(), 1), else_=0)), 0), func.count())
        .where(Shop.city_id == city.id, Shop.status == ShopStatus.APPROVED.value)).one()
    return int(given), int(total)


def reviewable_shops(city) -> list[Shop]:
    """Every shop of the city that a marketer may act on (not drafts: those are the merchant's)."""
    return list(db.session.execute(
        city_select(Shop, city).where(Shop.status != ShopStatus.DRAFT.value)
        .options(selectinload(Shop.photos)).order_by(Shop.status, Shop.slug)).scalars())


def _apply_proposal(shop: Shop) -> list[str]:
    """Copy the proposal into the live columns and photos; return storage keys to delete."""
    proposal = shop.proposed or {}
    for field in REVIEWED_FIELDS:
        if field in proposal:
            setattr(shop, field, proposal[field])
    doomed: list[str] = []
    if "photos" in proposal:
        wanted = {item["id"]: (index, item.get("alt") or {}) for index, item in enumerate(proposal["photos"])}
        for photo in list(shop.photos):
            if photo.id in wanted:
                photo.position, photo.alt = wanted[photo.id]
                photo.pending = False
            else:
                doomed += [photo.phone_key, photo.thumb_key]
                shop.photos.remove(photo)
    shop.proposed = None
    shop.proposal_status = None
    return doomed


def approve(shop: Shop) -> Shop:
    doomed: list[str] = []
    if shop.status == ShopStatus.PENDING:
        shop.status = ShopStatus.APPROVED.value
        shop.approved_at = clock.now()
        kind = NotificationKind.APPROVED
    elif shop.proposal_status == ProposalStatus.PENDING:
        doomed = _apply_proposal(shop)
        kind = NotificationKind.CHANGES_APPROVED
    else:
        raise ProblemError(409, _("There is nothing to approve for this shop."), code="nothing_to_review")
    shop.review_reason = None
    notify(shop, kind)
    db.session.commit()
    delete_image(*doomed)
    return shop


def reject(shop: Shop, reason) -> Shop:
    reason = clean_reason(reason)
    if shop.status == ShopStatus.PENDING:
        shop.status = ShopStatus.REJECTED.value
        kind = NotificationKind.REJECTED
    elif shop.proposal_status == ProposalStatus.PENDING:
        shop.proposal_status = ProposalStatus.REJECTED.value  # kept: the merchant fixes it and sends it again
        kind = NotificationKind.CHANGES_REJECTED
    else:
        raise ProblemError(409, _("There is nothing to review for this shop."), code="nothing_to_review")
    shop.review_reason = reason
    notify(shop, kind, reason)
    db.session.commit()
    return shop


def suspend(shop: Shop, reason) -> Shop:
    reason = clean_reason(reason)
    if shop.status != ShopStatus.APPROVED:
        raise ProblemError(409, _("Only a visible shop can be suspended."), code="bad_status")
    shop.status = ShopStatus.SUSPENDED.value
    shop.review_reason = reason
    notify(shop, NotificationKind.SUSPENDED, reason)
    db.session.commit()
    return shop


def reinstate(shop: Shop) -> Shop:
    if shop.status != ShopStatus.SUSPENDED:
        raise ProblemError(409, _("Only a suspended shop can be made visible again."), code="bad_status")
    shop.status = ShopStatus.APPROVED.value
    shop.review_reason = None
    notify(shop, NotificationKind.REINSTATED)
    db.session.commit()
    return shop


def set_spotlight(shop: Shop, starts: date | None, ends: date | None, rank: int = 0) -> Shop:
    """Feature an approved shop from `starts` to `ends` (inclusive); both None ends the spotlight."""
    if starts is None and ends is None:
        shop.featured_from = shop.featured_until = None
        shop.featured_rank = 0
        db.session.commit()
        return shop
    errors = {}
    if shop.status != ShopStatus.APPROVED:
        errors["featured_from"] = [_("Only an approved shop can be in the spotlight.")]
    elif starts is None or ends is None:
        errors["featured_until"] = [_("Give a start and an end date.")]
    elif ends < starts:
        errors["featured_until"] = [_("The end date is before the start date.")]
    elif (ends - starts).days > MAX_SPOTLIGHT_DAYS:
        errors["featured_until"] = [_("A spotlight lasts at most a year.")]
    elif ends < clock.today():
        errors["featured_until"] = [_("The end date has already passed.")]
    if not 0 <= rank <= 99:
        errors["featured_rank"] = [_("Choose a position from 0 to 99.")]
    if errors:
        raise ProblemError(422, _("Some fields need attention."), code="validation_error", errors=errors)
    shop.featured_from, shop.featured_until, shop.featured_rank = starts, ends, rank
    db.session.commit()
    return shop


def diff(shop: Shop) -> list[dict]:
    """Side-by-side rows for the studio: live version against the proposal (changed fields only)."""
    if not shop.proposed:
        return []
    rows = []
    for field in REVIEWED_FIELDS:
        before, after = getattr(shop, field), shop.proposed.get(field)
        if before != after:
            rows.append({"field": field, "before": before, "after": after})
    return rows


def photo_diff(shop: Shop) -> dict | None:
    """Live photos against proposed photos (with alt texts) when the photo list changed."""
    if not shop.proposed or "photos" not in shop.proposed:
        return None
    live = [(photo, photo.alt) for photo in shop.current_photos]
    by_id = {photo.id: photo for photo in shop.photos}
    proposed = [(by_id[item["id"]], item.get("alt") or {}) for item in shop.proposed["photos"] if item["id"] in by_id]
    if [(p.id, a) for p, a in live] == [(p.id, a) for p, a in proposed]:
        return None
    return {"before": live, "after": proposed}


def spotlight_shops(city, day: date | None = None) -> list[Shop]:
    day = day or clock.today()
    return list(db.session.execute(
        city_select(Shop, city).where(Shop.status == ShopStatus.APPROVED.value, Shop.featured_from <= day,
                                  Shop.featured_until >= day)
        .options(selectinload(Shop.photos)).order_by(Shop.featured_rank, Shop.slug)).scalars())
