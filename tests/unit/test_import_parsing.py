"""Reading import files without a database: shops' CSV rows (app.shops.services.imports) and GPX trails
(app.trails.services.imports). Messages are checked in English (the msgid) under a bare Babel app."""
import math
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask
from flask_babel import Babel

from app.core.problem import ProblemError
from app.shops.services.imports import HEADER, check_row, parse_rows
from app.trails.services.imports import MAX_IMPORTED_POINTS, parse_gpx, simplify

DIKSMUIDE = SimpleNamespace(center_lat=51.0328, center_lon=2.8636, name="Diksmuide")
SAMPLES = Path(__file__).resolve().parents[2] / "app" / "demo" / "towns" / "diksmuide"
LINE = ",".join(HEADER)


@pytest.fixture(autouse=True)
def babel_context():
    app = Flask(__name__)
    Babel(app)
    with app.test_request_context():
        yield


def refusal(call) -> ProblemError:
    with pytest.raises(ProblemError) as caught:
        call()
    return caught.value


# ---------------------------------------------------------------- CSV: the file


def test_reads_rows_with_spreadsheet_numbers_and_skips_blank_lines():
    data = f"{LINE}\nDe Boekhandel,Grote Markt 1,51.0330,2.8630,books_music,,\n\n,,,,,,\nKaas,Vismarkt 2,,,,,\n".encode()
    rows = parse_rows(data, 10)
    assert [(number, raw["name"]) for number, raw in rows] == [(2, "De Boekhandel"), (5, "Kaas")]
    assert rows[0][1]["lat"] == "51.0330" and rows[0][1]["_count"] == 7


def test_a_byte_order_mark_and_semicolons_as_excel_writes_them_in_belgium():
    data = ("\ufeff" + LINE.replace(",", ";") + "\nDe Boekhandel;Grote Markt 1;51,0330;2,8630;books_music;;\n")
    rows = parse_rows(data.encode("utf-8"), 10)
    assert rows[0][1]["name"] == "De Boekhandel" and rows[0][1]["lat"] == "51,0330"
    values, _email, errors = check_row(DIKSMUIDE, rows[0][1])
    assert errors == {} and values["lat"] == 51.033 and values["lon"] == 2.863  # the decimal comma is read


@pytest.mark.parametrize("first_line", ["name,address,lat,lon,category,website",
                                        "naam,adres,lat,lon,categorie,website,email",
                                        "address,name,lat,lon,category,website,email", ""])
def test_the_header_must_be_exactly_the_documented_one(first_line):
    problem = refusal(lambda: parse_rows(f"{first_line}\nA,B,1,2,other,,\n".encode(), 10))
    assert problem.status == 422 and problem.code == "bad_header"
    assert problem.errors == {"file": [f"The first line must be exactly: {LINE}"]}


def test_too_many_rows_refuse_the_whole_file():
    data = (LINE + "\n" + "".join(f"Zaak {n},Markt {n},,,other,,\n" for n in range(4))).encode()
    assert len(parse_rows(data, 4)) == 4
    problem = refusal(lambda: parse_rows(data, 3))
    assert problem.code == "too_many_rows" and "more than 3 shops" in problem.detail


@pytest.mark.parametrize("data,code", [
    ("name,address\xe9".encode("latin-1"), "bad_encoding"),
    (b"\x00\x01\x02binary", "bad_file"),
])
def test_not_csv_text_is_refused_with_a_reason(data, code):
    assert refusal(lambda: parse_rows(data, 10)).code == code


# ---------------------------------------------------------------- CSV: one row


def raw(**values) -> dict:
    row = {"name": "De Boekhandel", "address": "Grote Markt 1", "lat": "51.0330", "lon": "2.8630",
           "category": "books_music", "website": "", "email": "", "_count": 7}
    return {**row, **values}


def test_a_good_row_gives_the_shop_values_and_the_email():
    values, email, errors = check_row(DIKSMUIDE, raw(website="www.boekhandel.be", email="info@boekhandel.be"))
    assert errors == {}
    assert values["name"] == {"nl": "De Boekhandel"} and values["category"] == "books_music"
    assert values["website"] == "https://www.boekhandel.be" and email == "info@boekhandel.be"


def test_an_empty_category_is_other_and_no_place_is_allowed():
    values, _email, errors = check_row(DIKSMUIDE, raw(category="", lat="", lon=""))
    assert errors == {} and values["category"] == "other" and values["lat"] is None


@pytest.mark.parametrize("changes,field,message", [
    ({"name": ""}, "name", "Give the shop's name in Dutch."),
    ({"name": "x" * 81}, "name", "At most 80 characters."),
    ({"category": "bakery"}, "category", "Choose a category from the list."),
    ({"lat": "abc"}, "lat", "Enter a coordinate in decimal degrees."),
    ({"lat": "nan"}, "lat", "Enter a coordinate in decimal degrees."),
    ({"lat": "95"}, "lat", "Enter a coordinate in decimal degrees."),
    ({"lon": ""}, "lat", "Give both latitude and longitude, or neither."),
    ({"lat": "50.8503", "lon": "4.3517"}, "lat", "The pin is not in Diksmuide. Place it on your shop."),
    ({"website": "not a site"}, "website", "Enter a web address such as https://www.example.be."),
    ({"email": "info@"}, "email", "Enter an email address such as info@shop.be."),
    ({"_count": 5}, "row", "This row has 5 values instead of 7."),
])
def test_a_bad_row_says_which_column_and_why_in_the_apis_words(changes, field, message):
    _values, _email, errors = check_row(DIKSMUIDE, raw(**changes))
    assert errors[field] == [message]


# ---------------------------------------------------------------- GPX


def gpx(body: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> bytes:
    return (head + f'<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">{body}</gpx>').encode()


TRACK = '<trk><name>Spoor</name><trkseg><trkpt lat="51.0328" lon="2.8636"/><trkpt lat="51.0320" lon="2.8560"/></trkseg></trk>'


def test_the_sample_file_gives_title_path_and_stops():
    parsed = parse_gpx((SAMPLES / "trail.gpx").read_bytes())
    assert parsed.title == "Van de Grote Markt naar de IJzertoren"
    assert parsed.summary.startswith("Een wandeling door het heropgebouwde Diksmuide")
    assert len(parsed.path) == 18 and parsed.path[-1] == (51.031667, 2.853333)
    assert [stop["title"]["nl"] for stop in parsed.stops][:2] == ["Grote Markt", "Stadhuis en belfort"]
    assert parsed.stops[-1]["body"]["nl"].startswith("De 84 meter hoge toren")


def test_waypoints_without_a_name_are_numbered_and_a_route_serves_without_a_track():
    parsed = parse_gpx(gpx('<wpt lat="51.0330" lon="2.8630"/><rte><name>Route</name><rtept lat="51.0328" lon="2.8636"/>'
                           '<rtept lat="51.0320" lon="2.8560"/></rte>'))
    assert parsed.title == "Route" and parsed.stops[0]["title"] == {"nl": "Stop 1"} and parsed.stops[0]["body"] == {}
    assert parsed.path == [(51.0328, 2.8636), (51.032, 2.856)]


@pytest.mark.parametrize("data,code,message", [
    (b"name,address\n", "bad_gpx", "This is not a GPX file."),
    (b"<html><body>no</body></html>", "bad_gpx", "This is not a GPX file."),
    ("<gpx>\xe9</gpx>".encode("latin-1"), "bad_gpx", "This is not a GPX file (GPX files are UTF-8 text)."),
    (b'<gpx version="1.1"><trk><trkseg>', "bad_gpx", "This GPX file could not be read. Check that it is a complete GPX file."),
    (gpx('<wpt lat="51.03" lon="2.86"><name>Alleen een punt</name></wpt>'), "no_track",
     "This GPX file has no track or route. Export the walk as a track (or route) and try again."),
    (gpx('<trk><trkseg><trkpt lat="51.03" lon="2.86"/></trkseg></trk>'), "no_track",
     "This GPX file has no track or route. Export the walk as a track (or route) and try again."),
])
def test_files_that_are_not_a_usable_gpx_are_refused_with_a_reason(data, code, message):
    problem = refusal(lambda: parse_gpx(data))
    assert (problem.status, problem.code, problem.errors) == (422, code, {"file": [message]})


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',  # entity expansion
    '<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',  # an external entity
    '<!doctype gpx SYSTEM "http://example.test/gpx.dtd">',
])
def test_doctype_and_entity_declarations_are_refused_before_parsing(doctype):
    data = gpx(TRACK.replace("Spoor", "&b;"), head='<?xml version="1.0"?>\n' + doctype + "\n")
    problem = refusal(lambda: parse_gpx(data))
    assert "DOCTYPE or entity declaration" in problem.detail


def test_more_waypoints_than_a_trail_has_stops_are_refused():
    waypoints = "".join(f'<wpt lat="51.03{n:02d}" lon="2.86"><name>P{n}</name></wpt>' for n in range(51))
    problem = refusal(lambda: parse_gpx(gpx(waypoints + TRACK)))
    assert problem.code == "too_many_stops" and "51 waypoints" in problem.detail


def test_a_long_recording_is_simplified_keeping_its_ends_and_shape():
    line = [(51.03 + 0.002 * math.sin(i / 300), 2.85 + i * 0.000002) for i in range(20_000)]
    simple = simplify(line)
    assert len(simple) == MAX_IMPORTED_POINTS
    assert simple[0] == line[0] and simple[-1] == line[-1]
    crest = max(simple, key=lambda p: p[0])
    assert crest[0] > 51.0319  # the top of the first wave (51.032) survives the simplification


def test_a_short_line_only_loses_repeated_points():
    assert simplify([(51.0, 2.8), (51.0, 2.8), (51.001, 2.8), (51.0, 2.8)]) == [(51.0, 2.8), (51.001, 2.8), (51.0, 2.8)]
