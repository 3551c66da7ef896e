"""The web app manifest of one city (https://www.w3.org/TR/appmanifest/)."""
from pathlib import Path

from flask import current_app, url_for
from flask_babel import force_locale, gettext as _

from app.core.i18n import translate
from app.core.registry import get_registry

# (route kind, pixel size, purpose) of the icons listed in every manifest.
MANIFEST_ICONS = (("any", 192, "any"), ("any", 512, "any"), ("maskable", 512, "maskable"))
# The richer install dialog's pictures, per city: static/img/screenshots/<city>-<form factor>.png, made from the
# demo by scripts/manifest_screenshots.py. (form factor, width, height); a city without them lists none.
SCREENSHOTS = (("narrow", 390, 844), ("wide", 1280, 800))
# The page each picture shows (its label below says so): the home page on a phone, the walks list on a laptop
# (a list that looks the same without map tiles, which the capturing machine cannot load).
SCREENSHOT_PAGES = {"narrow": "/{city}/", "wide": "/{city}/trails/"}
SCREENSHOT_DIR = "img/screenshots"
# A long-press shortcut's icon: static/img/shortcuts/<nav icon>.png (drawn by the same script).
SHORTCUT_ICON_DIR = "img/shortcuts"
SHORTCUT_ICON_PX = 96


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
    screenshots = _screenshots(city, locale, name)
    if screenshots:
        manifest["screenshots"] = screenshots
    return manifest


def screenshot_file(city_slug: str, form_factor: str) -> str:
    return f"{SCREENSHOT_DIR}/{city_slug}-{form_factor}.png"


def shortcut_icon_file(icon: str) -> str:
    return f"{SHORTCUT_ICON_DIR}/{icon}.png"


def _static_exists(filename: str) -> bool:
    return (Path(current_app.static_folder) / filename).is_file()


def _screenshots(city, locale: str, name: str) -> list[dict]:
    static_url = current_app.jinja_env.globals["static_url"]
    with force_locale(locale):
        # The pictures are of the Dutch pages: the labels name the page, never the language it is in.
        labels = {"narrow": _("%(city)s on a phone: the home page with its shops", city=name),
                  "wide": _("%(city)s on a laptop: the list of walks", city=name)}
    return [{"src": static_url(screenshot_file(city.slug, form)), "sizes": f"{width}x{height}", "type": "image/png",
             "form_factor": form, "label": labels[form]}
            for form, width, height in SCREENSHOTS if _static_exists(screenshot_file(city.slug, form))]


def _shortcuts(city, locale: str) -> list[dict]:
    """Long-press shortcuts: the city's main tabs (whatever features registered), home excluded."""
    shortcuts = []
    static_url = current_app.jinja_env.globals["static_url"]
    with force_locale(locale):
        for item in get_registry(current_app).nav:
            if item.endpoint == "cities.home":
                continue
            try:
                url = url_for(item.endpoint, city=city.slug)
            except Exception:  # noqa: BLE001 - a tab whose endpoint needs more arguments
                continue
            shortcut = {"name": str(item.label), "url": url}
            if _static_exists(shortcut_icon_file(item.icon)):
                shortcut["icons"] = [{"src": static_url(shortcut_icon_file(item.icon)), "type": "image/png",
                                      "sizes": f"{SHORTCUT_ICON_PX}x{SHORTCUT_ICON_PX}"}]
            shortcuts.append(shortcut)
    return shortcuts[:4]
