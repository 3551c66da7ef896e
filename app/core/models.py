"""Base model mixins and column types shared by all features."""
from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Integer
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.types import TypeDecorator

from app.core.clock import utcnow

# Translatable text: {"nl": "...", "en": "..."}; JSONB on PostgreSQL for indexing later.
TranslatedJSON = JSON().with_variant(JSONB(), "postgresql")
JSONData = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator):
    """An instant: written as UTC, always read back aware in UTC (warehouse's TZDateTime).

    The column stays `DateTime(timezone=True)` (no migration). PostgreSQL hands back aware values, but
    SQLite drops the offset and returns naive UTC, also from aggregates such as max(); this type makes
    both backends answer alike, so no caller patches a naive value. A naive value is refused on the way
    in: it could be local or UTC, and guessing is how an hour goes missing twice a year."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"UTCDateTime needs an aware datetime, got {value!r}")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow, nullable=False)


class CityScopedMixin:
    """Every city-owned row carries city_id; query it through app.core.tenancy (city_select(Model, city) ...)."""

    @declared_attr
    def city_id(cls) -> Mapped[int]:  # noqa: N805
        return mapped_column(Integer, ForeignKey("city.id", ondelete="CASCADE"), nullable=False, index=True)
