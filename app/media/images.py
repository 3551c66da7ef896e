"""Hardened processing of user-uploaded images (shop photos, trail covers, stop images).

Pure logic, no Flask. The caller hands over the raw upload bytes and gets back re-encoded,
metadata-free variants ready to store. Anything suspicious raises ``ImageRejected``.

Output format rule (one rule, applied per upload):
  * the image has real transparency (any alpha < 255)  -> WebP, quality 82, with alpha
  * otherwise                                           -> JPEG, quality 82, progressive, optimized
Opaque PNG screenshots therefore become JPEG too: smaller on phones, and it keeps the rule simple.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from PIL import Image, ImageOps, UnidentifiedImageError

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_PIXELS = 40_000_000
MAX_SIDE = 12_000  # px on either side
MAX_ASPECT = 20  # longest side : shortest side
DEFAULT_VARIANTS: Mapping[str, int] = MappingProxyType({"phone": 1280, "thumb": 400})

JPEG_QUALITY = 82
WEBP_QUALITY = 82

# Pillow format names we decode. MPO is what Pillow calls the multi-picture JPEGs that many
# phones write; it is a JPEG for every purpose here (only the first picture is used).
_ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP"})
# Only these plugins may parse the upload: fewer decoders exposed to hostile input.
_OPEN_WITH = ("JPEG", "PNG", "WEBP")

# Signatures of image formats we recognise but refuse, so the user gets "unsupported format"
# rather than "not an image" for e.g. a GIF or an iPhone HEIC.
_OTHER_IMAGE_SIGNATURES: tuple[bytes, ...] = (
    b"GIF87a",
    b"GIF89a",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\x00\x00\x01\x00",  # ICO
    b"8BPS",  # PSD
    b"\xff\x0a",  # JPEG XL codestream
    b"\x00\x00\x00\x0cJXL ",
)
_ISO_BMFF_IMAGE_BRANDS = (b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis")

_REDUCIBLE_MODES = frozenset({"L", "LA", "RGB", "RGBA", "I", "CMYK", "YCbCr"})

# Errors Pillow raises for broken or truncated pixel data.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


class ImageRejected(Exception):
    """An upload we refuse: ``code`` is stable (API clients, tests), ``message`` is for humans."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ImageRejected({self.code!r}, {self.message!r})"


@dataclass(frozen=True)
class Variant:
    data: bytes
    width: int
    height: int
    content_type: str
    ext: str


@dataclass(frozen=True)
class ProcessedImage:
    """Dimensions are those of the upright (EXIF-rotated) source image."""

    width: int
    height: int
    variants: dict[str, Variant] = field(default_factory=dict)


def process_upload(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
    variants: Mapping[str, int] = DEFAULT_VARIANTS,
) -> ProcessedImage:
    """Validate an uploaded image and return metadata-free resized variants.

    ``variants`` maps a name to the maximum length of the longest side; images are never upscaled.
    Raises ``ImageRejected`` for anything that is not a sane JPEG, PNG or WebP.
    """
    _check_variant_spec(variants)
    _check_size(data, max_bytes)
    img = _open_checked(data, max_pixels, draft_to=max(variants.values()))
    header_size = img.info.pop("_kick_header_size")
    clean = _normalise(_reduced(img, max(variants.values())))
    fmt = _output_format(clean)
    out = {name: _encode(_fit_within(clean, longest), fmt) for name, longest in variants.items()}
    # A drafted JPEG decodes smaller than it is: report the upright size of the real image.
    width, height = header_size
    if (clean.width >= clean.height) != (width >= height):  # EXIF turned it a quarter
        width, height = height, width
    return ProcessedImage(width=width, height=height, variants=out)


def _check_variant_spec(variants: Mapping[str, int]) -> None:
    # A programming error, not a user error: fail loudly with ValueError.
    if not variants:
        raise ValueError("at least one variant is required")
    for name, longest in variants.items():
        if not isinstance(longest, int) or longest < 1:
            raise ValueError(f"variant {name!r} needs a positive integer size, got {longest!r}")


def _check_size(data: bytes, max_bytes: int) -> None:
    if not data:
        raise ImageRejected("empty", "The file is empty.")
    if len(data) > max_bytes:
        limit_mb = max_bytes / (1024 * 1024)
        raise ImageRejected("too_large", f"The file is too large (maximum {limit_mb:g} MB).")


def _open_checked(data: bytes, max_pixels: int, draft_to: int | None = None) -> Image.Image:
    """Open, check the header-declared size, then fully decode the first frame (a JPEG through
    draft(): the DCT decodes at 1/2, 1/4 or 1/8 scale when the largest variant is that small)."""
    too_many = ImageRejected("too_many_pixels", "The image has too many pixels.")
    # Turn Pillow's bomb warning into an error for this call. catch_warnings touches global
    # state; the worst a concurrent thread could see is this filter briefly, which is harmless.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data), formats=_OPEN_WITH)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except UnidentifiedImageError:
            raise _unidentified(data) from None
        except _DECODE_ERRORS:
            raise ImageRejected("truncated", "The image file is damaged or incomplete.") from None

        if img.format not in _ACCEPTED_FORMATS:  # defensive: _OPEN_WITH should prevent this
            raise _unsupported()
        # The header is all we have read so far: refuse bombs before allocating pixel memory.
        width, height = img.size
        if width < 1 or height < 1 or width * height > max_pixels:
            raise too_many
        if max(width, height) > MAX_SIDE:
            raise ImageRejected("too_wide", f"The image is more than {MAX_SIDE} pixels on a side.")
        if max(width, height) > MAX_ASPECT * min(width, height):
            raise ImageRejected("bad_aspect", f"The image is more than {MAX_ASPECT} times as long as it is wide.")
        img.info["_kick_header_size"] = (width, height)
        if draft_to and img.format in ("JPEG", "MPO"):
            img.draft(None, (draft_to, draft_to))
        try:
            img.seek(0)  # animated PNG/WebP: only the first frame is used
            img.load()  # decoding is what exposes truncated or corrupt data
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except _DECODE_ERRORS:
            raise ImageRejected("truncated", "The image file is damaged or incomplete.") from None
    return img


def _unidentified(data: bytes) -> ImageRejected:
    if _looks_like_other_image(data):
        return _unsupported()
    return ImageRejected("not_an_image", "The file is not an image.")


def _unsupported() -> ImageRejected:
    return ImageRejected(
        "unsupported_format", "This image format is not supported. Please upload JPEG, PNG or WebP."
    )


def _looks_like_other_image(data: bytes) -> bool:
    head = data[:1024]
    if head.startswith(_OTHER_IMAGE_SIGNATURES):
        return True
    if head[4:8] == b"ftyp" and head[8:12] in _ISO_BMFF_IMAGE_BRANDS:
        return True
    # SVG is XML text: skip a BOM/prolog/comments by simply looking for the root tag early on.
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith(b"<") and b"<svg" in text


def _reduced(img: Image.Image, longest: int) -> Image.Image:
    """Shrink by a whole factor (a cheap box filter) while the image stays at least twice the largest
    variant, so that rotating, converting and the LANCZOS resize work on far fewer pixels; what
    draft() does for JPEG while decoding, for PNG and WebP after."""
    factor = max(img.size) // (2 * longest)
    if factor < 2 or img.mode not in _REDUCIBLE_MODES:
        return img  # palette and 1-bit images are small to convert anyway
    exif = img.getexif()
    reduced = img.reduce(factor)
    if exif:
        reduced.info["exif"] = exif.tobytes()  # keep the orientation for exif_transpose
    return reduced


def _normalise(img: Image.Image) -> Image.Image:
    """Upright, 8-bit RGB(A) pixels in a brand-new image: no EXIF, GPS, XMP, ICC or comments."""
    try:
        upright = ImageOps.exif_transpose(img)
    except (*_DECODE_ERRORS, KeyError, TypeError, ZeroDivisionError):
        # Malformed EXIF must not cost the user their photo; just skip the rotation.
        upright = img
    mode = "RGBA" if _has_alpha_channel(upright) else "RGB"
    pixels = upright.convert(mode)
    # Rebuilding from raw bytes guarantees that no .info entry (exif, xmp, icc_profile, ...)
    # survives into the encoder, whatever a future Pillow decides to copy over by default.
    return Image.frombytes(mode, pixels.size, pixels.tobytes())


def _has_alpha_channel(img: Image.Image) -> bool:
    return img.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (
        img.mode in ("P", "L", "RGB", "1", "I", "I;16") and "transparency" in img.info
    )


def _output_format(img: Image.Image) -> str:
    if img.mode == "RGBA" and img.getchannel("A").getextrema()[0] < 255:
        return "WEBP"
    return "JPEG"


def _fit_within(img: Image.Image, longest: int) -> Image.Image:
    width, height = img.size
    scale = longest / max(width, height)
    if scale >= 1:
        return img  # never upscale
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return img.resize(size, Image.Resampling.LANCZOS)


def _encode(img: Image.Image, fmt: str) -> Variant:
    buf = io.BytesIO()
    if fmt == "WEBP":
        img.save(buf, "WEBP", quality=WEBP_QUALITY, method=4)
        return Variant(buf.getvalue(), img.width, img.height, "image/webp", "webp")
    if img.mode != "RGB":  # opaque RGBA: JPEG has no alpha channel
        img = img.convert("RGB")
    img.save(buf, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=True)
    return Variant(buf.getvalue(), img.width, img.height, "image/jpeg", "jpg")
