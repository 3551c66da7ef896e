"""The register as a CSV file: export it, and import a city's spreadsheet (with a dry run first).

Columns (COLUMNS; the first line names them, in any order; `address` is required, a column left out keeps
what the register has): address, lat, lon, floor_area_m2, sales_floor_m2, frontage_m, floors, state
(vacant|option|let|repurposed), vacant_since (2025-03-01 or 01/03/2025), rent_min, rent_max (EUR per
month), lease_types (long|short|popup, separated by |), permitted_uses, previous_use, condition
(turnkey|good|refurbish|shell), step_free (yes/no), owner_contact, description_nl/_fr/_de/_en, incentives
(the city's incentive codes, separated by |). An empty cell keeps what the register has. Commas or semicolons, UTF-8, a decimal comma accepted.

A row is matched to the register by its address (case and spaces do not matter): a known address is
updated (a new state goes into the history, dated the day of the import), an unknown one is added. Every
row is checked by the register's own rules (app.premises.rules). The dry run answers what would happen
(new / changed / unchanged rows, rejected rows with their reasons) and writes nothing; the import writes
only a file without rejected rows, all of it in one transaction (app.core.unit_of_work.all_or_nothing).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core import clock
from app.core.csvfile import read_csv
from app.core.problem import ProblemError
from app.core.unit_of_work import all_or_nothing
from app.core.uploads import read_limited
from app.extensions import db
from app.premises.models import Premise
from app.premises.rules import clean_values, split_list
from app.premises.services.register import FIELDS, apply_state, city_incentives, new_premise

LOCALES = ("nl", "fr", "de", "en")
COLUMNS = ("address", "lat", "lon", "floor_area_m2", "sales_floor_m2", "frontage_m", "floors", "state",
           "vacant_since", "rent_min", "rent_max", "lease_types", "permitted_uses", "previous_use", "condition",
           "step_free", "owner_contact", *(f"description_{locale}" for locale in LOCALES), "incentives")
REQUIRED = ("address",)
REPORT_MAX_ROWS = 200  # rows listed per kind in a report; the counts say how many there were
IMPORT_NOTE = "CSV"


def address_key(address: str) -> str:
    return " ".join((address or "").lower().split())


@dataclass
class RegisterReport:
    """What an import did or (dry run) would do: rows by outcome ({row, address, fields?}) and rejected rows
    ({row, address, errors: {column: [message]}})."""
    dry_run: bool = True
    new: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    rejected: list[dict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def as_dict(self) -> dict:
        return {"dry_run": self.dry_run, "new": len(self.new), "changed": len(self.changed),
                "unchanged": len(self.unchanged), "rejected": self.rejected[:REPORT_MAX_ROWS],
                "rows": {"new": self.new[:REPORT_MAX_ROWS], "changed": self.changed[:REPORT_MAX_ROWS]}}


def _raw_row(header: list[str], cells: list[str]) -> tuple[dict, dict]:
    """(register fields as text, links) of one row; only the columns the header names."""
    # An empty cell keeps what the register has (a spreadsheet with gaps never clears a premise's data).
    cells_by_name = {name: cells[i].strip() for i, name in enumerate(header) if i < len(cells) and cells[i].strip()}
    raw = {name: value for name, value in cells_by_name.items() if name in FIELDS or name == "state"}
    texts = {locale: cells_by_name[f"description_{locale}"] for locale in LOCALES if f"description_{locale}" in cells_by_name}
    if texts:
        raw["description"] = texts
    links = {"incentives": split_list(cells_by_name["incentives"])} if "incentives" in cells_by_name else {}
    return raw, links


def _diff(premise: Premise, values: dict, incentive_ids: list[int] | None) -> list[str]:
    changed = []
    for name, value in values.items():
        current = getattr(premise, name)
        if name == "description":
            current = {k: v for k, v in (current or {}).items() if k in value}
        elif isinstance(current, float) and isinstance(value, (int, float)):
            current, value = round(current, 6), round(float(value), 6)
        if current != value:
            changed.append(name)
    if incentive_ids is not None and sorted(i.id for i in premise.incentives) != sorted(incentive_ids):
        changed.append("incentives")
    return changed


def import_register(actor, city, stream, *, dry_run: bool) -> RegisterReport:
    """Check (dry run) or import the CSV file `stream` into `city`'s register (a marketer's; the caller
    checks). A file with rejected rows is reported and nothing is written; the import raises a 422 then."""
    config = current_app.config
    max_rows = config["KICK_IMPORT_CSV_MAX_ROWS"]
    data = read_limited(stream, config["KICK_IMPORT_CSV_MAX_BYTES"])
    header, rows = read_csv(data, columns=COLUMNS, required=REQUIRED, max_rows=max_rows, lower=True, too_many=_(
        "The file has more than %(num)d premises. Split it into smaller files.", num=max_rows))
    today = clock.today()
    existing = {address_key(p.address): p for p in db.session.execute(
        select(Premise).where(Premise.city_id == city.id).options(selectinload(Premise.incentives))).scalars()}
    incentives = {i.code.lower(): i for i in city_incentives(city)}
    report = RegisterReport(dry_run=dry_run)
    plan = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        raw, links = _raw_row(header, cells)
        errors: dict[str, list[str]] = {}
        if len(cells) != len(header):
            errors["row"] = [_("This row has %(found)d values instead of %(num)d.", found=len(cells), num=len(header))]
        values = {}
        try:
            values = clean_values(city, raw, today=today)
        except ProblemError as problem:
            errors.update(problem.errors or {})
        if "address" not in raw:
            errors["address"] = [_("Give the address, e.g. Ooststraat 52, 8800 Roeselare.")]
        key = address_key(values.get("address") or raw.get("address", ""))
        if key and key in seen:
            errors.setdefault("address", []).append(_("Row %(num)d has the same address.", num=seen[key]))
        seen.setdefault(key, number)
        unknown = [code for code in links.get("incentives", []) if code not in incentives]
        if unknown:
            errors["incentives"] = [_("This city has no incentive %(codes)s.", codes=", ".join(unknown))]
        if errors:
            report.rejected.append({"row": number, "address": raw.get("address", "")[:120], "errors": errors})
            continue
        chosen = [incentives[code] for code in links["incentives"]] if "incentives" in links else None
        premise = existing.get(key)
        entry = {"row": number, "address": values["address"]}
        if premise is None:
            report.new.append(entry)
            plan.append((None, values, chosen))
            continue
        changed = _diff(premise, values, None if chosen is None else [i.id for i in chosen])
        if changed:
            report.changed.append({**entry, "fields": changed})
            plan.append((premise, values, chosen))
        else:
            report.unchanged.append(entry)
    if dry_run:
        return report
    if report.rejected:
        raise ProblemError(422, _("Some rows are not valid; nothing was imported. Correct them and import the "
                                  "file again."), code="invalid_rows", extra={"report": report.as_dict()})
    with all_or_nothing(_("Another import changed the register at the same time. Check the file again.")):
        for premise, values, chosen in plan:
            _write(actor, city, premise, values, chosen, today)
    return report


def _write(actor, city, premise: Premise | None, values: dict, chosen, today) -> None:
    if premise is None:
        links = {} if chosen is None else {"incentives": chosen}
        new_premise(city, values, links, actor, note=IMPORT_NOTE)
        return
    values = dict(values)
    if "description" in values:  # the languages the file gives; the others stay
        values["description"] = {**(premise.description or {}), **values["description"]}
    state = values.pop("state", None)
    for name, value in values.items():
        if name == "address":
            premise.set_address(value)
        else:
            setattr(premise, name, value)
    if state is not None:
        apply_state(premise, state, today, IMPORT_NOTE, actor)
        if values.get("vacant_since") and premise.is_available:
            premise.vacant_since = values["vacant_since"]
    if chosen is not None:
        premise.incentives = chosen
    premise.updated_at = clock.now()
    db.session.flush()


# ---------------------------------------------------------------- export


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if isinstance(value, list):
        return "|".join(value)
    return str(value)


def export_register(city) -> str:
    """The register as CSV text in the import's columns (importing it back changes nothing)."""
    premises = db.session.execute(select(Premise).where(Premise.city_id == city.id)
                                  .options(selectinload(Premise.incentives))
                                  .order_by(Premise.street, Premise.address)).scalars()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for premise in premises:
        row = []
        for column in COLUMNS:
            if column.startswith("description_"):
                row.append((premise.description or {}).get(column.removeprefix("description_"), ""))
            elif column == "incentives":
                row.append("|".join(i.code for i in premise.incentives))
            else:
                row.append(_cell(getattr(premise, column)))
        writer.writerow(row)
    return out.getvalue()
