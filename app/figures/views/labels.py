"""Words for the dashboard's figures, shared by its page, its CSV and the merchant's page (one text each)."""
from babel.dates import get_day_names
from flask_babel import format_decimal, get_locale, gettext as _, lazy_gettext as _l

from app.loyalty import refusals

FIGURE_LABELS = {
    "stamps": _l("Stamps"),
    "shoppers": _l("Different shoppers"),
    "returning": _l("Returning shoppers"),
    "new_accounts": _l("New accounts"),
    "rewards": _l("Rewards given"),
    "pass_starts": _l("Pass cards started"),
    "pass_completions": _l("Passes completed"),
    "pass_median_days": _l("Median days to complete"),
    "pass_rewards": _l("Pass rewards confirmed"),
    "footfall": _l("People counted"),
    "page_views": _l("Page views"),
    "trail_starts": _l("Walks started"),
    "trail_completions": _l("Walks completed"),
    "refusals": _l("Refused scans"),
    "views": _l("Page views"),
    "starts": _l("Walks started"),
    "completions": _l("Walks completed"),
    "count": _l("Number"),
}
SECTION_LABELS = {
    "key": _l("Key figures"),
    "comparison": _l("Index against last year"),
    "stamps_per_day": _l("Stamps per day"),
    "stamps_by_hour": _l("Stamps per hour of the week"),
    "trails": _l("Trails"),
    "green_routes": _l("Green routes"),
    "shops": _l("Shops"),
    "streets": _l("Streets"),
    "refusals": _l("Refused scans"),
    "footfall": _l("Footfall"),
}
KEY_FIGURES = ("stamps", "shoppers", "returning", "new_accounts", "rewards", "page_views", "footfall", "refusals")
PASS_FIGURES = ("pass_starts", "pass_completions", "pass_median_days", "pass_rewards")


def hidden_text(minimum: int) -> str:
    return _("hidden (< %(n)d)", n=minimum)


def guard_text() -> str:
    """A cell hidden only so that a small one cannot be worked out from it (it is not small itself)."""
    return _("hidden (guards a small cell)")


def number(value) -> str:
    """A figure as the reader's language writes it (1.234 in Dutch, 1,234 in English; 4,5 days)."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.#")


def weekday_names(width: str = "abbreviated") -> list[str]:
    """Monday first, in the page's language."""
    names = get_day_names(width, locale=get_locale())
    return [names[day] for day in range(7)]


def reason_label(reason: str) -> str:
    return refusals.label(reason)


def period_label(period) -> str:
    """"oktober 2026", "week 44 (26 okt - 1 nov 2026)", "2025", "1 - 24 dec. 2026"."""
    from flask_babel import format_date
    if period.kind == "month":
        return format_date(period.start, "LLLL yyyy")
    if period.kind == "year":
        return str(period.start.year)
    span = _("%(start)s to %(end)s", start=format_date(period.start, "d MMM" if period.start.year == period.end.year
                                                        else "d MMM yyyy"),
             end=format_date(period.end, "d MMM yyyy"))
    if period.kind == "week":
        return _("week %(week)d (%(span)s)", week=period.start.isocalendar()[1], span=span)
    return span


def short_period_label(period) -> str:
    """For a column head: "sep 2026", "week 43", "2024", "7 - 30 nov"."""
    from flask_babel import format_date
    if period.kind == "month":
        return format_date(period.start, "LLL yyyy")
    if period.kind == "year":
        return str(period.start.year)
    if period.kind == "week":
        year, week, _day = period.start.isocalendar()
        return _("week %(week)d, %(year)d", week=week, year=year)
    return _("%(start)s to %(end)s", start=format_date(period.start, "d MMM"), end=format_date(period.end, "d MMM yy"))
