"""A trail's walking path in and out without a request: GPX/GeoJSON files read and fitted to the stops,
the GPX track valid against the GPX 1.1 schema, the path alone as one GeoJSON Feature."""
import json
from pathlib import Path

import gpxpy
import pytest
from lxml import etree

from app.core.problem import ProblemError
from app.trails.services.exports import ExportStop, ExportTrail, path_feature, to_gpx
from app.trails.services.path_files import MAX_END_GAP_M, MAX_FILE_POINTS, fit_to_stops, read_path_file

XSD = Path(__file__).resolve().parents[1] / "data" / "gpx-1.1.xsd"
LINE = [(51.20861, 3.22389), (51.20848, 3.22532), (51.20830, 3.2264), (51.20861, 3.22694)]
STOPS = [LINE[0], LINE[-1]]


def gpx_file(points, element="trk") -> bytes:
    if element == "trk":
        body = "<trk><name>Proef</name><trkseg>" + "".join(
            f'<trkpt lat="{lat}" lon="{lon}"/>' for lat, lon in points) + "</trkseg></trk>"
    else:
        body = "<rte><name>Proef</name>" + "".join(f'<rtept lat="{lat}" lon="{lon}"/>' for lat, lon in points) + "</rte>"
    return (f'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" '
            f'xmlns="http://www.topografix.com/GPX/1/1">{body}</gpx>').encode()


def line_string(points) -> dict:
    return {"type": "LineString", "coordinates": [[lon, lat] for lat, lon in points]}


@pytest.mark.parametrize("data", [
    gpx_file(LINE), gpx_file(LINE, "rte"),
    json.dumps(line_string(LINE)).encode(),
    json.dumps({"type": "Feature", "properties": {}, "geometry": line_string(LINE)}).encode(),
    json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [3.2, 51.2]}},
        {"type": "Feature", "properties": {}, "geometry": line_string(LINE)}]}).encode(),
    json.dumps({"type": "MultiLineString", "coordinates": [line_string(LINE[:2])["coordinates"],
                                                           line_string(LINE[2:])["coordinates"]]}).encode(),
], ids=["gpx-track", "gpx-route", "geometry", "feature", "collection", "multilinestring"])
def test_a_line_is_read_from_gpx_and_geojson_as_lat_lon(no_request, data):
    assert read_path_file(data) == LINE


@pytest.mark.parametrize("data,code", [
    (b"lat,lon\n51.2,3.2\n", "not_a_path_file"),
    (b"<html><body>no</body></html>", "bad_gpx"),
    (json.dumps({"type": "Point", "coordinates": [3.2, 51.2]}).encode(), "no_line"),
    (json.dumps({"type": "LineString", "coordinates": [["a", "b"], [3.2, 51.2]]}).encode(), "bad_path_file"),
    (b"{" * 50, "bad_path_file"),
    (gpx_file([(51.2 + i * 1e-6, 3.2) for i in range(MAX_FILE_POINTS + 1)]), "too_many_points"),
], ids=["csv", "html", "point", "strings", "deep", "too-many"])
def test_what_is_not_a_usable_line_is_refused_with_a_reason(no_request, data, code):
    with pytest.raises(ProblemError) as refused:
        read_path_file(data)
    assert refused.value.status == 422 and refused.value.code == code
    assert refused.value.errors["file"][0]


def test_a_line_recorded_backwards_is_turned_round(no_request):
    assert fit_to_stops(LINE, STOPS) == (LINE, False)
    assert fit_to_stops(LINE[::-1], STOPS) == (LINE, True)


def test_a_line_whose_ends_are_far_from_the_stops_is_refused(no_request):
    far = [(lat + 0.004, lon) for lat, lon in LINE]  # ~445 m north
    with pytest.raises(ProblemError) as refused:
        fit_to_stops(far, STOPS)
    assert refused.value.code == "ends_too_far" and f"{MAX_END_GAP_M} m" in refused.value.detail
    assert "445 m" in refused.value.detail


def _export(path) -> ExportTrail:
    stops = [ExportStop(position=n, title=f"Halte {n}", description="", lat=lat, lon=lon, url=f"https://x/#stop-{n}")
             for n, (lat, lon) in enumerate(STOPS, start=1)]
    return ExportTrail(title="Proef", summary="", url="https://x/", slug="proef", path=path, stops=stops)


def test_the_gpx_has_the_path_as_a_track_beside_the_stops_and_is_valid():
    doc = to_gpx(_export(LINE))
    etree.XMLSchema(etree.parse(str(XSD))).assertValid(etree.fromstring(doc.encode()))
    parsed = gpxpy.parse(doc)
    assert [w.name for w in parsed.waypoints] == ["Halte 1", "Halte 2"]
    assert [(p.latitude, p.longitude) for p in parsed.tracks[0].segments[0].points] == LINE


def test_the_path_alone_is_one_linestring_feature_lon_lat():
    feature = path_feature(_export(LINE))
    assert feature["type"] == "Feature" and feature["geometry"]["type"] == "LineString"
    assert feature["geometry"]["coordinates"][0] == [3.22389, 51.20861]
    assert feature["properties"]["kind"] == "path"
    assert feature["bbox"] == [3.22389, 51.2083, 3.22694, 51.20861]


def test_without_a_drawn_path_the_line_runs_between_the_stops():
    feature = path_feature(_export([]))
    assert feature["properties"]["kind"] == "stops" and len(feature["geometry"]["coordinates"]) == 2
    with pytest.raises(ValueError):
        path_feature(ExportTrail(title="x", summary="", url="", slug="x", stops=[]))
