"""Users and roles. Roles (app.core.auth.Role): platform admin (flag), marketer or desk of a city and staff of a
shop (memberships), merchant (owns a shop), shopper (everyone, possibly anonymous); invitations to a role and
the audit log of who granted or revoked what."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from app.core.auth import Role
from app.core.clock import utcnow
from app.core.models import TimestampMixin, UTCDateTime
from app.extensions import db

ROLE_MARKETER = Role.MARKETER


class User(UserMixin, TimestampMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
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
        return self.has_city_role(city, Role.MARKETER)

    def has_city_role(self, city, role: str) -> bool:
        return any(m.city_id == city.id and m.role == role and m.shop_id is None for m in self.memberships)

    def city_ids_with(self, role: str) -> set[int]:
        return {m.city_id for m in self.memberships if m.role == role and m.shop_id is None}

    @property
    def marketer_city_ids(self) -> set[int]:
        return self.city_ids_with(Role.MARKETER)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email or 'anonymous'}>"


class Membership(TimestampMixin, db.Model):
    """A role held by a user: in a city (`shop_id` null: marketer, desk) or at one shop of it (staff). One user
    may hold a role once per city, or once per shop (staff of several shops)."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __table_args__ = (
        Index("uq_membership_city_role", "user_id", "city_id", "role", unique=True,
              sqlite_where=text("shop_id IS NULL"), postgresql_where=text("shop_id IS NULL")),
        Index("uq_membership_shop_role", "user_id", "shop_id", "role", unique=True,
              sqlite_where=text("shop_id IS NOT NULL"), postgresql_where=text("shop_id IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.id", ondelete="CASCADE"), nullable=False, index=True)
    # Shop roles only (named by the table: accounts is kernel and does not import shops).
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), nullable=False, default=ROLE_MARKETER)

    user: Mapped[User] = relationship(back_populates="memberships")
    city = relationship("City", lazy="joined")


class Invitation(TimestampMixin, db.Model):
    """A role offered to an email address by mail: a single-use signed link (it names the row and its `nonce`;
    re-sending makes a new nonce, so only the newest link works), valid until `expires_at` (7 days)."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), nullable=False, index=True)  # normalised (lower case)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    city_id: Mapped[int] = mapped_column(ForeignKey("city.id", ondelete="CASCADE"), nullable=False, index=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="CASCADE"), index=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    nonce: Mapped[str] = mapped_column(String(32), nullable=False)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    city = relationship("City", lazy="joined")
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])

    @property
    def pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and self.expires_at > utcnow()


class AuditEntry(db.Model):
    """Who granted, revoked, invited, withdrew or accepted which role, where and when. The facts outlive the
    people: a deleted actor or subject leaves the row with no name and no address (accounts.roles_privacy)."""
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(20), nullable=False)  # AuditAction
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    city_id: Mapped[int | None] = mapped_column(ForeignKey("city.id", ondelete="CASCADE"), index=True)
    # No foreign key: the entry outlives the shop; its name is kept as it was then.
    shop_id: Mapped[int | None] = mapped_column(Integer)
    shop_name: Mapped[str | None] = mapped_column(String(200))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    subject_email: Mapped[str | None] = mapped_column(String(254), index=True)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    subject: Mapped[User | None] = relationship(foreign_keys=[subject_id])
    city = relationship("City", lazy="joined")
