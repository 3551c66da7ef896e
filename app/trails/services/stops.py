"""A trail's stops: add, edit (with a photo), move, reorder and remove; each one save of the trail.

Positions run 1..n in walking order; the API's PATCH replaces the whole list (`replace_stops`).
"""
from __future__ import annotations

from flask_babel import gettext as _

from app.core.problem import ProblemError
from app.media.service import save_image
from app.trails.models import RevisionAction, Trail, TrailStop
from app.trails.services.saving import check_version, save_trail, save_with_upload
from app.trails.services.validation import MAX_STOPS, STOP_FIELDS, check_stop_values, field_problem


def append_stop(city, trail: Trail, values: dict) -> TrailStop:
    """A new stop at the end of the walk (checked; not saved yet)."""
    if len(trail.stops) >= MAX_STOPS:
        raise field_problem("stops", _("A trail can have at most %(num)d stops.", num=MAX_STOPS))
    values = {k: v for k, v in values.items() if k in STOP_FIELDS}
    check_stop_values(city, {"title": {}, "lat": None, "lon": None, **values})
    stop = TrailStop(position=len(trail.stops) + 1, **values)
    trail.stops.append(stop)
    return stop


def replace_stops(city, trail: Trail, items: list[dict]) -> None:
    """API PATCH: the list is the new order; an item with the id of a current stop keeps its photo."""
    if len(items) > MAX_STOPS:
        raise field_problem("stops", _("A trail can have at most %(num)d stops.", num=MAX_STOPS))
    current = {stop.id: stop for stop in trail.stops}
    kept = []
    for position, item in enumerate(items, start=1):
        values = {k: v for k, v in item.items() if k in STOP_FIELDS}
        stop = current.pop(item["id"], None) if item.get("id") is not None else None
        if item.get("id") is not None and stop is None:
            raise field_problem("stops", _("Stop %(id)s is not part of this trail.", id=item["id"]))
        check_stop_values(city, values if stop else {"title": {}, "lat": None, "lon": None, **values})
        if stop is None:
            stop = TrailStop(**values)
        else:
            for key, value in values.items():
                setattr(stop, key, value)
        stop.position = position
        kept.append(stop)
    trail.stops[:] = kept  # delete-orphan removes the stops left out


def add_stop(trail: Trail, values: dict, author, *, expected_version: int | None, image: bytes | None = None) -> TrailStop:
    check_version(trail, expected_version)
    stop = append_stop(trail.city, trail, values)
    stored = _store_stop_image(trail, stop, image)
    save_with_upload(trail, RevisionAction.STOP_ADDED, author, stored)
    return stop


def update_stop(trail: Trail, stop: TrailStop, values: dict, author, *, expected_version: int | None,
                image: bytes | None = None, remove_image: bool = False) -> TrailStop:
    check_version(trail, expected_version)
    values = {k: v for k, v in values.items() if k in STOP_FIELDS}
    check_stop_values(trail.city, values)
    for key, value in values.items():
        setattr(stop, key, value)
    if remove_image:
        stop.image_phone_key = stop.image_thumb_key = None
        stop.image_width = stop.image_height = None
    stored = _store_stop_image(trail, stop, image)
    save_with_upload(trail, RevisionAction.STOP_EDITED, author, stored)
    return stop


def _store_stop_image(trail: Trail, stop: TrailStop, image: bytes | None):
    if image and not (stop.image_alt or {}).get("nl"):
        raise field_problem("image_alt_nl", _("Describe the photo for people who cannot see it (Dutch is required)."))
    if not image:
        if stop.image_phone_key and not (stop.image_alt or {}).get("nl"):
            raise field_problem("image_alt_nl",
                                _("Describe the photo for people who cannot see it (Dutch is required)."))
        return None
    stored = save_image(image, f"trails/{trail.city.slug}/{trail.id}", field="image")
    stop.image_phone_key, stop.image_thumb_key = stored.phone_key, stored.thumb_key
    stop.image_width, stop.image_height = stored.width, stored.height
    return stored


def stop_or_404(trail: Trail, stop_id: int) -> TrailStop:
    for stop in trail.stops:
        if stop.id == stop_id:
            return stop
    raise ProblemError(404, _("This stop does not exist (any more)."), code="not_found")


def move_stop(trail: Trail, stop: TrailStop, delta: int, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    ordered = sorted(trail.stops, key=lambda s: s.position)
    index = ordered.index(stop)
    target = max(0, min(len(ordered) - 1, index + delta))
    ordered.insert(target, ordered.pop(index))
    _apply_order(trail, ordered)
    return save_trail(trail, RevisionAction.STOPS_REORDERED, author)


def reorder_stops(trail: Trail, stop_ids: list[int], author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    by_id = {stop.id: stop for stop in trail.stops}
    if sorted(stop_ids) != sorted(by_id):
        raise field_problem("order", _("The new order must list every stop of this trail exactly once."))
    _apply_order(trail, [by_id[i] for i in stop_ids])
    return save_trail(trail, RevisionAction.STOPS_REORDERED, author)


def _apply_order(trail: Trail, ordered: list[TrailStop]) -> None:
    for position, stop in enumerate(ordered, start=1):
        stop.position = position
    trail.stops.sort(key=lambda s: s.position)


def remove_stop(trail: Trail, stop: TrailStop, author, *, expected_version: int | None) -> Trail:
    check_version(trail, expected_version)
    trail.stops.remove(stop)
    return save_trail(trail, RevisionAction.STOP_REMOVED, author)
