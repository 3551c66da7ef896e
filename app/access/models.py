"""Places that help a shopper get to the centre and around it, and the live feeds of their occupancy.

- `AccessPlace`: a garage or car park, a short-stay zone ("Shop & Go"), a park-and-ride, bike parking, a public
  toilet, an EV charging point or a bus/train stop of a city, with its entrance pin. Parking places may follow a
  feed record (`feed_id`, `feed_ref`): the last good value the feed gave (`live_available`, `live_capacity`,
  `live_updated_at`, the feed's own time) and a short history (`live_history`: [[iso time, free], ...], the last
  two hours) for the trend. A refused or failed poll never touches them: the last good value stays.
- `AccessFeed`: a city's occupancy feed (an adapter, a URL, an interval) and its last poll's outcome.
None of these rows names a person.
"""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON, UTCDateTime
from app.extensions import db


class PlaceKind(StrEnum):
    PARKING = "parking"  # a garage or a car park
    SHORT_STAY = "short_stay"  # e.g. 30 minutes free "Shop & Go"
    PARK_RIDE = "park_ride"  # with its shuttle
    BIKE = "bike"
    TOILET = "toilet"
    CHARGING = "charging"
    STOP = "stop"  # bus or train


class PlaceGroup(StrEnum):
    """What a shopper (the API's `kind`, the map layers) asks for: parking holds the three car kinds."""
    PARKING = "parking"
    BIKE = "bike"
    TOILET = "toilet"
    CHARGING = "charging"
    STOP = "stop"


GROUP_KINDS = {
    PlaceGroup.PARKING: (PlaceKind.PARKING, PlaceKind.SHORT_STAY, PlaceKind.PARK_RIDE),
    PlaceGroup.BIKE: (PlaceKind.BIKE,),
    PlaceGroup.TOILET: (PlaceKind.TOILET,),
    PlaceGroup.CHARGING: (PlaceKind.CHARGING,),
    PlaceGroup.STOP: (PlaceKind.STOP,),
}
GROUP_OF = {kind: group for group, kinds in GROUP_KINDS.items() for kind in kinds}


class FeedAdapter(StrEnum):
    DATEX2 = "datex2"  # DATEX II v3 ParkingStatusPublication (XML)
    OPENDATASOFT = "opendatasoft"  # Opendatasoft records/results JSON (Gent's real-time garages)


class AccessFeed(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "access_feed"
    __table_args__ = (UniqueConstraint("city_id", "name", name="uq_access_feed_city_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False)
    adapter: Mapped[str] = mapped_column(String(20), nullable=False)
    url: Mapped[str] = mapped_column(String(500), nullable=False)
    interval_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=2)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    last_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_accepted: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_refused: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))  # the whole feed's failure, or None


class AccessPlace(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "access_place"
    __table_args__ = (UniqueConstraint("city_id", "code", name="uq_access_place_city_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), nullable=False)  # the natural key of imports (e.g. a GTFS stop_id)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    name: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    lat: Mapped[float] = mapped_column(Float, nullable=False)  # the entrance
    lon: Mapped[float] = mapped_column(Float, nullable=False)
    capacity: Mapped[int | None] = mapped_column(Integer)
    hours: Mapped[str | None] = mapped_column(String(200))
    price: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[dict | None] = mapped_column(TranslatedJSON)
    shuttle: Mapped[str | None] = mapped_column(String(200))  # park-and-ride: its shuttle
    accessible: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # toilets
    baby_changing: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("access_feed.id", ondelete="SET NULL"), index=True)
    feed_ref: Mapped[str | None] = mapped_column(String(200))  # the feed's record id
    live_available: Mapped[int | None] = mapped_column(Integer)
    live_capacity: Mapped[int | None] = mapped_column(Integer)
    live_open: Mapped[bool | None] = mapped_column(Boolean)
    live_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the feed's time of the count
    live_history: Mapped[list | None] = mapped_column(JSONData)

    feed: Mapped[AccessFeed | None] = relationship(lazy="raise")

    @property
    def group(self) -> PlaceGroup:
        return GROUP_OF[PlaceKind(self.kind)]
