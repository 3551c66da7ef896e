"""Store uploaded images: validate + re-encode (app.media.images), then save every variant.

Feature code calls save_image() and keeps the returned keys on its own rows; templates call
media_url(key). Rejections become a 422 (413 for size) with a translated message for the field.
"""
import secrets
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app.core.problem import ProblemError
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
}


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
    try:
        processed = process_upload(data, max_bytes=MAX_UPLOAD_BYTES, variants=VARIANTS)
    except ImageRejected as rejected:
        message = str(REJECTION_MESSAGES.get(rejected.code, rejected.message))
        status = 413 if rejected.code == "too_large" else 422
        raise ProblemError(status, message, code=f"image_{rejected.code}", errors={field: [message]}) from None
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
