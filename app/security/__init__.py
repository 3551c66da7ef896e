"""Security headers on every response: CSP, framing, sniffing, referrer and browser-feature policies,
HSTS in production.

The Content-Security-Policy is a pure function of the page: no per-response nonce, so a shared page
cache may hand one stored answer, headers and all, to every anonymous visitor. Scripts are files only
(`script-src 'self'`; `<script type="application/json">` data blocks are never executed, so CSP leaves
them alone). The few inline `<style>` blocks (a town's colours as CSS custom properties) are written
with ``{% call inline_style() %}...{% endcall %}``, which records the sha256 of the block's exact text;
``style-src`` then lists ``'sha256-...'`` for each block of this page and nothing else.

Browser features (camera, geolocation) are off everywhere unless an endpoint opts in, either with
the ``@allow_browser_features("geolocation")`` decorator on the view or through the
``KICK_BROWSER_FEATURES`` map (endpoint or blueprint name -> features), so a feature package can
declare it in its ``init_app`` without touching this module.
"""
import base64
import hashlib
import re
from urllib.parse import urlsplit

from flask import current_app, g, request
from markupsafe import Markup

from app.cities.models import DEFAULT_TILE_URL

# Everything a page could ask the browser for; each is denied unless the endpoint opts in.
BROWSER_FEATURES = ("camera", "geolocation", "microphone", "payment", "usb")
DEFAULT_FEATURE_MAP = {
    "cities.picker": ("geolocation",),  # "nearest city first"
    "trails": ("geolocation",),  # the blue dot on a trail map
    "merchant.edit": ("geolocation",),  # "use my location" to pin the shop on the map
}
HOSTNAME = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")
HSTS = "max-age=31536000; includeSubDomains"
# The app.extensions key of the static files' headers, read by app.ops.static_files (which may not import this
# package; the factory registers security before ops).
STATIC_FILE_HEADERS = "kick.static_file_headers"


def allow_browser_features(*features: str):
    """Decorator: let this view's page use the given browser features (e.g. "camera")."""
    unknown = set(features) - set(BROWSER_FEATURES)
    if unknown:
        raise ValueError(f"unknown browser features: {sorted(unknown)}")

    def mark(view):
        view.kick_browser_features = tuple(features)
        return view
    return mark


def grant_browser_features(app, name: str, *features: str) -> None:
    """Let an endpoint ("loyalty.scan") or a whole blueprint ("trails") use browser features;
    for a feature's init_app, which may run before or after this module's."""
    allow_browser_features(*features)  # validates the names
    feature_map = app.config.setdefault("KICK_BROWSER_FEATURES", {})
    feature_map[name] = tuple(sorted(set(feature_map.get(name, ())) | set(features)))


def tile_host(tile_url: str | None) -> str | None:
    """The CSP host source of a Leaflet tile template: https://{s}.tile.x.org/... -> https://*.tile.x.org"""
    parts = urlsplit((tile_url or DEFAULT_TILE_URL).replace("{s}", "SUBDOMAIN"))
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return None
    # The tile URL is typed in the studio: a strict host pattern keeps it from adding directives.
    if parts.scheme not in ("https", "http") or not HOSTNAME.fullmatch(parts.hostname or ""):
        return None
    host = parts.hostname.replace("subdomain", "*")  # urlsplit lowercases the hostname
    return f"{parts.scheme}://{host}{port}"


def style_hash(css: str) -> str:
    """The CSP hash source of an inline <style> block's text: what the browser hashes (UTF-8 bytes)."""
    return "sha256-" + base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")


def inline_style(caller) -> Markup:
    """Jinja: ``{% call inline_style() %}:root{--primary: {{ c }}}{% endcall %}`` writes ``<style>...</style>``
    and allows exactly that text in this response's style-src (by hash, so identical for every visitor)."""
    css = str(caller())
    if "</style" in css.lower():  # template text only: autoescaped values cannot contain "<"
        raise ValueError("an inline style block cannot contain </style")
    hashes = g.setdefault("csp_style_hashes", [])
    digest = style_hash(css)
    if digest not in hashes:
        hashes.append(digest)
    return Markup(f"<style>{css}</style>")


def content_security_policy(style_hashes: list[str] | tuple[str, ...], tile_url: str | None) -> str:
    tiles = tile_host(tile_url)
    extra = f" {tiles}" if tiles else ""
    styles = "".join(f" '{digest}'" for digest in style_hashes)
    directives = [
        "default-src 'self'",
        "script-src 'self'",  # no inline script at all: the page is the same for everyone, so is its policy
        # No 'unsafe-inline': style sheets are files, each inline <style> block is allowed by its hash
        # (inline_style) and no template or script writes a style="" attribute. Leaflet moves tiles
        # through the CSSOM (element.style), which CSP does not restrict.
        f"style-src 'self'{styles}",
        f"img-src 'self' data: blob:{extra}",
        f"connect-src 'self'{extra}",  # the service worker caches the tiles a visitor has seen
        "font-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


def enabled_features() -> set[str]:
    endpoint = request.endpoint or ""
    view = current_app.view_functions.get(endpoint)
    features = set(getattr(view, "kick_browser_features", ()))
    feature_map = current_app.config["KICK_BROWSER_FEATURES"]
    features.update(feature_map.get(endpoint, ()))
    if request.blueprint:
        features.update(feature_map.get(request.blueprint, ()))
    return features


def permissions_policy() -> str:
    allowed = enabled_features()
    return ", ".join(f"{name}=(self)" if name in allowed else f"{name}=()" for name in BROWSER_FEATURES)


def fixed_headers(app) -> dict[str, str]:
    """The headers that are the same on every answer, pages and static files alike."""
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",  # for browsers without frame-ancestors
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        # Nothing we serve is for other sites to embed (no hotlinked photos, no cross-site reads).
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    if app.config["KICK_ENV"] == "production":
        headers["Strict-Transport-Security"] = HSTS
    return headers


def static_file_headers(app) -> dict[str, str]:
    """The headers of a static file (app.ops.static_files answers those before Flask sees the request):
    the fixed ones, the page policy without inline styles and no browser features."""
    return {**fixed_headers(app), "Content-Security-Policy": content_security_policy((), None),
            "Permissions-Policy": ", ".join(f"{name}=()" for name in BROWSER_FEATURES)}


def add_security_headers(response):
    headers = response.headers
    city = g.get("city")
    # A view may set a stricter policy of its own (e.g. a standalone SVG); never loosen it.
    if "Content-Security-Policy" not in headers:
        headers["Content-Security-Policy"] = content_security_policy(
            g.get("csp_style_hashes", ()), getattr(city, "tile_url", None))
    for name, value in fixed_headers(current_app).items():
        headers.setdefault(name, value)
    headers.setdefault("Permissions-Policy", permissions_policy())
    return response


def init_app(app):
    from app.security import caching, hosts
    for name, features in DEFAULT_FEATURE_MAP.items():
        grant_browser_features(app, name, *features)
    app.jinja_env.globals["inline_style"] = inline_style
    app.extensions[STATIC_FILE_HEADERS] = static_file_headers(app)
    app.after_request(add_security_headers)
    caching.init_app(app)
    hosts.init_app(app)
