"""Cover and stop photos: only sane JPEG/PNG/WebP, re-encoded without EXIF; bad files get a clear
message and change nothing."""
import io
import os

import pytest
from PIL import Image

from app.extensions import db
from tests.support.trails import SVG, jpeg_with_gps, make_trail, png_bomb, png_bytes, post_cover, trail_state

BASE = "/brugge/studio/trails"
TEN_MB = 10 * 1024 * 1024


@pytest.fixture
def marketer(client):
    client.login("marketer@brugge.kick.test")
    return client


def stored(app, key: str) -> bytes:
    with app.app_context():
        return app.extensions["kick_storage"].open(key)


def test_cover_is_reencoded_resized_and_stripped_of_gps(app, client, marketer):
    trail = make_trail(app)
    original = jpeg_with_gps()
    assert b"KICK Test Camera" in original
    assert post_cover(marketer, trail, original).status_code == 302
    state = trail_state(app, trail["id"])
    phone, thumb = stored(app, state["cover"]), stored(app, state["cover_thumb"])
    assert b"KICK Test Camera" not in phone and b"GPS" not in phone
    assert Image.open(io.BytesIO(phone)).getexif() == {}
    assert Image.open(io.BytesIO(phone)).size == (1280, 960)  # phone variant
    assert max(Image.open(io.BytesIO(thumb)).size) == 400  # thumbnail
    page = client.get(f"/brugge/trails/{trail['slug']}").get_data(as_text=True)
    assert 'alt="Zicht op de reien"' in page and state["cover"] in page
    assert client.get(f"/media/{state['cover']}").status_code == 200


def test_cover_needs_alt_text(app, marketer):
    trail = make_trail(app)
    response = post_cover(marketer, trail, png_bytes(), "foto.png", alt="")
    assert response.status_code == 422
    assert "Beschrijf de foto" in response.get_data(as_text=True)
    assert trail_state(app, trail["id"])["cover"] is None


BAD_FILES = {
    "not an image": (b"Dit is gewoon tekst, geen foto.\n" * 20, "notes.jpg", 422, "geen foto"),
    "truncated": (jpeg_with_gps()[:4000], "half.jpg", 422, "beschadigd of onvolledig"),
    "decompression bomb": (png_bomb(), "bomb.png", 422, "te veel pixels"),
    "svg": (SVG, "logo.svg", 422, "niet ondersteund"),
    "oversize": (b"\xff\xd8\xff\xe0" + b"\0" * (TEN_MB + 10), "huge.jpg", 413, "groter dan 10 MB"),
    "empty": (b"", "empty.jpg", 422, "Kies een foto"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_bad_cover_files_are_refused_cleanly(app, marketer, case):
    data, filename, status, message = BAD_FILES[case]
    trail = make_trail(app)
    before = trail_state(app, trail["id"])
    response = post_cover(marketer, trail, data, filename)
    assert response.status_code == status, response.status_code
    assert message in response.get_data(as_text=True)
    after = trail_state(app, trail["id"])
    assert after == before  # no half-written trail, no new revision
    media = app.config["MEDIA_ROOT"]
    assert not os.path.exists(os.path.join(media, "trails")) or not any(
        files for _, _, files in os.walk(os.path.join(media, "trails")))


def test_stop_photo_upload_and_its_alt_text(app, client, marketer):
    trail = make_trail(app)
    stop_id = trail_state(app, trail["id"])["stop_ids"][0]
    url = f"{BASE}/{trail['id']}/stops/{stop_id}"
    form = {"version": str(trail["version"]), "title_nl": "Halte 1", "lat": "51.20861", "lon": "3.22389"}
    no_alt = marketer.post(url, data={**form, "image": (io.BytesIO(png_bytes()), "a.png")}, content_type="multipart/form-data")
    assert no_alt.status_code == 422 and "Beschrijf de foto" in no_alt.get_data(as_text=True)
    bomb = marketer.post(url, data={**form, "image_alt_nl": "x", "image": (io.BytesIO(png_bomb()), "b.png")},
                         content_type="multipart/form-data")
    assert bomb.status_code == 422 and "te veel pixels" in bomb.get_data(as_text=True)
    assert trail_state(app, trail["id"])["images"][0] is None
    ok = marketer.post(url, data={**form, "image_alt_nl": "De Markt met het belfort",
                                  "image": (io.BytesIO(jpeg_with_gps((800, 600))), "markt.jpg")},
                       content_type="multipart/form-data")
    assert ok.status_code == 302
    key = trail_state(app, trail["id"])["images"][0]
    assert b"GPS" not in stored(app, key)
    page = client.get(f"/brugge/trails/{trail['slug']}").get_data(as_text=True)
    assert 'class="trail-stop-image"' in page and 'alt="De Markt met het belfort"' in page


def test_stop_photo_in_the_add_stop_form(app, marketer):
    trail = make_trail(app, n_stops=1)
    form = {"stop-version": str(trail["version"]), "stop-title_nl": "Belfort", "stop-lat": "51.20822",
            "stop-lon": "3.22490", "stop-image_alt_nl": "Het belfort", "stop-image": (io.BytesIO(png_bytes()), "b.png")}
    assert marketer.post(f"{BASE}/{trail['id']}/stops", data=form, content_type="multipart/form-data").status_code == 302
    assert trail_state(app, trail["id"])["images"][1] is not None


def test_a_body_beyond_the_request_limit_is_a_413_page(app, marketer):
    trail = make_trail(app)
    response = post_cover(marketer, trail, b"\0" * (13 * 1024 * 1024), "big.jpg")
    assert response.status_code == 413
    with app.app_context():
        db.session.remove()
    assert trail_state(app, trail["id"])["cover"] is None
