import json
from pathlib import Path

import gpxpy
import pytest
from lxml import etree

from app.trails.services.exports import ExportStop, ExportTrail, to_geojson, to_gpx

XSD_PATH = Path(__file__).resolve().parent.parent / "data" / "gpx-1.1.xsd"
GPX_NS = "{http://www.topografix.com/GPX/1/1}"

TRICKY = 'Sint-Janshuismolen – Kruisvest é & <molen> "quoted" \'single\''
TRICKY_URL = 'https://brugge.kick.test/brugge/trails/molens?lang=nl&ref="qr"'


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def make_stops():
    # Deliberately out of order: exports sort by position.
    return [
        ExportStop(2, "Belfort", "Toren & hallen <1240>", 51.20822, 3.22490,
                   "https://brugge.kick.test/brugge/trails/x#stop-2"),
        ExportStop(1, "Markt", "Het plein", 51.20861, 3.22389,
                   "https://brugge.kick.test/brugge/trails/x#stop-1"),
        ExportStop(3, TRICKY, TRICKY, 51.2139876543, 3.2345678912, TRICKY_URL),
    ]


@pytest.fixture
def trail_with_path():
    return ExportTrail(
        title=TRICKY,
        summary="Langs de molens – één wandeling",
        url=TRICKY_URL,
        slug="molens",
        path=[
            (51.20861, 3.22389),
            (51.2084, 3.2244),
            (51.20822, 3.22490),
            (51.2139876543, 3.2345678912),
        ],
        stops=make_stops(),
    )


@pytest.fixture
def trail_without_path():
    return ExportTrail(
        title="Markt naar Belfort",
        summary="",
        url="https://brugge.kick.test/brugge/trails/x",
        slug="x",
        path=[],
        stops=make_stops(),
    )


def assert_valid(schema, xml: str):
    doc = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(doc), schema.error_log
    return doc


# ------------------------------------------------------------------ GPX


def test_gpx_with_path_validates_against_xsd(schema, trail_with_path):
    doc = assert_valid(schema, to_gpx(trail_with_path))
    assert doc.get("version") == "1.1"
    assert doc.get("creator") == "KICK City"
    assert doc.find(f"{GPX_NS}metadata/{GPX_NS}link").get("href") == TRICKY_URL
    assert doc.find(f"{GPX_NS}metadata/{GPX_NS}name").text == TRICKY
    assert len(doc.findall(f"{GPX_NS}trk/{GPX_NS}trkseg/{GPX_NS}trkpt")) == 4
    assert doc.findall(f"{GPX_NS}rte") == []


def test_gpx_without_path_is_a_route_and_validates(schema, trail_without_path):
    doc = assert_valid(schema, to_gpx(trail_without_path))
    assert doc.findall(f"{GPX_NS}trk") == []
    names = [e.text for e in doc.findall(f"{GPX_NS}rte/{GPX_NS}rtept/{GPX_NS}name")]
    assert names == ["Markt", "Belfort", TRICKY]


def test_gpx_minimal_trail_validates(schema):
    trail = ExportTrail(title="Leeg", summary="", url="https://x.test/t", slug="t")
    doc = assert_valid(schema, to_gpx(trail, creator='Kortrijk & "Co"'))
    assert doc.get("creator") == 'Kortrijk & "Co"'
    assert doc.findall(f"{GPX_NS}wpt") == []


def test_gpx_strips_xml_illegal_control_characters(schema):
    stop = ExportStop(1, "bell\x07", "tab\tok\x00", 51.0, 3.0, "https://x.test/s")
    trail = ExportTrail("t\x1b", "", "https://x.test/t", "t", stops=[stop])
    doc = assert_valid(schema, to_gpx(trail))
    assert doc.find(f"{GPX_NS}wpt/{GPX_NS}name").text == "bell"


def test_gpx_longitude_180_is_schema_valid(schema):
    stop = ExportStop(1, "Date line", "", 0.0, 180.0, "https://x.test/s")
    trail = ExportTrail("t", "", "https://x.test/t", "t", stops=[stop])
    doc = assert_valid(schema, to_gpx(trail))
    assert float(doc.find(f"{GPX_NS}wpt").get("lon")) == -180.0


def test_gpx_round_trip_with_gpxpy(trail_with_path):
    parsed = gpxpy.parse(to_gpx(trail_with_path))
    assert parsed.version == "1.1"
    assert parsed.creator == "KICK City"
    assert parsed.name == TRICKY
    assert parsed.description == "Langs de molens – één wandeling"
    assert parsed.link == TRICKY_URL  # "&" and '"' in an attribute survive
    assert [w.name for w in parsed.waypoints] == ["Markt", "Belfort", TRICKY]
    descriptions = [w.description for w in parsed.waypoints]
    assert descriptions == ["Het plein", "Toren & hallen <1240>", TRICKY]
    assert parsed.waypoints[2].link == TRICKY_URL
    assert parsed.waypoints[0].link == "https://brugge.kick.test/brugge/trails/x#stop-1"
    assert len(parsed.tracks) == 1
    assert len(parsed.tracks[0].segments[0].points) == 4
    last = parsed.tracks[0].segments[0].points[-1]
    assert (last.latitude, last.longitude) == (51.213988, 3.234568)  # rounded to 6 decimals


def test_gpx_route_round_trip(trail_without_path):
    parsed = gpxpy.parse(to_gpx(trail_without_path))
    assert parsed.tracks == []
    assert len(parsed.routes) == 1
    assert [(p.latitude, p.longitude) for p in parsed.routes[0].points] == [
        (51.20861, 3.22389), (51.20822, 3.2249), (51.213988, 3.234568)
    ]


def test_gpx_rejects_invalid_coordinates():
    stop = ExportStop(1, "bad", "", 91.0, 3.0, "https://x.test/s")
    with pytest.raises(ValueError):
        to_gpx(ExportTrail("t", "", "https://x.test/t", "t", stops=[stop]))
    with pytest.raises(ValueError):
        to_gpx(ExportTrail("t", "", "https://x.test/t", "t", path=[(51.0, 200.0), (51.0, 3.0)]))


# ------------------------------------------------------------------ GeoJSON


def test_geojson_structure_and_lon_lat_order(trail_with_path):
    gj = to_geojson(trail_with_path)
    assert gj["type"] == "FeatureCollection"
    line, *points = gj["features"]
    assert line["geometry"]["type"] == "LineString"
    assert line["properties"]["kind"] == "path"
    assert line["geometry"]["coordinates"][0] == [3.22389, 51.20861]  # [lon, lat]
    assert line["geometry"]["coordinates"][-1] == [3.234568, 51.213988]  # rounded
    assert len(line["geometry"]["coordinates"]) == 4
    assert [p["geometry"]["type"] for p in points] == ["Point"] * 3
    assert [p["properties"]["position"] for p in points] == [1, 2, 3]
    assert points[0]["geometry"]["coordinates"] == [3.22389, 51.20861]
    assert points[0]["properties"] == {
        "position": 1,
        "title": "Markt",
        "description": "Het plein",
        "url": "https://brugge.kick.test/brugge/trails/x#stop-1",
    }
    assert gj["bbox"] == [3.22389, 51.20822, 3.234568, 51.213988]  # [W, S, E, N]


def test_geojson_without_path_draws_line_through_stops(trail_without_path):
    line = to_geojson(trail_without_path)["features"][0]
    assert line["properties"]["kind"] == "stops"
    assert line["geometry"]["coordinates"] == [
        [3.22389, 51.20861], [3.2249, 51.20822], [3.234568, 51.213988]
    ]


def test_geojson_single_stop_has_no_degenerate_linestring():
    stop = ExportStop(1, "Alleen", "", 50.95, 3.12, "https://x.test/s")
    gj = to_geojson(ExportTrail("t", "", "https://x.test/t", "t", stops=[stop]))
    assert [f["geometry"]["type"] for f in gj["features"]] == ["Point"]


def test_geojson_empty_trail():
    gj = to_geojson(ExportTrail("t", "", "https://x.test/t", "t"))
    assert gj == {"type": "FeatureCollection", "features": []}


def test_geojson_special_characters_survive_json(trail_with_path):
    text = json.dumps(to_geojson(trail_with_path), ensure_ascii=False)
    back = json.loads(text)
    assert back["features"][0]["properties"]["title"] == TRICKY
    assert back["features"][3]["properties"]["description"] == TRICKY
    assert back["features"][3]["properties"]["url"] == TRICKY_URL


def test_geojson_rejects_invalid_coordinates():
    with pytest.raises(ValueError):
        to_geojson(ExportTrail("t", "", "u", "t", path=[(-95.0, 3.0), (51.0, 3.0)]))
