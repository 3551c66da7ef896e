"""The WSGI layer that answers anonymous visitors from the page cache before Flask is involved.

A hit costs a cookie check, a key, one lookup (one MGET on Redis) and the stored bytes: about the price of a bare
"hello". Everything else goes to the app unchanged; a candidate that misses carries its key and the generations
read at the start of its rendering to app.cache.pages, which decides whether the answer may be stored.
"""
from werkzeug.http import is_resource_modified

from app.cache.keys import page_key
from app.cache.store import fresh
from app.cities.cache import PAGE_CACHE_CANDIDATE
from app.core import clock

# environ: (key, scope, generations) of a candidate that missed; the city cache reads the generations too
CANDIDATE = PAGE_CACHE_CANDIDATE
# The headers a 304 repeats (RFC 9110 15.4.5): the validator and what caches need to keep using their copy.
NOT_MODIFIED_HEADERS = frozenset({"etag", "cache-control", "vary", "content-location", "expires"})


class PageCacheMiddleware:
    def __init__(self, wsgi_app, store):
        self.wsgi_app = wsgi_app
        self.store = store

    def __call__(self, environ, start_response):
        found = page_key(environ)
        if found is None:
            return self.wsgi_app(environ, start_response)
        key, scope = found
        try:
            entry, generations = self.store.lookup(key, scope)
        except Exception:  # a cache that is down is a slower site, not a broken one
            return self.wsgi_app(environ, start_response)
        now = clock.now().timestamp()
        if fresh(entry, generations, now, self.store.seconds):
            return self.answer(entry, environ, start_response, age=int(now - entry.rendered_at))
        environ[CANDIDATE] = (key, scope, generations)
        return self.wsgi_app(environ, start_response)

    def answer(self, entry, environ, start_response, age: int):
        # Age: how long ago the page was made, so a proxy or browser counts its max-age from then (RFC 9111 5.1)
        extra = [("Age", str(age)), ("X-Kick-Cache", "hit")]
        if not is_resource_modified(environ, etag=entry.etag):
            headers = [(name, value) for name, value in entry.headers if name.lower() in NOT_MODIFIED_HEADERS]
            start_response("304 NOT MODIFIED", headers + extra)
            return []
        start_response(entry.status, list(entry.headers) + extra)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [entry.body]
