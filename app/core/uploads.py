"""Reading one uploaded file (an import: CSV, GPX) whole, within a size limit.

Images have their own path (app.media.service.save_image); this is for files a service parses itself.
"""
from flask_babel import gettext as _

from app.core.problem import ProblemError


def _file_problem(status: int, message: str, code: str) -> ProblemError:
    return ProblemError(status, message, code=code, errors={"file": [message]})


def read_limited(stream, max_bytes: int) -> bytes:
    """The file's bytes; a 413 when it is larger than `max_bytes` (one byte over is read to know, never
    the whole of a huge body), a 422 when there is no file or it is empty."""
    if stream is None or not hasattr(stream, "read"):
        raise _file_problem(422, _("Choose a file to import."), "no_file")
    data = stream.read(max_bytes + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise _file_problem(413, _("The file is too large: at most %(size)s.", size=human_size(max_bytes)),
                            "file_too_large")
    if not data.strip():
        raise _file_problem(422, _("The file is empty."), "empty_file")
    return data


def human_size(num_bytes: int) -> str:
    if num_bytes >= 1024 * 1024:
        return f"{num_bytes / (1024 * 1024):g} MB"
    return f"{max(1, num_bytes // 1024)} kB"
