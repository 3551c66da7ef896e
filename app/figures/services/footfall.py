"""The city's own people counters: counting points, hourly counts imported from a CSV file or pushed by the
counter's vendor, and the vendors' tokens.

One path for both: rows {point, hour, count} are checked one by one (`check_footfall_row`) and stored
together in one transaction (`_store`): an hour a point already has is replaced (the vendor corrected it),
a new one is added. The studio's CSV import keeps the good rows and reports the others (rejected rows with
their reasons, point codes the city does not have: nothing is created for them); the vendor's push is all
or nothing (a 422 naming every bad row by its index), since a program reads the answer, not a person.

Hours: ISO 8601. In a CSV a Brussels wall-clock hour ("2026-11-02T14:00") or one with its offset
("2026-11-02T14:00+01:00", "...Z"); the API wants the offset. The hour that comes twice when the clocks go
back (02:00 on the last Sunday of October) is read as summer time the first time a point has it in a file and
as winter time the second time, as a counter writes its hours in order; an hour that does not exist (02:00
on the last Sunday of March) is refused. Stored as the start of the hour in UTC.
"""
from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.exc import IntegrityError

from app.core import clock
from app.core.csvfile import read_csv
from app.core.problem import ProblemError, not_found
from app.core.unit_of_work import all_or_nothing
from app.core.uploads import read_limited
from app.extensions import db
from app.figures.models import CountingPoint, FootfallCount, FootfallToken
from app.trails.services.validation import check_point_in_city

HEADER = ("point", "hour", "count")
COUNT_MAX = 1_000_000
CODE_MAX, NAME_MAX, LABEL_MAX = 40, 120, 80
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._/-]*$")
HOUR = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?P<offset>Z|[+-]\d{2}:?\d{2})?$")
FIRST_YEAR = 2000
REPORT_MAX_REJECTED = 200  # rows listed in a report; the count says how many there were
TOKEN_PREFIX = "kff_"


def footfall_limit(name: str) -> int:
    """KICK_FOOTFALL_CSV_MAX_BYTES, KICK_FOOTFALL_CSV_MAX_ROWS or KICK_FOOTFALL_PUSH_MAX_ROWS (app.config)."""
    return int(current_app.config[name])


@dataclass
class FootfallReport:
    """What an import or a push did: `imported` hours that were new, `replaced` hours that were there and
    now hold the new count, `rejected` rows ({row, errors: {column: [message]}}, at most REPORT_MAX_REJECTED
    listed of `rejected_count`) and `unknown` point codes ({point, rows: [row numbers], count})."""
    imported: int = 0
    replaced: int = 0
    rejected: list[dict] = field(default_factory=list)
    rejected_count: int = 0
    unknown: list[dict] = field(default_factory=list)

    def reject(self, row: int, errors: dict) -> None:
        self.rejected_count += 1
        if len(self.rejected) < REPORT_MAX_REJECTED:
            self.rejected.append({"row": row, "errors": errors})

    def as_dict(self) -> dict:
        return {"imported": self.imported, "replaced": self.replaced, "rejected": self.rejected,
                "rejected_count": self.rejected_count, "unknown": self.unknown}


# ---------------------------------------------------------------- counting points


def footfall_points(city) -> list[CountingPoint]:
    return list(db.session.execute(select(CountingPoint).where(CountingPoint.city_id == city.id)
                                   .order_by(CountingPoint.name, CountingPoint.id)).scalars())


def footfall_point_summaries(city) -> dict[int, dict]:
    """{point id: {hours, last_hour, last_count}} for the studio's list, in two grouped queries."""
    rows = db.session.execute(
        select(FootfallCount.point_id, func.count(), func.max(FootfallCount.hour))
        .join(CountingPoint, CountingPoint.id == FootfallCount.point_id)
        .where(CountingPoint.city_id == city.id).group_by(FootfallCount.point_id)).all()
    summaries = {point_id: {"hours": hours, "last_hour": last, "last_count": None} for point_id, hours, last in rows}
    if summaries:
        pairs = [(point_id, summary["last_hour"]) for point_id, summary in summaries.items()]
        latest = db.session.execute(select(FootfallCount.point_id, FootfallCount.count)
                                    .where(tuple_(FootfallCount.point_id, FootfallCount.hour).in_(pairs)))
        for point_id, count in latest:
            summaries[point_id]["last_count"] = count
    return summaries


def _invalid(field_name: str, message: str) -> ProblemError:
    return ProblemError(422, message, code="invalid", errors={field_name: [message]})


def _coordinate(value) -> float | None:
    """A typed coordinate: empty is None; a Belgian decimal comma (51,0326) is fine; not a number is a 422."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    try:
        number = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text else text)
    except ValueError:
        raise _invalid("lat", _("Enter a valid latitude and longitude.")) from None
    if not math.isfinite(number):
        raise _invalid("lat", _("Enter a valid latitude and longitude."))
    return number


def _clean_point_values(city, values: dict) -> dict:
    code, name = (values.get("code") or "").strip(), (values.get("name") or "").strip()
    if not code:
        raise _invalid("code", _("Give the code the counter's files use for this point."))
    if len(code) > CODE_MAX or not CODE.match(code):
        raise _invalid("code", _("Use at most %(num)d letters, digits, spaces and . _ / - (no commas).",
                                 num=CODE_MAX))
    if not name or len(name) > NAME_MAX:
        raise _invalid("name", _("Give a name of at most %(num)d characters.", num=NAME_MAX))
    lat, lon = _coordinate(values.get("lat")), _coordinate(values.get("lon"))
    if (lat is None) != (lon is None):
        raise _invalid("lat", _("Give both latitude and longitude, or neither."))
    if lat is not None:
        check_point_in_city(city, lat, lon)
        lat, lon = round(lat, 6), round(lon, 6)
    return {"code": code, "name": name, "lat": lat, "lon": lon}


def save_footfall_point(city, values: dict, point: CountingPoint | None = None) -> CountingPoint:
    """Add a counting point to `city` (or change `point`, one of the city's); commits. The code is the one
    the counter's files use: unique in the city."""
    cleaned = _clean_point_values(city, values)
    taken = select(CountingPoint.id).where(CountingPoint.city_id == city.id, CountingPoint.code == cleaned["code"])
    if point is not None:
        taken = taken.where(CountingPoint.id != point.id)
    message = _("Another counting point of this city has this code.")
    if db.session.execute(taken).first() is not None:
        raise _invalid("code", message)
    if point is None:
        point = CountingPoint(city_id=city.id)
        db.session.add(point)
    for key, value in cleaned.items():
        setattr(point, key, value)
    try:
        db.session.commit()
    except IntegrityError:  # the same code saved at the same moment; the caller's unit of work rolls back
        raise _invalid("code", message) from None
    return point


# ---------------------------------------------------------------- one row: point, hour, count


def _local_hour(naive: datetime, point: str, twice_seen: set) -> datetime:
    """A Brussels wall-clock hour in UTC; the autumn hour that comes twice is summer time the first time
    this point has it and winter time the second; a spring hour that does not exist is a ValueError."""
    first = naive.replace(tzinfo=clock.TZ, fold=0)
    utc = first.astimezone(timezone.utc)
    if utc.astimezone(clock.TZ).replace(tzinfo=None) != naive:
        raise ValueError("not a Brussels time")  # in the gap when the clocks go forward
    second = naive.replace(tzinfo=clock.TZ, fold=1)
    if first.utcoffset() != second.utcoffset():
        key = (point, naive)
        if key in twice_seen:
            return second.astimezone(timezone.utc)
        twice_seen.add(key)
    return utc


def parse_footfall_hour(text, *, point: str = "", local: bool = True, twice_seen: set | None = None) -> datetime:
    """The UTC start of the hour a CSV cell or an API value names; a ValueError with the message to show."""
    text = str(text or "").strip()
    match = HOUR.match(text)
    if match is None:
        example = "2026-11-02T14:00" if local else "2026-11-02T14:00:00+01:00"
        raise ValueError(_("Write the hour as %(example)s.", example=example))
    if match.group("offset") is None and not local:
        raise ValueError(_("Give the hour with its offset from UTC, e.g. 2026-11-02T14:00:00+01:00."))
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        raise ValueError(_("This date or time does not exist.")) from None
    if moment.tzinfo is None:
        try:
            moment = _local_hour(moment, point, twice_seen if twice_seen is not None else set())
        except ValueError:
            raise ValueError(_("This hour does not exist in Brussels (the clocks go forward).")) from None
    moment = moment.astimezone(timezone.utc)
    if (moment.minute, moment.second, moment.microsecond) != (0, 0, 0):
        raise ValueError(_("Give the start of an hour, e.g. 14:00."))
    if moment.year < FIRST_YEAR:
        raise ValueError(_("Give an hour from the year %(year)d on.", year=FIRST_YEAR))
    if moment > clock.now():
        raise ValueError(_("This hour has not begun yet."))
    return moment


def parse_footfall_count(value) -> int:
    """A count of people: a whole number from 0 to COUNT_MAX (an int from the API, digits from a CSV cell)."""
    text = "" if isinstance(value, bool) else str(value if value is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 7 or int(text) > COUNT_MAX:
        raise ValueError(_("Give a whole number from 0 to %(max)d.", max=COUNT_MAX))
    return int(text)


@dataclass
class CheckedRow:
    number: int  # the spreadsheet's row (the header is 1) or the API body's index
    point: str
    hour: datetime | None = None
    count: int | None = None
    errors: dict = field(default_factory=dict)


def check_footfall_row(number: int, raw: dict, *, local: bool, twice_seen: set) -> CheckedRow:
    """One row's values, or its errors by column (point, hour, count); the point is not looked up here."""
    row = CheckedRow(number, str(raw.get("point") or "").strip())
    if not row.point:
        row.errors["point"] = [_("Give the counting point's code.")]
    try:
        row.hour = parse_footfall_hour(raw.get("hour"), point=row.point, local=local, twice_seen=twice_seen)
    except ValueError as error:
        row.errors["hour"] = [str(error)]
    try:
        row.count = parse_footfall_count(raw.get("count"))
    except ValueError as error:
        row.errors["count"] = [str(error)]
    return row


# ---------------------------------------------------------------- many rows: sort them, store them


def _sort_rows(city, checked: list[CheckedRow], report: FootfallReport) -> list[tuple[int, datetime, int]]:
    """(point id, hour, count) of the rows that can be stored; the others go in the report."""
    codes = dict(db.session.execute(select(CountingPoint.code, CountingPoint.id)
                                    .where(CountingPoint.city_id == city.id)).all())
    unknown: dict[str, list[int]] = {}
    first_row: dict[tuple[int, datetime], int] = {}
    good = []
    for row in checked:
        if row.errors:
            report.reject(row.number, row.errors)
            continue
        point_id = codes.get(row.point)
        if point_id is None:
            unknown.setdefault(row.point, []).append(row.number)
            continue
        key = (point_id, row.hour)
        if key in first_row:
            report.reject(row.number, {"hour": [_("The same point and hour as row %(num)d.", num=first_row[key])]})
            continue
        first_row[key] = row.number
        good.append((point_id, row.hour, row.count))
    report.unknown = [{"point": code, "rows": numbers[:10], "count": len(numbers)} for code, numbers in unknown.items()]
    return good


def _existing_hours(rows: list[tuple[int, datetime, int]]) -> dict[tuple[int, datetime], int]:
    """{(point id, hour): count id} of the hours among `rows` that are stored already."""
    hours = [hour for _point, hour, _count in rows]
    return {(point_id, hour): count_id for count_id, point_id, hour in db.session.execute(
        select(FootfallCount.id, FootfallCount.point_id, FootfallCount.hour)
        .where(FootfallCount.point_id.in_({point for point, _hour, _count in rows}),
               FootfallCount.hour >= min(hours), FootfallCount.hour <= max(hours)))}


def _store(rows: list[tuple[int, datetime, int]]) -> tuple[int, int]:
    """Add the new hours and replace the counts of hours already there; (added, replaced). No commit."""
    if not rows:
        return 0, 0
    existing = _existing_hours(rows)
    new = [{"point_id": point, "hour": hour, "count": count} for point, hour, count in rows
           if (point, hour) not in existing]
    changed = [{"id": existing[(point, hour)], "count": count} for point, hour, count in rows
               if (point, hour) in existing]
    if new:
        db.session.execute(insert(FootfallCount), new)
    if changed:
        db.session.execute(update(FootfallCount), changed)
    return len(new), len(changed)


def _commit_import(rows, report: FootfallReport) -> FootfallReport:
    with all_or_nothing(_("Another import added some of these hours at the same time. Import the file "
                          "again: hours that exist now are replaced.")):
        report.imported, report.replaced = _store(rows)
    return report


# ---------------------------------------------------------------- the studio's CSV file


def parse_footfall_csv(data: bytes, max_rows: int) -> list[tuple[int, dict]]:
    """(row number, {point, hour, count, _cells}) for every non-empty row; a 422 on the whole file when it is
    not UTF-8 CSV text with the header point,hour,count (commas or semicolons) or has more than `max_rows`."""
    _header, rows = read_csv(data, header=HEADER, max_rows=max_rows, lower=True, too_many=_(
        "The file has more than %(num)d rows. Split it into smaller files.", num=max_rows))
    return [(number, {**dict(zip(HEADER, cells)), "_cells": len(cells)}) for number, cells in rows]


def import_footfall_csv(city, stream) -> FootfallReport:
    """Import hourly counts from the CSV file `stream` into `city` (its marketers; the caller checks): the good
    rows are stored, the others reported; one transaction, committed."""
    data = read_limited(stream, footfall_limit("KICK_FOOTFALL_CSV_MAX_BYTES"))
    twice_seen: set = set()
    checked = []
    for number, raw in parse_footfall_csv(data, footfall_limit("KICK_FOOTFALL_CSV_MAX_ROWS")):
        row = check_footfall_row(number, raw, local=True, twice_seen=twice_seen)
        if raw["_cells"] != len(HEADER):
            row.errors["row"] = [_("This row has %(found)d values instead of %(num)d.", found=raw["_cells"],
                                   num=len(HEADER))]
        checked.append(row)
    report = FootfallReport()
    return _commit_import(_sort_rows(city, checked, report), report)


# ---------------------------------------------------------------- the vendor's push (API)


def push_footfall(city, token: FootfallToken, items: list[dict]) -> FootfallReport:
    """Store the rows a counter vendor sent with `token` (one of `city`'s): all of them, or none and a 422
    whose `errors` name each bad row by its index ("3.hour"). Commits."""
    limit = footfall_limit("KICK_FOOTFALL_PUSH_MAX_ROWS")
    if len(items) > limit:
        message = _("Send at most %(num)d rows per request.", num=limit)
        raise ProblemError(422, message, code="too_many_rows", errors={"_schema": [message]})
    twice_seen: set = set()
    checked = [check_footfall_row(index, item, local=False, twice_seen=twice_seen) for index, item in enumerate(items)]
    report = FootfallReport()
    rows = _sort_rows(city, checked, report)
    errors = {f"{item['row']}.{column}": messages for item in report.rejected for column, messages in item["errors"].items()}
    for unknown in report.unknown:
        for index in unknown["rows"]:
            errors[f"{index}.point"] = [_("This city has no counting point with this code.")]
    if report.rejected_count or report.unknown:
        raise ProblemError(422, _("Some rows are not valid; nothing was stored."), code="invalid_rows", errors=errors)
    token.last_used_at = clock.now()
    return _commit_import(rows, report)


# ---------------------------------------------------------------- vendors' tokens


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def footfall_tokens(city) -> list[FootfallToken]:
    return list(db.session.execute(select(FootfallToken).where(FootfallToken.city_id == city.id)
                                   .order_by(FootfallToken.revoked_at.is_not(None), FootfallToken.created_at.desc(),
                                             FootfallToken.id.desc())).scalars())


def create_footfall_token(actor, city, label: str) -> tuple[FootfallToken, str]:
    """A new token for a counter vendor of `city`, and its secret: shown once, only its SHA-256 is kept.
    Commits."""
    label = (label or "").strip()
    if not label or len(label) > LABEL_MAX:
        raise _invalid("label", _("Give a name of at most %(num)d characters.", num=LABEL_MAX))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = FootfallToken(city_id=city.id, label=label, digest=_digest(secret),
                          created_by_id=getattr(actor, "id", None) if getattr(actor, "is_authenticated", False) else None)
    db.session.add(token)
    db.session.commit()
    return token, secret


def revoke_footfall_token(token: FootfallToken) -> FootfallToken:
    """Revoke a vendor's token (from now on its pushes get a 401); commits. Revoking twice is fine."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        db.session.commit()
    return token


def footfall_token_for(city, secret: str | None) -> FootfallToken:
    """The live token a vendor sent for `city`: a 401 for none, an unknown or a revoked one; a 404 for a token
    of another city (as another city's marketer gets: the city is not theirs)."""
    token = None
    if secret and len(secret) <= 200:
        token = db.session.execute(select(FootfallToken).where(FootfallToken.digest == _digest(secret))).scalar_one_or_none()
    if token is None or token.revoked_at is not None:
        raise ProblemError(401, _("Send a valid counter token: Authorization: Bearer <token>."), code="invalid_token",
                           headers={"WWW-Authenticate": 'Bearer realm="footfall"'})
    if token.city_id != city.id:
        raise not_found()
    return token
