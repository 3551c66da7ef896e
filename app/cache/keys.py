"""Which requests may be answered from the shared page cache, and under which key.

Read off the WSGI environ alone, because the cache answers before Flask makes a request (app.cache.middleware),
and the same function names the entry when Flask stores the page (app.cache.pages): one definition, so a page is
never stored under one key and looked up under another.

A request is a candidate when it is a GET or HEAD without credentials: no Authorization header and no cookie
but the language choice. Every cookie the app sets for a person (the session, the "remember me" of an anonymous
shopper with cards, a flashed message) therefore takes that person past the cache.
"""
import hashlib

from werkzeug.http import parse_cookie

from app.core.i18n import LOCALE_COOKIE, accepted_languages
from app.config import SUPPORTED_LOCALES

# Paths the cache never looks up: files served elsewhere (WhiteNoise, media) and the JSON API.
SKIPPED_PREFIXES = ("/static/", "/media/", "/api/")
ANONYMOUS_COOKIES = frozenset({LOCALE_COOKIE})


def anonymous_language(environ) -> str | None:
    """The language cookie when that is the only cookie; False-y "" when there is none; None when the request
    carries any other cookie or credentials (then it is no candidate)."""
    if environ.get("HTTP_AUTHORIZATION"):
        return None
    header = environ.get("HTTP_COOKIE")
    if not header:
        return ""
    cookies = parse_cookie(header)
    if any(name not in ANONYMOUS_COOKIES for name in cookies):
        return None
    chosen = cookies.get(LOCALE_COOKIE, "")
    return chosen if chosen in SUPPORTED_LOCALES else ""


def scope_of(path: str) -> str:
    """The town a path belongs to ("/brugge/shops/" -> "brugge"); "" for the pages of the platform ("/",
    "/privacy", "/sitemap.xml"). Every city route is /<city>/..., so a second slash marks a town's page."""
    first, slash, _ = path[1:].partition("/")
    return first if slash else ""


def page_key(environ) -> tuple[str, str] | None:
    """(key, scope) of a candidate request, None for one that must go to the app."""
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    path = environ.get("PATH_INFO") or "/"
    if path.startswith(SKIPPED_PREFIXES):
        return None
    language = anonymous_language(environ)
    if language is None:
        return None
    # What the page's words and bytes depend on besides the address: the language inputs (the cookie, and
    # Accept-Language as the app reads it) and whether the answer is gzipped (app.pwa.compression).
    gzip = "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "").lower()
    parts = (environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST", ""), environ.get("SCRIPT_NAME", ""),
             path, environ.get("QUERY_STRING", ""), language,
             ",".join(accepted_languages(environ.get("HTTP_ACCEPT_LANGUAGE"))), "gz" if gzip else "")
    digest = hashlib.blake2b("\n".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return f"page:{digest}", scope_of(path)
