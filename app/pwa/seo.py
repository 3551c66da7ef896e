"""What search engines and browsers ask the site's root for: /robots.txt, /sitemap.xml and /favicon.ico.

The sitemap lists every public page of every live town: the features register their pages
(`app.core.registry.add_sitemap_part`), each part answering for all towns in one query, so the
sitemap costs a fixed number of queries however many towns, shops and trails there are.
"""
import io
from datetime import datetime
from functools import lru_cache
from xml.sax.saxutils import escape

from flask import Blueprint, Response, current_app, request
from PIL import Image

from app.cities.services import live_cities
from app.core.registry import get_registry
from app.core.urls import external_url
from app.pwa.icons import make_icon

bp = Blueprint("seo", __name__)
MAX_URLS = 50_000  # the sitemap protocol's limit for one file
DAY = 86400
# Pages for people at work and the API are not for search engines (they need a login anyway).
PRIVATE_PATHS = ("/admin/", "/merchant/", "/account/", "/api/", "/*/studio/", "/*/account/")
PLATFORM_COLOURS = ("#1F3A5F", "#FFFFFF")  # the picker's look (base.html without a city)


@bp.route("/robots.txt")
def robots():
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in PRIVATE_PATHS), "",
             f"Sitemap: {external_url('seo.sitemap')}", ""]
    return _cached(Response("\n".join(lines), mimetype="text/plain"), DAY)


@bp.route("/sitemap.xml")
def sitemap():
    cities = live_cities()
    urls = [(external_url("cities.picker"), None), (external_url("privacy.page"), None)]
    for part in get_registry(current_app).sitemap:
        for entry in part.loader(cities):
            urls.append((external_url(entry.endpoint, city=entry.city.slug, **entry.values), entry.lastmod))
    body = ['<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for loc, lastmod in urls[:MAX_URLS]:
        stamp = f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else ""
        body.append(f"<url><loc>{escape(loc)}</loc>{stamp}</url>")
    body.append("</urlset>")
    return _cached(Response("\n".join(body) + "\n", mimetype="application/xml"), 3600)


def _w3c(value) -> str:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")  # aware UTC (UTCDateTime): carries its +00:00
    return value.isoformat()


@bp.route("/favicon.ico")
def favicon():
    response = Response(favicon_ico(), mimetype="image/x-icon")
    response.add_etag()
    return _cached(response, DAY).make_conditional(request)


@lru_cache(maxsize=1)
def favicon_ico() -> bytes:
    """The platform's icon (the picker's "K" on its blue) as a real .ico with 16, 32 and 48 px images."""
    primary, on_primary = PLATFORM_COLOURS
    png = make_icon(48, primary_hex=primary, on_primary_hex=on_primary, monogram="K")
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


@bp.route("/icon.png")
def platform_icon():
    """The platform's icon at 512 px: the share image of the pages outside a city (the picker, privacy)."""
    response = Response(platform_png(), mimetype="image/png")
    response.add_etag()
    return _cached(response, DAY).make_conditional(request)


@lru_cache(maxsize=1)
def platform_png() -> bytes:
    primary, on_primary = PLATFORM_COLOURS
    return make_icon(512, primary_hex=primary, on_primary_hex=on_primary, monogram="K")


def _cached(response: Response, seconds: int) -> Response:
    response.cache_control.public = True
    response.cache_control.max_age = seconds
    return response
