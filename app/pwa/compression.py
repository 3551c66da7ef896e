"""gzip for text responses (HTML, CSS, JS, JSON, SVG, manifest): the phone downloads a third.

A proxy or CDN may do this in front of gunicorn; doing it here keeps the page-weight budget
true for the plain two-command install too. Fingerprinted static files are compressed once and
kept (their content never changes for a given URL).
"""
import gzip
from functools import lru_cache

from flask import request

COMPRESSIBLE = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
                "application/manifest+json", "application/problem+json", "image/svg+xml",
                "application/geo+json", "application/gpx+xml", "text/plain", "text/xml"}
MIN_BYTES = 512
LEVEL = 6


def init_app(app):
    app.after_request(compress_response)


def compress_response(response):
    if not _should_compress(response):
        return response
    response.direct_passthrough = False  # static files come as a file wrapper: read them
    data = response.get_data()
    if len(data) < MIN_BYTES:
        return response
    fingerprinted = request.endpoint == "static" and request.args.get("v")
    body = _gzip_cached(data) if fingerprinted else gzip.compress(data, LEVEL, mtime=0)
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag:  # a different byte stream needs a different validator
        response.set_etag(f"{etag}-gz", weak=weak)
    return response


def _should_compress(response) -> bool:
    return (response.status_code in (200, 201, 404, 410, 422)
            and response.mimetype in COMPRESSIBLE
            and "Content-Encoding" not in response.headers
            and "gzip" in request.headers.get("Accept-Encoding", "").lower()
            and request.method != "HEAD"
            # Static files arrive as a file wrapper; other streams (exports) stay streamed.
            and (not response.is_streamed or request.endpoint == "static"))


@lru_cache(maxsize=128)
def _gzip_cached(data: bytes) -> bytes:
    return gzip.compress(data, LEVEL, mtime=0)
