"""The fingerprint in a static URL (``/static/css/app.css?v=<fingerprint>``): the first 10 hex digits of the
file's SHA-256. ``static_url()`` (app.templating) writes it; the static file server (app.ops.static_files)
reads it back to decide whether the answer may be cached for a year."""
import hashlib
from pathlib import Path

LENGTH = 10


def file_fingerprint(path: str | Path) -> str:
    """The file's fingerprint, "0" when it cannot be read (a URL is still built; it is never immutable)."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:LENGTH]
    except OSError:
        return "0"
