"""Which answers the page cache keeps, and the HTTP caching headers of anonymous public pages.

Runs as the last after_request hook (app.cache puts it first in Flask's list), so it sees the answer exactly as it leaves
the app: compressed, with its security headers and Vary. An answer is kept only when all of these hold:

- the request was a candidate (no cookie but the language, no credentials: app.cache.keys) and missed;
- its endpoint is a public page listed in CACHED_ENDPOINTS, for the town its path names;
- it is a 200 that sets no cookie, its session stayed empty, nobody is logged in, and no view said no-store.

Such a page says ``Cache-Control: public, max-age=10, stale-while-revalidate=20`` and carries a strong ETag, so
browsers, a CDN or a reverse proxy may keep it too: at most 10 s without asking, 20 s more while they refetch.
With the 30 s the server keeps it, what time changes ("open now", "this week") is never more than a minute old.
"""
import hashlib

from flask import current_app, g, request, session

from app.cache.middleware import CANDIDATE
from app.cache.store import Entry
from app.core import clock

# The public pages: the same for every anonymous visitor of an address, in one language.
CACHED_ENDPOINTS = frozenset({
    "cities.picker", "cities.home",
    "trails.index", "trails.green", "trails.detail",
    "shops.index", "shops.detail",
    "agenda.index", "agenda.event",
    "premises_public.index", "premises_public.detail",
    "access.index",
    "privacy.page", "pwa.offline", "pwa.saved",
    "seo.sitemap", "seo.robots",
})
BROWSER_SECONDS = 10
STALE_SECONDS = 20
# Per answer, never shared: the rate limiter's counters (Flask-Limiter's hook runs before this one).
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "x-ratelimit-limit", "x-ratelimit-remaining",
                              "x-ratelimit-reset", "retry-after"})


def _storable(response) -> bool:
    if request.endpoint not in CACHED_ENDPOINTS or response.status_code != 200:
        return False
    city = g.get("city")  # app.cities took it out of the view arguments
    _, scope, _ = request.environ[CANDIDATE]
    if (city.slug if city is not None else "") != scope:  # a page is retired with the town its path names
        return False
    user = g.get("_login_user")
    return not (response.headers.getlist("Set-Cookie") or session or session.modified
                or (user is not None and user.is_authenticated)
                or response.cache_control.no_store or response.cache_control.private
                or response.is_streamed)


def keep_public_page(response):
    if request.environ.get(CANDIDATE) is None or not _storable(response):
        if request.environ.get(CANDIDATE) is not None:
            response.headers["X-Kick-Cache"] = "miss"
        return response
    store = current_app.extensions["kick_page_cache"]
    key, scope, generations = request.environ[CANDIDATE]
    body = response.get_data()
    response.set_etag(hashlib.blake2b(body, digest_size=12).hexdigest())
    cache_control = response.cache_control
    cache_control.public = True
    cache_control.max_age = BROWSER_SECONDS
    cache_control.stale_while_revalidate = STALE_SECONDS
    if None in generations:
        try:
            store.initialise(scope)
        except Exception:
            current_app.logger.warning("page cache: could not reach the cache", exc_info=True)
    else:
        headers = tuple((name, value) for name, value in response.headers.items()
                        if name.lower() not in UNSTORED_HEADERS)
        entry = Entry(status=response.status, headers=headers, body=body, etag=response.get_etag()[0],
                      rendered_at=g.get("page_cache_started", clock.now().timestamp()), generations=generations)
        try:
            store.save(key, entry)
        except Exception:  # a cache that is down is a slower site, not a broken one
            current_app.logger.warning("page cache: could not store a page", exc_info=True)
    response.headers["X-Kick-Cache"] = "miss"
    return response.make_conditional(request)


def note_render_start():
    """before_request: the page's time is when its rendering began (what it says of "open now" is from then)."""
    if request.environ.get(CANDIDATE) is not None:
        g.page_cache_started = clock.now().timestamp()
