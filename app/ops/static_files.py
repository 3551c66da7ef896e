"""Static files (/static/...) served by WhiteNoise, a WSGI layer in front of Flask: no Python view, no
per-request compression, the file handed to gunicorn's sendfile.

- Compression is done once, at setup (``scripts/vendor_assets.py`` writes ``.br`` and ``.gz`` next to each
  file, see ``compress_static``); WhiteNoise picks the smallest one the browser accepts and says
  ``Vary: Accept-Encoding``. A variant older or newer than its file (the file changed since) is not served;
  without variants the plain file goes out.
- Caching: a URL whose ``?v=`` is the file's fingerprint (``static_url()`` writes it) is cached for a year
  (``public, max-age=31536000, immutable``); any other URL for a minute and then revalidated with WhiteNoise's
  ETag / Last-Modified. WhiteNoise decides per file and never sees the query string, so this layer swaps the
  Cache-Control header itself. A wrong fingerprint (an old worker asked for a new file during a rolling
  deploy) is not immutable, so no browser keeps the old content under the new URL.
- Security headers: those of app.security for static files, set once per file.
- An untrusted Host is left to Flask (app.security.hosts answers 400), and so is every path WhiteNoise does
  not know: Flask's ``static`` endpoint stays for ``url_for``/``static_url`` only and answers 404, so
  traversal tricks and missing files never reach the disk.

The layer sits inside ProxyFix (this package installs it just before ProxyFix) and outside the host guard,
so it checks the (forwarded) host with the same werkzeug rule. With ``app.debug`` (``flask run --debug``)
it looks the files up on every request (autorefresh).
"""
import os
from pathlib import Path
from urllib.parse import parse_qs

from flask import abort
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host
from whitenoise import WhiteNoise
from whitenoise.compress import Compressor
from whitenoise.string_utils import decode_path_info

from app.core.fingerprint import file_fingerprint

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT_MAX_AGE = 60  # seconds; then revalidated (304 when unchanged)
IN_MEMORY_MAX_BYTES = 256 * 1024  # larger files (none today) go out with sendfile
MEDIA_TYPES = {".webmanifest": "application/manifest+json", ".geojson": "application/geo+json",
               ".gpx": "application/gpx+xml", ".mjs": "text/javascript"}
# Set by app.security.init_app (registered before ops).
HEADERS_KEY = "kick.static_file_headers"


class StaticFiles(WhiteNoise):
    def __init__(self, wsgi_app, app, root: str | os.PathLike, prefix: str = "/static/"):
        self.app = app
        self.file_headers = dict(app.extensions[HEADERS_KEY])
        self.fingerprints: dict[str, str] = {}
        self.bodies: dict[str, bytes] = {}  # the bytes of each small file (or variant) served so far
        super().__init__(wsgi_app, autorefresh=app.debug, max_age=SHORT_MAX_AGE, allow_all_origins=False,
                         mimetypes=MEDIA_TYPES, add_headers_function=self.add_security_headers)
        self.add_files(str(root), prefix)

    def __call__(self, environ, start_response):
        path = decode_path_info(environ.get("PATH_INFO", ""))
        static_file = self.find_file(path) if self.autorefresh else self.files.get(path)
        if static_file is None or not self.host_trusted(environ):
            return self.application(environ, start_response)
        if self.fingerprint_matches(static_file, environ.get("QUERY_STRING", "")):
            start_response = immutable(start_response)
        return self.serve(static_file, environ, start_response)

    def serve(self, static_file, environ, start_response):
        """A plain GET of a small file from memory: the whole static folder is 1.6 MB, and for a 5 KB file the
        open/fstat/sendfile/close of each answer cost more than the answer. WhiteNoise still picks the variant
        and its headers; 304s, HEAD, ranges and large files take its own path."""
        if (environ.get("REQUEST_METHOD") != "GET" or "HTTP_RANGE" in environ or self.autorefresh
                or static_file.is_not_modified(environ)):
            return super().serve(static_file, environ, start_response)
        path, headers = static_file.get_path_and_headers(environ)
        body = self.bodies.get(path)
        if body is None:
            if os.path.getsize(path) > IN_MEMORY_MAX_BYTES:
                return super().serve(static_file, environ, start_response)
            body = self.bodies[path] = Path(path).read_bytes()
        start_response("200 OK", list(headers))
        return [body]

    def add_mime_headers(self, headers, path, url):
        # As Flask wrote it ("text/css; charset=utf-8"); wsgiref would quote the charset.
        media_type = self.media_types.get_type(path)
        headers["Content-Type"] = f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type

    def add_security_headers(self, headers, path, url):
        for name, value in self.file_headers.items():
            headers[name] = value

    def get_static_file(self, path, url, stat_cache=None):
        static_file = super().get_static_file(path, url, stat_cache=stat_cache)
        static_file.source_path = path
        # The compressor gives a variant its file's mtime: another mtime means the file changed since.
        mtime = os.stat(path).st_mtime
        static_file.alternatives = [alt for alt in static_file.alternatives
                                    if alt[1] == path or same_mtime(os.stat(alt[1]).st_mtime, mtime)]
        return static_file

    def host_trusted(self, environ) -> bool:
        trusted = self.app.config.get("TRUSTED_HOSTS")
        if not trusted:
            return True
        try:
            get_host(environ, trusted)
        except SecurityError:
            return False
        return True

    def fingerprint_matches(self, static_file, query: str) -> bool:
        if "v=" not in query:
            return False
        wanted = parse_qs(query).get("v", [None])[0]
        path = static_file.source_path
        if self.autorefresh or path not in self.fingerprints:
            self.fingerprints[path] = file_fingerprint(path)
        return wanted == self.fingerprints[path]


def immutable(start_response):
    """start_response that makes a successful answer (or its 304) immutable."""
    def start(status, headers, exc_info=None):
        if status[:3] in ("200", "206", "304"):
            headers = [(name, value) for name, value in headers if name.lower() != "cache-control"]
            headers.append(("Cache-Control", IMMUTABLE))
        return start_response(status, headers, exc_info)
    return start


def same_mtime(a: float, b: float) -> bool:
    return abs(a - b) < 0.01  # os.utime() may round the nanoseconds


def compress_static(root: str | os.PathLike) -> int:
    """Write the .br and .gz variant of every compressible file under root that has none or a stale one, and
    remove variants whose file is gone. Returns how many files were compressed. Idempotent (setup runs it)."""
    compressor = Compressor(quiet=True)
    done = 0
    for path in sorted(Path(root).rglob("*")):
        if not path.is_file():
            continue
        if path.suffix in (".br", ".gz"):
            if not path.with_suffix("").is_file():
                path.unlink()
            continue
        if not compressor.should_compress(path.name):
            continue
        mtime = path.stat().st_mtime
        variants = [Path(f"{path}.br"), Path(f"{path}.gz")]
        if all(v.is_file() and same_mtime(v.stat().st_mtime, mtime) for v in variants):
            continue
        for variant in variants:
            variant.unlink(missing_ok=True)
        compressor.compress(str(path))  # only the variants that save at least 5 %
        done += 1
    return done


def not_found(filename):
    abort(404)


def init_app(app):
    app.wsgi_app = StaticFiles(app.wsgi_app, app, app.static_folder, app.static_url_path)
    app.view_functions["static"] = not_found  # the rule stays for url_for("static", ...)
