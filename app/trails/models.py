"""Trails and green routes: an ordered list of stops, optionally a drawn path, and its history."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.i18n import translate
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON, UTCDateTime
from app.extensions import db


class TrailKind(StrEnum):
    """What a trail is about; a green route is a trail of kind GREEN (its own list, /<city>/green/)."""
    HERITAGE = "heritage"
    SHOPPING = "shopping"
    GREEN = "green"
    FAMILY = "family"


class TrailStatus(StrEnum):
    """A draft is seen in the studio only; a published trail by everyone (page, downloads, API)."""
    DRAFT = "draft"
    PUBLISHED = "published"


class TrailSurface(StrEnum):
    PAVED = "paved"
    COBBLES = "cobbles"
    MIXED = "mixed"
    GRAVEL = "gravel"
    UNPAVED = "unpaved"


class RevisionAction(StrEnum):
    """What one save did (TrailRevision.action); a restore is `restored_action(version)`."""
    CREATED = "created"
    EDITED = "edited"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    COVER = "cover"
    PATH = "path"
    STOP_ADDED = "stop added"
    STOP_EDITED = "stop edited"
    STOPS_REORDERED = "stops reordered"
    STOP_REMOVED = "stop removed"


RESTORED_PREFIX = "restored v"  # "restored v3": the content of version 3 brought back


def restored_action(version: int) -> str:
    return f"{RESTORED_PREFIX}{version}"


KINDS = tuple(kind.value for kind in TrailKind)
SURFACES = tuple(surface.value for surface in TrailSurface)

# Accessibility facts a visitor filters on or needs before setting out; all answer "yes/no".
ACCESS_FLAGS = ("step_free", "wheelchair", "stroller", "benches", "toilets")


class Trail(CityScopedMixin, TimestampMixin, db.Model):
    __table_args__ = (UniqueConstraint("city_id", "slug"), UniqueConstraint("city_id", "source_digest"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default=TrailKind.HERITAGE.value, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default=TrailStatus.DRAFT.value, index=True)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    summary: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    body: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    cover_phone_key: Mapped[str | None] = mapped_column(String(255))
    cover_thumb_key: Mapped[str | None] = mapped_column(String(255))
    cover_width: Mapped[int | None] = mapped_column(Integer)
    cover_height: Mapped[int | None] = mapped_column(Integer)
    cover_alt: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    step_free: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    wheelchair: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    stroller: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    benches: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    toilets: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    surface: Mapped[str] = mapped_column(String(20), nullable=False, default=TrailSurface.PAVED.value)
    access_note: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    # Minutes a walker spends at each stop, added to the walking time.
    dwell_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=5)
    # Drawn path as [[lat, lon], ...]; empty means "straight lines between the stops".
    path: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)
    # Derived from the geometry on every save (never typed in); stored so lists can filter on them.
    distance_m: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    duration_min: Mapped[int] = mapped_column(Integer, nullable=False, default=0, index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # SHA-256 of the GPX file the trail was imported from (app.trails.services.imports): the same file again
    # finds this trail instead of making a second one. None for a trail drawn in the studio.
    source_digest: Mapped[str | None] = mapped_column(String(64))
    # Optimistic concurrency: every UPDATE checks and bumps it, so a stale save cannot win.
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    city = relationship("City")
    stops: Mapped[list["TrailStop"]] = relationship(
        back_populates="trail", cascade="all, delete-orphan", order_by="TrailStop.position")
    revisions: Mapped[list["TrailRevision"]] = relationship(
        back_populates="trail", cascade="all, delete-orphan", passive_deletes=True,
        order_by="TrailRevision.id.desc()")

    @property
    def display_title(self) -> str:
        return translate(self.title)

    @property
    def is_published(self) -> bool:
        return self.status == TrailStatus.PUBLISHED

    @property
    def is_green_route(self) -> bool:
        """A green route: listed under /<city>/green/ and shown with a leaf."""
        return self.kind == TrailKind.GREEN

    @property
    def stop_minutes(self) -> int:
        """The part of duration_min spent at the stops (dwell_minutes at each)."""
        return len(self.stops) * (self.dwell_minutes or 0)

    @property
    def walking_minutes(self) -> int:
        """The part of duration_min spent walking the path (or the straight legs), at the configured pace."""
        return max(0, (self.duration_min or 0) - self.stop_minutes)

    @property
    def has_drawn_path(self) -> bool:
        return len(self.path or []) >= 2

    @property
    def access_flags(self) -> list[str]:
        return [flag for flag in ACCESS_FLAGS if getattr(self, flag)]

    def __repr__(self) -> str:
        return f"<Trail {self.city_id}/{self.slug} v{self.version}>"


class TrailStop(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trail_id: Mapped[int] = mapped_column(ForeignKey("trail.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    body: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    lat: Mapped[float] = mapped_column(Float, nullable=False)
    lon: Mapped[float] = mapped_column(Float, nullable=False)
    image_phone_key: Mapped[str | None] = mapped_column(String(255))
    image_thumb_key: Mapped[str | None] = mapped_column(String(255))
    image_width: Mapped[int | None] = mapped_column(Integer)
    image_height: Mapped[int | None] = mapped_column(Integer)
    image_alt: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="SET NULL"), index=True)

    trail: Mapped[Trail] = relationship(back_populates="stops")
    shop = relationship("Shop")

    @property
    def display_title(self) -> str:
        return translate(self.title)

    @property
    def public_shop(self):
        """The linked shop, only while the city has approved it."""
        shop = self.shop if self.shop_id else None
        return shop if shop is not None and shop.is_public else None


class TrailRevision(db.Model):
    """A JSON snapshot of the whole trail (fields + stops) after one save; restore re-applies it."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trail_id: Mapped[int] = mapped_column(ForeignKey("trail.id", ondelete="CASCADE"), nullable=False, index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(40), nullable=False)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    snapshot: Mapped[dict] = mapped_column(JSONData, nullable=False)

    trail: Mapped[Trail] = relationship(back_populates="revisions")
    author = relationship("User")
