"""Theme rules and the one service that saves a city's look (studio).

Colour pairs checked against WCAG 2.1 AA (app.core.contrast), because of how app.css uses them:
  text on background          >= 4.5  body text
  primary on background       >= 4.5  links and headings are drawn in the primary colour
  black/white on primary      >= 4.5  top bar, hero and buttons (readable_on picks the better one)
  accent on background        >= 3.0  focus ring and other UI parts (SC 1.4.11)
Logos: PNG, JPEG or WebP, re-encoded by app.media (no metadata, no scripts). SVG is refused: an SVG
is a document that can carry scripts and external references, and rasterising it safely would need
a renderer we do not ship; the message tells the marketer to export a PNG instead.
"""
import math
import re
from dataclasses import dataclass

from flask_babel import format_decimal, lazy_gettext as _l

from app.cities.tiles import MAX_ATTRIBUTION, MAX_TILE_URL, clean_attribution, tile_errors  # noqa: F401
from app.config import SUPPORTED_LOCALES
from app.core.contrast import AA_BODY, AA_LARGE, contrast_ratio, readable_on
from app.core.problem import ProblemError
from app.extensions import db
from app.media.service import delete_image, save_image

HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
MAX_TAGLINE = 120


@dataclass(frozen=True)
class ContrastCheck:
    field: str  # the form field the refusal is shown on
    label: object
    foreground: str
    background: str
    needed: float
    ratio: float

    @property
    def ok(self) -> bool:
        return self.ratio >= self.needed  # no rounding: 4.499 fails, as WCAG intends

    @property
    def shown_ratio(self) -> str:
        # Round down, so a refused 4.499 never reads as "4.50".
        return format_decimal(math.floor(self.ratio * 100) / 100, format="0.00")

    @property
    def shown_needed(self) -> str:
        return format_decimal(self.needed, format="0.0")


def contrast_checks(primary: str, accent: str, background: str, text: str) -> list[ContrastCheck]:
    on_primary = readable_on(primary)
    pairs = (
        ("text_color", _l("Text on background"), text, background, AA_BODY),
        ("primary_color", _l("Primary colour (links) on background"), primary, background, AA_BODY),
        ("primary_color", _l("Text on the primary colour (top bar, buttons)"), on_primary, primary, AA_BODY),
        ("accent_color", _l("Accent (focus ring) on background"), accent, background, AA_LARGE),
    )
    return [ContrastCheck(field, label, fg, bg, needed, contrast_ratio(fg, bg))
            for field, label, fg, bg, needed in pairs]


def contrast_errors(checks: list[ContrastCheck]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for check in checks:
        if not check.ok:
            errors.setdefault(check.field, []).append(str(_l(
                "%(pair)s: contrast %(ratio)s:1 is too low, at least %(needed)s:1 is needed.",
                pair=check.label, ratio=check.shown_ratio, needed=check.shown_needed)))
    return errors


def looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and (b"<svg" in head or head.startswith(b"<?xml"))


@dataclass
class ThemeInput:
    primary_color: str
    accent_color: str
    background_color: str
    text_color: str
    tagline: dict
    tile_url: str
    tile_attribution: str
    logo: bytes | None = None
    hero: bytes | None = None
    remove_logo: bool = False
    remove_hero: bool = False


def save_theme(city, data: ThemeInput) -> None:
    """Validate everything first, then store images, then commit once; nothing half-written."""
    colours = {name: getattr(data, name).upper() for name in
               ("primary_color", "accent_color", "background_color", "text_color")}
    errors = _validate(colours, data)
    if errors:
        raise ProblemError(422, "The theme has invalid fields.", code="theme_invalid", errors=errors)

    new_keys: list[str] = []
    try:
        logo_key = _store(data.logo, city, "logo", new_keys) if data.logo else None
        hero_key = _store(data.hero, city, "hero", new_keys) if data.hero else None
        old_keys = []
        if logo_key or data.remove_logo:
            old_keys.append(city.logo_key)
            city.logo_key = logo_key
        if hero_key or data.remove_hero:
            old_keys.append(city.hero_key)
            city.hero_key = hero_key
        for name, value in colours.items():
            setattr(city, name, value)
        city.tagline = data.tagline
        city.tile_url = data.tile_url
        city.tile_attribution = clean_attribution(data.tile_attribution)
        city.theme_version = (city.theme_version or 0) + 1  # new icon URLs, manifest and worker
        db.session.commit()
    except Exception:  # the caller's unit of work (or the error handler) rolls back; the files are ours
        for key in new_keys:
            delete_image(*_variant_keys(key))
        raise
    for key in old_keys:
        delete_image(*_variant_keys(key))


def _validate(colours: dict, data: ThemeInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    bad = [name for name, value in colours.items() if not HEX_COLOUR.fullmatch(value)]
    for name in bad:
        errors[name] = [str(_l("Use a colour like #1A2B3C."))]
    if not bad:
        errors.update(contrast_errors(contrast_checks(
            colours["primary_color"], colours["accent_color"], colours["background_color"], colours["text_color"])))
    if not (data.tagline or {}).get("nl"):
        errors["tagline_nl"] = [str(_l("The Dutch tagline is required."))]
    for locale, text in (data.tagline or {}).items():
        if locale not in SUPPORTED_LOCALES or len(text) > MAX_TAGLINE:
            errors[f"tagline_{locale}"] = [str(_l("At most %(num)d characters.", num=MAX_TAGLINE))]
    errors.update(tile_errors(data.tile_url, data.tile_attribution)[1])
    if data.logo and looks_like_svg(data.logo):
        errors["logo"] = [str(_l("SVG logos are not accepted. Export the logo as PNG "
                                 "(a transparent background works well)."))]
    return errors


def _store(upload: bytes, city, field: str, new_keys: list[str]) -> str:
    stored = save_image(upload, f"cities/{city.slug}/{field}", field=field)
    # The logo is shown small and drawn into icons of at most 512 px: the 400 px thumb is plenty.
    key = stored.thumb_key if field == "logo" else stored.phone_key
    new_keys.append(key)
    return key


def _variant_keys(key: str | None) -> tuple[str, ...]:
    """A city keeps one variant's key; its sibling (phone/thumb) was stored next to it by save_image."""
    if not key:
        return ()
    stem, _, ext = key.rpartition(".")
    for variant in ("-phone", "-thumb"):
        if stem.endswith(variant):
            base = stem[:-len(variant)]
            return f"{base}-phone.{ext}", f"{base}-thumb.{ext}"
    return (key,)
