"""QR images for counter codes and printable, city-branded stamp posters.

The poster layout is computed once in millimetres (`_layout`) and rendered twice:
as PNG (Pillow, at the requested dpi) and as SVG (viewBox in mm), so both look alike.
It sells the programme: the city's mark beside its name, the reward ("10 stempels = gratis koffie"),
and the Dutch words with, below them, the same words in a second language the merchant picks.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from xml.sax.saxutils import escape

import qrcode
import qrcode.constants
from PIL import Image, ImageDraw, ImageFont
from qrcode.image.svg import SvgPathFillImage

from app.core.contrast import parse_hex

PaperSize = Literal["A4", "A5"]
RGB = tuple[int, int, int]

PAPER_MM: dict[str, tuple[float, float]] = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}
FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT_FILES = {True: "DejaVuSans-Bold.ttf", False: "DejaVuSans.ttf"}
SVG_FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
FOOTER_TEXT = "KICK City"
TEXT_DARK: RGB = (26, 26, 26)
TEXT_MUTED: RGB = (110, 110, 110)
QR_DARK: RGB = (0, 0, 0)  # never themed: scanners need maximum contrast
WHITE: RGB = (255, 255, 255)
QUIET_ZONE = 4  # modules, as the QR spec requires
_MEASURE_PX = 100  # font size used to measure text widths


# --- plain QR -----------------------------------------------------------------


def _qr(url: str, error_correction: int, border: int = QUIET_ZONE, box_size: int = 10) -> qrcode.QRCode:
    if not url:
        raise ValueError("empty url")
    qr = qrcode.QRCode(error_correction=error_correction, box_size=box_size, border=border)
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def qr_png(url: str, box_size: int = 10, border: int = 4) -> bytes:
    """Black-on-white QR code as PNG bytes."""
    img = _qr(url, qrcode.constants.ERROR_CORRECT_M, border, box_size).make_image(
        fill_color="black", back_color="white"
    )
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def qr_svg(url: str) -> str:
    """Standalone SVG document (one path, white background, size in mm)."""
    img = _qr(url, qrcode.constants.ERROR_CORRECT_M).make_image(image_factory=SvgPathFillImage)
    return img.to_string(encoding="unicode")


# --- layout (millimetres) -------------------------------------------------------


@dataclass(frozen=True)
class PosterText:
    """The words of the poster in one language."""
    reward: str  # "10 stempels = gratis koffie"
    instruction: str


@dataclass(frozen=True)
class _Text:
    lines: tuple[str, ...]
    size: float  # font size in mm
    bold: bool
    color: RGB
    baselines: tuple[float, ...]  # y of each line's baseline; all lines centred on x
    x: float = 0.0  # centre of the lines (0: the page's centre)


@dataclass(frozen=True)
class _Logo:
    png: bytes
    x: float
    y: float
    size: float
    plate: RGB  # a rounded plate behind the mark, so a mark in the header colour still shows


@dataclass(frozen=True)
class _Layout:
    width: float
    height: float
    header_h: float
    band_h: float  # thin primary band at the bottom
    texts: tuple[_Text, ...]
    qr_x: float
    qr_y: float
    qr_size: float
    matrix: tuple[tuple[bool, ...], ...]  # includes the quiet zone
    primary: RGB
    title: str
    logo: _Logo | None = None


def _rgb(value: str) -> RGB:
    return parse_hex(value.strip() if isinstance(value, str) else value)


def _hex(rgb: RGB) -> str:
    return "#%02x%02x%02x" % rgb


@lru_cache(maxsize=64)
def _font(bold: bool, px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype(FONT_DIR + FONT_FILES[bold], px)
    except OSError:  # fonts not installed: Pillow's built-in font still scales
        return ImageFont.load_default(size=px)


def _width_mm(text: str, bold: bool, size: float) -> float:
    return _font(bold, _MEASURE_PX).getlength(text) * size / _MEASURE_PX


def _split_word(word: str, bold: bool, size: float, max_w: float) -> list[str]:
    """Break a word that is wider than a line into line-sized chunks."""
    parts, current = [], ""
    for ch in word:
        if current and _width_mm(current + ch, bold, size) > max_w:
            parts.append(current)
            current = ""
        current += ch
    return parts + [current] if current else parts


def _wrap(text: str, bold: bool, size: float, max_w: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        pieces = _split_word(word, bold, size, max_w) if _width_mm(word, bold, size) > max_w else [word]
        for piece in pieces:
            candidate = f"{lines[-1]} {piece}" if lines else piece
            if lines and _width_mm(candidate, bold, size) <= max_w and piece is pieces[0]:
                lines[-1] = candidate
            else:
                lines.append(piece)
    return lines


def _ellipsize(line: str, bold: bool, size: float, max_w: float) -> str:
    while line and _width_mm(line + "…", bold, size) > max_w:
        line = line[:-1].rstrip()
    return line + "…"


def _fit(text: str, bold: bool, max_w: float, size_max: float, size_min: float, max_lines: int) -> tuple[list[str], float]:
    """Largest font size (shrinking 5% a time) at which `text` wraps into max_lines."""
    size = size_max
    while True:
        lines = _wrap(text, bold, size, max_w)
        if len(lines) <= max_lines:
            return lines, size
        if size * 0.95 < size_min:
            kept = lines[:max_lines]
            kept[-1] = _ellipsize(kept[-1], bold, size, max_w)
            return kept, size
        size *= 0.95


def _fit_instruction(text: str, max_w: float, u: float, size_max: float | None = None) -> tuple[list[str], float]:
    """One line if it fits at a readable size, else two lines; never above `size_max`."""
    if not text.strip():
        return [], 0.0
    top = min(4.2 * u, size_max or 4.2 * u)
    lines, size = _fit(text, False, max_w, top, min(top, 3.2 * u), 1)
    if len(_wrap(text, False, size, max_w)) == 1:
        return lines, size
    return _fit(text, False, max_w, top, min(top, 2.8 * u), 2)


def _block(lines: list[str], size: float, bold: bool, color: RGB, top: float, leading: float = 1.2) -> _Text:
    # Baseline sits ~0.9 em below the top of the line box (DejaVu ascent).
    baselines = tuple(top + size * (0.9 + leading * i) for i in range(len(lines)))
    return _Text(tuple(lines), size, bold, color, baselines)


def _block_height(text: _Text, leading: float = 1.2) -> float:
    return text.size * (0.9 + leading * (len(text.lines) - 1) + 0.3) if text.lines else 0.0


def _header(city_name: str, on_primary: RGB, logo_png: bytes | None, w: float, header_h: float,
            max_w: float, u: float) -> tuple[_Text, _Logo | None]:
    """The city's name in the header band, its mark (logo or monogram icon) on a plate before it."""
    logo_size = 0.66 * header_h if logo_png else 0.0
    gap = 3 * u if logo_png else 0.0
    lines, size = _fit(city_name, True, max_w - logo_size - gap, 7 * u, 3.5 * u, 1)
    text_w = _width_mm(lines[0], True, size) if lines else 0.0
    left = (w - logo_size - gap - text_w) / 2
    city = _Text(tuple(lines), size, True, on_primary, (header_h / 2 + 0.36 * size,), x=left + logo_size + gap + text_w / 2)
    logo = _Logo(logo_png, left, (header_h - logo_size) / 2, logo_size, on_primary) if logo_png else None
    return city, logo


def _layout(url: str, shop_name: str, instruction: str, city_name: str,
            primary: RGB, on_primary: RGB, size: str, reward: str = "",
            second: PosterText | None = None, logo_png: bytes | None = None) -> _Layout:
    if size not in PAPER_MM:
        raise ValueError("size must be 'A4' or 'A5'")
    if not shop_name.strip():
        raise ValueError("shop_name is required")
    w, h = PAPER_MM[size]
    u = w / 100  # every measure scales with the page width, so A5 = A4 scaled
    max_w = w - 16 * u
    header_h, band_h = 0.13 * h, 0.012 * h

    city, logo = _header(city_name, on_primary, logo_png, w, header_h, max_w, u)
    name_lines, name_size = _fit(shop_name, True, max_w, 7.5 * u, 4.5 * u, 3 if not reward else 2)
    name = _block(name_lines, name_size, True, TEXT_DARK, header_h + 6 * u)
    top = header_h + 6 * u + _block_height(name) + 2 * u
    # The reward in Dutch (bold, in the city colour), then in the second language (muted). Dutch is the first
    # language: the second one is never set larger than the Dutch line above it.
    rewards, dutch_size = [], 6 * u
    for text, bold, color, size_max in ((reward, True, primary, 6 * u),
                                        (second.reward if second else "", False, TEXT_MUTED, 4.2 * u)):
        if text.strip():
            size_max = min(size_max, dutch_size)
            lines, fitted = _fit(text, bold, max_w, size_max, 0.75 * size_max, 1)  # one line if it stays big
            if len(_wrap(text, bold, fitted, max_w)) > 1:
                lines, fitted = _fit(text, bold, max_w, size_max, min(size_max, 3 * u), 2)
            rewards.append(_block(lines, fitted, bold, color, top))
            top += _block_height(rewards[-1]) + 1 * u
            dutch_size = min(dutch_size, fitted)
    footer = _Text((FOOTER_TEXT,), 2.8 * u, False, TEXT_MUTED, (h - band_h - 4 * u,))
    instructions = [(text, color) for text, color in ((instruction, TEXT_DARK),
                                                      (second.instruction if second else "", TEXT_MUTED))
                    if text.strip()]
    fitted_instr, size_cap = [], None
    for text, color in instructions:  # Dutch first: the second language's size is capped at the Dutch one
        fitted_instr.append((_fit_instruction(text, max_w, u * (1 if len(instructions) == 1 else 0.85), size_cap),
                             color))
        size_cap = fitted_instr[-1][0][1]

    # QR and instructions share the room between the texts above and the footer.
    room_top = top + 3 * u
    room_bottom = footer.baselines[0] - footer.size - 4 * u
    gap = 3 * u if fitted_instr else 0.0
    heights = [fsize * (0.9 + 1.25 * (len(lines) - 1) + 0.3) for (lines, fsize), _ in fitted_instr]
    instr_h = sum(heights) + 1.5 * u * max(0, len(heights) - 1)
    qr_size = min(66 * u, room_bottom - room_top - gap - instr_h)
    top = room_top + (room_bottom - room_top - qr_size - gap - instr_h) / 2
    instr_top = top + qr_size + gap
    instr = []
    for ((lines, fsize), color), height in zip(fitted_instr, heights):
        instr.append(_block(lines, fsize, False, color, instr_top, leading=1.25))
        instr_top += height + 1.5 * u

    matrix = tuple(tuple(row) for row in _qr(url, qrcode.constants.ERROR_CORRECT_Q).get_matrix())
    texts = tuple(t for t in (city, name, *rewards, *instr, footer) if t.lines)
    return _Layout(w, h, header_h, band_h, texts, (w - qr_size) / 2, top, qr_size, matrix, primary, shop_name, logo)


def _runs(row: tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a matrix row."""
    runs, start = [], None
    for x, dark in enumerate(row + (False,)):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            runs.append((start, x - start))
            start = None
    return runs


# --- renderers --------------------------------------------------------------------


def _render_png(lay: _Layout, dpi: int) -> bytes:
    k = dpi / 25.4  # px per mm
    page = Image.new("RGB", (round(lay.width * k), round(lay.height * k)), WHITE)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, page.width, round(lay.header_h * k)), fill=lay.primary)
    draw.rectangle((0, page.height - round(lay.band_h * k), page.width, page.height), fill=lay.primary)
    for text in lay.texts:
        font = _font(text.bold, max(1, round(text.size * k)))
        for line, baseline in zip(text.lines, text.baselines):
            draw.text(((text.x or lay.width / 2) * k, baseline * k), line, font=font, fill=text.color, anchor="ms")
    if lay.logo:
        _paste_logo(page, lay.logo, k)
    # Whole-pixel modules keep the code crisp; centre the leftover pixels.
    n = len(lay.matrix)
    box = round(lay.qr_size * k)
    module = box // n
    x0 = round(lay.qr_x * k) + (box - module * n) // 2
    y0 = round(lay.qr_y * k) + (box - module * n) // 2
    for y, row in enumerate(lay.matrix):
        for x, run in _runs(row):
            draw.rectangle((x0 + x * module, y0 + y * module,
                            x0 + (x + run) * module - 1, y0 + (y + 1) * module - 1), fill=QR_DARK)
    buf = io.BytesIO()
    page.save(buf, format="PNG", dpi=(dpi, dpi), optimize=True)
    return buf.getvalue()


def _paste_logo(page: Image.Image, logo: _Logo, k: float) -> None:
    box = (round(logo.x * k), round(logo.y * k), round((logo.x + logo.size) * k), round((logo.y + logo.size) * k))
    ImageDraw.Draw(page).rounded_rectangle(box, radius=round(0.22 * logo.size * k), fill=logo.plate)
    inset = round(0.08 * logo.size * k)
    side = box[2] - box[0] - 2 * inset
    mark = Image.open(io.BytesIO(logo.png)).convert("RGBA").resize((side, side), Image.Resampling.LANCZOS)
    page.paste(mark, (box[0] + inset, box[1] + inset), mark)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _render_svg(lay: _Layout) -> str:
    w, h = _num(lay.width), _num(lay.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{w}mm" height="{h}mm" '
        f'viewBox="0 0 {w} {h}">',
        f"<title>{escape(lay.title)}</title>",
        f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>',
        f'<rect x="0" y="0" width="{w}" height="{_num(lay.header_h)}" fill="{_hex(lay.primary)}"/>',
        f'<rect x="0" y="{_num(lay.height - lay.band_h)}" width="{w}" height="{_num(lay.band_h)}" '
        f'fill="{_hex(lay.primary)}"/>',
    ]
    for text in lay.texts:
        weight = "bold" if text.bold else "normal"
        for line, baseline in zip(text.lines, text.baselines):
            parts.append(
                f'<text x="{_num(text.x or lay.width / 2)}" y="{_num(baseline)}" font-family="{SVG_FONT_FAMILY}" '
                f'font-size="{_num(text.size)}" font-weight="{weight}" fill="{_hex(text.color)}" '
                f'text-anchor="middle">{escape(line)}</text>'
            )
    if lay.logo:
        logo, inset = lay.logo, 0.08 * lay.logo.size
        href = "data:image/png;base64," + base64.b64encode(logo.png).decode("ascii")
        parts.append(f'<rect x="{_num(logo.x)}" y="{_num(logo.y)}" width="{_num(logo.size)}" height="{_num(logo.size)}" '
                     f'rx="{_num(0.22 * logo.size)}" fill="{_hex(logo.plate)}"/>')
        parts.append(f'<image x="{_num(logo.x + inset)}" y="{_num(logo.y + inset)}" width="{_num(logo.size - 2 * inset)}" '
                     f'height="{_num(logo.size - 2 * inset)}" href="{href}"/>')
    module = lay.qr_size / len(lay.matrix)
    d = "".join(f"M{x} {y}h{run}v1h-{run}z" for y, row in enumerate(lay.matrix) for x, run in _runs(row))
    parts.append(
        f'<path transform="translate({_num(lay.qr_x)} {_num(lay.qr_y)}) scale({module:.5f})" '
        f'd="{d}" fill="{_hex(QR_DARK)}" shape-rendering="crispEdges"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def poster_png(url: str, *, shop_name: str, instruction: str, city_name: str,
               primary_hex: str, on_primary_hex: str, size: PaperSize = "A4", dpi: int = 300, reward: str = "",
               second: PosterText | None = None, logo_png: bytes | None = None) -> bytes:
    """Print-ready poster PNG (A4 at 300 dpi = 2480x3508 px) with dpi metadata.
    `reward` and `instruction` are the Dutch words, `second` the same in the merchant's second language,
    `logo_png` the city's mark (a square PNG)."""
    if not 72 <= dpi <= 600:
        raise ValueError("dpi must be between 72 and 600")
    lay = _layout(url, shop_name, instruction, city_name, _rgb(primary_hex), _rgb(on_primary_hex), size,
                  reward, second, logo_png)
    return _render_png(lay, dpi)


def poster_svg(url: str, *, shop_name: str, instruction: str, city_name: str,
               primary_hex: str, on_primary_hex: str, size: PaperSize = "A4", reward: str = "",
               second: PosterText | None = None, logo_png: bytes | None = None) -> str:
    """Same poster as a standalone SVG document; viewBox in millimetres."""
    lay = _layout(url, shop_name, instruction, city_name, _rgb(primary_hex), _rgb(on_primary_hex), size,
                  reward, second, logo_png)
    return _render_svg(lay)
