"""Days as people read them, in the page's language: "30 mei", "30. Mai", "May 30"; "morgen" instead of
tomorrow's date where a shopper looks at a day (not in a mail: it is read on another day).

The patterns come from the locale's own skeletons (CLDR), so German gets its "30. Mai" and English its
"Saturday, May 30" instead of one Dutch-shaped pattern for every language.
"""
import re
from datetime import date, datetime, timedelta

from babel import Locale
from flask_babel import format_date, gettext as _

from app.core import clock
from app.core.i18n import current_locale

# style -> the CLDR skeleton it starts from; the month (and weekday) are then written in full.
SKELETONS = {"day": "MMMd", "year": "yMMMd", "weekday": "MMMEd", "weekday_year": "yMMMEd"}
_patterns: dict[tuple[str, str], str] = {}


def date_pattern(style: str, locale: str) -> str:
    """The locale's pattern for a style: day "d MMMM" (nl), "d. MMMM" (de), "MMMM d" (en); weekday
    "EEEE d MMMM"; year "d MMMM y"; weekday_year "EEEE d MMMM y"."""
    key = (style, locale)
    if key not in _patterns:
        pattern = Locale.parse(locale).datetime_skeletons[SKELETONS[style]].pattern
        pattern = re.sub(r"M+", "MMMM", pattern)
        _patterns[key] = re.sub(r"E+|c+", "EEEE", pattern)
    return _patterns[key]


def _as_day(value) -> date:
    if isinstance(value, str):  # an ISO day as stored in JSON ("2026-12-25": the shops' exception dates)
        return date.fromisoformat(value)
    return clock.local_date(value) if isinstance(value, datetime) else value


def local_date_text(value, style: str = "day") -> str:
    """A date (or an instant, on its Brussels day) in the page's language, never "tomorrow"."""
    if value is None:
        return ""
    return format_date(_as_day(value), date_pattern(style, current_locale()))


def day_label(value, style: str = "day", heading: bool = False, today: date | None = None) -> str:
    """"vandaag" / "morgen" (or "Vandaag" / "Morgen" as a heading), else the date (local_date_text).
    `today`: the day the page was made for (one clock reading per page), else the clock's."""
    if value is None:
        return ""
    day, today = _as_day(value), today or clock.today()
    if day == today:
        return _("Today") if heading else _("today")
    if day == today + timedelta(days=1):
        return _("Tomorrow") if heading else _("tomorrow")
    return local_date_text(day, style)
