"""Shops a city imports from a CSV file: every valid row becomes a draft shop that no merchant owns yet.

The file's first line is exactly `name,address,lat,lon,category,website,email` (comma- or, as Excel
writes it in Belgium, semicolon-separated; UTF-8 with or without a byte-order mark). `category` is
the API's category slug (app.shops.models.CATEGORIES; empty means "other"). Each row is checked by the
same rules as a merchant's own edits (app.shops.rules.clean_changes, so the messages are the API's),
and rejected with its row number and reasons when it fails them (an email address is checked as the
invitation checks it); the valid rows are created together
in one transaction per file (a failure half-way writes nothing). A row with an email address invites
that address to claim the shop (app.shops.services.claims). A name the city already has (the same web address)
is skipped as already imported, so importing the same file twice creates nothing the second time.

Row numbers are a spreadsheet's: the header is row 1, the first shop row 2.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from app.core.csvfile import read_csv
from app.core.problem import ProblemError
from app.core.unit_of_work import all_or_nothing
from app.core.uploads import read_limited
from app.extensions import db
from app.shops.models import Shop, ShopStatus
from app.shops.rules import clean_changes
from app.shops.services import claims
from app.shops.services.profiles import shop_slug

HEADER = ("name", "address", "lat", "lon", "category", "website", "email")
EMAIL_MAX = 254


@dataclass
class ImportReport:
    """What an import did: `created` shops, `rejected` rows ({row, errors: {field: [message]}}) and
    `skipped` rows that the city already has ({row, name, slug})."""
    created: int = 0
    rejected: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    shops: list[Shop] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"created": self.created, "rejected": self.rejected, "skipped": self.skipped}


def parse_rows(data: bytes, max_rows: int) -> list[tuple[int, dict]]:
    """(row number, {column: text}) for every non-empty row; a ProblemError(422) for the whole file when
    its header is not the expected one, it is not CSV text or it has more than `max_rows` rows."""
    _header, rows = read_csv(data, header=HEADER, max_rows=max_rows, too_many=_(
        "The file has more than %(num)d shops. Split it into smaller files.", num=max_rows))
    return [(number, _cells(cells)) for number, cells in rows]


def _cells(cells: list[str]) -> dict:
    values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(HEADER)}
    values["_count"] = len(cells)
    return values


def _coordinate(text: str) -> str:
    # A Belgian spreadsheet writes 51,0326: accept the decimal comma.
    return text.replace(",", ".") if text.count(",") == 1 and "." not in text else text


def check_row(city, raw: dict) -> tuple[dict, str | None, dict]:
    """(cleaned shop values, email or None, errors by field) for one row, by the shops' own rules."""
    errors: dict[str, list[str]] = {}
    if raw["_count"] != len(HEADER):
        errors["row"] = [_("This row has %(found)d values instead of %(num)d.", found=raw["_count"], num=len(HEADER))]
    changes = {"name": {"nl": raw["name"]}, "address": raw["address"], "category": raw["category"] or "other",
               "lat": _coordinate(raw["lat"]), "lon": _coordinate(raw["lon"]), "website": raw["website"] or None}
    values: dict = {}
    try:
        values = clean_changes(changes, city)
    except ProblemError as problem:
        errors.update(problem.errors or {})
    email = raw["email"] or None
    if email is not None:
        try:  # the check the invitation makes (app.accounts.invitations), so a row that passes can be invited
            email = validate_email(email, check_deliverability=False).normalized.lower()
            if len(email) > EMAIL_MAX:
                raise EmailNotValidError
        except EmailNotValidError:
            errors["email"] = [_("Enter an email address such as info@shop.be.")]
    return values, email, errors


# ---------------------------------------------------------------- the import


def _existing_slugs(city) -> set[str]:
    return set(db.session.execute(select(Shop.slug).where(Shop.city_id == city.id)).scalars())


def _new_shop(city, slug: str, values: dict) -> Shop:
    shop = Shop(owner_id=None, city_id=city.id, city=city, status=ShopStatus.DRAFT.value, slug=slug, name={}, tagline={},
                story={}, opening_hours={"weekly": {}, "exceptions": []}, languages=["nl"])
    for key, value in values.items():
        setattr(shop, key, value)
    db.session.add(shop)
    return shop


def _import_row(actor, city, number: int, raw: dict, taken: dict, report: ImportReport) -> None:
    values, email, errors = check_row(city, raw)
    slug = shop_slug(values["name"]["nl"]) if values.get("name") else None
    if slug in taken and not errors:
        if taken[slug] is None:  # in the city before this import
            report.skipped.append({"row": number, "name": raw["name"], "slug": slug})
            return
        errors["name"] = [_("Row %(num)d has a shop with the same name.", num=taken[slug])]
    if errors:
        # The name helps the marketer find the row in their spreadsheet (the page shows it; the API's body
        # keeps its documented {row, errors}).
        report.rejected.append({"row": number, "name": (raw.get("name") or "").strip()[:120], "errors": errors})
        return
    shop = _new_shop(city, slug, values)
    db.session.flush()
    taken[slug] = number
    if email:
        claims.invite_owner(actor, shop, email)
    report.created += 1
    report.shops.append(shop)


def import_shops(actor, city, stream) -> ImportReport:
    """Import the CSV file `stream` into `city` (marketer or admin; the caller checks). Commits once."""
    config = current_app.config
    rows = parse_rows(read_limited(stream, config["KICK_IMPORT_CSV_MAX_BYTES"]), config["KICK_IMPORT_CSV_MAX_ROWS"])
    report = ImportReport()
    taken: dict[str, int | None] = dict.fromkeys(_existing_slugs(city))
    with all_or_nothing(_("Another import added some of these shops at the same time. Import the file "
                          "again: shops that exist now are skipped.")):
        for number, raw in rows:
            _import_row(actor, city, number, raw, taken, report)
    return report


def unclaimed_shops(city, limit: int = 200) -> list[Shop]:
    """The city's imported shops that no merchant has claimed yet, for the studio's import page."""
    return list(db.session.execute(select(Shop).where(Shop.city_id == city.id, Shop.owner_id.is_(None))
                                   .order_by(Shop.created_at.desc(), Shop.id.desc()).limit(limit)).scalars())
