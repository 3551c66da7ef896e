"""One unit of work per view operation, and the one bridge from a service refusal to form errors.

Like indico's `RH.process`: the block commits when it ends normally, and rolls back on a refusal
(`ProblemError`) or any other exception. A refusal is rolled back here and kept on the unit (and,
given a form, put on the matching fields) so the view re-renders with `work.status`; any other
exception propagates to the error handler (`app/errors.py`), which rolls back. Views never call
`db.session.rollback()`.

    with unit_of_work(form, fields={"name": "shop_name"}) as work:
        shop = services.create_shop(owner, city, values)
    if work.refused:
        return render_template("shops/merchant/join.html", form=form), work.status
"""
from collections.abc import Mapping
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError

from app.core.problem import ProblemError
from app.extensions import db


def attach_problem(form, problem: ProblemError, fields: Mapping[str, str] | None = None,
                   rest: str | None = None) -> bool:
    """Put a refusal's field messages on the form: `fields` renames a service key to a form field,
    else the field of that name or its Dutch twin (`name` -> `name_nl`); messages that match no field
    go on the `rest` field if given, else on the form itself. True when a field got a message."""
    attached = False
    for key, messages in (problem.errors or {}).items():
        candidates = [fields[key]] if fields and key in fields else [key, f"{key}_nl"]
        name = next((c for c in candidates if c in form), rest)
        if name is None:
            form.form_errors.extend(messages)
            continue
        form[name].errors = [*form[name].errors, *messages]
        attached = True
    return attached


class UnitOfWork:
    """The context manager `unit_of_work()` returns; `problem` holds the refusal, if any."""

    def __init__(self, form=None, fields: Mapping[str, str] | None = None, rest: str | None = None):
        self.form, self.fields, self.rest = form, fields, rest
        self.problem: ProblemError | None = None

    @property
    def refused(self) -> bool:
        return self.problem is not None

    @property
    def status(self) -> int:
        return self.problem.status if self.problem is not None else 200

    def __enter__(self) -> "UnitOfWork":
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc is None:
            if db.session().in_transaction():
                db.session.commit()
            return False
        if not isinstance(exc, ProblemError):
            # The error handler rolls back (after keeping what a 503 page needs when the database is gone).
            return False
        db.session.rollback()
        self.problem = exc
        if self.form is not None:
            attach_problem(self.form, exc, self.fields, self.rest)
        return True


def unit_of_work(form=None, *, fields: Mapping[str, str] | None = None, rest: str | None = None) -> UnitOfWork:
    return UnitOfWork(form, fields, rest)


@contextmanager
def all_or_nothing(conflict: str, *, code: str = "import_conflict"):
    """One transaction for a whole import (a file, a vendor's push), for services: it commits when the block
    ends, and on any error nothing of it stays written. A unique key another import filled first (two imports
    of the same rows at once) is a 409 with `conflict`, telling the person to send it again."""
    try:
        yield
        db.session.commit()
    except IntegrityError:
        db.session.rollback()  # our own logic: never half an import
        raise ProblemError(409, conflict, code=code) from None
    except Exception:
        db.session.rollback()  # our own logic: never half an import
        raise
