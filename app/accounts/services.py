"""Account rules: registration, authentication, password change, anonymous shoppers, roles.

Every rule takes the user (the actor) as an argument and never reads the request: logging in and out on
this browser is accounts.sessions."""
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.accounts import verification
from app.accounts.models import ROLE_MARKETER, Membership, User
from app.accounts.signals import anonymous_account_replaced
from app.core import clock
from app.core.i18n import current_locale
from app.core.problem import ProblemError
from app.core.registry import get_registry
from app.extensions import db

# How long a login may last, by who is logged in: a lost staff phone must not run a shop's counter for a
# year, while a shopper's (often anonymous) login is the only key to their stamp cards.
STAFF_LOGIN_MAX = timedelta(days=30)
SHOPPER_LOGIN_MAX = timedelta(days=365)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(email: str) -> User | None:
    return db.session.execute(
        select(User).where(func.lower(User.email) == normalise_email(email))).scalar_one_or_none()


def new_user(email: str | None, password: str | None, display_name: str | None = None, **fields) -> User:
    user = User(email=normalise_email(email) if email else None, display_name=display_name,
                session_token=secrets.token_hex(16), **fields)
    if password:
        user.set_password(password)
    db.session.add(user)
    return user


def new_account(actor, email: str, password: str, display_name: str | None = None) -> User:
    """Start an account for the person at the keyboard, `actor` (an anonymous shopper keeps their cards) and
    mail a link to the address; it becomes the login when its owner opens the link (accounts.verification).

    Whether the address already has an account is never said here, nor visible in the answer: the owner of
    a taken address gets a notice by mail instead, and this account stays without that address.
    Flushed, not committed: the caller's unit of work commits it, with whatever else the sign-up makes
    (a merchant's first shop), and logs in only after that; the mail leaves with that commit."""
    if actor is not None and actor.is_authenticated and actor.is_anonymous_shopper:
        user = actor
        user.display_name = display_name or user.display_name
        user.is_anonymous_shopper = False
        user.first_scan_key = None  # a real account is never entered by a session key
    else:
        user = new_user(None, None, display_name)
    user.pending_email = normalise_email(email)
    user.locale = user.locale or current_locale()  # its mails, from the link on, speak the registrant's language
    user.set_password(password)
    db.session.flush()
    verification.send_link(user)
    return user


def is_staff(user: User) -> bool:
    """Someone who runs something for others: a platform admin, a marketer, or what a feature says
    (shops: the owner of a shop), through the registry."""
    if user.is_admin or user.memberships:
        return True
    return any(check(user) for check in get_registry(current_app).staff_checks)


def login_max_age(user: User) -> timedelta:
    return STAFF_LOGIN_MAX if is_staff(user) else SHOPPER_LOGIN_MAX


def login_is_current(user: User, until: int | None) -> bool:
    """A login id from before deadlines were stored (no `until`) stays valid for shoppers only."""
    if until is None:
        return not is_staff(user)
    return clock.now().timestamp() <= until


_DUMMY_HASH: dict[str, str] = {}


def _dummy_check(password: str) -> None:
    """Hash the password against a throw-away hash so an unknown email costs as much time as a known one."""
    from werkzeug.security import check_password_hash, generate_password_hash  # noqa: PLC0415
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _DUMMY_HASH:
        _DUMMY_HASH[method] = generate_password_hash(secrets.token_hex(16), method=method)
    check_password_hash(_DUMMY_HASH[method], password or "")


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user is None:
        return _unconfirmed_account(email, password)
    if not user.password_hash:
        _dummy_check(password)
        return None
    return user if user.check_password(password) else None


def _unconfirmed_account(email: str, password: str) -> User | None:
    """The account registered with this (not yet confirmed) address and this password: its maker may log in
    on another device, where the banner offers the link again. Someone else's unconfirmed account with the
    same address has another password, so this reveals nothing the person did not type themselves."""
    candidates = db.session.execute(select(User).where(User.pending_email == normalise_email(email))
                                    .order_by(User.id.desc()).limit(3)).scalars().all()
    match = next((user for user in candidates if user.check_password(password)), None)
    if match is None and not candidates:
        _dummy_check(password)
    return match


def logged_in(user: User, previous=None) -> None:
    """`user` logs in where `previous` (the actor until now, if anyone) was; an anonymous shopper being
    replaced hands their cards to the account (signal). Not committed: the caller commits."""
    user.last_login_at = clock.now()
    if previous is not None and previous.is_authenticated and previous.id != user.id and replaceable(previous):
        anonymous_account_replaced.send(user, previous=previous)
        # What is left of it is an empty shell (kept for export and deletion): nobody can log into it.
        previous.pending_email = None
        previous.password_hash = None


def replaceable(previous: User) -> bool:
    """An account only this browser can reach: an anonymous shopper, or one whose typed address was never
    confirmed (perhaps because it is the login of the account now logging in). Logging in here hands its
    cards and shops to that account, so nothing collected on this phone is lost."""
    return previous.is_anonymous_shopper or (previous.email is None and not previous.is_admin
                                             and not previous.memberships)


def end_all_sessions(user: User) -> None:
    """A new session token: every session and remember cookie issued before is refused by the user loader."""
    user.session_token = secrets.token_hex(16)


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise ProblemError(422, "The current password is not correct.", code="validation_error",
                           errors={"current_password": ["The current password is not correct."]})
    user.set_password(new_password)
    end_all_sessions(user)  # signs out every session; the caller logs this one in again (sessions.start_session)
    db.session.commit()


# How long a browser's first scans may still join the anonymous shopper its first scan made.
FIRST_SCAN_REUSE = timedelta(minutes=2)


def _reusable(user: User) -> bool:
    return user.is_anonymous_shopper and user.created_at > clock.now() - FIRST_SCAN_REUSE


def anonymous_shopper(key: str | None) -> User:
    """A new anonymous shopper (no sign-up before a stamp), or the one this browser's first scan just made.

    A browser without an account that sends two first scans at once, or sends one again because the answer
    never came, gets one shopper: the second request finds (or, racing, waits for) the first one's row by
    the session's `key` instead of making a second account whose stamp nobody could see."""
    by_key = select(User).where(User.first_scan_key == key)
    earlier = db.session.execute(by_key).scalar_one_or_none() if key else None
    if earlier is not None and _reusable(earlier):
        user = earlier
    else:
        try:
            with db.session.begin_nested():
                # memberships=[]: a new shopper holds no role, known without a query (the scan asks twice)
                user = new_user(None, None, is_anonymous_shopper=True,
                                first_scan_key=key if earlier is None else None, memberships=[])
        except IntegrityError:  # the same browser's other first scan made it a moment ago: join it
            user = db.session.execute(by_key).scalar_one()
    return user


def grant_marketer(user: User, city) -> bool:
    if user.is_marketer_of(city):
        return False
    db.session.add(Membership(user=user, city_id=city.id, role=ROLE_MARKETER))
    return True


def revoke_marketer(user: User, city) -> bool:
    removed = False
    for membership in list(user.memberships):
        if membership.city_id == city.id and membership.role == ROLE_MARKETER:
            user.memberships.remove(membership)
            removed = True
    return removed
