"""Feed adapters: a feed's bytes -> occupancy records, each checked on its own.

Two real formats:
- DATEX II v3 `ParkingStatusPublication` (XML, `d2:payload` with `prk:parkingRecordStatus`, each naming its
  `parkingRecordReference` id and carrying `parkingOccupancy` with vacant / occupied spaces, and optionally
  `parkingNumberOfSpacesOverride` as the capacity now);
- Opendatasoft JSON as Gent's real-time garages publish it: Explore API v2.1 `{"results": [...]}` and the
  older `{"records": [{"record": {"fields": ...}}]}` / `{"records": [{"fields": ...}]}`, with the fields
  `id` (or `name`), `availablecapacity`, `totalcapacity`, `occupation` (a percentage), `isopennow`, `lastupdate`.

XML is parsed with defusedxml (no DTD, no entities, no network: a document with a DOCTYPE is refused whole). A record
with negative numbers, more free places than its capacity, no time or a time in the future is refused with its
reason; the others are kept. Pure functions: no database, no request, no network.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from app.access.models import FeedAdapter

CAPACITY_MAX = 100_000
FUTURE_SLACK = timedelta(minutes=5)  # a feed's clock a little ahead of ours is fine


class FeedError(ValueError):
    """The whole feed is unreadable (not XML / JSON, a DOCTYPE, not the expected publication)."""


@dataclass(frozen=True)
class Record:
    ref: str
    available: int
    capacity: int | None
    updated_at: datetime
    is_open: bool = True


@dataclass
class Parsed:
    records: list[Record] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (record ref or "#n", reason)


def _number(value, name: str) -> int | None:
    """A count from the feed: None when absent; a ValueError when not a whole non-negative number."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"{name} is not a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} is not a number") from None
    if not math.isfinite(number) or number != int(number):
        raise ValueError(f"{name} is not a whole number")
    if number < 0:
        raise ValueError(f"{name} is negative")
    if number > CAPACITY_MAX:
        raise ValueError(f"{name} is implausibly large")
    return int(number)


def _moment(value, now: datetime) -> datetime:
    if not value or not isinstance(value, str):
        raise ValueError("no time of the count")
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError("unreadable time") from None
    if moment.tzinfo is None:
        raise ValueError("time without an offset")
    moment = moment.astimezone(timezone.utc)
    if moment > now + FUTURE_SLACK:
        raise ValueError("time in the future")
    return moment


def check_record(ref, available, capacity, occupied, updated, now: datetime, is_open: bool = True) -> Record:
    """One record's values checked together; a ValueError naming what is wrong."""
    if not ref:
        raise ValueError("no record id")
    available, capacity, occupied = (_number(available, "free places"), _number(capacity, "capacity"),
                                     _number(occupied, "occupied places"))
    if available is None and capacity is not None and occupied is not None:
        if occupied > capacity:
            raise ValueError("more occupied places than the capacity")
        available = capacity - occupied
    if available is None:
        raise ValueError("no number of free places")
    if capacity is not None:
        if capacity == 0 and available == 0 and is_open:
            raise ValueError("capacity is zero")
        if available > capacity:
            raise ValueError("more free places than the capacity")
        if occupied is not None and occupied + available > capacity:
            raise ValueError("occupied and free places exceed the capacity")
    return Record(str(ref)[:200], available, capacity, _moment(updated, now), is_open)


# ---------------------------------------------------------------- DATEX II v3

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(element, name: str):
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element, name: str):
    child = _child(element, name) if element is not None else None
    return child.text.strip() if child is not None and child.text else None


def parse_datex2(data: bytes, now: datetime) -> Parsed:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise FeedError("XML with a DOCTYPE or entities (never read)") from None
    except ParseError:
        raise FeedError("malformed XML") from None
    if _local(root.tag) != "payload" or not root.get(XSI_TYPE, "").endswith("ParkingStatusPublication"):
        raise FeedError("not a DATEX II ParkingStatusPublication")
    published = _text(root, "publicationTime")
    parsed = Parsed()
    for number, status in enumerate((c for c in root if _local(c.tag) == "parkingRecordStatus"), start=1):
        reference = _child(status, "parkingRecordReference")
        ref = reference.get("id") if reference is not None else None
        occupancy = _child(status, "parkingOccupancy")
        opening = _text(status, "parkingSiteOpeningStatus")
        try:
            if occupancy is None:
                raise ValueError("no parkingOccupancy")
            parsed.records.append(check_record(
                ref, _text(occupancy, "parkingNumberOfVacantSpaces"),
                _text(occupancy, "parkingNumberOfSpacesOverride"), _text(occupancy, "parkingNumberOfOccupiedSpaces"),
                _text(status, "parkingStatusOriginTime") or published, now,
                is_open=opening not in ("closed", "closedAbnormal")))
        except ValueError as error:
            parsed.refused.append((str(ref or f"#{number}")[:200], str(error)))
    return parsed


# ---------------------------------------------------------------- Opendatasoft (Gent)


def _ods_rows(document) -> list:
    if not isinstance(document, dict):
        raise FeedError("not an Opendatasoft answer")
    if isinstance(document.get("results"), list):  # Explore API v2.1
        return document["results"]
    if isinstance(document.get("records"), list):  # v2.0 {"record": {"fields"}} or v1 {"fields"}
        rows = []
        for item in document["records"]:
            if isinstance(item, dict):
                item = item.get("record", item)
                rows.append(item.get("fields", item) if isinstance(item, dict) else item)
            else:
                rows.append(item)
        return rows
    raise FeedError("no results or records")


def parse_opendatasoft(data: bytes, now: datetime) -> Parsed:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise FeedError("malformed JSON") from None
    parsed = Parsed()
    for number, row in enumerate(_ods_rows(document), start=1):
        if not isinstance(row, dict):
            parsed.refused.append((f"#{number}", "not a record"))
            continue
        ref = row.get("id") or row.get("name")
        try:
            occupation = row.get("occupation")
            if occupation is not None and not (isinstance(occupation, (int, float)) and 0 <= occupation <= 100):
                raise ValueError("occupation is not a percentage")
            is_open = row.get("isopennow") not in (0, "0", False, "false", "no")
            parsed.records.append(check_record(ref, row.get("availablecapacity"), row.get("totalcapacity"), None,
                                               row.get("lastupdate"), now, is_open=is_open))
        except ValueError as error:
            parsed.refused.append((str(ref or f"#{number}")[:200], str(error)))
    return parsed


PARSERS = {FeedAdapter.DATEX2: parse_datex2, FeedAdapter.OPENDATASOFT: parse_opendatasoft}


def parse_feed(adapter: str, data: bytes, now: datetime) -> Parsed:
    return PARSERS[FeedAdapter(adapter)](data, now)
