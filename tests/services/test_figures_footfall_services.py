"""Figures collecting without a request: footfall hours (Brussels time, offsets, the autumn hour that comes
twice, the spring hour that does not exist), the CSV import (good rows stored, bad ones and unknown points
reported, the same hour replaced, one transaction, limits), the vendor's push (all or nothing), tokens
(shown once, stored as SHA-256, revoked, another town's refused), counting points, and events."""
import hashlib
import io
from datetime import datetime, timezone

import pytest
from flask import current_app
from flask_babel import force_locale
from sqlalchemy import delete, func, select

from app.cities.services import city_by_slug
from app.core import clock
from app.core.problem import ProblemError
from app.extensions import db
from app.figures.models import CountingPoint, FigureEvent, FootfallCount, FootfallToken
from app.figures.services import footfall
from app.figures.services.events import check_event_ref, is_prefetch, is_robot, record_figure_event
from app.figures.services.footfall import (create_footfall_token, footfall_point_summaries,
                                           footfall_token_for, import_footfall_csv, parse_footfall_hour,
                                           push_footfall, revoke_footfall_token, save_footfall_point)
from tests.factories import CityFactory, TrailFactory
from tests.support.loyalty import T0, Clock

UTC = timezone.utc


@pytest.fixture
def now(monkeypatch, no_request):
    """The clock at Wednesday 25 November 2026, 12:00 in Brussels; messages in English (the msgids)."""
    fake = Clock(T0)
    monkeypatch.setattr(clock, "now", fake)
    with force_locale("en"):
        yield fake


@pytest.fixture
def town(no_request, now):
    """A live town of its own with two counting points (OOST-01 on the map, MARKT without a place)."""
    # The demo's towns count people and keep their last weeks of page views: these tests read only their own.
    for model in (FootfallCount, CountingPoint, FigureEvent):
        db.session.execute(delete(model))
    city = CityFactory(slug="telstad", center_lat=51.0, center_lon=3.0)
    db.session.commit()
    save_footfall_point(city, {"code": "OOST-01", "name": "Ooststraat", "lat": "51.001", "lon": "3.002"})
    save_footfall_point(city, {"code": "MARKT", "name": "Markt"})
    return city


def csv_file(*rows: str, header: str = "point,hour,count") -> io.BytesIO:
    return io.BytesIO(("\n".join([header, *rows]) + "\n").encode("utf-8"))


def counts() -> list[tuple[str, datetime, int]]:
    return [tuple(row) for row in db.session.execute(
        select(CountingPoint.code, FootfallCount.hour, FootfallCount.count).join(FootfallCount.point)
        .order_by(CountingPoint.code, FootfallCount.hour)).all()]


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


# ---------------------------------------------------------------- hours


@pytest.mark.parametrize("text,expected", [
    ("2026-11-02T14:00", utc(2026, 11, 2, 13)),  # Brussels winter time, UTC+1
    ("2026-07-02T14:00", utc(2026, 7, 2, 12)),  # summer time, UTC+2
    ("2026-11-02 14:00", utc(2026, 11, 2, 13)),  # as Excel writes it
    ("2026-11-02T14:00:00", utc(2026, 11, 2, 13)),
    ("2026-11-02T14:00+01:00", utc(2026, 11, 2, 13)),
    ("2026-11-02T13:00Z", utc(2026, 11, 2, 13)),
    ("2026-11-02T09:00-04:00", utc(2026, 11, 2, 13)),
])
def test_hours_are_brussels_time_or_carry_their_offset(no_request, now, text, expected):
    assert parse_footfall_hour(text) == expected


@pytest.mark.parametrize("text,message", [
    ("2026-11-02T14:30", "Give the start of an hour, e.g. 14:00."),
    ("2/11/2026 14:00", "Write the hour as 2026-11-02T14:00."),
    ("2026-11-02", "Write the hour as 2026-11-02T14:00."),
    ("", "Write the hour as 2026-11-02T14:00."),
    ("2026-02-30T10:00", "This date or time does not exist."),
    ("2026-03-29T02:00", "This hour does not exist in Brussels (the clocks go forward)."),
    ("2026-11-25T13:00", "This hour has not begun yet."),
    ("1999-12-31T23:00", "Give an hour from the year 2000 on."),
])
def test_hours_that_cannot_be_counted_say_why(no_request, now, text, message):
    with pytest.raises(ValueError) as refused:
        parse_footfall_hour(text)
    assert str(refused.value) == message


def test_the_current_hour_may_be_counted_and_the_api_wants_an_offset(no_request, now):
    assert parse_footfall_hour("2026-11-25T12:00") == utc(2026, 11, 25, 11)  # begun at 12:00 Brussels: now
    with pytest.raises(ValueError, match="offset"):
        parse_footfall_hour("2026-11-02T14:00", local=False)
    assert parse_footfall_hour("2026-11-02T14:00:00+01:00", local=False) == utc(2026, 11, 2, 13)


def test_the_autumn_hour_that_comes_twice_is_summer_time_first_then_winter_time(no_request, now):
    seen: set = set()
    first = parse_footfall_hour("2026-10-25T02:00", point="A", twice_seen=seen)
    second = parse_footfall_hour("2026-10-25T02:00", point="A", twice_seen=seen)
    other_point = parse_footfall_hour("2026-10-25T02:00", point="B", twice_seen=seen)
    assert (first, second, other_point) == (utc(2026, 10, 25, 0), utc(2026, 10, 25, 1), utc(2026, 10, 25, 0))


# ---------------------------------------------------------------- the CSV import


def test_good_rows_are_stored_and_the_others_reported(town):
    report = import_footfall_csv(town, csv_file(
        "OOST-01,2026-11-02T14:00,418",
        "OOST-01,2026-11-02T15:00,502",
        "MARKT,2026-11-02T14:00+01:00,77",
        "KERK-9,2026-11-02T14:00,12",  # a point the town does not have
        "KERK-9,2026-11-02T15:00,15",
        "OOST-01,2026-11-02T16:30,10",  # not the start of an hour
        "MARKT,2026-11-02T15:00,veel",  # not a number
        "OOST-01,2026-11-02T14:00,419",  # the same hour twice in one file
        "MARKT,2026-11-02T16:00",  # a value short
    ))
    assert (report.imported, report.replaced) == (3, 0)
    assert report.unknown == [{"point": "KERK-9", "rows": [5, 6], "count": 2}]
    assert report.rejected == [
        {"row": 7, "errors": {"hour": ["Give the start of an hour, e.g. 14:00."]}},
        {"row": 8, "errors": {"count": ["Give a whole number from 0 to 1000000."]}},
        {"row": 9, "errors": {"hour": ["The same point and hour as row 2."]}},
        {"row": 10, "errors": {"count": ["Give a whole number from 0 to 1000000."],
                               "row": ["This row has 2 values instead of 3."]}}]
    assert counts() == [("MARKT", utc(2026, 11, 2, 13), 77), ("OOST-01", utc(2026, 11, 2, 13), 418),
                        ("OOST-01", utc(2026, 11, 2, 14), 502)]
    assert db.session.execute(select(func.count()).select_from(CountingPoint)).scalar_one() >= 2  # none created


def test_the_same_hour_again_replaces_its_count(town):
    import_footfall_csv(town, csv_file("OOST-01,2026-11-02T14:00,418", "OOST-01,2026-11-02T15:00,502"))
    report = import_footfall_csv(town, csv_file("OOST-01,2026-11-02T13:00Z,420",  # 14:00 Brussels again
                                                "OOST-01,2026-11-02T16:00,380"))
    assert (report.imported, report.replaced) == (1, 1)
    assert counts() == [("OOST-01", utc(2026, 11, 2, 13), 420), ("OOST-01", utc(2026, 11, 2, 14), 502),
                        ("OOST-01", utc(2026, 11, 2, 15), 380)]
    point_id = db.session.execute(select(CountingPoint.id).where(CountingPoint.code == "OOST-01")).scalar_one()
    summary = footfall_point_summaries(town)[point_id]
    assert summary == {"hours": 3, "last_hour": utc(2026, 11, 2, 15), "last_count": 380}


def test_semicolons_a_byte_order_mark_and_blank_lines_are_fine(town):
    data = "\ufeffpoint;hour;count\r\nOOST-01;2026-11-02 14:00;418\r\n\r\n;;\r\n".encode("utf-8")
    report = import_footfall_csv(town, io.BytesIO(data))
    assert (report.imported, report.rejected) == (1, [])


@pytest.mark.parametrize("data,status,code", [
    (b"punt,uur,aantal\nOOST-01,2026-11-02T14:00,1\n", 422, "bad_header"),
    ("point,hour,count\nOOST-01,2026-11-02T14:00,1\n".encode("utf-16"), 422, "bad_encoding"),
    (b"point,hour,count\x00\x00\n", 422, "bad_file"),
    (b"", 422, "empty_file"),
    (b"point,hour,count\n" + b"OOST-01,2026-11-02T14:00,1\n" * 4, 422, "too_many_rows"),
    (b"point,hour,count\n" + b"x" * 300, 413, "file_too_large"),
])
def test_a_file_over_the_limits_or_not_csv_is_refused_whole(town, data, status, code):
    import_footfall_csv(town, csv_file("MARKT,2026-11-01T10:00,5"))
    current_app.config.update(KICK_FOOTFALL_CSV_MAX_ROWS=3, KICK_FOOTFALL_CSV_MAX_BYTES=200)
    with pytest.raises(ProblemError) as refused:
        import_footfall_csv(town, io.BytesIO(data))
    assert (refused.value.status, refused.value.code) == (status, code)
    assert "file" in refused.value.errors
    assert len(counts()) == 1


def test_nothing_is_half_written_when_the_import_fails_midway(town, monkeypatch):
    import_footfall_csv(town, csv_file("OOST-01,2026-11-02T14:00,418"))

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away between the inserts and the updates")

    monkeypatch.setattr(footfall, "update", broken)  # the new hours are inserted, then replacing fails
    with pytest.raises(RuntimeError):
        import_footfall_csv(town, csv_file("OOST-01,2026-11-02T15:00,1", "OOST-01,2026-11-02T14:00,999"))
    assert counts() == [("OOST-01", utc(2026, 11, 2, 13), 418)]


def test_an_import_that_meets_another_one_is_a_409_and_writes_nothing(town, monkeypatch):
    import_footfall_csv(town, csv_file("OOST-01,2026-11-02T14:00,418"))
    # Another import stored 14:00 after this one looked: its insert meets the unique point + hour.
    monkeypatch.setattr(footfall, "_existing_hours", lambda rows: {})
    with pytest.raises(ProblemError) as refused:
        import_footfall_csv(town, csv_file("OOST-01,2026-11-02T15:00,1", "OOST-01,2026-11-02T14:00,999"))
    assert (refused.value.status, refused.value.code) == (409, "import_conflict")
    assert counts() == [("OOST-01", utc(2026, 11, 2, 13), 418)]


# ---------------------------------------------------------------- the vendor's push


def test_a_push_stores_every_row_or_none(town):
    token, _secret = create_footfall_token(None, town, "Teller BV")
    good = [{"point": "OOST-01", "hour": "2026-11-02T14:00:00+01:00", "count": 418},
            {"point": "MARKT", "hour": "2026-11-02T13:00:00Z", "count": 77}]
    with pytest.raises(ProblemError) as refused:
        push_footfall(town, token, [*good, {"point": "OOST-01", "hour": "2026-11-02T15:00", "count": 3},
                                    {"point": "KERK-9", "hour": "2026-11-02T15:00:00+01:00", "count": 3}])
    assert refused.value.status == 422 and refused.value.code == "invalid_rows"
    assert set(refused.value.errors) == {"2.hour", "3.point"}
    assert counts() == [] and token.last_used_at is None
    report = push_footfall(town, token, good)
    assert (report.imported, report.replaced) == (2, 0) and len(counts()) == 2
    assert token.last_used_at == clock.now()
    assert (push_footfall(town, token, good[:1]).replaced, len(counts())) == (1, 2)


def test_a_push_has_a_row_limit(town):
    current_app.config["KICK_FOOTFALL_PUSH_MAX_ROWS"] = 2
    token, _secret = create_footfall_token(None, town, "Teller BV")
    rows = [{"point": "MARKT", "hour": f"2026-11-02T1{h}:00:00+01:00", "count": 1} for h in range(3)]
    with pytest.raises(ProblemError) as refused:
        push_footfall(town, token, rows)
    assert (refused.value.status, refused.value.code) == (422, "too_many_rows") and counts() == []


# ---------------------------------------------------------------- tokens


def test_the_maker_of_a_token_finds_it_in_the_export_and_is_forgotten_by_the_deletion(town):
    from app.figures import privacy
    from tests.factories import UserFactory
    maker = UserFactory()
    token, secret = create_footfall_token(maker, town, "Teller BV")
    made = privacy.export_user(maker)["footfall_tokens_made"]
    assert [(t["label"], t["city_id"], t["revoked_at"]) for t in made] == [("Teller BV", town.id, None)]
    assert secret not in str(made) and token.digest not in str(made)
    privacy.forget_user(maker)
    db.session.commit()
    db.session.refresh(token)
    assert token.created_by_id is None and token.revoked_at is None  # the vendor's key keeps working
    assert privacy.export_user(maker)["footfall_tokens_made"] == []


def test_a_token_is_shown_once_and_kept_as_its_sha256(town):
    token, secret = create_footfall_token(None, town, "  Teller BV  ")
    assert secret.startswith("kff_") and len(secret) > 40 and token.label == "Teller BV"
    stored = db.session.execute(select(FootfallToken.digest)).scalars().all()
    assert stored == [hashlib.sha256(secret.encode()).hexdigest()] and secret not in stored
    assert footfall_token_for(town, secret).id == token.id


def test_a_revoked_an_unknown_or_no_token_is_a_401_and_another_towns_a_404(town):
    token, secret = create_footfall_token(None, town, "Teller BV")
    brugge = city_by_slug("brugge")
    with pytest.raises(ProblemError) as other_town:
        footfall_token_for(brugge, secret)
    assert other_town.value.status == 404
    for wrong in (None, "", "kff_not-a-token", "x" * 5000):
        with pytest.raises(ProblemError) as refused:
            footfall_token_for(town, wrong)
        assert refused.value.status == 401 and refused.value.headers["WWW-Authenticate"].startswith("Bearer")
    revoke_footfall_token(token)
    revoke_footfall_token(token)  # twice is fine
    with pytest.raises(ProblemError) as revoked:
        footfall_token_for(town, secret)
    assert revoked.value.status == 401


@pytest.mark.parametrize("label", ["", "   ", "x" * 81])
def test_a_token_needs_a_label(town, label):
    with pytest.raises(ProblemError) as refused:
        create_footfall_token(None, town, label)
    assert "label" in refused.value.errors
    assert db.session.execute(select(func.count()).select_from(FootfallToken)).scalar_one() == 0


# ---------------------------------------------------------------- counting points


@pytest.mark.parametrize("values,field", [
    ({"code": "OOST-01", "name": "Dubbel"}, "code"),  # the town has this code
    ({"code": "", "name": "Zonder code"}, "code"),
    ({"code": "A,B", "name": "Komma"}, "code"),
    ({"code": "X" * 41, "name": "Lang"}, "code"),
    ({"code": "NIEUW", "name": ""}, "name"),
    ({"code": "NIEUW", "name": "Half", "lat": "51.0"}, "lat"),
    ({"code": "NIEUW", "name": "Ver", "lat": "50.85", "lon": "4.35"}, "lat"),  # Brussels, not this town
    ({"code": "NIEUW", "name": "Tekst", "lat": "noord", "lon": "3.0"}, "lat"),
    ({"code": "NIEUW", "name": "Oneindig", "lat": "nan", "lon": "3.0"}, "lat"),
])
def test_a_counting_point_that_breaks_a_rule_is_refused(town, values, field):
    with pytest.raises(ProblemError) as refused:
        save_footfall_point(town, values)
    assert refused.value.status == 422 and field in refused.value.errors
    db.session.rollback()
    assert db.session.execute(select(func.count()).select_from(CountingPoint)
                              .where(CountingPoint.city_id == town.id)).scalar_one() == 2


def test_a_counting_point_takes_a_decimal_comma_and_keeps_its_counts_when_its_code_changes(town):
    point = db.session.execute(select(CountingPoint).where(CountingPoint.code == "MARKT")).scalar_one()
    import_footfall_csv(town, csv_file("MARKT,2026-11-02T14:00,77"))
    save_footfall_point(town, {"code": "MARKT-2", "name": "Grote Markt", "lat": "51,0005", "lon": "3,001"}, point)
    assert (point.code, point.lat, point.lon) == ("MARKT-2", 51.0005, 3.001)
    assert counts() == [("MARKT-2", utc(2026, 11, 2, 13), 77)]


# ---------------------------------------------------------------- events


def test_robots_and_prefetches_are_told_apart_from_people():
    assert is_robot(None) and is_robot("Googlebot/2.1") and is_robot("python-requests/2.32")
    assert not is_robot("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126 Mobile Safari/537.36")
    assert is_prefetch({"Sec-Purpose": "prefetch;prerender"}) and not is_prefetch({"Sec-Purpose": ""})


def test_an_event_keeps_the_hour_and_the_page_only(town, now):
    trail = TrailFactory(city=town)
    db.session.commit()
    now.advance(minutes=42)
    event = record_figure_event(town, "trail_start", f" trail:{trail.id} ")
    assert (event.city_id, event.kind, event.page, event.hour) == (town.id, "trail_start", f"trail:{trail.id}",
                                                                   utc(2026, 11, 25, 11))
    for kind, ref in (("page_view", "trail:0"), ("trail_complete", "home"), ("page_view", "shop:1")):
        with pytest.raises(ProblemError):
            check_event_ref(town, kind, ref)
    with pytest.raises(ProblemError):
        record_figure_event(town, "click", "home")
    assert db.session.execute(select(func.count()).select_from(FigureEvent)).scalar_one() == 1
