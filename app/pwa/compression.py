"""gzip for the app's text answers (HTML, JSON, SVG, manifest, the service worker): the phone downloads a third.

A proxy or CDN may do this in front of gunicorn; doing it here keeps the page-weight budget
true for the plain two-command install too. Static files never come here: app.ops.static_files
serves their .br/.gz variants, made once at setup.
"""
import gzip

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
    data = response.get_data()
    if len(data) < MIN_BYTES:
        return response
    response.set_data(gzip.compress(data, LEVEL, mtime=0))
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
            and not response.is_streamed)  # streams (exports, files sent by a view) stay streamed
