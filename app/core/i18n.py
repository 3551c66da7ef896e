"""Locale selection and translated content fields."""
from flask import g, has_request_context, request
from flask_babel import get_locale

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES

LOCALE_COOKIE = "kick_lang"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "fr": "Français", "de": "Deutsch"}


def select_locale() -> str:
    """Explicit choice (cookie set by the switcher) wins, then Accept-Language, then the city's default."""
    if not has_request_context():
        return DEFAULT_LOCALE
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in SUPPORTED_LOCALES:
        return chosen
    best = request.accept_languages.best_match(SUPPORTED_LOCALES)
    if best:
        return best
    city = g.get("city")
    return getattr(city, "default_locale", None) or DEFAULT_LOCALE


def current_locale() -> str:
    return str(get_locale() or DEFAULT_LOCALE) if has_request_context() else DEFAULT_LOCALE


def translate(value, locale: str | None = None, fallback: str | None = None) -> str:
    """Pick a locale's text from a {locale: text} dict, falling back to the city's default locale."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    locale = locale or current_locale()
    if fallback is None:
        city = g.get("city") if has_request_context() else None
        fallback = getattr(city, "default_locale", None) or DEFAULT_LOCALE
    for key in (locale, fallback, DEFAULT_LOCALE):
        text = value.get(key)
        if text:
            return text
    return next((text for text in value.values() if text), "")


def clean_translations(value: dict | None, required: tuple[str, ...] = (DEFAULT_LOCALE,)) -> dict:
    """Keep supported locales with non-blank text; strip whitespace."""
    value = value or {}
    cleaned = {k: v.strip() for k, v in value.items() if k in SUPPORTED_LOCALES and isinstance(v, str) and v.strip()}
    return cleaned
