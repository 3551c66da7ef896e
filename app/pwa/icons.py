"""PWA app icons drawn with Pillow from a city's theme colours.

- Regular icon: rounded square in the primary colour on a transparent canvas,
  with a bold monogram (or the city logo) centred.
- Maskable icon (W3C "maskable" purpose): full-bleed primary background; the
  content stays inside the safe zone, a centred circle of radius 40% of the size,
  because launchers may crop the icon to any shape inside it.
"""
from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

from app.core.contrast import parse_hex

RGB = tuple[int, int, int]

FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
MIN_SIZE, MAX_SIZE = 16, 1024
SAFE_RADIUS = 0.40  # W3C maskable safe zone, fraction of the icon size
CONTENT_RADIUS = 0.36  # stay a little inside the safe zone (anti-aliasing, optics)
CORNER_RADIUS = 0.22  # rounded square of the regular icon
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 4096 * 4096
LOGO_FORMATS = ("PNG", "JPEG", "WEBP")
_REF_PX = 1000  # font size used to measure a glyph box before scaling


class IconError(ValueError):
    """Bad icon input (colour, monogram, size or logo)."""


def _rgb(value: str) -> RGB:
    try:
        return parse_hex(value.strip() if isinstance(value, str) else value)
    except ValueError:
        raise IconError(f"bad colour {value!r}, expected #RRGGBB") from None


@lru_cache(maxsize=32)
def _font(px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT_BOLD, px)
    except OSError:
        return ImageFont.load_default(size=px)


def _content_scale(w: float, h: float, big: int, maskable: bool) -> float:
    """Scale that fits a w x h box: inside the safe circle, or a 60% square."""
    if maskable:
        return CONTENT_RADIUS * big / math.hypot(w / 2, h / 2)
    return min(0.60 * big / w, 0.50 * big / h)


def _draw_monogram(canvas: Image.Image, text: str, color: RGB, maskable: bool) -> None:
    big = canvas.width
    left, top, right, bottom = _font(_REF_PX).getbbox(text)
    px = max(1, int(_REF_PX * _content_scale(right - left, bottom - top, big, maskable)))
    font = _font(px)
    left, top, right, bottom = font.getbbox(text)
    # Centre the ink box, not the line box: capitals would otherwise sit low.
    origin = (big / 2 - (left + right) / 2, big / 2 - (top + bottom) / 2)
    ImageDraw.Draw(canvas).text(origin, text, font=font, fill=color)


def _load_logo(data: bytes) -> Image.Image:
    """Open an untrusted upload defensively and return it as RGBA."""
    if not isinstance(data, (bytes, bytearray)) or not data or len(data) > MAX_LOGO_BYTES:
        raise IconError("invalid logo image")
    try:
        img = Image.open(io.BytesIO(data), formats=LOGO_FORMATS)
        # The header gives the size before decoding: refuse decompression bombs early.
        if img.width * img.height > MAX_LOGO_PIXELS:
            raise IconError("logo image too large")
        img.load()
        img = ImageOps.exif_transpose(img)
        return img.convert("RGBA")
    except IconError:
        raise
    except Exception as exc:  # decoders raise many types on hostile input
        raise IconError("invalid logo image") from exc


def _paste_logo(canvas: Image.Image, logo: Image.Image, maskable: bool) -> None:
    big = canvas.width
    if maskable:
        scale = CONTENT_RADIUS * big / math.hypot(logo.width / 2, logo.height / 2)
    else:
        scale = 0.70 * big / max(logo.width, logo.height)
    size = (max(1, round(logo.width * scale)), max(1, round(logo.height * scale)))
    logo = logo.resize(size, Image.Resampling.LANCZOS)
    canvas.alpha_composite(logo, ((big - size[0]) // 2, (big - size[1]) // 2))


def make_icon(size: int, *, primary_hex: str, on_primary_hex: str, monogram: str,
              maskable: bool = False, logo_png: bytes | None = None) -> bytes:
    """PNG icon of exactly size x size pixels; a logo, if given, replaces the monogram."""
    if not isinstance(size, int) or not MIN_SIZE <= size <= MAX_SIZE:
        raise IconError(f"size must be between {MIN_SIZE} and {MAX_SIZE}")
    text = (monogram or "").strip()
    if logo_png is None and not 1 <= len(text) <= 2:
        raise IconError("monogram must be 1 or 2 characters")
    primary, on_primary = _rgb(primary_hex), _rgb(on_primary_hex)
    logo = _load_logo(logo_png) if logo_png is not None else None

    # Draw larger and scale down: Pillow's shapes are not anti-aliased.
    big = size * max(1, min(4, 2048 // size))
    canvas = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(canvas)
    if maskable:
        draw.rectangle((0, 0, big, big), fill=primary)
    else:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(CORNER_RADIUS * big), fill=primary)
    if logo is not None:
        _paste_logo(canvas, logo, maskable)
    else:
        _draw_monogram(canvas, text, on_primary, maskable)

    out = canvas.resize((size, size), Image.Resampling.LANCZOS) if big != size else canvas
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
