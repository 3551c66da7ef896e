"""A merchant's own shops: lookups, the working copy, create, edit, photos and sending for review.

Every operation commits once; refusals raise ProblemError.

While a shop has never been approved, edits change its columns directly (nothing is public).
Once it has a live version, edits to reviewed fields become a proposal (see models.py) that goes
straight back to review; hours, phone, languages and accessibility still change at once.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.core import clock
from app.core.problem import ProblemError, not_found
from app.core.text import slugify
from app.extensions import db
from app.media.service import delete_image, save_image
from app.shops.models import (LIVE_FIELDS, MAX_PHOTOS, REVIEWED_FIELDS, NotificationKind, ProposalStatus, Shop,
                              ShopPhoto, ShopStatus)
from app.shops.hours import has_weekly_hours
from app.shops.rules import ALT_MAX, clean_changes, submission_problems
from app.shops.services.notifications import notify

MAX_SHOPS_PER_MERCHANT = 10


# --- lookups -------------------------------------------------------------------------------------


def merchant_shop_or_404(actor, shop_id: int) -> Shop:
    """The actor's own shop (admins may open any); anything else is a 404 (ProblemError)."""
    if actor is None or not actor.is_authenticated:
        raise not_found()
    shop = db.session.get(Shop, shop_id)
    if shop is None or not (shop.owner_id == actor.id or actor.is_admin):
        raise not_found()
    return shop


def merchant_shops(user) -> list[Shop]:
    return list(db.session.execute(
        select(Shop).where(Shop.owner_id == user.id).options(selectinload(Shop.photos))
        .order_by(Shop.created_at, Shop.id)).scalars())


# --- the working copy: what the merchant sees and edits -----------------------------------------


def working_values(shop: Shop) -> dict:
    """Reviewed fields as the merchant last saved them (the proposal when there is one)."""
    live = {field: getattr(shop, field) for field in REVIEWED_FIELDS}
    if shop.proposed:
        live.update({k: v for k, v in shop.proposed.items() if k in REVIEWED_FIELDS})
    return live


def working_photos(shop: Shop) -> list[tuple[ShopPhoto, dict]]:
    """(photo, alt) in the merchant's order: the proposal's list, or the current photos."""
    if shop.proposed and "photos" in shop.proposed:
        by_id = {photo.id: photo for photo in shop.photos}
        return [(by_id[item["id"]], item.get("alt") or {}) for item in shop.proposed["photos"]
                if item["id"] in by_id]
    return [(photo, photo.alt) for photo in shop.current_photos]


def _photo_list(shop: Shop) -> list[dict]:
    return [{"id": photo.id, "alt": alt} for photo, alt in working_photos(shop)]


def _live_snapshot(shop: Shop) -> dict:
    values = {field: getattr(shop, field) for field in REVIEWED_FIELDS}
    values["photos"] = [{"id": photo.id, "alt": photo.alt} for photo in shop.current_photos]
    return values


def _store_proposal(shop: Shop, values: dict, photos: list[dict]) -> None:
    """Keep the proposal only if it differs from the live version; (re)open the review if so."""
    proposal = {**values, "photos": photos}
    if proposal == _live_snapshot(shop):
        shop.proposed = None
        shop.proposal_status = None
        return
    shop.proposed = proposal
    if shop.proposal_status != ProposalStatus.PENDING:
        shop.proposal_status = ProposalStatus.PENDING.value
        shop.submitted_at = clock.now()
        notify(shop, NotificationKind.BACK_TO_REVIEW)


# --- create, update, submit ----------------------------------------------------------------------


def shop_slug(name: str) -> str:
    """The web address a shop's name gives (before making it unique in the city)."""
    return slugify(name, fallback="shop")


def _unique_slug(city, name: str) -> str:
    base = shop_slug(name)
    taken = set(db.session.execute(
        select(Shop.slug).where(Shop.city_id == city.id, Shop.slug.like(f"{base}%"))).scalars())
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def create_shop(owner, city, changes: dict) -> Shop:
    values = clean_changes(changes, city)
    if not (values.get("name") or {}).get("nl"):
        raise ProblemError(422, _("Some fields need attention."), code="validation_error",
                           errors={"name": [_("Give the shop's name in Dutch.")]})
    owned = db.session.execute(select(func.count()).select_from(Shop).where(Shop.owner_id == owner.id)).scalar_one()
    if owned >= MAX_SHOPS_PER_MERCHANT:
        raise ProblemError(409, _("You already have %(num)d shops.", num=owned), code="too_many_shops")
    shop = Shop(owner_id=owner.id, city_id=city.id, city=city, status=ShopStatus.DRAFT.value,
                slug=_unique_slug(city, values["name"]["nl"]),
                name={}, tagline={}, story={}, opening_hours={"weekly": {}, "exceptions": []}, languages=["nl"])
    access = values.pop("accessibility", {})
    for field, value in {**values, **access}.items():
        setattr(shop, field, value)
    db.session.add(shop)
    db.session.commit()
    return shop


def update_shop(shop: Shop, changes: dict) -> Shop:
    values = clean_changes(changes, shop.city)
    for field in LIVE_FIELDS:
        if field in values:
            setattr(shop, field, values[field])
    # Accessibility goes live at once, like the hours (why: app.shops.models.ACCESSIBILITY_FIELDS).
    for field, value in values.get("accessibility", {}).items():
        setattr(shop, field, value)
    reviewed = {k: v for k, v in values.items() if k in REVIEWED_FIELDS}
    if reviewed:
        if shop.has_live_version:
            merged = {**working_values(shop), **reviewed}
            problems = submission_problems(merged)
            if problems:  # a live shop's changes go to review at once, so they must be complete
                raise ProblemError(422, _("Some fields need attention."), code="validation_error", errors=problems)
            _store_proposal(shop, merged, _photo_list(shop))
        else:
            for field, value in reviewed.items():
                setattr(shop, field, value)
    db.session.commit()
    return shop


def submission_checklist(shop: Shop) -> dict[str, list[str]]:
    """What still blocks sending a new shop for review: the content a marketer reviews (name, story, place:
    app.shops.rules.submission_problems) and the opening hours, without which the shop shows "closed" forever.
    Photos are advice only (`submission_advice`): the API has no photo upload, and a marketer can still ask."""
    problems = submission_problems(working_values(shop))
    if not has_weekly_hours(shop.opening_hours):
        problems["opening_hours"] = [_("Add your opening hours: visitors plan their visit with them.")]
    return problems


def submission_advice(shop: Shop) -> dict[str, list[str]]:
    """What does not block a review but the city team will ask for: at least one photo."""
    if working_photos(shop):
        return {}
    return {"photos": [_("Add at least one photo of your shop: without one, visitors see only a letter, "
                         "and the city team may ask for one.")]}


def may_submit(shop: Shop, problems: dict) -> bool:
    """Whether sending for review would send something now (the merchant's page shows its button then): a complete
    draft or rejected shop, or changes the city sent back. submit_shop holds the same rule, with its refusals."""
    if shop.proposal_status == ProposalStatus.REJECTED:
        return True
    return shop.status in (ShopStatus.DRAFT, ShopStatus.REJECTED) and not problems


def submit_shop(shop: Shop) -> Shop:
    """Send a draft (or a rejected shop or rejected changes) to the city's marketers."""
    if shop.has_live_version:
        if shop.proposal_status == ProposalStatus.REJECTED:
            shop.proposal_status = ProposalStatus.PENDING.value
            shop.submitted_at = clock.now()
            notify(shop, NotificationKind.BACK_TO_REVIEW)
            db.session.commit()
        return shop  # nothing to send, or already in review
    if shop.status == ShopStatus.PENDING:
        return shop
    if shop.status not in (ShopStatus.DRAFT, ShopStatus.REJECTED):
        raise ProblemError(409, _("This shop cannot be sent for review now."), code="bad_status")
    if shop.owner is not None and not shop.owner.email:
        # The city answers a submission by mail: an address nobody has confirmed yet may not be the owner's.
        raise ProblemError(409, _("Confirm your email address first: the city team answers you there. "
                                  "Open the link we mailed you, or ask for a new one above."),
                           code="email_unconfirmed")
    problems = submission_checklist(shop)
    if problems:
        raise ProblemError(422, _("Your shop is not complete yet."), code="incomplete", errors=problems)
    shop.status = ShopStatus.PENDING.value
    shop.submitted_at = clock.now()
    notify(shop, NotificationKind.SUBMITTED)
    db.session.commit()
    return shop


# --- photos ----------------------------------------------------------------------------------------


def _clean_alt(alt: dict | None) -> dict:
    from app.shops.rules import _clean_text_dict
    try:
        return _clean_text_dict(alt or {}, ALT_MAX)
    except ValueError as problem:
        raise ProblemError(422, str(problem), code="validation_error", errors={"alt": [str(problem)]}) from None


def _save_photos(shop: Shop, photos: list[dict]) -> None:
    """Write a new photo order/alt list: directly before the first approval, else as a proposal."""
    if shop.has_live_version:
        _store_proposal(shop, working_values(shop), photos)
        return
    by_id = {photo.id: photo for photo in shop.photos}
    for position, item in enumerate(photos):
        photo = by_id[item["id"]]
        photo.position = position
        photo.alt = item["alt"]


def add_photo(shop: Shop, data: bytes, alt: dict | None = None) -> ShopPhoto:
    alt = _clean_alt(alt)
    photos = _photo_list(shop)
    if len(photos) >= MAX_PHOTOS:
        raise ProblemError(409, _("A shop can show at most %(num)d photos.", num=MAX_PHOTOS),
                           code="too_many_photos", errors={"photo": [_("A shop can show at most %(num)d photos.", num=MAX_PHOTOS)]})
    stored = save_image(data, f"shops/{shop.id}", field="photo")
    photo = ShopPhoto(position=len(shop.photos), phone_key=stored.phone_key, thumb_key=stored.thumb_key,
                      width=stored.width, height=stored.height, alt=alt if not shop.has_live_version else {},
                      pending=shop.has_live_version)
    shop.photos.append(photo)
    try:
        db.session.flush()
        _save_photos(shop, photos + [{"id": photo.id, "alt": alt}])
        db.session.commit()
    except Exception:  # the caller's unit of work (or the error handler) rolls back; the files are ours
        delete_image(stored.phone_key, stored.thumb_key)  # no orphan files for a failed save
        raise
    return photo


def _find(shop: Shop, photos: list[dict], photo_id: int) -> int:
    for index, item in enumerate(photos):
        if item["id"] == photo_id:
            return index
    raise not_found()


def move_photo(shop: Shop, photo_id: int, delta: int) -> None:
    photos = _photo_list(shop)
    index = _find(shop, photos, photo_id)
    target = max(0, min(len(photos) - 1, index + delta))
    photos.insert(target, photos.pop(index))
    _save_photos(shop, photos)
    db.session.commit()


def set_photo_alt(shop: Shop, photo_id: int, alt: dict) -> None:
    photos = _photo_list(shop)
    photos[_find(shop, photos, photo_id)]["alt"] = _clean_alt(alt)
    _save_photos(shop, photos)
    db.session.commit()


def remove_photo(shop: Shop, photo_id: int) -> None:
    photos = _photo_list(shop)
    photos.pop(_find(shop, photos, photo_id))
    photo = db.session.get(ShopPhoto, photo_id)
    doomed = None
    # A live photo stays until the removal is approved; anything else can go right away.
    if not shop.has_live_version or photo.pending:
        doomed = (photo.phone_key, photo.thumb_key)
        shop.photos.remove(photo)
    _save_photos(shop, photos)
    db.session.commit()
    if doomed:
        delete_image(*doomed)
