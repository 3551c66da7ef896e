"""The shared page cache for anonymous visitors (issue 18): pages rendered once, served at the speed of a hello.

- app.cache.keys: which requests are candidates and their key (read off the WSGI environ).
- app.cache.middleware: answers hits before Flask, with 304 for a matching ETag.
- app.cache.pages: which answers are kept, and their Cache-Control / ETag.
- app.cache.store: Redis (REDIS_URL, shared by every worker and host) or in-process pages, and generations.
- app.cache.invalidation: every committed write to public content retires its town's pages.

KICK_PAGE_CACHE=0 turns it off; KICK_PAGE_CACHE_SECONDS (default 30) bounds how old a served page may be.
"""
import os

from app.cache import invalidation, pages
from app.cache.middleware import PageCacheMiddleware
from app.cache.store import FileGenerationStore, PageStore
from app.extensions import cache


def init_app(app):
    config = app.config
    redis_url = config.get("REDIS_URL")
    if redis_url:
        config.setdefault("CACHE_TYPE", "RedisCache")
        config.setdefault("CACHE_REDIS_URL", redis_url)
        # A Redis that hangs must cost a page its cache, not a worker its thread.
        config.setdefault("CACHE_OPTIONS", {"socket_timeout": 0.5, "socket_connect_timeout": 0.5})
    else:
        config.setdefault("CACHE_TYPE", "SimpleCache")
        config.setdefault("CACHE_THRESHOLD", 2000)  # pages per worker, ~25 MB of gzipped HTML at most
    config.setdefault("CACHE_KEY_PREFIX", "kick:cache:")
    cache.init_app(app)
    if not config.get("KICK_PAGE_CACHE", True):
        return
    backend = app.extensions["cache"][cache]
    seconds = float(config.get("KICK_PAGE_CACHE_SECONDS", 30))
    if redis_url:
        store = PageStore(backend, seconds)
    else:
        path = config.get("KICK_PAGE_CACHE_GENERATION_FILE") or os.path.join(app.instance_path, "page-cache.generation")
        store = FileGenerationStore(backend, seconds, path)
    app.extensions["kick_page_cache"] = store
    invalidation.install()
    app.before_request(pages.note_render_start)
    # Last of all after_request hooks (Flask runs them from the end of the list): the answer exactly as it
    # leaves the app, security headers and compression included, and any cookie another hook set.
    app.after_request_funcs.setdefault(None, []).insert(0, pages.keep_public_page)
    # Outside the host guard (app.security, a refused host never reaches a stored page) and inside ProxyFix
    # (app.ops wraps later, outside this: the key sees the scheme and host the visitor used).
    app.wsgi_app = PageCacheMiddleware(app.wsgi_app, store)
