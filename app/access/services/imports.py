"""Places a city imports: a CSV file, a GeoJSON FeatureCollection, or the `stops.txt` of a GTFS feed.

Every row is checked by the rules of the studio's form (places.clean_place_values). A place is matched by its
`code` (for GTFS: `stop_id`): a code the city has is updated, a new one added. All or nothing: when any row is
refused the report lists every refused row with its reasons and nothing is written; a dry run checks and
reports without writing. Files are read within KICK_ACCESS_IMPORT_MAX_BYTES and KICK_ACCESS_IMPORT_MAX_ROWS.

CSV: the first line names the columns, in any order: code, kind, name, lat, lon (required), capacity, hours,
price, shuttle, accessible, baby_changing, notes (comma or semicolon separated, UTF-8 with or without BOM).
GeoJSON: Point features; `properties` carry the same names (lat/lon come from the geometry).
GTFS stops.txt: stop_id, stop_name, stop_lat, stop_lon; stations and stops (location_type 0, 1 or empty) only.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from app.access.models import AccessPlace, PlaceKind
from app.access.services.places import clean_place_values
from app.core.csvfile import csv_text, file_problem, read_csv
from app.core.problem import ProblemError
from app.core.unit_of_work import all_or_nothing
from app.core.uploads import read_limited
from app.extensions import db

COLUMNS = ("code", "kind", "name", "lat", "lon", "capacity", "hours", "price", "shuttle", "accessible",
           "baby_changing", "notes")
REQUIRED = ("code", "kind", "name", "lat", "lon")
GTFS_REQUIRED = ("stop_id", "stop_name", "stop_lat", "stop_lon")
REPORT_MAX_REJECTED = 200


class ImportFormat:
    CSV = "csv"
    GEOJSON = "geojson"
    GTFS = "gtfs"


@dataclass
class PlaceImportReport:
    added: int = 0
    updated: int = 0
    dry_run: bool = False
    rejected: list[dict] = field(default_factory=list)  # {row, errors: {field: [message]}}
    rejected_count: int = 0

    def reject(self, row: int, errors: dict) -> None:
        self.rejected_count += 1
        if len(self.rejected) < REPORT_MAX_REJECTED:
            self.rejected.append({"row": row, "errors": errors})


def _text(data: bytes) -> str:
    return csv_text(data, not_text=_("This is not a text file."))


def _too_many_message(max_rows: int) -> str:
    return _("The file has more than %(num)d places. Split it into smaller files.", num=max_rows)


def _too_many(max_rows: int) -> ProblemError:
    return file_problem(_too_many_message(max_rows), "too_many_rows")


def read_table(data: bytes, required: tuple[str, ...], max_rows: int) -> list[tuple[int, dict]]:
    """(row number, {column: text}) of a CSV whose header names at least `required` (any order)."""
    header, rows = read_csv(data, max_rows=max_rows, too_many=_too_many_message(max_rows), required=required,
                            lower=True)
    return [(number, {name: cells[i].strip() if i < len(cells) else "" for i, name in enumerate(header)})
            for number, cells in rows]


def read_geojson(data: bytes, max_rows: int) -> list[tuple[int, dict]]:
    try:
        document = json.loads(_text(data))
    except ValueError:
        raise file_problem(_("This is not a GeoJSON file."), "bad_file") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection" \
            or not isinstance(document.get("features"), list):
        raise file_problem(_("The file must be a GeoJSON FeatureCollection of points."), "bad_file")
    if len(document["features"]) > max_rows:
        raise _too_many(max_rows)
    rows = []
    for number, feature in enumerate(document["features"], start=1):
        feature = feature if isinstance(feature, dict) else {}
        geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else {}
        props = feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        values = {name: props.get(name) for name in COLUMNS if name not in ("lat", "lon")}
        coordinates = geometry.get("coordinates")
        if geometry.get("type") == "Point" and isinstance(coordinates, list) and len(coordinates) >= 2:
            values["lon"], values["lat"] = coordinates[0], coordinates[1]
        rows.append((number, values))
    return rows


def read_gtfs_stops(data: bytes, max_rows: int) -> list[tuple[int, dict]]:
    rows = []
    for number, raw in read_table(data, GTFS_REQUIRED, max_rows):
        if raw.get("location_type", "") not in ("", "0", "1"):
            continue  # entrances, nodes and boarding areas are not stops a shopper looks for
        rows.append((number, {"code": raw["stop_id"], "kind": PlaceKind.STOP.value, "name": raw["stop_name"],
                              "lat": raw["stop_lat"], "lon": raw["stop_lon"]}))
    return rows


READERS = {ImportFormat.CSV: lambda data, n: read_table(data, REQUIRED, n), ImportFormat.GEOJSON: read_geojson,
           ImportFormat.GTFS: read_gtfs_stops}


def import_places(city, stream, file_format: str, *, dry_run: bool, max_bytes: int, max_rows: int
                  ) -> PlaceImportReport:
    """Check every row, then store them all (or, on a dry run or any refused row, none). A 422 with the report's
    rows in `errors` when rows are refused."""
    if file_format not in READERS:
        message = _("Choose the file's format.")
        raise ProblemError(422, message, code="invalid", errors={"format": [message]})
    rows = READERS[file_format](read_limited(stream, max_bytes), max_rows)
    if not rows:
        raise file_problem(_("The file has no places."), "empty_file")
    report = PlaceImportReport(dry_run=dry_run)
    cleaned_rows, seen = [], {}
    for number, raw in rows:
        try:
            cleaned = clean_place_values(city, raw)
        except ProblemError as problem:
            report.reject(number, problem.errors or {"file": [problem.detail]})
            continue
        if cleaned["code"] in seen:
            report.reject(number, {"code": [_("The same code as row %(num)d.", num=seen[cleaned["code"]])]})
            continue
        seen[cleaned["code"]] = number
        cleaned_rows.append(cleaned)
    existing = {place.code: place for place in db.session.execute(
        select(AccessPlace).where(AccessPlace.city_id == city.id, AccessPlace.code.in_(seen))).scalars()}
    report.updated = sum(1 for values in cleaned_rows if values["code"] in existing)
    report.added = len(cleaned_rows) - report.updated
    if report.rejected_count:
        problem = ProblemError(422, _("%(num)d rows are refused: nothing is imported. Correct them and import the "
                                      "file again.", num=report.rejected_count), code="rows_refused")
        problem.report = report  # the studio page lists them
        raise problem
    if dry_run:
        return report
    with all_or_nothing(_("Another import added some of these places at the same time. Import the file again.")):
        for values in cleaned_rows:
            place = existing.get(values["code"])
            if place is None:
                place = AccessPlace(city_id=city.id)
                db.session.add(place)
            for key, value in values.items():
                setattr(place, key, value)
    return report
