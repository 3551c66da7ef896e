"""Account rules: registration, authentication, password change, anonymous shoppers, roles."""
import secrets
from datetime import datetime, timezone

from flask_login import current_user, login_user, logout_user
from sqlalchemy import func, select

from app.accounts.models import ROLE_MARKETER, Membership, User
from app.accounts.signals import anonymous_account_replaced
from app.core.problem import ProblemError
from app.extensions import db

MIN_PASSWORD_LENGTH = 10


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


def register(email: str, password: str, display_name: str | None = None) -> User:
    """Create an account, or turn the current anonymous shopper into a real one (keeps their cards)."""
    if find_user_by_email(email):
        raise ProblemError(409, "An account with this email already exists.", code="email_taken",
                           errors={"email": ["An account with this email already exists."]})
    if current_user.is_authenticated and current_user.is_anonymous_shopper:
        user = current_user._get_current_object()
        user.email = normalise_email(email)
        user.display_name = display_name or user.display_name
        user.set_password(password)
        user.is_anonymous_shopper = False
    else:
        user = new_user(email, password, display_name)
    db.session.commit()
    login_user(user, remember=True)
    return user


def authenticate(email: str, password: str) -> User | None:
    user = find_user_by_email(email)
    if user is None or not user.check_password(password):
        return None
    return user


def log_in(user: User, remember: bool = True) -> None:
    """Log in; an anonymous shopper being replaced hands their cards to the account (signal)."""
    previous = current_user._get_current_object() if current_user.is_authenticated else None
    user.last_login_at = datetime.now(timezone.utc)
    if previous is not None and previous.id != user.id and previous.is_anonymous_shopper:
        anonymous_account_replaced.send(user, previous=previous)
    db.session.commit()
    login_user(user, remember=remember)


def log_out() -> None:
    logout_user()


def change_password(user: User, current_password: str, new_password: str) -> None:
    if not user.check_password(current_password):
        raise ProblemError(422, "The current password is not correct.", code="validation_error",
                           errors={"current_password": ["The current password is not correct."]})
    user.set_password(new_password)
    user.session_token = secrets.token_hex(16)  # signs out every other session
    db.session.commit()
    login_user(user, remember=True)


def ensure_shopper() -> User:
    """The current user, or a new anonymous shopper logged in on the spot (no sign-up before a stamp)."""
    if current_user.is_authenticated:
        return current_user._get_current_object()
    user = new_user(None, None, is_anonymous_shopper=True)
    db.session.flush()
    login_user(user, remember=True)
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
