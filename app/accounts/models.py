"""Users and roles. Roles: platform admin (flag), marketer of a city (membership),
merchant (owns a shop), shopper (everyone, possibly anonymous)."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from app.core.models import TimestampMixin, UTCDateTime
from app.extensions import db

ROLE_MARKETER = "marketer"


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Null for anonymous shoppers until they "keep their stamps".
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    # An address typed at registration waits here until its owner opens the link mailed to it; only then does
    # it become `email` (the login). Not unique: a stranger may type someone else's address (see verification).
    pending_email: Mapped[str | None] = mapped_column(String(254))
    # When the owner of `email` proved it by opening a mailed link (None: accounts from before verification).
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_hash: Mapped[str | None] = mapped_column(String(255))
    display_name: Mapped[str | None] = mapped_column(String(120))
    is_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    is_anonymous_shopper: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    locale: Mapped[str | None] = mapped_column(String(5))
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Changing the password invalidates other sessions (part of the login session identity).
    session_token: Mapped[str] = mapped_column(String(64), nullable=False)
    # Anonymous shoppers only: a hash of the browser session that made them (see accounts.sessions.ensure_shopper),
    # so two first scans sent at once, or one re-sent after a lost answer, land on one account, not two.
    first_scan_key: Mapped[str | None] = mapped_column(String(64), unique=True)

    memberships: Mapped[list["Membership"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin")

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    # Set by accounts.services at login: the Unix time after which this login is refused (role-based).
    login_until = None  # int | None; a plain attribute, not a column

    def get_id(self) -> str:
        # Stored in the session and the remember cookie at login: id, the token a logout or a new password
        # rotates, and the login's deadline.
        if self.login_until:
            return f"{self.id}:{self.session_token}:{self.login_until}"
        return f"{self.id}:{self.session_token}"

    def is_marketer_of(self, city) -> bool:
        return any(m.city_id == city.id and m.role == ROLE_MARKETER for m in self.memberships)

    @property
    def marketer_city_ids(self) -> set[int]:
        return {m.city_id for m in self.memberships if m.role == ROLE_MARKETER}

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email or 'anonymous'}>"


class Membership(TimestampMixin, db.Model):
    __table_args__ = (UniqueConstraint("user_id", "city_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.id", ondelete="CASCADE"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default=ROLE_MARKETER)

    user: Mapped[User] = relationship(back_populates="memberships")
    city = relationship("City", lazy="joined")
