"""Store uploaded images: validate + re-encode (app.media.images), then save every variant.

Feature code calls save_image() and keeps the returned keys on its own rows; templates call
media_url(key). Rejections become a 422 (413 for size) with a translated message for the field.
"""
import math
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from limits import parse
from werkzeug.exceptions import ServiceUnavailable, TooManyRequests
from werkzeug.wrappers import Response

from app.core.problem import ProblemError
from app.core.ratelimit import client_ip
from app.extensions import limiter
from app.media.images import ImageRejected, process_upload
from app.media.storage import LocalStorage

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
VARIANTS = {"phone": 1280, "thumb": 400}

REJECTION_MESSAGES = {
    "empty": _l("The file is empty."),
    "too_large": _l("The photo is larger than 10 MB. Choose a smaller one."),
    "not_an_image": _l("This file is not a photo. Use JPEG, PNG or WebP."),
    "unsupported_format": _l("This format is not supported. Use JPEG, PNG or WebP."),
    "truncated": _l("The photo is damaged or incomplete. Try another file."),
    "too_many_pixels": _l("The photo has too many pixels. Use one of at most 40 megapixels."),
    "too_wide": _l("The photo is more than 12,000 pixels wide or high. Use a smaller one."),
    "bad_aspect": _l("The photo is more than 20 times as long as it is wide. Crop it first."),
}
TOO_MANY_UPLOADS = _l("You have uploaded many photos in a short time. Please wait a while and try again.")
BUSY = _l("We are processing many photos right now. Please try again in a few seconds.")

_workers_lock = threading.Lock()
_workers: dict[int, tuple[threading.BoundedSemaphore, ThreadPoolExecutor]] = {}  # per worker process, by size


def _lowest_cpu_priority() -> None:
    """Image threads run at nice 19 (on Linux, nice is per thread): a decode gets only the CPU time that the
    public pages, in this worker and every other one on the host, leave idle."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):  # another OS: the slot limit alone protects the pages
        pass


def image_workers() -> tuple[threading.BoundedSemaphore, ThreadPoolExecutor]:
    """At most IMAGE_CONCURRENCY images are decoded at once in this worker, on low-priority threads: hostile
    uploads wait for a slot (up to IMAGE_WAIT_SECONDS) instead of taking the cores from the public pages."""
    size = max(1, int(current_app.config.get("IMAGE_CONCURRENCY", 1)))
    with _workers_lock:
        if size not in _workers:
            pool = ThreadPoolExecutor(size, thread_name_prefix="kick-image", initializer=_lowest_cpu_priority)
            _workers[size] = (threading.BoundedSemaphore(size), pool)
        return _workers[size]


def count_upload() -> None:
    """One hit per image on the account's upload limit (Flask-Limiter's storage, so shared by
    every worker with Redis); over it: a 429 with Retry-After."""
    if not has_request_context():
        return  # demo seeding and CLI imports are not uploads
    item = parse(current_app.config["UPLOAD_LIMIT_PER_ACCOUNT"])
    who = f"user:{current_user.id}" if current_user and current_user.is_authenticated else f"ip:{client_ip()}"
    if limiter.limiter.hit(item, "kick-upload", who):
        return
    reset_at = limiter.limiter.get_window_stats(item, "kick-upload", who).reset_time
    retry = max(1, math.ceil(reset_at - time.time()))
    raise _with_retry_after(TooManyRequests, TOO_MANY_UPLOADS, retry, "upload_limit")


def _with_retry_after(exception, message, seconds: int, code: str):
    """An HTTP error (not a ProblemError, which views catch to re-render their form and which
    would lose the header): errors.py renders the page and keeps Retry-After."""
    error = exception(str(message))
    error.response = Response(status=exception.code, headers={"Retry-After": str(seconds)})
    error.kick_detail = True  # our own sentence, shown as it is
    error.kick_code = code
    return error


@dataclass(frozen=True)
class StoredImage:
    width: int
    height: int
    keys: dict[str, str]  # variant name -> storage key

    @property
    def phone_key(self) -> str:
        return self.keys["phone"]

    @property
    def thumb_key(self) -> str:
        return self.keys["thumb"]


def storage() -> LocalStorage:
    return current_app.extensions["kick_storage"]


def save_image(data: bytes, prefix: str, *, field: str = "photo") -> StoredImage:
    """Validate, strip metadata, resize and store an uploaded image under `prefix/`."""
    count_upload()
    slots, pool = image_workers()
    if not slots.acquire(timeout=float(current_app.config.get("IMAGE_WAIT_SECONDS", 5))):
        raise _with_retry_after(ServiceUnavailable, BUSY, 10, "image_busy")
    try:
        processed = pool.submit(process_upload, data, max_bytes=MAX_UPLOAD_BYTES, variants=VARIANTS).result()
    except ImageRejected as rejected:
        message = str(REJECTION_MESSAGES.get(rejected.code, rejected.message))
        status = 413 if rejected.code == "too_large" else 422
        raise ProblemError(status, message, code=f"image_{rejected.code}", errors={field: [message]}) from None
    finally:
        slots.release()
    stem = secrets.token_hex(8)
    keys = {}
    for name, variant in processed.variants.items():
        key = f"{prefix}/{stem}-{name}.{variant.ext}"
        storage().save(key, variant.data, variant.content_type)
        keys[name] = key
    return StoredImage(processed.width, processed.height, keys)


def delete_image(*keys: str | None) -> None:
    for key in keys:
        if key:
            storage().delete(key)


def media_url(key: str | None) -> str | None:
    return url_for("media.serve", key=key) if key else None
