"""The feed adapters on fixtures of the real formats (DATEX II v3 ParkingStatusPublication, Gent's Opendatasoft
results) and on hostile feeds; the stale rule and the trend."""
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.access.services.adapters import FeedError, parse_datex2, parse_feed, parse_opendatasoft
from app.access.services.live import Trend, add_to_history, occupancy, trend

DATA = Path(__file__).resolve().parents[1] / "data"
NOW = datetime(2026, 12, 2, 13, 6, tzinfo=timezone.utc)  # 14:06 in Brussels, just after the fixtures' counts
DATEX = (DATA / "datex2-parking-status-kortrijk.xml").read_bytes()
GENT = (DATA / "opendatasoft-gent-garages.json").read_bytes()


def test_datex2_status_gives_free_places_capacity_and_the_count_time():
    parsed = parse_datex2(DATEX, NOW)
    by_ref = {record.ref: record for record in parsed.records}
    assert parsed.refused == []
    assert by_ref["KRK-SCHOUWBURG"].available == 173
    assert by_ref["KRK-SCHOUWBURG"].capacity == 650
    assert by_ref["KRK-SCHOUWBURG"].updated_at == datetime(2026, 12, 2, 13, 4, 30, tzinfo=timezone.utc)
    assert (by_ref["KRK-K"].available, by_ref["KRK-K"].capacity) == (388, None)  # no override: the place's own
    assert by_ref["KRK-HAVEN"].available == 0


def test_opendatasoft_v21_results_as_gent_publishes_them():
    parsed = parse_opendatasoft(GENT, NOW)
    by_ref = {record.ref.rsplit("/", 1)[-1]: record for record in parsed.records}
    assert (by_ref["parking-vrijdagmarkt"].available, by_ref["parking-vrijdagmarkt"].capacity) == (243, 635)
    assert by_ref["parking-tolhuis"].updated_at == datetime(2026, 12, 2, 13, 4, 12, tzinfo=timezone.utc)
    assert by_ref["parking-sint-pietersplein"].is_open is False


def test_opendatasoft_older_records_shape_is_read_too():
    rows = json.loads(GENT)["results"]
    older = json.dumps({"records": [{"record": {"id": "x", "fields": rows[0]}}]}).encode()
    assert [r.available for r in parse_opendatasoft(older, NOW).records] == [243]


def test_a_hostile_datex2_feed_is_refused_record_by_record_and_the_good_record_kept():
    parsed = parse_datex2((DATA / "datex2-parking-status-hostile.xml").read_bytes(), NOW)
    reasons = dict(parsed.refused)
    assert [record.ref for record in parsed.records] == ["KRK-SCHOUWBURG"]
    assert reasons["NEGATIVE"] == "free places is negative"
    assert reasons["OVERFULL"] == "more occupied places than the capacity"
    assert reasons["TOO-FREE"] == "more free places than the capacity"
    assert reasons["NOT-A-NUMBER"] == "free places is not a number"
    assert reasons["FUTURE"] == "time in the future"
    assert reasons["#6"] == "no record id"


@pytest.mark.parametrize("body, message", [
    (b"<d2:payload", "malformed XML"),
    (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><payload>&lol2;</payload>',
     "XML with a DOCTYPE or entities (never read)"),
    (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>',
     "XML with a DOCTYPE or entities (never read)"),
    (b'<payload xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ParkingTablePublication"/>',
     "not a DATEX II ParkingStatusPublication"),
])
def test_an_unreadable_or_hostile_xml_feed_is_refused_whole(body, message):
    with pytest.raises(FeedError) as refused:
        parse_datex2(body, NOW)
    assert str(refused.value) == message


@pytest.mark.parametrize("row, reason", [
    ({"id": "a", "availablecapacity": -3, "totalcapacity": 100, "lastupdate": "2026-12-02T13:00:00+00:00"},
     "free places is negative"),
    ({"id": "a", "availablecapacity": 120, "totalcapacity": 100, "lastupdate": "2026-12-02T13:00:00+00:00"},
     "more free places than the capacity"),
    ({"id": "a", "availablecapacity": 10, "totalcapacity": 100, "occupation": 250,
      "lastupdate": "2026-12-02T13:00:00+00:00"}, "occupation is not a percentage"),
    ({"id": "a", "availablecapacity": 10, "totalcapacity": 100}, "no time of the count"),
    ({"id": "a", "availablecapacity": 10, "totalcapacity": 100, "lastupdate": "2026-12-02T13:00:00"},
     "time without an offset"),
    ({"id": "a", "availablecapacity": 10.5, "totalcapacity": 100, "lastupdate": "2026-12-02T13:00:00+00:00"},
     "free places is not a whole number"),
    ({"availablecapacity": 10, "lastupdate": "2026-12-02T13:00:00+00:00"}, "no record id"),
])
def test_bad_opendatasoft_records_are_refused_with_their_reason(row, reason):
    parsed = parse_feed("opendatasoft", json.dumps({"results": [row]}).encode(), NOW)
    assert parsed.records == []
    assert parsed.refused[0][1] == reason


def test_malformed_json_is_refused_whole():
    for body in (b"{not json", b"[1, 2]", b'{"total_count": 1}'):
        with pytest.raises(FeedError):
            parse_opendatasoft(body, NOW)


def _place(updated_at, available=100, history=None):
    return SimpleNamespace(live_available=available, live_updated_at=updated_at, live_capacity=500, capacity=500,
                           live_open=True, live_history=history or [])


def test_a_count_past_the_limit_is_stale_and_never_live():
    limit = timedelta(minutes=15)
    assert occupancy(_place(NOW - timedelta(minutes=15)), NOW, limit).stale is False
    old = occupancy(_place(NOW - timedelta(minutes=15, seconds=1)), NOW, limit)
    assert old.stale is True and old.trend is None
    assert occupancy(SimpleNamespace(live_available=None, live_updated_at=None), NOW, limit) is None


def test_the_trend_compares_with_half_an_hour_before():
    history = []
    for minutes, free in ((60, 300), (30, 250), (20, 240)):
        history = add_to_history(history, NOW - timedelta(minutes=minutes), free, NOW)
    assert trend(history, 200, 500, NOW) == Trend.FILLING
    assert trend(history, 300, 500, NOW) == Trend.EMPTYING
    assert trend(history, 252, 500, NOW) == Trend.STEADY
    assert trend([], 252, 500, NOW) is None


def test_the_history_keeps_two_hours():
    history = add_to_history([], NOW - timedelta(hours=3), 10, NOW)
    history = add_to_history(history, NOW, 20, NOW)
    assert history == [[NOW.isoformat(), 20]]
