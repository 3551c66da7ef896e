"""WCAG 2.1 relative luminance and contrast ratio, used to refuse unreadable city themes.

https://www.w3.org/TR/WCAG21/#dfn-relative-luminance and #dfn-contrast-ratio
"""

from __future__ import annotations

import re

AA_BODY = 4.5  # SC 1.4.3, normal text
AA_LARGE = 3.0  # SC 1.4.3, large text (>= 18pt, or 14pt bold) and UI components (1.4.11)
BLACK = "#000000"
WHITE = "#FFFFFF"

# Explicit ASCII class: \d or str.isdigit would also accept non-ASCII digits.
_HEX = re.compile(r"#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})")

RGB = tuple[int, int, int]


def parse_hex(value: str) -> RGB:
    """'#RRGGBB' or '#RGB' (case-insensitive) -> (r, g, b) in 0..255. ValueError otherwise."""
    match = _HEX.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not a #RGB or #RRGGBB colour: {value!r}")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    # WCAG 2.1 prints 0.03928, sRGB says 0.04045; no 8-bit value lies between them.
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (_linear(c) for c in parse_hex(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(hex1: str, hex2: str) -> float:
    """(L_lighter + 0.05) / (L_darker + 0.05), from 1.0 to 21.0; argument order does not matter."""
    l1, l2 = relative_luminance(hex1), relative_luminance(hex2)
    lighter, darker = max(l1, l2), min(l1, l2)
    return (lighter + 0.05) / (darker + 0.05)


def meets(fg_hex: str, bg_hex: str, threshold: float = AA_BODY) -> bool:
    """True when the pair reaches ``threshold``. No rounding: 4.499 fails AA, as WCAG intends."""
    return contrast_ratio(fg_hex, bg_hex) >= threshold


def readable_on(bg_hex: str) -> str:
    """Black or white text, whichever contrasts more with the background (black on a tie)."""
    if contrast_ratio(bg_hex, BLACK) >= contrast_ratio(bg_hex, WHITE):
        return BLACK
    return WHITE
