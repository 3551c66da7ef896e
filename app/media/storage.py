"""Media storage behind a small protocol: the local disk (default) or an S3-compatible object store.

Keys are relative, slash-separated names such as ``shops/12/3f9a.jpg``. They are validated
strictly by every implementation: a key can never address anything outside the storage root.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Protocol, runtime_checkable

MAX_KEY_LENGTH = 255
_KEY_CHARS = re.compile(r"[A-Za-z0-9/_.\-]+")


class InvalidKey(ValueError):
    """The key is malformed or tries to escape the storage root."""


@runtime_checkable
class Storage(Protocol):
    def save(self, key: str, data: bytes, content_type: str) -> None: ...

    def open(self, key: str) -> bytes: ...  # raises FileNotFoundError when missing

    def delete(self, key: str) -> None: ...  # missing keys are ignored

    def exists(self, key: str) -> bool: ...

    def url_key(self, key: str) -> str: ...  # what the media route / CDN URL is built from


def validate_key(key: str) -> str:
    """Return ``key`` unchanged if it is safe, else raise ``InvalidKey``.

    Whitelisting characters rules out backslashes, NUL, ``%`` tricks and Unicode look-alikes;
    refusing empty, ``.``/``..`` and dot-leading segments rules out traversal and hidden files
    (temp files of ``LocalStorage`` start with a dot and can thus never clash with a key).
    """
    if not isinstance(key, str) or not key:
        raise InvalidKey("empty key")
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidKey("key too long")
    if key.startswith("/"):
        raise InvalidKey("absolute keys are not allowed")
    if "\\" in key or _KEY_CHARS.fullmatch(key) is None:
        raise InvalidKey("key contains forbidden characters")
    for segment in key.split("/"):
        if not segment or segment.startswith("."):
            raise InvalidKey("empty, dot or hidden path segment")
    return key


class LocalStorage:
    """Files under ``root`` on the local disk (default: instance/media).

    The content type is not stored: the serving view derives it from the key's extension,
    which ``images.Variant.ext`` fixes at upload time.
    """

    def __init__(self, root: Path | str) -> None:
        self.root = Path(root).resolve()

    def _path(self, key: str) -> Path:
        path = self.root / validate_key(key)
        # Defence in depth: a symlink planted inside root must not lead outside it.
        if not path.resolve().is_relative_to(self.root):
            raise InvalidKey("key resolves outside the storage root")
        return path

    def save(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write to a temp file in the same directory, then rename: readers never see half a file.
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp_name, 0o644)  # mkstemp uses 0600; a web server may need to read it
            os.replace(tmp_name, path)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def open(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def url_key(self, key: str) -> str:
        # Local files are served by a Flask route taking the key as a <path:>; same string.
        return validate_key(key)


class S3Storage:
    """Objects in an S3-compatible bucket (AWS S3, MinIO, Scaleway, OVH, …).

    Optional: needs ``pip install boto3`` (not in requirements.txt). Credentials come the standard
    AWS way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_DEFAULT_REGION or an instance role).
    Every app host then sees the same files, so uploads no longer pin a user to one host.
    Keys are validated exactly as for ``LocalStorage``.
    """

    NOT_FOUND = {"NoSuchKey", "404", "NotFound"}

    def __init__(self, bucket: str, client=None, *, prefix: str = "", endpoint_url: str | None = None) -> None:
        if not bucket:
            raise ValueError("S3Storage needs a bucket name (KICK_S3_BUCKET)")
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.client = client if client is not None else _boto3_client(endpoint_url)

    def _key(self, key: str) -> str:
        return self.prefix + validate_key(key)

    def _is_missing(self, error: Exception) -> bool:
        # botocore's ClientError carries the S3 error code in .response; no botocore import needed.
        response = getattr(error, "response", None) or {}
        return str(response.get("Error", {}).get("Code")) in self.NOT_FOUND

    def save(self, key: str, data: bytes, content_type: str) -> None:
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("data must be bytes")
        # A PUT is atomic in S3: readers see the old object or the new one, never half.
        self.client.put_object(Bucket=self.bucket, Key=self._key(key), Body=bytes(data),
                               ContentType=content_type, CacheControl="public, max-age=31536000, immutable")

    def open(self, key: str) -> bytes:
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(key))
        except Exception as error:
            if self._is_missing(error):
                raise FileNotFoundError(key) from None
            raise
        body = response["Body"]
        try:
            return body.read()
        finally:
            close = getattr(body, "close", None)
            if close:
                close()

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(key))
        except Exception as error:
            if not self._is_missing(error):
                raise

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(key))
        except Exception as error:
            if self._is_missing(error):
                return False
            raise
        return True

    def url_key(self, key: str) -> str:
        return validate_key(key)


def _boto3_client(endpoint_url: str | None):
    try:
        import boto3
    except ImportError:  # pragma: no cover - depends on the install
        raise RuntimeError("KICK_MEDIA_BACKEND=s3 needs boto3: pip install boto3") from None
    return boto3.client("s3", endpoint_url=endpoint_url or None)


def storage_from_config(config) -> Storage:
    """The storage named by KICK_MEDIA_BACKEND: "local" (default) or "s3"."""
    backend = (config.get("KICK_MEDIA_BACKEND") or "local").lower()
    if backend == "local":
        return LocalStorage(Path(config["MEDIA_ROOT"]))
    if backend == "s3":
        return S3Storage(config.get("KICK_S3_BUCKET") or "", prefix=config.get("KICK_S3_PREFIX") or "",
                         endpoint_url=config.get("KICK_S3_ENDPOINT_URL"))
    raise ValueError(f"unknown KICK_MEDIA_BACKEND {backend!r}: use 'local' or 's3'")
