"""One clock, one time zone, one instant column: Brussels days at midnight, and timestamps that come back
from the database as aware UTC on SQLite as on PostgreSQL (SQLite alone keeps no offset)."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError

from app.accounts.models import User
from app.accounts.services import new_user
from app.core import clock
from app.extensions import db


def stand_at(monkeypatch, iso_utc: str) -> datetime:
    instant = datetime.fromisoformat(iso_utc).replace(tzinfo=timezone.utc)
    monkeypatch.setattr(clock, "now", lambda: instant)
    return instant


@pytest.mark.parametrize("utc, brussels_day", [
    ("2026-12-01T22:59:00", date(2026, 12, 1)),  # 23:59 CET
    ("2026-12-01T23:30:00", date(2026, 12, 2)),  # 00:30 CET: still the 1st in UTC and on a UTC server
    ("2027-06-30T21:59:00", date(2027, 6, 30)),  # 23:59 CEST
    ("2027-06-30T22:30:00", date(2027, 7, 1)),   # 00:30 CEST
])
def test_today_is_the_brussels_day_whatever_the_utc_date(monkeypatch, utc, brussels_day):
    instant = stand_at(monkeypatch, utc)
    assert clock.today() == brussels_day
    assert clock.local_date(instant) == brussels_day
    assert clock.local_now().date() == brussels_day and clock.local_now() == instant


def test_a_brussels_day_starts_at_local_midnight_in_winter_and_summer():
    assert clock.day_start(date(2026, 12, 2)) == datetime(2026, 12, 1, 23, 0, tzinfo=timezone.utc)
    assert clock.day_start(date(2027, 7, 1)) == datetime(2027, 6, 30, 22, 0, tzinfo=timezone.utc)
    assert clock.day_start(date(2027, 3, 28)).hour == 23  # the spring-forward day still starts at 00:00 CET


def test_column_defaults_follow_the_patched_clock(ctx, monkeypatch):
    instant = stand_at(monkeypatch, "2026-11-25T11:00:00")
    user = new_user("clock@example.test", None, "Klok")
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(User, user.id).created_at == instant


def test_instants_come_back_aware_utc_from_rows_and_aggregates(ctx):
    brussels_evening = datetime(2026, 12, 1, 23, 30, tzinfo=clock.TZ)  # 22:30 UTC
    user = db.session.execute(select(User).order_by(User.id)).scalars().first()
    user.last_login_at = brussels_evening
    db.session.commit()
    db.session.expire_all()

    stored = db.session.get(User, user.id).last_login_at
    assert stored.utcoffset() == timedelta(0) and stored == brussels_evening
    assert (stored.hour, stored.day) == (22, 1)  # converted to UTC, not the Brussels wall time kept as UTC
    (latest,) = db.session.execute(select(func.max(User.last_login_at))).one()
    assert latest.utcoffset() == timedelta(0) and latest == brussels_evening
    assert db.session.execute(select(func.count()).select_from(User).where(
        User.last_login_at > brussels_evening - timedelta(minutes=1))).scalar_one() == 1


def test_a_naive_instant_is_refused_rather_than_guessed(ctx):
    user = db.session.execute(select(User).order_by(User.id)).scalars().first()
    user.last_login_at = datetime(2026, 12, 1, 23, 30)
    with pytest.raises(StatementError, match="aware"):
        db.session.commit()
    db.session.rollback()
