"""City icons drawn on demand with Pillow (app.pwa.icons) and kept in a small in-process LRU.

The cache key holds every input of the drawing (colours, monogram, logo key, size), so a theme
change can never serve a stale icon, and the ETag is a hash of that same key.
"""
import hashlib
from dataclasses import dataclass
from functools import lru_cache

from app.pwa.icons import IconError, make_icon

APPLE_TOUCH_SIZE = 180  # iOS home screen, opaque (iOS paints transparency black)
ANY_SIZES = (192, 512)


@dataclass(frozen=True)
class IconSpec:
    size: int
    maskable: bool
    primary: str
    on_primary: str
    monogram: str
    logo_key: str | None

    @property
    def etag(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:20]


def spec_for(city, size: int, maskable: bool) -> IconSpec:
    return IconSpec(size, maskable, city.primary_color, city.on_primary, city.monogram, city.logo_key)


class _LogoUnavailable(Exception):
    """Raised inside the cached function so a failed logo is never cached (lru_cache skips errors)."""


def icon_png(spec: IconSpec) -> bytes:
    try:
        return _draw(spec)
    except _LogoUnavailable:
        # A missing or undrawable logo falls back to the monogram, never to a broken icon.
        return _draw(IconSpec(spec.size, spec.maskable, spec.primary, spec.on_primary, spec.monogram, None))


@lru_cache(maxsize=64)
def _draw(spec: IconSpec) -> bytes:
    theme = dict(primary_hex=spec.primary, on_primary_hex=spec.on_primary, monogram=spec.monogram,
                 maskable=spec.maskable)
    if spec.logo_key is None:
        return make_icon(spec.size, **theme)
    logo = _logo_bytes(spec.logo_key)
    if logo is None:
        raise _LogoUnavailable
    try:
        return make_icon(spec.size, logo_png=logo, **theme)
    except IconError:
        raise _LogoUnavailable from None


def _logo_bytes(key: str) -> bytes | None:
    from app.media.service import storage
    try:
        return storage().open(key)
    except Exception:  # noqa: BLE001 - a missing file must not break the app icon
        return None
