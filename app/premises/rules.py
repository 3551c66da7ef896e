"""The register's one set of field rules, for the studio form, the CSV import and the API alike.

`clean_values(city, raw, today=...)` takes any subset of the register's fields (text from a form or a CSV
cell, or typed values from the API schema) and answers the cleaned values or a ProblemError(422) that lists
every problem by field, in the user's language. A rule that needs two fields (rent_min <= rent_max, the
sales floor within the floor area) checks the pair when both are given.
"""
from __future__ import annotations

import math
from datetime import date

from flask_babel import gettext as _

from app.core.geo import haversine_m
from app.core.problem import ProblemError
from app.premises.models import Condition, LeaseType, PremiseState

ADDRESS_MAX = 200
CONTACT_MAX = 300
USES_MAX = 300
PREVIOUS_USE_MAX = 120
DESCRIPTION_MAX = 2000
NOTE_MAX = 1000
AREA_MAX = 100_000  # m²
FRONTAGE_MAX = 500  # m
FLOORS_MAX = 60
RENT_MAX = 1_000_000  # EUR per month
MAX_DISTANCE_FROM_CENTRE_M = 15_000
FIRST_YEAR = 1900
LOCALES = ("nl", "en", "fr", "de")

NUMBERS = {  # field: (integer?, low, high)
    "floor_area_m2": (False, 1, AREA_MAX), "sales_floor_m2": (False, 0, AREA_MAX),
    "frontage_m": (False, 0, FRONTAGE_MAX), "floors": (True, 0, FLOORS_MAX),
    "rent_min": (True, 0, RENT_MAX), "rent_max": (True, 0, RENT_MAX),
}
TEXTS = {"owner_contact": CONTACT_MAX, "permitted_uses": USES_MAX, "previous_use": PREVIOUS_USE_MAX}
TRUE_WORDS = {"1", "true", "yes", "ja", "oui", "y", "j", "x"}
FALSE_WORDS = {"0", "false", "no", "nee", "non", "n"}


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def decimal_text(value):
    """A Belgian spreadsheet writes 51,0326 or 62,5: accept one decimal comma."""
    if isinstance(value, str):
        value = value.strip().replace(" ", "")
        if value.count(",") == 1 and "." not in value:
            value = value.replace(",", ".")
    return value


def _number(value, integer: bool, low: float, high: float, digits: int = 2):
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    number = float(decimal_text(value))
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError
    if integer:
        if number != int(number):
            raise ValueError
        return int(number)
    return round(number, digits)


def parse_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if "/" in text:  # 01/03/2024, as a Belgian spreadsheet shows it
        day, month, year = text.split("/")
        return date(int(year), int(month), int(day))
    return date.fromisoformat(text)


def parse_bool(value) -> bool | None:
    if value is None or value == "" or isinstance(value, bool):
        return value if isinstance(value, bool) else None
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError


def split_list(value) -> list[str]:
    """`long|short`, `long, popup` or a list: the items, stripped, lower case, without blanks."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple, set)) else str(value).replace(",", "|").replace(";", "|").split("|")
    return [str(item).strip().lower() for item in items if str(item).strip()]


def _clean_description(value, errors: _Errors) -> dict:
    if value is None or value == "":
        return {}
    if isinstance(value, str):
        value = {"nl": value}
    if not isinstance(value, dict):
        errors.add("description", _("Give the description as text per language."))
        return {}
    out = {}
    for locale, text in value.items():
        if locale not in LOCALES or not isinstance(text, str):
            errors.add("description", _("Give the description as text per language."))
            continue
        if len(text.strip()) > DESCRIPTION_MAX:
            errors.add("description", _("At most %(num)d characters.", num=DESCRIPTION_MAX))
        elif text.strip():
            out[locale] = text.strip()
    return out


def clean_values(city, raw: dict, *, today: date) -> dict:
    """Validate the given register fields (any subset); a ProblemError(422) lists every problem by field."""
    errors = _Errors()
    out: dict = {}
    if "address" in raw:
        address = " ".join(str(raw["address"] or "").split())
        if not address:
            errors.add("address", _("Give the address, e.g. Ooststraat 52, 8800 Roeselare."))
        elif len(address) > ADDRESS_MAX:
            errors.add("address", _("At most %(num)d characters.", num=ADDRESS_MAX))
        out["address"] = address
    for name, (low, high) in {"lat": (-90, 90), "lon": (-180, 180)}.items():
        if name in raw:
            try:
                out[name] = _number(raw[name], False, low, high, digits=6)
            except (TypeError, ValueError):
                errors.add(name, _("Enter a coordinate in decimal degrees."))
    if ("lat" in out) != ("lon" in out) or (out.get("lat") is None) != (out.get("lon") is None):
        if "lat" not in errors and "lon" not in errors:
            errors.add("lat", _("Give both latitude and longitude, or neither."))
    elif out.get("lat") is not None and haversine_m(out["lat"], out["lon"], city.center_lat,
                                                     city.center_lon) > MAX_DISTANCE_FROM_CENTRE_M:
        errors.add("lat", _("The pin is not in %(city)s. Place it on the premise.", city=city.name))
    for name, (integer, low, high) in NUMBERS.items():
        if name in raw:
            try:
                out[name] = _number(raw[name], integer, low, high)
            except (TypeError, ValueError):
                message = (_("Enter a whole number from %(low)d to %(high)d.", low=low, high=high) if integer
                           else _("Enter a number from %(low)d to %(high)d.", low=low, high=high))
                errors.add(name, message)
    if out.get("rent_min") is not None and out.get("rent_max") is not None and out["rent_min"] > out["rent_max"]:
        errors.add("rent_max", _("The highest rent cannot be below the lowest."))
    if (out.get("sales_floor_m2") is not None and out.get("floor_area_m2") is not None
            and out["sales_floor_m2"] > out["floor_area_m2"]):
        errors.add("sales_floor_m2", _("The sales floor cannot be larger than the floor area."))
    if "state" in raw:
        state = str(raw["state"] or "").strip().lower()
        if state in set(PremiseState):
            out["state"] = state
        else:
            errors.add("state", _("Choose one of: %(values)s.", values=", ".join(PremiseState)))
    if "vacant_since" in raw:
        try:
            since = parse_date(raw["vacant_since"])
            if since is not None and since.year < FIRST_YEAR:
                raise ValueError
            if since is not None and since > today:
                errors.add("vacant_since", _("This day is still to come."))
            out["vacant_since"] = since
        except (TypeError, ValueError):
            errors.add("vacant_since", _("Enter a date such as 2025-03-01."))
    if "lease_types" in raw:
        kinds = split_list(raw["lease_types"])
        unknown = [kind for kind in kinds if kind not in set(LeaseType)]
        if unknown:
            errors.add("lease_types", _("Choose from: %(values)s.", values=", ".join(LeaseType)))
        out["lease_types"] = [kind for kind in LeaseType if kind in kinds]  # one order, no doubles
    if "condition" in raw:
        condition = str(raw["condition"] or "").strip().lower()
        if condition and condition not in set(Condition):
            errors.add("condition", _("Choose one of: %(values)s.", values=", ".join(Condition)))
        out["condition"] = condition
    if "step_free" in raw:
        try:
            out["step_free"] = parse_bool(raw["step_free"])
        except ValueError:
            errors.add("step_free", _("Answer yes or no (or leave it empty)."))
    for name, limit in TEXTS.items():
        if name in raw:
            text = " ".join(str(raw[name] or "").split())
            if len(text) > limit:
                errors.add(name, _("At most %(num)d characters.", num=limit))
            out[name] = text
    if "description" in raw:
        out["description"] = _clean_description(raw["description"], errors)
    if errors:
        raise ProblemError(422, _("Some fields need attention."), code="validation_error", errors=dict(errors))
    return out


def clean_note(note) -> str:
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        message = _("At most %(num)d characters.", num=NOTE_MAX)
        raise ProblemError(422, message, code="validation_error", errors={"note": [message]})
    return text
