"""Base model mixins and column types shared by all features."""
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

# Translatable text: {"nl": "...", "en": "..."}; JSONB on PostgreSQL for indexing later.
TranslatedJSON = JSON().with_variant(JSONB(), "postgresql")
JSONData = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False)


class CityScopedMixin:
    """Every city-owned row carries city_id; query it through app.core.tenancy.city_select()."""

    @declared_attr
    def city_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(Integer, ForeignKey("city.id", ondelete="CASCADE"), nullable=False, index=True)
