"""Image uploads that cost a worker too much are refused early: sizes from the header before any
pixel is decoded, large JPEGs decoded at a reduced scale, a per-account upload limit (429) and a
per-worker cap on images decoded at once (503 with Retry-After instead of a hung worker)."""
import io
import struct
import time
from html import unescape

import pytest
from PIL import Image

from app.media import images
from app.media.images import ImageRejected, process_upload
from app.media.service import image_workers
from tests.support.trails import make_trail, png_chunk, post_cover, trail_state


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR declares width x height but that carries no pixels at all: decoding it
    would fail as "damaged"; only a check of the header can give the size message."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IEND", b"")


def jpeg_bytes(size) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buf, "JPEG", quality=60)
    return buf.getvalue()


@pytest.fixture
def marketer(client):
    client.login("marketer@brugge.kick.test")
    return client


@pytest.mark.parametrize("size,code,message", [
    ((20_000, 20_000), "too_many_pixels", "te veel pixels"),
    ((13_000, 1_000), "too_wide", "meer dan 12.000 pixels breed of hoog"),
    ((1_000, 12_001), "too_wide", "meer dan 12.000 pixels breed of hoog"),
    ((10_000, 400), "bad_aspect", "meer dan 20 keer zo lang als breed"),
    ((300, 6_100), "bad_aspect", "meer dan 20 keer zo lang als breed"),
])
def test_oversized_images_are_refused_from_the_header(app, marketer, size, code, message):
    data = png_header_only(*size)
    with pytest.raises(ImageRejected) as refused:
        process_upload(data)
    assert refused.value.code == code
    trail = make_trail(app)
    before = trail_state(app, trail["id"])
    response = marketer.post(f"/brugge/studio/trails/{trail['id']}/cover", headers={"Accept-Language": "nl"},
                             data={"cover-version": str(trail["version"]), "cover-cover_alt_nl": "Zicht",
                                   "cover-cover": (io.BytesIO(data), "x.png")}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert trail_state(app, trail["id"]) == before


def test_limits_at_the_edge_are_accepted():
    assert process_upload(_png((4000, 200))).width == 4000  # exactly 20:1


def _png(size) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(buf, "PNG")
    return buf.getvalue()


def test_large_jpeg_is_decoded_at_reduced_scale(monkeypatch):
    decoded = []
    normalise = images._normalise
    monkeypatch.setattr(images, "_normalise", lambda img: decoded.append(img.size) or normalise(img))
    result = process_upload(jpeg_bytes((4000, 3000)))
    assert decoded == [(2000, 1500)]  # DCT scaling 1/2: still at least 1280 px for the phone variant
    assert (result.width, result.height) == (4000, 3000)  # the real size is reported
    assert (result.variants["phone"].width, result.variants["phone"].height) == (1280, 960)


def test_uploads_per_account_are_limited(app, marketer):
    app.config["UPLOAD_LIMIT_PER_ACCOUNT"] = "2 per hour"
    trail = make_trail(app)
    for _ in range(2):
        state = trail_state(app, trail["id"])
        assert post_cover(marketer, {**trail, "version": state["version"]}, jpeg_bytes((800, 600))).status_code == 302
    state = trail_state(app, trail["id"])
    response = post_cover(marketer, {**trail, "version": state["version"]}, jpeg_bytes((800, 600)))
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.mimetype == "text/html" and "veel foto's opgeladen" in unescape(response.get_data(as_text=True))
    assert trail_state(app, trail["id"]) == state
    # another account is not held back by this one
    other = app.test_client()
    other.login("admin@kick.test")
    assert post_cover(other, {**trail, "version": state["version"]}, jpeg_bytes((800, 600))).status_code == 302


def test_a_busy_worker_answers_503_instead_of_hanging(app, marketer):
    app.config.update(IMAGE_CONCURRENCY=1, IMAGE_WAIT_SECONDS=0.3)
    trail = make_trail(app)
    with app.app_context():
        slots, _pool = image_workers()
    assert slots.acquire(timeout=1)  # another upload is being decoded
    try:
        started = time.monotonic()
        response = post_cover(marketer, trail, jpeg_bytes((800, 600)))
        assert time.monotonic() - started < 3
        assert response.status_code == 503 and response.headers["Retry-After"]
        assert "veel foto's" in unescape(response.get_data(as_text=True))
        assert trail_state(app, trail["id"])["cover"] is None
    finally:
        slots.release()
    assert post_cover(marketer, trail, jpeg_bytes((800, 600))).status_code == 302


def test_images_are_decoded_on_lowest_priority_threads(app):
    """Decoding runs where the scheduler serves it last (nice 19), so uploads only use idle CPU."""
    import os
    import threading
    with app.app_context():
        _slots, pool = image_workers()
    niceness = pool.submit(lambda: os.getpriority(os.PRIO_PROCESS, threading.get_native_id())).result()
    assert niceness == 19
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < 19  # the request thread is untouched
