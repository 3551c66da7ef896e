"""The one CSV reader of the studio's imports (shops, footfall counts, the vacancy register).

A city's spreadsheet arrives as Excel writes it in Belgium: UTF-8 with or without a byte-order mark,
comma- or semicolon-separated (the separator the header line uses most). Row numbers are a spreadsheet's:
the header is row 1. Blank lines are skipped. The whole file is refused (a 422 on `file`) when it is not
UTF-8 text, not CSV, its header is not the expected one, or it has more than `max_rows` rows; the size
limit is read before this (app.core.uploads.read_limited, a 413).
"""
from __future__ import annotations

import csv
import io

from flask_babel import gettext as _

from app.core.problem import ProblemError


def file_problem(message: str, code: str) -> ProblemError:
    return ProblemError(422, message, code=code, errors={"file": [message]})


def csv_text(data: bytes, *, not_text: str | None = None) -> str:
    """An uploaded file's text (UTF-8, a BOM dropped); `not_text` is the message for binary data."""
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError:
        raise file_problem(_("The file is not UTF-8 text. In Excel choose \"CSV UTF-8\" when you save it."),
                           "bad_encoding") from None
    if "\x00" in text:
        raise file_problem(not_text or _("This is not a CSV file."), "bad_file")
    return text.lstrip()


def delimiter_of(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ","


def read_csv(data: bytes, *, max_rows: int, too_many: str, header: tuple[str, ...] | None = None,
             columns: tuple[str, ...] | None = None, required: tuple[str, ...] = (),
             lower: bool = False) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(row number, cells)]) of a CSV file. With `header` the first line must be exactly it; with
    `columns` it may name any of them in any order, once each, and must name every one of `required`; with
    neither, any columns once each, `required` among them (a GTFS file carries columns nobody imports).
    `too_many` is the message for a file over `max_rows`."""
    text = csv_text(data)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(text.split("\n", 1)[0]))
    rows: list[tuple[int, list[str]]] = []
    try:
        found = [cell.strip().lower() if lower else cell.strip() for cell in next(reader, [])]
        _check_header(found, header, columns, required)
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line (Excel adds them at the end)
            if len(rows) >= max_rows:
                raise file_problem(too_many, "too_many_rows")
            rows.append((number, cells))
    except csv.Error:
        raise file_problem(_("This is not a CSV file."), "bad_file") from None
    return found, rows


def _check_header(found: list[str], header, columns, required) -> None:
    if header is not None:
        if tuple(found) != tuple(header):
            raise file_problem(_("The first line must be exactly: %(header)s", header=",".join(header)), "bad_header")
        return
    missing = [name for name in required if name not in found]
    if columns is None:
        if missing or len(set(found)) != len(found):
            raise file_problem(_("The first line must name the columns %(columns)s.", columns=", ".join(required)),
                               "bad_header")
        return
    unknown = [name for name in found if name not in columns]
    if unknown or missing or len(set(found)) != len(found):
        raise file_problem(_("The first line names the columns, from: %(columns)s (%(required)s required, "
                             "each once).", columns=",".join(columns), required=",".join(required)), "bad_header")
