"""Serve stored media. Keys are unique per upload, so responses are cacheable forever."""
import mimetypes

from flask import Blueprint, Response, abort, request

from app.media.service import storage
from app.media.storage import InvalidKey

bp = Blueprint("media", __name__)
ALLOWED_TYPES = {"image/jpeg", "image/png", "image/webp"}


@bp.route("/media/<path:key>")
def serve(key: str):
    content_type = mimetypes.guess_type(key)[0]
    if content_type not in ALLOWED_TYPES:
        abort(404)
    try:
        data = storage().open(key)
    except (InvalidKey, FileNotFoundError, IsADirectoryError):
        abort(404)
    response = Response(data, mimetype=content_type)
    response.cache_control.public = True
    response.cache_control.max_age = 31536000
    response.cache_control.immutable = True
    response.add_etag()
    return response.make_conditional(request)
