"""Access services without a request: a poll's records written onto the places that follow them (the last good
value kept for a refused one), which feeds are due, the nearest garage, and the import's all-or-nothing rule."""
import io
from datetime import datetime, timedelta, timezone

import pytest

from app.access.services.adapters import Record
from app.access.services.feeds import PollOutcome, apply_records, due_feeds
from app.access.services.imports import import_places
from app.access.services.places import nearest_parking
from app.core.problem import ProblemError
from app.extensions import db
from tests.factories import AccessFeedFactory, AccessPlaceFactory, CityFactory

NOW = datetime(2026, 12, 2, 13, 6, tzinfo=timezone.utc)


@pytest.fixture
def city(no_request):
    return CityFactory()


def test_records_are_written_onto_the_places_that_follow_them(city):
    feed = AccessFeedFactory(city=city)
    garage = AccessPlaceFactory(city=city, feed=feed, feed_ref="G1")
    other = AccessPlaceFactory(city=city, feed=feed, feed_ref="G2", capacity=100)
    db.session.commit()
    outcome = PollOutcome()
    apply_records(feed, [Record("G1", 120, 500, NOW - timedelta(minutes=1)),
                         Record("G2", 150, None, NOW - timedelta(minutes=1)),  # more than its own 100 places
                         Record("NOBODY", 3, 10, NOW)], NOW, outcome)
    assert outcome.accepted == 1
    assert dict(outcome.refused) == {"G2": "more free places than the capacity", "NOBODY": "no place follows this record"}
    assert (garage.live_available, garage.live_capacity, garage.live_updated_at) == (120, 500, NOW - timedelta(minutes=1))
    assert garage.live_history == [[(NOW - timedelta(minutes=1)).isoformat(), 120]]
    assert other.live_available is None


def test_an_older_record_never_replaces_a_newer_count(city):
    feed = AccessFeedFactory(city=city)
    garage = AccessPlaceFactory(city=city, feed=feed, feed_ref="G1", live_available=80, live_updated_at=NOW)
    db.session.commit()
    outcome = PollOutcome()
    apply_records(feed, [Record("G1", 300, 500, NOW - timedelta(minutes=5))], NOW, outcome)
    assert garage.live_available == 80 and outcome.refused == [("G1", "older than the count we have")]


def test_a_feed_is_due_after_its_interval_and_a_paused_one_never(city):
    fresh = AccessFeedFactory(city=city, last_poll_at=NOW - timedelta(minutes=1))
    due = AccessFeedFactory(city=city, last_poll_at=NOW - timedelta(minutes=2))
    never = AccessFeedFactory(city=city)
    AccessFeedFactory(city=city, active=False)
    db.session.commit()
    assert {f.id for f in due_feeds(NOW, city)} == {due.id, never.id}
    assert fresh.id not in {f.id for f in due_feeds(NOW, city)}


def test_the_nearest_garage_is_a_garage(city):
    near_zone = AccessPlaceFactory(city=city, kind="short_stay", lat=city.center_lat, lon=city.center_lon)
    garage = AccessPlaceFactory(city=city, lat=city.center_lat + 0.002)
    AccessPlaceFactory(city=city, lat=city.center_lat + 0.01)
    db.session.commit()
    view = nearest_parking(city, city.center_lat, city.center_lon, NOW)
    assert view.place.id == garage.id and view.place.id != near_zone.id
    assert 200 < view.distance_m < 250


def test_an_import_with_one_bad_row_writes_nothing_and_reports_it(city):
    body = (f"code,kind,name,lat,lon\nB1,bike,Fietsen,{city.center_lat},{city.center_lon}\n"
            f"B2,bike,,{city.center_lat},{city.center_lon}\n").encode()
    with pytest.raises(ProblemError) as refused:
        import_places(city, io.BytesIO(body), "csv", dry_run=False, max_bytes=10_000, max_rows=10)
    assert refused.value.status == 422
    assert [row["row"] for row in refused.value.report.rejected] == [3]
    assert "name" in refused.value.report.rejected[0]["errors"]
    report = import_places(city, io.BytesIO(body.split(b"B2")[0]), "csv", dry_run=True, max_bytes=10_000,
                           max_rows=10)
    assert (report.added, report.dry_run) == (1, True)
    from sqlalchemy import func, select
    from app.access.models import AccessPlace
    assert db.session.execute(select(func.count()).select_from(AccessPlace)
                              .where(AccessPlace.city_id == city.id)).scalar_one() == 0
