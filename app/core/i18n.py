"""Locale selection and translated content fields."""
from functools import lru_cache

from flask import g, has_app_context, has_request_context, request
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header
from flask_babel import get_locale

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES

LOCALE_COOKIE = "kick_lang"
LANG_PARAM = "lang"  # ?lang=fr: a page's address in one language (search engines, shared links)
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "fr": "Français", "de": "Deutsch"}


def select_locale() -> str:
    """The address's ?lang wins, then the explicit choice (cookie set by the switcher), then
    Accept-Language, then the city's default; inside a city, only among the languages that city offers
    (`City.locales`): an unknown or unoffered ?lang is ignored like an unknown cookie."""
    if not has_request_context():
        return DEFAULT_LOCALE
    city = g.get("city")
    offered = offered_locales(city)
    asked = url_locale()
    if asked:
        return asked
    chosen = request.cookies.get(LOCALE_COOKIE)
    if chosen in offered:
        return chosen
    for code in accepted_languages(request.headers.get("Accept-Language")):
        if code == "*":
            return offered[0]
        if code in offered:
            return code
    return getattr(city, "default_locale", None) or DEFAULT_LOCALE


@lru_cache(maxsize=512)
def accepted_languages(header: str | None) -> tuple[str, ...]:
    """The languages we have that an Accept-Language header asks for, most wanted first, as primary tags
    ("en-US;q=0.9, nl" -> ("nl", "en")); "*" (any) ends the list. The page's language is the first of these
    that the city offers, and the shared page cache keys on this tuple (app.cache): two headers with the
    same tuple get the same page, and the tuple has a few dozen values at most, whatever a client sends."""
    wanted: list[str] = []
    for value, quality in parse_accept_header(header or "", LanguageAccept):
        if quality <= 0:
            continue
        code = "*" if value == "*" else value.replace("_", "-").split("-", 1)[0].lower()
        if code == "*" or code in SUPPORTED_LOCALES:
            if code not in wanted:
                wanted.append(code)
            if code == "*":
                break
    return tuple(wanted)


def url_locale() -> str | None:
    """The language the address itself asks for (?lang=xx), when the page may be shown in it."""
    asked = request.args.get(LANG_PARAM)
    return asked if asked in offered_locales(g.get("city")) else None


def vary_by_language(response):
    """Say that the words of a response follow the visitor's cookie or Accept-Language, so a shared
    cache keeps one copy per language. Adds to any Vary already there (Accept-Encoding from gzip)."""
    response.vary.add("Accept-Language")
    response.vary.add("Cookie")
    return response


def remember_language(response, code: str):
    """The visitor's choice of language, kept for a year on this device (the switcher, or an address with ?lang)."""
    from flask import current_app
    response.set_cookie(LOCALE_COOKIE, code, max_age=60 * 60 * 24 * 365, samesite="Lax",
                        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True)
    return response


def vary_html_by_language(response):
    """after_request: an HTML page whose language was not fixed by its address (?lang) varies by it; one that
    was opened with ?lang keeps that language for the next pages (their links carry no ?lang: someone who
    followed a French link or search result would otherwise be back in Dutch on the next tap)."""
    if response.mimetype != "text/html":
        return response
    asked = url_locale()
    if not asked:
        vary_by_language(response)
    elif request.method == "GET" and response.status_code == 200 and request.cookies.get(LOCALE_COOKIE) != asked:
        remember_language(response, asked)
    return response


def offered_locales(city=None) -> tuple[str, ...]:
    """The languages a page may be shown in: the city's choice, or all of them outside a city."""
    return tuple(getattr(city, "locales", None) or SUPPORTED_LOCALES)


# Locale -> its code; str(Locale) rebuilds the string on every call and a page asks ~40 times.
_LOCALE_CODES: dict = {}


def current_locale() -> str:
    """The request's language, or the one forced with force_locale (a mail composed in a job or a CLI
    command speaks its recipient's language too); Dutch where neither is known."""
    if not has_app_context():
        return DEFAULT_LOCALE
    locale = get_locale()
    if locale is None:
        return DEFAULT_LOCALE
    code = _LOCALE_CODES.get(locale)
    if code is None:
        code = _LOCALE_CODES[locale] = str(locale)
    return code


def install_template_gettext(app) -> None:
    """Templates' _() with the catalogue kept per locale: Flask-Babel finds it anew on every call (~10 µs,
    and a page makes ~50 calls). Keyed by the active locale, so force_locale() still switches language."""
    from flask_babel import get_translations
    catalogues: dict = {}

    def catalogue():
        locale = get_locale()
        if locale is None:  # outside an app context: Flask-Babel's untranslated fallback
            return get_translations()
        found = catalogues.get(locale)
        if found is None:
            found = catalogues[locale] = get_translations()
        return found

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: catalogue().ugettext(s),
        ngettext=lambda s, p, n: catalogue().ungettext(s, p, n),
        pgettext=lambda c, s: catalogue().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalogue().unpgettext(c, s, p, n),
        newstyle=True)


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
