import io
import struct
import time
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms

from app.media.images import ImageRejected, ProcessedImage, Variant, process_upload

# ------------------------------------------------------------------ helpers


def encode(img: Image.Image, fmt: str, **kwargs) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def gradient(size=(640, 480), mode="RGB") -> Image.Image:
    """A smooth photo-like image: realistic enough for JPEG, cheap to build."""
    w, h = size
    red = Image.linear_gradient("L").resize(size)
    green = red.transpose(Image.Transpose.ROTATE_90).resize(size)
    blue = Image.new("L", size, 90)
    img = Image.merge("RGB", (red, green, blue))
    return img.convert(mode) if mode != "RGB" else img


def open_variant(v: Variant) -> Image.Image:
    img = Image.open(io.BytesIO(v.data))
    img.load()
    return img


def rejected(data: bytes, **kwargs) -> ImageRejected:
    with pytest.raises(ImageRejected) as info:
        process_upload(data, **kwargs)
    return info.value


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (
        struct.pack(">I", len(payload))
        + kind
        + payload
        + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
    )


@pytest.fixture(scope="session")
def png_bomb() -> bytes:
    """A complete, valid 20000x20000 1-bit PNG (400 Mpx) of ~50 KB.

    Built by hand, row by row, instead of with Image.new("1", ...): Pillow keeps mode "1" at a
    byte per pixel, so that would allocate 400 MB just to make the fixture.
    """
    side = 20_000
    row = b"\x00" + bytes(side // 8)  # filter byte + packed 1-bit pixels
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


@pytest.fixture(scope="session")
def jpeg_with_metadata() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "KICK Test Camera"
    exif[ExifTags.Base.Model] = "Model 7"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 12.0, 31.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (3.0, 13.0, 26.0)
    # Phones write this undefined-type tag; it puts a literal b"GPS" in the file.
    gps[ExifTags.GPS.GPSProcessingMethod] = b"ASCII\x00\x00\x00GPS"
    gps[ExifTags.GPS.GPSMapDatum] = "WGS-84"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>secret-xmp-marker</rdf:RDF></x:xmpmeta>'
    return encode(
        gradient(),
        "JPEG",
        exif=exif.tobytes(),
        icc_profile=icc,
        xmp=xmp,
        comment=b"secret-comment-marker",
        quality=90,
    )


# ------------------------------------------------------------------ metadata & formats


def test_jpeg_metadata_is_stripped(jpeg_with_metadata):
    # Preconditions: the fixture really carries the metadata we want gone.
    src = Image.open(io.BytesIO(jpeg_with_metadata))
    assert src.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    for marker in (b"Exif", b"GPS", b"ICC_PROFILE", b"secret-xmp-marker", b"secret-comment"):
        assert marker in jpeg_with_metadata

    result = process_upload(jpeg_with_metadata)

    assert set(result.variants) == {"phone", "thumb"}
    for variant in result.variants.values():
        assert variant.content_type == "image/jpeg" and variant.ext == "jpg"
        out = open_variant(variant)
        assert out.format == "JPEG"
        assert len(out.getexif()) == 0
        assert "icc_profile" not in out.info and "xmp" not in out.info
        for marker in (b"Exif", b"GPS", b"ICC_PROFILE", b"secret-xmp-marker", b"secret-comment",
                       b"KICK Test Camera", b"http://ns.adobe.com"):
            assert marker not in variant.data


def test_jpeg_is_progressive(jpeg_with_metadata):
    out = open_variant(process_upload(jpeg_with_metadata).variants["phone"])
    assert out.info.get("progressive") or out.info.get("progression")


def test_png_with_alpha_becomes_webp_with_alpha():
    img = Image.new("RGBA", (300, 200), (200, 16, 46, 255))
    img.paste((0, 0, 0, 0), (0, 0, 100, 200))  # left third fully transparent
    result = process_upload(encode(img, "PNG"))
    phone = result.variants["phone"]
    assert (phone.content_type, phone.ext) == ("image/webp", "webp")
    out = open_variant(phone)
    assert out.format == "WEBP" and out.mode == "RGBA"
    assert out.getpixel((10, 100))[3] == 0
    assert out.getpixel((250, 100))[3] == 255
    assert (out.width, out.height) == (300, 200)


def test_palette_png_with_transparency_keeps_alpha():
    img = Image.new("P", (64, 64), 0)
    img.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    img.paste(1, (32, 0, 64, 64))
    data = encode(img, "PNG", transparency=1)
    out = open_variant(process_upload(data).variants["thumb"])
    assert out.format == "WEBP"
    assert out.getpixel((50, 10))[3] == 0
    assert out.getpixel((5, 10))[3] == 255


def test_opaque_rgba_png_becomes_jpeg():
    data = encode(gradient(mode="RGBA"), "PNG")
    variant = process_upload(data).variants["phone"]
    assert variant.content_type == "image/jpeg"
    assert open_variant(variant).mode == "RGB"


def test_webp_input_accepted():
    data = encode(gradient((500, 300)), "WEBP", quality=80)
    result = process_upload(data)
    assert (result.width, result.height) == (500, 300)
    assert open_variant(result.variants["phone"]).format == "JPEG"


def test_animated_webp_uses_first_frame_only():
    frames = [Image.new("RGB", (40, 40), c) for c in ((255, 0, 0), (0, 0, 255))]
    data = encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100,
                  lossless=True)
    assert getattr(Image.open(io.BytesIO(data)), "n_frames", 1) == 2  # precondition
    out = open_variant(process_upload(data).variants["thumb"]).convert("RGB")
    r, g, b = out.getpixel((20, 20))
    assert r > 200 and b < 50


def test_animated_png_uses_first_frame_only():
    frames = [Image.new("RGB", (40, 40), c) for c in ((0, 255, 0), (0, 0, 255))]
    data = encode(frames[0], "PNG", save_all=True, append_images=frames[1:], duration=100)
    out = open_variant(process_upload(data).variants["thumb"])
    r, g, b = out.getpixel((20, 20))
    assert g > 200 and b < 50


def test_mpo_phone_jpeg_accepted():
    # Many phones write multi-picture JPEGs, which Pillow reports as "MPO".
    frames = [gradient((120, 80)), Image.new("RGB", (120, 80), "blue")]
    data = encode(frames[0], "MPO", save_all=True, append_images=frames[1:])
    assert Image.open(io.BytesIO(data)).format == "MPO"  # precondition
    result = process_upload(data)
    assert (result.width, result.height) == (120, 80)


# ------------------------------------------------------------------ rejections


def test_empty_rejected():
    assert rejected(b"").code == "empty"


def test_oversize_bytes_rejected_before_decoding():
    data = encode(gradient((64, 64)), "PNG")
    err = rejected(data, max_bytes=len(data) - 1)
    assert err.code == "too_large"
    assert "MB" in err.message
    assert process_upload(data, max_bytes=len(data)).width == 64  # the limit is inclusive


def test_default_byte_limit_is_10_mib():
    assert rejected(b"\x00" * (10 * 1024 * 1024 + 1)).code == "too_large"


def test_text_file_rejected():
    err = rejected(b"Hello, this is a plain text file.\n" * 10)
    assert err.code == "not_an_image"
    assert err.message == "The file is not an image."


def test_svg_rejected_as_unsupported():
    svg = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
           b'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>')
    assert rejected(svg).code == "unsupported_format"
    assert rejected(b'<svg xmlns="http://www.w3.org/2000/svg"/>').code == "unsupported_format"


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_unsupported(fmt):
    data = encode(Image.new("RGB", (16, 16), "red"), fmt)
    assert rejected(data).code == "unsupported_format"


def test_html_is_not_an_image():
    assert rejected(b"<html><body>hi</body></html>").code == "not_an_image"


def test_truncated_jpeg_rejected(jpeg_with_metadata):
    half = jpeg_with_metadata[: len(jpeg_with_metadata) // 2]
    assert rejected(half).code == "truncated"


def test_truncated_png_rejected():
    data = encode(gradient(), "PNG")
    assert rejected(data[: len(data) // 2]).code == "truncated"


def test_corrupt_png_crc_rejected():
    data = bytearray(encode(gradient((64, 64)), "PNG"))
    data[data.index(b"IDAT") + 30] ^= 0xFF  # inside the compressed pixel data
    assert rejected(bytes(data)).code == "truncated"


def test_png_bomb_rejected_fast(png_bomb):
    assert len(png_bomb) < 200_000  # the point of a bomb: a tiny file ...
    assert struct.unpack(">II", png_bomb[16:24]) == (20_000, 20_000)  # ... declaring 400 Mpx
    start = time.perf_counter()
    err = rejected(png_bomb)
    assert err.code == "too_many_pixels"
    assert time.perf_counter() - start < 1.0


def test_pixel_limit_checked_before_decoding():
    data = encode(Image.new("RGB", (1000, 1000), "white"), "PNG")
    assert rejected(data, max_pixels=999_999).code == "too_many_pixels"
    assert process_upload(data, max_pixels=1_000_000).width == 1000


def test_pillow_bomb_warning_is_an_error(monkeypatch):
    # Between MAX_IMAGE_PIXELS and twice that, Pillow only warns; we must still refuse.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    data = encode(Image.new("RGB", (40, 40), "white"), "PNG")  # 1600 px: warning zone
    assert rejected(data, max_pixels=10**9).code == "too_many_pixels"


def test_rejection_is_an_exception_with_code_and_message():
    err = ImageRejected("empty", "The file is empty.")
    assert isinstance(err, Exception)
    assert (err.code, err.message) == ("empty", "The file is empty.")
    assert str(err) == "The file is empty."


# ------------------------------------------------------------------ orientation & sizes


def test_exif_orientation_applied():
    # Stored 200x100, left half red, right half blue, EXIF orientation 6 ("rotate 90 CW to view").
    img = Image.new("RGB", (200, 100), (255, 0, 0))
    img.paste((0, 0, 255), (100, 0, 200, 100))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    data = encode(img, "JPEG", exif=exif.tobytes(), quality=95)

    result = process_upload(data)

    assert (result.width, result.height) == (100, 200)
    out = open_variant(result.variants["phone"])
    assert out.size == (100, 200)
    assert len(out.getexif()) == 0  # orientation tag gone too: no double rotation by viewers
    # After a 90 deg clockwise turn the stored left edge (red) is at the top.
    top, bottom = out.getpixel((50, 20)), out.getpixel((50, 180))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_variant_sizes_fit_longest_side():
    data = encode(gradient((3000, 2000)), "JPEG", quality=70)
    result = process_upload(data)
    assert isinstance(result, ProcessedImage)
    assert (result.width, result.height) == (3000, 2000)
    phone, thumb = result.variants["phone"], result.variants["thumb"]
    assert (phone.width, phone.height) == (1280, 853)
    assert (thumb.width, thumb.height) == (400, 267)
    assert open_variant(phone).size == (1280, 853)
    assert open_variant(thumb).size == (400, 267)


def test_portrait_variant_sizes():
    data = encode(gradient((900, 1800)), "PNG")
    thumb = process_upload(data).variants["thumb"]
    assert (thumb.width, thumb.height) == (200, 400)


def test_small_images_are_never_upscaled():
    result = process_upload(encode(gradient((300, 200)), "PNG"))
    assert (result.variants["phone"].width, result.variants["phone"].height) == (300, 200)
    assert (result.variants["thumb"].width, result.variants["thumb"].height) == (300, 200)


def test_custom_variants():
    result = process_upload(encode(gradient((1000, 60)), "PNG"), variants={"tiny": 50})
    assert list(result.variants) == ["tiny"]
    assert (result.variants["tiny"].width, result.variants["tiny"].height) == (50, 3)


@pytest.mark.parametrize("bad", [{}, {"x": 0}, {"x": -5}, {"x": 1.5}])
def test_invalid_variant_spec_is_a_programming_error(bad):
    with pytest.raises(ValueError):
        process_upload(encode(gradient((10, 10)), "PNG"), variants=bad)


@pytest.mark.parametrize(
    ("mode", "fill", "save_kwargs", "fmt", "expected_type"),
    [
        ("L", 128, {}, "JPEG", "image/jpeg"),
        ("CMYK", (0, 255, 255, 0), {}, "JPEG", "image/jpeg"),
        ("1", 1, {}, "PNG", "image/jpeg"),
        ("I;16", 4000, {}, "PNG", "image/jpeg"),
        ("LA", (7, 100), {}, "PNG", "image/webp"),
        ("L", 7, {"transparency": 7}, "PNG", "image/webp"),
        ("RGB", (1, 2, 3), {"transparency": (1, 2, 3)}, "PNG", "image/webp"),
    ],
)
def test_unusual_modes_are_normalised(mode, fill, save_kwargs, fmt, expected_type):
    data = encode(Image.new(mode, (30, 20), fill), fmt, **save_kwargs)
    thumb = process_upload(data).variants["thumb"]
    assert thumb.content_type == expected_type
    assert open_variant(thumb).mode == ("RGBA" if expected_type == "image/webp" else "RGB")


@pytest.mark.parametrize("size,code", [((12_001, 1_000), "too_wide"), ((2_100, 100), "bad_aspect"),
                                       ((100, 2_001), "bad_aspect")])
def test_sides_and_aspect_are_bounded(size, code):
    with pytest.raises(ImageRejected) as refused:
        process_upload(encode(gradient(size), "PNG"))
    assert refused.value.code == code


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "L"])
def test_large_png_is_reduced_before_the_resize(monkeypatch, mode):
    import app.media.images as images
    seen = []
    normalise = images._normalise
    monkeypatch.setattr(images, "_normalise", lambda img: seen.append(img.size) or normalise(img))
    result = process_upload(encode(Image.new(mode, (6000, 3000)), "PNG"))
    assert (result.width, result.height) == (6000, 3000)
    assert result.variants["phone"].width == 1280
    if mode in ("RGB", "RGBA", "L"):
        assert seen == [(3000, 1500)]  # a factor 2 box reduce: still twice the 1280 px phone variant
