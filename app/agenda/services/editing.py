"""Creating, changing, reviewing and cancelling events. Every change a subscriber should see bumps the
iCalendar SEQUENCE; the UID is made once. Services take the actor and the city; they commit nothing
(the view's unit_of_work does) except through it."""
import secrets
from datetime import datetime
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

from app.agenda import recurrence
from app.agenda.models import KINDS, Event, EventStatus
from app.core import clock, mail
from app.core.i18n import clean_translations
from app.core.problem import ProblemError
from app.core.richtext import clean as clean_description
from app.core.urls import external_url
from app.extensions import db

EDITABLE = ("title", "description", "kind", "starts_at", "ends_at", "all_day", "rrule", "exdates",
            "cancelled_dates", "place_name", "address", "lat", "lon", "shop_id", "is_free", "price", "url")
MAX_TITLE = 120
MAX_DESCRIPTION = 4000  # characters of HTML per language


def new_uid() -> str:
    """A UID that never changes: random, on the public host (KICK_PUBLIC_URL), stored with the event."""
    from flask import current_app
    host = urlsplit(current_app.config.get("KICK_PUBLIC_URL") or "").netloc or "kick.city"
    return f"event-{secrets.token_hex(8)}@{host}"


def _refuse(errors: dict) -> ProblemError:
    return ProblemError(422, str(_l("Check the marked fields.")), code="invalid_event", errors=errors)


def clean_values(values: dict) -> dict:
    """Checked and normalised values, or a 422 with a message per field."""
    errors: dict[str, list[str]] = {}
    out = dict(values)
    out["title"] = clean_translations(values.get("title"))
    if not out["title"].get("nl") or any(len(text) > MAX_TITLE for text in out["title"].values()):
        errors["title"] = [str(_l("Give a Dutch title (at most %(num)d characters).", num=MAX_TITLE))]
    description = {locale: clean_description(text) for locale, text in
                   clean_translations(values.get("description"), required=()).items()}
    out["description"] = {locale: text for locale, text in description.items() if text}
    if any(len(text) > MAX_DESCRIPTION for text in out["description"].values()):
        errors["description"] = [str(_l("At most %(num)d characters.", num=MAX_DESCRIPTION))]
    if values.get("kind") not in KINDS:
        errors["kind"] = [str(_l("Choose a kind of event."))]
    starts, ends = values.get("starts_at"), values.get("ends_at")
    if not isinstance(starts, datetime) or starts.tzinfo is None:
        errors["starts_at"] = [str(_l("Give the start."))]
    elif not isinstance(ends, datetime) or ends.tzinfo is None or ends <= starts:
        errors["ends_at"] = [str(_l("The end must come after the start."))]
    elif (ends - starts).days > 62:
        errors["ends_at"] = [str(_l("One occurrence lasts at most two months; use a recurrence for more."))]
    rule = (values.get("rrule") or "").strip()
    if recurrence.rule_error(rule):
        errors["rrule"] = [str(_l("This recurrence cannot be used."))]
    out["rrule"] = recurrence.normal_rule(rule) if rule else None
    for name in ("exdates", "cancelled_dates"):
        days = values.get(name) or []
        if len(days) > recurrence.MAX_EXCEPTIONS:
            errors[name] = [str(_l("At most %(num)d dates.", num=recurrence.MAX_EXCEPTIONS))]
        out[name] = sorted(set(days))
    url = (values.get("url") or "").strip()
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc or len(url) > 300):
        errors["url"] = [str(_l("Give a web address starting with https://."))]
    out["url"] = url
    for name, limit in (("place_name", 120), ("address", 200), ("price", 80)):
        out[name] = (values.get(name) or "").strip()
        if len(out[name]) > limit:
            errors[name] = [str(_l("At most %(num)d characters.", num=limit))]
    if not out["place_name"]:
        errors.setdefault("place_name", [str(_l("Say where it happens."))])
    lat, lon = values.get("lat"), values.get("lon")
    if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
        errors["lat"] = [str(_l("Give both coordinates, or neither."))]
    out["is_free"] = bool(values.get("is_free"))
    if errors:
        raise _refuse(errors)
    return out


def _apply(event: Event, values: dict) -> None:
    for name in EDITABLE:
        if name in values:
            setattr(event, name, values[name])
    event.last_ends_at = recurrence.last_end(event.starts_at, event.ends_at, event.rrule)


def create_event(city, values: dict, author, *, status: EventStatus = EventStatus.PUBLISHED) -> Event:
    values = clean_values(values)
    shop_id = values.get("shop_id")
    if shop_id is not None:
        _shop_in_city(shop_id, city)
    event = Event(city_id=city.id, uid=new_uid(), status=EventStatus(status).value, sequence=0,
                  proposed_by_id=author.id if status == EventStatus.PROPOSED else None)
    _apply(event, values)
    db.session.add(event)
    db.session.flush()
    return event


def _shop_in_city(shop_id: int, city) -> None:
    from app.shops.models import Shop
    shop = db.session.get(Shop, shop_id)
    if shop is None or shop.city_id != city.id:
        raise _refuse({"shop_id": [str(_l("Choose a shop of this town."))]})


def update_event(event: Event, values: dict) -> Event:
    values = clean_values(values)
    if values.get("shop_id") is not None:
        _shop_in_city(values["shop_id"], event.city)
    _apply(event, values)
    event.sequence += 1
    return event


def _set_status(event: Event, status: EventStatus) -> Event:
    if event.status != status:
        event.status = EventStatus(status).value
        event.sequence += 1
    return event


def cancel(event: Event) -> Event:
    if event.status not in (EventStatus.PUBLISHED, EventStatus.CANCELLED):
        raise ProblemError(409, str(_l("Only a published event can be cancelled.")), code="not_published")
    return _set_status(event, EventStatus.CANCELLED)


def publish(event: Event) -> Event:
    return _set_status(event, EventStatus.PUBLISHED)


# ------------------------------------------------------------------ merchants' proposals


def propose_event(shop, values: dict, actor) -> Event:
    """A merchant proposes an event at their shop: it waits for the city (status proposed). The place
    defaults to the shop."""
    values = dict(values, shop_id=shop.id)
    if not (values.get("place_name") or "").strip():
        values["place_name"] = shop.display_name
    if not (values.get("address") or "").strip():
        values["address"] = shop.address or ""
    if values.get("lat") is None and shop.lat is not None:
        values["lat"], values["lon"] = shop.lat, shop.lon
    values["kind"] = values.get("kind") or "workshop"
    return create_event(shop.city, values, actor, status=EventStatus.PROPOSED)


def _review(event: Event, status: EventStatus, note: str) -> Event:
    if event.status != EventStatus.PROPOSED:
        raise ProblemError(409, str(_l("This proposal has already been reviewed.")), code="already_reviewed")
    note = (note or "").strip()
    if len(note) > 1000:
        raise _refuse({"note": [str(_l("At most %(num)d characters.", num=1000))]})
    event.status = status.value
    event.review_note = note
    event.reviewed_at = clock.now()
    event.sequence += 1
    _mail_proposer(event)
    return event


def approve_proposal(event: Event, note: str = "") -> Event:
    return _review(event, EventStatus.PUBLISHED, note)


def reject_proposal(event: Event, note: str) -> Event:
    if not (note or "").strip():
        raise _refuse({"note": [str(_l("Tell the merchant why."))]})
    return _review(event, EventStatus.REJECTED, note)


def _mail_proposer(event: Event) -> None:
    person = event.proposed_by or (event.shop.owner if event.shop is not None else None)
    if person is None or not person.email:
        return
    city = event.city
    with mail.in_language_of(person, city):
        title = event.display_title
        if event.status == EventStatus.PUBLISHED:
            subject = str(_l("Your event is in the agenda: %(title)s", title=title))
            lines = [str(_l("The city team has put your event \"%(title)s\" in the agenda of %(city)s.",
                            title=title, city=city.name))]
            link = external_url("agenda.event", event_id=event.id, city=city.slug)
        else:
            subject = str(_l("Your event was not accepted: %(title)s", title=title))
            lines = [str(_l("The city team did not put your event \"%(title)s\" in the agenda.", title=title))]
            link = external_url("merchant.shop", shop_id=event.shop_id) if event.shop_id else None
        if event.review_note:
            lines += ["", str(_l("Note from the city team:")), event.review_note]
        if link:
            lines += ["", link]
        mail.queue(mail.compose(person.email, f"KICK {city.name}: {subject}", lines, city=city))


def set_photo(event: Event, data: bytes | None) -> None:
    """A new photo (re-encoded, EXIF stripped, phone and thumb sizes by app.media); None keeps the old one."""
    if not data:
        return
    from app.media.service import save_image
    stored = save_image(data, f"agenda/{event.city.slug}/{event.id}", field="photo")
    event.photo_phone_key, event.photo_thumb_key = stored.phone_key, stored.thumb_key
