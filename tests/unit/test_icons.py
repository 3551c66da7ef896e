import io

import pytest
from PIL import Image

from app.pwa.icons import IconError, make_icon

PRIMARY = (0x1D, 0x4E, 0x89)
ON_PRIMARY = (0xFF, 0xD7, 0x00)  # yellow: easy to tell from the background
THEME = dict(primary_hex="#1d4e89", on_primary_hex="#ffd700")


def open_png(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG")
    return Image.open(io.BytesIO(data)).convert("RGBA")


def pixels(img: Image.Image) -> list[tuple[int, ...]]:
    return list(img.get_flattened_data())  # getdata() is deprecated in Pillow 13


def close_to(a, b, tol=8) -> bool:
    return all(abs(x - y) <= tol for x, y in zip(a[:3], b[:3]))


def centre_colours(img: Image.Image, fraction: float = 0.2) -> list[tuple[int, ...]]:
    s = img.width
    lo, hi = int(s * (0.5 - fraction / 2)), int(s * (0.5 + fraction / 2))
    return pixels(img.crop((lo, lo, hi, hi)))


@pytest.mark.parametrize("size", [192, 512, 180])
@pytest.mark.parametrize("maskable", [False, True])
def test_icon_size_and_monogram_in_centre(size, maskable):
    img = open_png(make_icon(size, monogram="B", maskable=maskable, **THEME))
    assert img.size == (size, size)
    centre = centre_colours(img)
    assert sum(close_to(p, ON_PRIMARY) for p in centre) > len(centre) * 0.1
    assert any(close_to(p, PRIMARY) for p in centre)  # glyph, not a filled square


@pytest.mark.parametrize("size", [192, 512, 180])
def test_maskable_corner_is_primary_and_opaque(size):
    img = open_png(make_icon(size, monogram="B", maskable=True, **THEME))
    for corner in [(0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1)]:
        assert img.getpixel(corner) == (*PRIMARY, 255)


@pytest.mark.parametrize("size", [192, 512, 180])
def test_regular_icon_corner_is_transparent(size):
    img = open_png(make_icon(size, monogram="B", **THEME))
    assert img.getpixel((0, 0))[3] == 0
    assert img.getpixel((size - 1, size - 1))[3] == 0
    assert img.getpixel((size // 2, size // 10)) == (*PRIMARY, 255)  # rounded square body


def test_maskable_content_stays_in_safe_zone():
    size = 512
    img = open_png(make_icon(size, monogram="WW", maskable=True, **THEME))
    r_max = 0.0
    for i, p in enumerate(pixels(img)):
        if close_to(p, ON_PRIMARY, tol=60):
            x, y = i % size, i // size
            r_max = max(r_max, ((x + 0.5 - size / 2) ** 2 + (y + 0.5 - size / 2) ** 2) ** 0.5)
    assert 0.25 * size < r_max <= 0.40 * size


def test_logo_replaces_monogram():
    buf = io.BytesIO()
    Image.new("RGBA", (300, 100), (255, 0, 0, 255)).save(buf, format="PNG")
    for maskable in (False, True):
        img = open_png(make_icon(192, monogram="B", maskable=maskable, logo_png=buf.getvalue(), **THEME))
        assert img.getpixel((96, 96)) == (255, 0, 0, 255)
        assert not any(close_to(p, ON_PRIMARY) for p in pixels(img))


def test_palette_logo_is_converted():
    buf = io.BytesIO()
    Image.new("P", (64, 64), 3).save(buf, format="PNG")
    img = open_png(make_icon(192, monogram="B", logo_png=buf.getvalue(), **THEME))
    assert img.size == (192, 192)


@pytest.mark.parametrize("logo", [b"", b"not an image", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50])
def test_broken_logo_raises_icon_error(logo):
    with pytest.raises(IconError):
        make_icon(192, monogram="B", logo_png=logo, **THEME)


def test_bad_input_raises_icon_error():
    with pytest.raises(IconError):
        make_icon(192, monogram="ABC", **THEME)
    with pytest.raises(IconError):
        make_icon(192, monogram="", **THEME)
    with pytest.raises(IconError):
        make_icon(192, monogram="B", primary_hex="navy", on_primary_hex="#fff")
    with pytest.raises(IconError):
        make_icon(0, monogram="B", **THEME)
