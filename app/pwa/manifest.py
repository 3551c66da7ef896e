"""The web app manifest of one city (https://www.w3.org/TR/appmanifest/)."""
from flask import current_app, url_for
from flask_babel import force_locale

from app.core.i18n import translate
from app.core.registry import get_registry

# (route kind, pixel size, purpose) of the icons listed in every manifest.
MANIFEST_ICONS = (("any", 192, "any"), ("any", 512, "any"), ("maskable", 512, "maskable"))


def icon_url(city, kind: str, size: int) -> str:
    """Icon URLs carry the theme version, so a new theme is a new URL (no stale icon caches)."""
    if kind == "maskable":
        return url_for("pwa.maskable_icon", city=city.slug, v=city.theme_version)
    if kind == "apple":
        return url_for("pwa.apple_touch_icon", city=city.slug, v=city.theme_version)
    return url_for("pwa.icon", city=city.slug, size=size, v=city.theme_version)


def build_manifest(city, locale: str) -> dict:
    name = translate(city.names, locale=locale, fallback=city.default_locale)
    home = url_for("cities.home", city=city.slug)
    manifest = {
        "id": home,
        "name": f"{name} · KICK City",
        "short_name": name,
        "description": translate(city.tagline, locale=locale, fallback=city.default_locale),
        "lang": locale,
        "dir": "ltr",
        "start_url": home,
        "scope": home,
        "display": "standalone",
        "theme_color": city.primary_color,
        "background_color": city.background_color,
        "categories": ["travel", "shopping", "lifestyle"],
        "icons": [{"src": icon_url(city, kind, size), "sizes": f"{size}x{size}", "type": "image/png",
                   "purpose": purpose} for kind, size, purpose in MANIFEST_ICONS],
    }
    shortcuts = _shortcuts(city, locale)
    if shortcuts:
        manifest["shortcuts"] = shortcuts
    return manifest


def _shortcuts(city, locale: str) -> list[dict]:
    """Long-press shortcuts: the city's main tabs (whatever features registered), home excluded."""
    shortcuts = []
    with force_locale(locale):
        for item in get_registry(current_app).nav:
            if item.endpoint == "cities.home":
                continue
            try:
                url = url_for(item.endpoint, city=city.slug)
            except Exception:  # noqa: BLE001 - a tab whose endpoint needs more arguments
                continue
            shortcuts.append({"name": str(item.label), "url": url})
    return shortcuts[:4]
