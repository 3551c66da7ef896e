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
from app.core.i18n import LANG_PARAM, offered_locales
from app.core.registry import get_registry
from app.core.urls import external_url
from app.pwa.icons import make_icon

bp = Blueprint("seo", __name__)
MAX_URLS = 50_000  # the sitemap protocol's limit for one file
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"  # the hreflang alternates (xhtml:link) of each page
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
    """One <url> per page and language (its ?lang address, CONTRIBUTING "Languages"), each naming the
    page's other languages and its bare address (x-default) as xhtml:link alternates."""
    cities = live_cities()
    everywhere = offered_locales(None)
    pages = [("cities.picker", {}, everywhere, None), ("privacy.page", {}, everywhere, None)]
    for part in get_registry(current_app).sitemap:
        for entry in part.loader(cities):
            pages.append((entry.endpoint, {"city": entry.city.slug, **entry.values},
                          offered_locales(entry.city), entry.lastmod))
    body = ['<?xml version="1.0" encoding="UTF-8"?>',
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">']
    count = 0
    for endpoint, values, locales, lastmod in pages:
        addresses = {code: external_url(endpoint, **values, **{LANG_PARAM: code}) for code in locales}
        links = "".join(f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(url)}"/>'
                        for code, url in addresses.items())
        links += f'<xhtml:link rel="alternate" hreflang="x-default" href="{escape(external_url(endpoint, **values))}"/>'
        stamp = f"<lastmod>{_w3c(lastmod)}</lastmod>" if lastmod else ""
        for url in addresses.values():
            if count == MAX_URLS:
                break
            body.append(f"<url><loc>{escape(url)}</loc>{stamp}{links}</url>")
            count += 1
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
