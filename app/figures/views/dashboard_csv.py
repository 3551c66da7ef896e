"""The dashboard as its CSV (exactly the rows and cells the page shows, a hidden cell empty) and as the data
its charts draw (static/js/figures-charts.js), both from the one `Dashboard` the page shows."""
import csv
import io

from flask_babel import format_date, gettext as _

from app.figures.services.reading import Dashboard, Row, Shown, Trio
from app.figures.views import labels
from app.shops.forms import CATEGORY_LABELS
from app.trails.forms import KIND_LABELS


def _cell(shown: Shown) -> str:
    return "" if shown.value is None else str(shown.value).replace(".", ",") if isinstance(shown.value, float) \
        else str(shown.value)


def _trio(trio: Trio) -> list[str]:
    return [_cell(trio.now), _cell(trio.previous), _cell(trio.last_year)]


def csv_rows(d: Dashboard, town: str) -> list[list[str]]:
    """Section, item, figure, this period, the period before, the same period last year."""
    section = labels.SECTION_LABELS
    rows = [[_("Section"), _("Item"), _("Figure"),
             _("%(start)s to %(end)s", start=d.period.start.isoformat(), end=d.period.end.isoformat()),
             _("%(start)s to %(end)s", start=d.previous.start.isoformat(), end=d.previous.end.isoformat()),
             _("%(start)s to %(end)s", start=d.last_year.start.isoformat(), end=d.last_year.end.isoformat())]]
    for name in (*labels.KEY_FIGURES, *labels.PASS_FIGURES):
        rows.append([str(section["key"]), "", str(labels.FIGURE_LABELS[name]), *_trio(d.key[name])])
    for index in d.comparison:
        rows.append([str(section["comparison"]), town, str(labels.FIGURE_LABELS[index.metric]),
                     "" if index.own is None else str(index.own), "", ""])
        rows.append([str(section["comparison"]), _("Average of the towns"),
                     str(labels.FIGURE_LABELS[index.metric]), "" if index.average is None else str(index.average), "", ""])
    for point in d.stamps_per_day:
        rows.append([str(section["stamps_per_day"]), point.day.isoformat(), str(labels.FIGURE_LABELS["stamps"]),
                     _cell(point.value), "", _cell(point.last_year)])
    days = labels.weekday_names("wide")
    hours = heat_hours(d)
    for dow, cells in enumerate(d.heatmap):
        for hour in hours:
            rows.append([str(section["stamps_by_hour"]), f"{days[dow]} {hour:02d}:00", str(labels.FIGURE_LABELS["stamps"]),
                         _cell(cells[hour]), "", ""])
    # The tables per trail, shop and street show this period; the shops' stamps also their change against the
    # period before, so that column is there too.
    for name, table, figures in (("trails", d.trails, ("views", "starts", "completions")),
                                 ("green_routes", d.green_routes, ("views", "starts", "completions")),
                                 ("shops", d.shops, ("views", "stamps", "rewards")),
                                 ("streets", d.streets, ("views", "stamps", "rewards"))):
        for row in table:
            for figure in figures:
                trio = row.figures[figure]
                before = _cell(trio.previous) if (name, figure) == ("shops", "stamps") else ""
                rows.append([str(section[name]), row.name, str(labels.FIGURE_LABELS[figure]), _cell(trio.now), before, ""])
    for row in d.footfall_points:
        rows.append([str(section["footfall"]), row.name, str(labels.FIGURE_LABELS["count"]), *_trio(row.figures["count"])])
    for row in d.refusals:
        rows.append([str(section["refusals"]), labels.reason_label(row.key), str(labels.FIGURE_LABELS["count"]),
                     *_trio(row.figures["count"])])
    return rows


def to_csv(d: Dashboard, town: str) -> str:
    """UTF-8 with a byte-order mark and semicolons, as Excel in Belgium opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in csv_rows(d, town):
        writer.writerow([_safe(value) for value in row])
    return "\ufeff" + out.getvalue()


def _safe(value: str) -> str:
    """A name typed by a merchant never runs as a spreadsheet formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(value) else value


def _is_number(value: str) -> bool:
    try:
        float(value.replace(",", "."))
        return True
    except ValueError:
        return False


def heat_hours(d: Dashboard) -> list[int]:
    """The hours the heat map shows: the opening hours of the town's shops (any hour with a stamp or a hidden
    cell), at least 9 to 18."""
    used = [hour for cells in d.heatmap for hour, cell in enumerate(cells) if cell.value or cell.hidden]
    first, last = min(used + [9]), max(used + [18])
    return list(range(first, last + 1))


def chart_data(d: Dashboard) -> dict:
    """What the charts draw: one value per day of the period, None where hidden or not counted."""
    seen = [n for n in range(len(d.refusals)) if any(counts[n] for _day, counts in d.refusals_per_day)]
    return {
        "day": _("Day"),
        "days": [format_date(point.day, "EEE d MMM") for point in d.stamps_per_day],
        "ticks": [format_date(point.day, "d MMM") for point in d.stamps_per_day],
        "hidden": labels.hidden_text(d.minimum),
        "stamps": {
            "series": [_("This period"), _("Last year")],
            "values": [[p.value.value for p in d.stamps_per_day], [p.last_year.value for p in d.stamps_per_day]],
            "hidden": [[p.value.hidden for p in d.stamps_per_day], [p.last_year.hidden for p in d.stamps_per_day]],
        },
        "footfall": {
            "series": [row.name for row in d.footfall_points],
            "values": [[counts[n] for _day, counts in d.footfall_per_day] for n in range(len(d.footfall_points))],
        },
        "refusals": {  # the reasons that happened; the table lists them all
            "series": [labels.reason_label(row.key) for n, row in enumerate(d.refusals) if n in seen],
            "values": [[counts[n] for _day, counts in d.refusals_per_day] for n in seen],
        },
    }


def category_label(category: str) -> str:
    return str(CATEGORY_LABELS.get(category, category))


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def bar(value, rows: list[Row], figure: str) -> int:
    """0..20: the bar of `value` in its table, against the table's largest shown value of `figure`."""
    top = max((row.figures[figure].now.value or 0 for row in rows), default=0)
    if not value or not top:
        return 0
    return max(1, round(value / top * 20))
