"""Running one job: find its function by name, run it in a fresh app context, log a failure safely."""
import importlib
import json
import logging

log = logging.getLogger("app.jobs")


class JobFailed(Exception):
    """A job's failure as RQ stores and logs it: the job's name and the error's class, nothing of its data
    (an SMTP refusal names the recipient, a database error can quote a row)."""


def resolve(name: str):
    """The function named "package.module:function" (importable wherever the job runs, e.g. a worker)."""
    module_name, _, function_name = name.partition(":")
    if not module_name or not function_name:
        raise ValueError(f"a job is named 'package.module:function', not {name!r}")
    function = getattr(importlib.import_module(module_name), function_name, None)
    if not callable(function):
        raise ValueError(f"no job function {name!r}")
    return function


def check_args(args: list) -> list:
    """Arguments travel as JSON (to Redis and back): refuse anything else at enqueue time, in every mode."""
    try:
        return json.loads(json.dumps(args))
    except (TypeError, ValueError) as error:
        raise TypeError(f"job arguments must be JSON values: {error.__class__.__name__}") from None


def run(app, name: str, args: list, attempt: int = 1, final: bool = True) -> bool:
    """Run job `name` once in its own app context (so a fresh database session). True when it succeeded.
    A failure is logged by job name, attempt and error class only."""
    with app.app_context():
        try:
            resolve(name)(*args)
        except Exception as error:  # noqa: BLE001 - a job's failure is reported, never raised into the caller
            _log_failure(name, attempt, error, final)
            return False
    return True


def _log_failure(name: str, attempt: int, error: Exception, final: bool) -> None:
    # No traceback or message: both can carry the job's data (addresses, names). The class says what broke.
    if final:
        log.error("job %s failed for good on attempt %d: %s", name, attempt, error.__class__.__name__)
    else:
        log.warning("job %s failed on attempt %d (%s); it will be tried again", name, attempt,
                    error.__class__.__name__)


def perform(name: str, args: list) -> None:
    """The function RQ runs (rq workers: flask jobs work, inside its app context)."""
    from flask import current_app
    with current_app.app_context():
        try:
            resolve(name)(*args)
        except Exception as error:  # noqa: BLE001
            log.warning("job %s failed: %s", name, error.__class__.__name__)
            # RQ stores and logs the exception with its traceback: hand it one without the job's data.
            raise JobFailed(f"{name}: {error.__class__.__name__}") from None
