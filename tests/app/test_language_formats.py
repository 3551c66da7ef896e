"""Durations, days and counts in the page's language (app.templating, app.core.dates, ngettext), asked for the
way a page asks: a request with ?lang."""
from datetime import date, datetime, timezone

import pytest

from app.core import dates
from app.templating import format_duration

NOW = datetime(2026, 5, 29, 10, 0, tzinfo=timezone.utc)  # Friday 29 May in Brussels


@pytest.fixture
def friday(monkeypatch):
    monkeypatch.setattr("app.core.clock.now", lambda: NOW)


def _in(app, lang):
    return app.test_request_context(f"/?lang={lang}")


@pytest.mark.parametrize("lang, hour, short", [("nl", "1 u 03", "45 min"), ("en", "1 h 03", "45 min"),
                                               ("fr", "1 h 03", "45 min"), ("de", "1 Std. 03", "45 min")])
def test_durations(app, lang, hour, short):
    with _in(app, lang):
        assert (format_duration(63), format_duration(45), format_duration(None)) == (hour, short, "")
        assert not format_duration(120).endswith(" 00")


@pytest.mark.parametrize("lang, whole", [("nl", "2 uur"), ("en", "2 h"), ("fr", "2 h"), ("de", "2 Std.")])
def test_whole_hours_have_no_clock_like_minutes(app, lang, whole):
    """"Tot 1 uur", not "Tot 1 u 00" (the duration chips of the walks)."""
    with _in(app, lang):
        assert format_duration(120) == whole


@pytest.mark.parametrize("lang, day, year, weekday", [
    ("nl", "30 mei", "30 mei 2026", "zaterdag 30 mei"),
    ("en", "May 30", "May 30, 2026", "Saturday, May 30"),
    ("fr", "30 mai", "30 mai 2026", "samedi 30 mai"),
    ("de", "30. Mai", "30. Mai 2026", "Samstag, 30. Mai"),
])
def test_dates_follow_the_locale_not_one_pattern(app, friday, lang, day, year, weekday):
    saturday = date(2026, 5, 30)
    with _in(app, lang):
        assert dates.local_date_text(saturday) == day
        assert dates.local_date_text(saturday, "year") == year
        assert dates.local_date_text(saturday, "weekday_year") in (f"{weekday} 2026", f"{weekday}, 2026")
        assert dates.local_date_text(saturday, "weekday") == weekday
        assert dates.day_label(date(2026, 6, 6), "weekday") == dates.local_date_text(date(2026, 6, 6), "weekday")


@pytest.mark.parametrize("lang, today, tomorrow, heading", [
    ("nl", "vandaag", "morgen", "Morgen"), ("en", "today", "tomorrow", "Tomorrow"),
    ("fr", "aujourd’hui", "demain", "Demain"), ("de", "heute", "morgen", "Morgen"),
])
def test_today_and_tomorrow_instead_of_a_date(app, friday, lang, today, tomorrow, heading):
    with _in(app, lang):
        assert dates.day_label(date(2026, 5, 29)) == today
        assert dates.day_label(date(2026, 5, 30)) == tomorrow
        assert dates.day_label(date(2026, 5, 30), "weekday", heading=True) == heading
        # An instant counts on its Brussels day: 22:30 UTC on the 29th is already the 30th in Brussels.
        assert dates.day_label(datetime(2026, 5, 29, 22, 30, tzinfo=timezone.utc)) == tomorrow
        # A printed or mailed date never says "tomorrow": it is read on another day.
        assert dates.local_date_text(date(2026, 5, 30)) != tomorrow
        assert dates.day_label(None) == dates.local_date_text(None) == ""


@pytest.mark.parametrize("lang, one, four", [("nl", "1 halte", "4 haltes"), ("en", "1 stop", "4 stops"),
                                             ("fr", "1 arrêt", "4 arrêts"), ("de", "1 Station", "4 Stationen")])
def test_counts_have_their_plural(app, lang, one, four):
    template = app.jinja_env.from_string("{% from 'trails/_macros.html' import stop_count %}{{ stop_count(n) }}")
    with _in(app, lang):
        assert (template.render(n=1), template.render(n=4)) == (one, four)
