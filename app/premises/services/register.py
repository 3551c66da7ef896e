"""Writing the vacancy register: premises (created, edited, their state changed with a date and a note),
their photos and the city's incentives. Every write commits once; a stale `version` is a 409 and nothing is
written (the UPDATE checks the version the writer read, so two marketers never overwrite each other)."""
from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from app.core import clock
from app.core.problem import ProblemError, not_found
from app.core.text import slugify
from app.extensions import db
from app.media.service import delete_image, save_image
from app.premises.models import Incentive, Premise, PremisePhoto, PremiseState, PremiseStateChange
from app.premises.rules import clean_note, clean_values
from app.shops.models import Shop

MAX_PHOTOS = 8
INCENTIVE_NAME_MAX = 120
INCENTIVE_TEXT_MAX = 1000
# Register fields a write may set (besides the state, which goes through change_state's history).
FIELDS = ("address", "lat", "lon", "floor_area_m2", "sales_floor_m2", "frontage_m", "floors", "vacant_since",
          "owner_contact", "rent_min", "rent_max", "lease_types", "permitted_uses", "previous_use", "condition",
          "step_free", "description")


def _actor_id(actor) -> int | None:
    return getattr(actor, "id", None) if actor is not None and getattr(actor, "is_authenticated", False) else None


def premise_conflict(premise: Premise) -> ProblemError:
    return ProblemError(
        409, _("Someone else saved this premise in the meantime. Your changes were not saved: "
               "open the latest version and make them again."),
        code="edit_conflict", extra={"current_version": premise.version})


def check_premise_version(premise: Premise, expected) -> None:
    if expected not in (None, "") and int(expected) != premise.version:
        raise premise_conflict(premise)


def _field_problem(field: str, message: str, status: int = 422) -> ProblemError:
    return ProblemError(status, message, code="validation_error", errors={field: [message]})


# ---------------------------------------------------------------- reading


def premise_or_404(city, premise_id) -> Premise:
    premise = db.session.get(Premise, premise_id)
    if premise is None or premise.city_id != city.id:
        raise not_found()
    return premise


def studio_premises(city, *, state: str | None = None, street: str | None = None, q: str | None = None,
                    limit: int = 500) -> list[Premise]:
    """The register for the studio list, by street and address, with the rows the list shows loaded."""
    query = (select(Premise).where(Premise.city_id == city.id)
             .options(selectinload(Premise.incentives), selectinload(Premise.photos))
             .order_by(Premise.street, Premise.address).limit(limit))
    if state:
        query = query.where(Premise.state == state)
    if street:
        query = query.where(Premise.street == street)
    if q:
        query = query.where(func.lower(Premise.address).contains(q.strip().lower(), autoescape=True))
    return sorted(db.session.execute(query).scalars(), key=address_order)


def address_order(premise: Premise) -> tuple:
    """By street, then house number as a number (Ooststraat 4 before Ooststraat 37), then the rest."""
    rest = premise.address[len(premise.street):].strip()
    digits = "".join(ch for ch in rest.split(",")[0] if ch.isdigit())
    return (premise.street.lower(), int(digits) if digits else 0, premise.address.lower())


def streets_of(city) -> list[str]:
    return list(db.session.execute(select(Premise.street).where(Premise.city_id == city.id).distinct()
                                   .order_by(Premise.street)).scalars())


def city_incentives(city, *, active_only: bool = False) -> list[Incentive]:
    query = select(Incentive).where(Incentive.city_id == city.id).order_by(Incentive.code)
    if active_only:
        query = query.where(Incentive.active.is_(True))
    return list(db.session.execute(query).scalars())


def city_shops(city) -> list[Shop]:
    """The shops a premise may be linked to (any state: a draft shop may be opening in it)."""
    return list(db.session.execute(select(Shop).where(Shop.city_id == city.id).order_by(Shop.address)).scalars())


# ---------------------------------------------------------------- premises


def _apply(premise: Premise, values: dict) -> None:
    for name in FIELDS:
        if name in values:
            if name == "address":
                premise.set_address(values["address"])
            else:
                setattr(premise, name, values[name])


def _resolve_links(city, raw: dict) -> dict:
    """`incentives` (ids or codes of the city's incentives) and `shop_id` (a shop of the city, or None)."""
    out = {}
    if "incentives" in raw:
        wanted = list(raw["incentives"] or [])
        known = city_incentives(city)
        by_key = {**{i.id: i for i in known}, **{i.code: i for i in known}, **{str(i.id): i for i in known}}
        missing = [str(key) for key in wanted if key not in by_key]
        if missing:
            raise _field_problem("incentives", _("This city has no incentive %(codes)s.", codes=", ".join(missing)))
        out["incentives"] = sorted({by_key[key].id: by_key[key] for key in wanted}.values(), key=lambda i: i.code)
    if "shop_id" in raw:
        shop_id = raw["shop_id"] or None
        if shop_id is not None:
            shop = db.session.get(Shop, int(shop_id))
            if shop is None or shop.city_id != city.id:
                raise _field_problem("shop_id", _("This city has no such shop."))
        out["shop_id"] = shop_id and int(shop_id)
    return out


def _record(premise: Premise, from_state: str | None, to_state: str, on: date, note: str, actor) -> None:
    premise.changes.append(PremiseStateChange(from_state=from_state, to_state=to_state, changed_on=on, note=note,
                                              changed_by_id=_actor_id(actor)))


def _commit(premise: Premise) -> Premise:
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()  # our own logic: read the version the other writer saved, for the 409
        current = db.session.get(Premise, premise.id, populate_existing=True)
        raise premise_conflict(current) from None
    except IntegrityError:
        db.session.rollback()  # our own logic: the one unique key is the address, say so on that field
        raise _field_problem("address", _("The register already has a premise at this address."), 409) from None
    return premise


def new_premise(city, values: dict, links: dict, actor, *, changed_on: date | None = None, note: str = "") -> Premise:
    """A premise with its first history entry, flushed (the caller commits: one premise or a whole import)."""
    state = values.get("state") or PremiseState.VACANT.value
    premise = Premise(city_id=city.id, state=state, lease_types=[], description={})
    _apply(premise, values)
    if state in (PremiseState.VACANT, PremiseState.OPTION) and premise.vacant_since is None:
        premise.vacant_since = changed_on or clock.today()
    if "incentives" in links:
        premise.incentives = links["incentives"]
    if "shop_id" in links:
        premise.shop_id = links["shop_id"]
    first_day = (premise.vacant_since if state in (PremiseState.VACANT, PremiseState.OPTION) else None)
    _record(premise, None, state, changed_on or first_day or clock.today(), note, actor)
    db.session.add(premise)
    db.session.flush()
    return premise


def create_premise(actor, city, raw: dict) -> Premise:
    """Add a premise to `city`'s register (a marketer's; the caller checks). `raw` holds register fields,
    `state`, `incentives`, `shop_id` and an optional `note`. Commits; a 422 lists every field problem."""
    if not (raw.get("address") or "").strip():
        raise _field_problem("address", _("Give the address, e.g. Ooststraat 52, 8800 Roeselare."))
    values = clean_values(city, {k: v for k, v in raw.items() if k in FIELDS or k == "state"}, today=clock.today())
    _refuse_taken_address(city, values.get("address") or raw["address"].strip())
    links = _resolve_links(city, raw)
    premise = new_premise(city, values, links, actor, note=clean_note(raw.get("note")))
    return _commit(premise)


def _refuse_taken_address(city, address: str, premise_id: int | None = None) -> None:
    """One premise per address in a town (a unique key): a second one is a field error, not a database error."""
    taken = db.session.execute(select(Premise.id).where(Premise.city_id == city.id, Premise.address == address,
                                                        Premise.id != (premise_id or 0))).first()
    if taken:
        raise _field_problem("address", _("This address is already in the register."))


def apply_state(premise: Premise, state: str, on: date, note: str, actor) -> bool:
    """Move `premise` to `state` as of `on`, kept in the history; False when it already is in that state."""
    if state == premise.state:
        return False
    was_available = premise.is_available
    _record(premise, premise.state, state, on, note, actor)
    premise.state = state
    if state in (PremiseState.VACANT, PremiseState.OPTION):
        if not was_available:
            premise.vacant_since = on  # empty again: the clock starts again
    else:
        premise.vacant_since = None  # let or re-purposed: no longer vacant
    return True


def update_premise(actor, city, premise: Premise, raw: dict, *, expected_version=None) -> Premise:
    """Change fields of a premise; a new `state` is recorded in the history (on `changed_on`, default today,
    with `note`). A stale `expected_version` is a 409 and nothing changes. Commits."""
    check_premise_version(premise, expected_version)
    today = clock.today()
    values = clean_values(city, {k: v for k, v in raw.items() if k in FIELDS or k == "state"}, today=today)
    links = _resolve_links(city, raw)
    on = _change_day(raw.get("changed_on"), today)
    note = clean_note(raw.get("note"))
    state = values.pop("state", None)
    if "address" in values and not values["address"]:
        raise _field_problem("address", _("Give the address, e.g. Ooststraat 52, 8800 Roeselare."))
    if values.get("address"):
        _refuse_taken_address(city, values["address"], premise.id)
    _apply(premise, values)
    if state is not None:
        apply_state(premise, state, on, note, actor)
        if "vacant_since" in values and values["vacant_since"] and premise.is_available:
            premise.vacant_since = values["vacant_since"]
    if "incentives" in links:
        premise.incentives = links["incentives"]
    if "shop_id" in links:
        premise.shop_id = links["shop_id"]
    premise.updated_at = clock.now()  # dirty even for a link-only change, so the version moves
    return _commit(premise)


def _change_day(value, today: date) -> date:
    from app.premises.rules import parse_date
    try:
        day = parse_date(value) or today
    except (TypeError, ValueError):
        raise _field_problem("changed_on", _("Enter a date such as 2025-03-01.")) from None
    if day > today:
        raise _field_problem("changed_on", _("This day is still to come."))
    return day


def change_state(actor, premise: Premise, state: str, *, changed_on=None, note: str = "",
                 expected_version=None) -> Premise:
    """The studio's state change: the new state from `changed_on` (default today) with a note. Commits."""
    check_premise_version(premise, expected_version)
    if state not in set(PremiseState):
        raise _field_problem("state", _("Choose one of: %(values)s.", values=", ".join(PremiseState)))
    on = _change_day(changed_on, clock.today())
    if premise.changes and on < max(change.changed_on for change in premise.changes):
        raise _field_problem("changed_on", _("The history already has a later change: give a day on or after it."))
    if not apply_state(premise, state, on, clean_note(note), actor):
        raise _field_problem("state", _("The premise already has this state."))
    premise.updated_at = clock.now()
    return _commit(premise)


def delete_premise(premise: Premise) -> None:
    keys = [key for photo in premise.photos for key in (photo.phone_key, photo.thumb_key)]
    db.session.delete(premise)
    db.session.commit()
    delete_image(*keys)


# ---------------------------------------------------------------- photos


def add_premise_photo(premise: Premise, data: bytes, alt: dict) -> PremisePhoto:
    if len(premise.photos) >= MAX_PHOTOS:
        message = _("A premise can show at most %(num)d photos.", num=MAX_PHOTOS)
        raise ProblemError(409, message, code="too_many_photos", errors={"photo": [message]})
    stored = save_image(data, f"premises/{premise.id}", field="photo")
    photo = PremisePhoto(position=len(premise.photos), phone_key=stored.phone_key, thumb_key=stored.thumb_key,
                         width=stored.width, height=stored.height, alt=alt or {})
    premise.photos.append(photo)
    try:
        db.session.commit()
    except Exception:  # the caller's unit of work (or the error handler) rolls back; the files are ours
        delete_image(stored.phone_key, stored.thumb_key)  # no orphan files for a failed save
        raise
    return photo


def remove_premise_photo(premise: Premise, photo_id: int) -> None:
    photo = next((p for p in premise.photos if p.id == photo_id), None)
    if photo is None:
        raise not_found()
    keys = (photo.phone_key, photo.thumb_key)
    premise.photos.remove(photo)
    for position, rest in enumerate(premise.photos):
        rest.position = position
    db.session.commit()
    delete_image(*keys)


# ---------------------------------------------------------------- incentives


def save_incentive(city, name: dict, description: dict, active: bool, incentive: Incentive | None = None) -> Incentive:
    if not (name or {}).get("nl"):
        raise _field_problem("name", _("Give the name in Dutch."))
    if incentive is None:
        code = slugify(name["nl"], fallback="incentive")[:60]
        taken = {i.code for i in city_incentives(city)}
        base, number = code, 2
        while code in taken:
            code, number = f"{base[:55]}-{number}", number + 1
        incentive = Incentive(city_id=city.id, code=code)
        db.session.add(incentive)
    incentive.name, incentive.description, incentive.active = name, description or {}, bool(active)
    db.session.commit()
    return incentive


def incentive_or_404(city, incentive_id) -> Incentive:
    incentive = db.session.get(Incentive, incentive_id)
    if incentive is None or incentive.city_id != city.id:
        raise not_found()
    return incentive
