"""The vacancy register: a city's commercial premises, their state over time and the incentives that apply.

- `Premise`: one commercial unit (a shop floor) of the centre, with its place, size, asking rent, lease
  options and current `state` (`PremiseState`). `owner_contact` is private: it is shown only in the studio
  and the marketer's API, never on a public page or answer. `street` is `app.core.text.street_of(address)`,
  stored so the analysis can group by street in SQL. `version` guards against lost updates (a stale writer
  gets a 409).
- `PremiseStateChange`: every change of state, with the day it took effect, who recorded it and a note; the
  analysis over time reads these rows.
- `Incentive`: what a city offers a starter (a starter premium, a vacancy-tax exemption), linked to the
  premises where it applies.
- `PremisePhoto`: photos through the media pipeline (`app.media.service.save_image`).
"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Column, Date, Float, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.i18n import translate
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, TranslatedJSON, UTCDateTime
from app.core.text import street_of
from app.extensions import db


class PremiseState(StrEnum):
    VACANT = "vacant"
    OPTION = "option"  # under option: someone is negotiating, still empty
    LET = "let"
    REPURPOSED = "repurposed"  # no longer a commercial unit (housing, office, ...): leaves the stock


class LeaseType(StrEnum):
    LONG = "long"  # commercial lease (handelshuur, 9 years)
    SHORT = "short"  # short lease (up to a year)
    POPUP = "popup"  # pop-up by the week


class Condition(StrEnum):
    TURNKEY = "turnkey"  # ready to open
    GOOD = "good"
    REFURBISH = "refurbish"  # needs work
    SHELL = "shell"  # casco


premise_incentive = Table(
    "premise_incentive", db.metadata,
    Column("premise_id", Integer, ForeignKey("premise.id", ondelete="CASCADE"), primary_key=True),
    Column("incentive_id", Integer, ForeignKey("incentive.id", ondelete="CASCADE"), primary_key=True),
)


class Incentive(CityScopedMixin, TimestampMixin, db.Model):
    """What the city offers someone who opens in a premise (e.g. "Starterspremie")."""
    __tablename__ = "incentive"
    __table_args__ = (UniqueConstraint("city_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), nullable=False)  # natural key, used in the CSV
    name: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False)
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    @property
    def display_name(self) -> str:
        return translate(self.name)


class Premise(CityScopedMixin, TimestampMixin, db.Model):
    __tablename__ = "premise"
    __table_args__ = (UniqueConstraint("city_id", "address"),
                      db.Index("ix_premise_city_id_street", "city_id", "street"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    address: Mapped[str] = mapped_column(String(200), nullable=False)  # "Ooststraat 52, 8800 Roeselare"
    street: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    floor_area_m2: Mapped[float | None] = mapped_column(Float)
    sales_floor_m2: Mapped[float | None] = mapped_column(Float)
    frontage_m: Mapped[float | None] = mapped_column(Float)
    floors: Mapped[int | None] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(12), nullable=False, default=PremiseState.VACANT.value, index=True)
    vacant_since: Mapped[date | None] = mapped_column(Date)
    owner_contact: Mapped[str] = mapped_column(String(300), nullable=False, default="")  # PRIVATE
    rent_min: Mapped[int | None] = mapped_column(Integer)  # EUR per month
    rent_max: Mapped[int | None] = mapped_column(Integer)
    lease_types: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)  # LeaseType values
    permitted_uses: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    previous_use: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    condition: Mapped[str] = mapped_column(String(12), nullable=False, default="")  # Condition or ""
    step_free: Mapped[bool | None] = mapped_column(Boolean)  # step-free entrance; None: not known
    description: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shop.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    shop = relationship("Shop")
    incentives: Mapped[list[Incentive]] = relationship(secondary=premise_incentive, order_by="Incentive.code")
    photos: Mapped[list["PremisePhoto"]] = relationship(
        back_populates="premise", cascade="all, delete-orphan", order_by="PremisePhoto.position")
    changes: Mapped[list["PremiseStateChange"]] = relationship(
        back_populates="premise", cascade="all, delete-orphan",
        order_by="(PremiseStateChange.changed_on.desc(), PremiseStateChange.id.desc())")

    def set_address(self, address: str) -> None:
        self.address = address
        self.street = street_of(address)

    @property
    def is_available(self) -> bool:
        """On the market: vacant or under option (an option may still fall through)."""
        return self.state in (PremiseState.VACANT, PremiseState.OPTION)

    def __repr__(self) -> str:
        return f"<Premise {self.id} {self.address!r} {self.state}>"


class PremiseStateChange(db.Model):
    """One change of state of a premise, effective on `changed_on` (a Brussels day)."""
    __tablename__ = "premise_state_change"
    __table_args__ = (db.Index("ix_premise_state_change_premise_day", "premise_id", "changed_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    premise_id: Mapped[int] = mapped_column(ForeignKey("premise.id", ondelete="CASCADE"), nullable=False)
    from_state: Mapped[str | None] = mapped_column(String(12))  # None: the first entry in the register
    to_state: Mapped[str] = mapped_column(String(12), nullable=False)
    changed_on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    premise: Mapped[Premise] = relationship(back_populates="changes")
    changed_by = relationship("User")


class PremisePhoto(TimestampMixin, db.Model):
    __tablename__ = "premise_photo"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    premise_id: Mapped[int] = mapped_column(ForeignKey("premise.id", ondelete="CASCADE"), nullable=False,
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    phone_key: Mapped[str] = mapped_column(String(255), nullable=False)
    thumb_key: Mapped[str] = mapped_column(String(255), nullable=False)
    width: Mapped[int] = mapped_column(Integer, nullable=False)
    height: Mapped[int] = mapped_column(Integer, nullable=False)
    alt: Mapped[dict] = mapped_column(TranslatedJSON, nullable=False, default=dict)

    premise: Mapped[Premise] = relationship(back_populates="photos")
