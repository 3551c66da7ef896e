"""Deleting an account: every feature forgets the person, anonymous totals stay.

Rules (the 409s explain them to the person):
- a shop owner must first have the city transfer or close their shops (a shop is a public business
  record the city approved; deleting it would silently remove it from trails and the city pass);
- a platform admin is removed by the platform operator (`flask privacy delete-user EMAIL`), so the
  platform cannot lose its last admin by a click;
- a marketer may delete their account: their city role ends, their trail versions lose the name.
Anonymous shoppers merged into the account at login (a feature's `linked_accounts`) are the same person:
they are deleted with it. One transaction: if any part fails, nothing is deleted.
"""
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select

from app.accounts.models import Membership, User
from app.accounts.signals import user_deleting
from app.core.problem import ProblemError
from app.core.registry import get_registry
from app.extensions import db


def refusal(user: User, *, by_operator: bool = False) -> ProblemError | None:
    """Why this account cannot be deleted now, or None (the features' reasons first: shops)."""
    for part in get_registry(current_app).privacy:
        problem = part.refuse_deletion(user) if part.refuse_deletion else None
        if problem is not None:
            return problem
    if user.is_admin and not by_operator:
        return ProblemError(409, _("A platform admin account is removed by the platform operator. "
                                   "Write to the privacy contact."), code="admin_account")
    return None


def check_confirmation(user: User, password: str | None, confirmed: bool) -> None:
    """An account with a password proves it with the password; an anonymous shopper ticks a box."""
    if user.password_hash:
        if not password or not user.check_password(password):
            message = _("The password is not correct.")
            raise ProblemError(422, message, code="validation_error", errors={"password": [message]})
    elif not confirmed:
        message = _("Tick the box to confirm that your stamps may be deleted.")
        raise ProblemError(422, message, code="validation_error", errors={"confirm": [message]})


def linked_accounts(user: User) -> list[User]:
    """Anonymous accounts that are this person too (e.g. a phone's shopper merged into the account at login)."""
    ids = {i for part in get_registry(current_app).privacy if part.linked_accounts
           for i in part.linked_accounts(user)}
    ids.discard(user.id)
    if not ids:
        return []
    return list(db.session.execute(select(User).where(User.id.in_(ids), User.is_anonymous_shopper.is_(True))
                                   .order_by(User.id)).scalars())


def delete_account(user: User, *, by_operator: bool = False) -> None:
    problem = refusal(user, by_operator=by_operator)
    if problem is not None:
        raise problem
    # One transaction; on an error the caller's unit of work, the error handler or the app context rolls back.
    linked = linked_accounts(user)  # asked before the features forget the links
    for person in (user, *linked):
        user_deleting.send(person)
        db.session.execute(delete(Membership).where(Membership.user_id == person.id)
                           .execution_options(synchronize_session=False))
        db.session.execute(delete(User).where(User.id == person.id).execution_options(synchronize_session=False))
    db.session.commit()
