"""The matchmaker's rows (room match): entrepreneurs' concept profiles, their requests for a premise and the
marketer's matches, and the city's weights of the score.

- `ConceptProfile`: what an entrepreneur wants to open, described once per city (one per person and town):
  what they sell, what makes it unique, the shop category, the area and rent they look for, the opening date,
  the leases they want and whether the city may propose premises to them (`open_to_proposals`). Personal data:
  exported and deleted with the person (app.premises.privacy).
- `PremiseMatch`: one entrepreneur and one premise. It starts as their request (`origin` interest, with a
  short note, a profile optional) or as the marketer's proposal to an open profile (`origin` proposal), and
  moves through `MatchStage` with a note and a date; `version` makes a racing stage change a 409, never a
  lost update. The entrepreneur sees the stage on "Mijn aanvragen".
- `MatchStageChange`: every move of a match, kept.
- `MatchWeights`: the city's weights of the score parts (app.premises.services.matching.DEFAULT_WEIGHTS).
"""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.clock import utcnow
from app.core.models import CityScopedMixin, JSONData, TimestampMixin, UTCDateTime
from app.extensions import db

TEXT_MAX = 1000
NOTE_MAX = 1000
NAME_MAX = 120


class MatchStage(StrEnum):
    PROPOSED = "proposed"  # a request received, or a proposal the marketer considers
    INTRODUCED = "introduced"  # both sides got an email with the other's contact
    VISIT = "visit"
    DEAL = "deal"  # the premise becomes let
    DROPPED = "dropped"


class MatchOrigin(StrEnum):
    INTEREST = "interest"  # the entrepreneur asked
    PROPOSAL = "proposal"  # the marketer proposed the premise to an open profile


# Where a match may go from each stage; a dropped match may be taken up again.
NEXT_STAGES = {
    MatchStage.PROPOSED: (MatchStage.INTRODUCED, MatchStage.DROPPED),
    MatchStage.INTRODUCED: (MatchStage.VISIT, MatchStage.DEAL, MatchStage.DROPPED),
    MatchStage.VISIT: (MatchStage.DEAL, MatchStage.DROPPED),
    MatchStage.DEAL: (),
    MatchStage.DROPPED: (MatchStage.PROPOSED,),
}


class ConceptProfile(CityScopedMixin, TimestampMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "concept_profile"
    __table_args__ = (UniqueConstraint("city_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX), nullable=False)  # the concept's (working) name
    sells: Mapped[str] = mapped_column(Text, nullable=False, default="")  # what they sell
    unique: Mapped[str] = mapped_column(Text, nullable=False, default="")  # what makes it unique
    category: Mapped[str] = mapped_column(String(40), nullable=False, default="other")  # a shop category
    area_min: Mapped[int | None] = mapped_column(Integer)  # m²
    area_max: Mapped[int | None] = mapped_column(Integer)
    budget_max: Mapped[int | None] = mapped_column(Integer)  # EUR rent per month at most
    opening_on: Mapped[date | None] = mapped_column(Date)  # when they want to open
    lease_types: Mapped[list] = mapped_column(JSONData, nullable=False, default=list)  # LeaseType values
    open_to_proposals: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)

    user = relationship("User")


class PremiseMatch(CityScopedMixin, TimestampMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "premise_match"
    __table_args__ = (UniqueConstraint("premise_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    premise_id: Mapped[int] = mapped_column(ForeignKey("premise.id", ondelete="CASCADE"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True)
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("concept_profile.id", ondelete="SET NULL"), index=True)
    origin: Mapped[str] = mapped_column(String(12), nullable=False, default=MatchOrigin.INTEREST.value)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")  # the entrepreneur's note
    stage: Mapped[str] = mapped_column(String(12), nullable=False, default=MatchStage.PROPOSED.value, index=True)
    stage_note: Mapped[str] = mapped_column(Text, nullable=False, default="")  # the marketer's, never public
    stage_on: Mapped[date | None] = mapped_column(Date)
    introduced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # the emails went once, then
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    __mapper_args__ = {"version_id_col": version}

    premise = relationship("Premise")
    user = relationship("User")
    profile = relationship("ConceptProfile")
    changes: Mapped[list["MatchStageChange"]] = relationship(
        back_populates="match", cascade="all, delete-orphan", passive_deletes=True,
        order_by="MatchStageChange.id.desc()")


class MatchStageChange(db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "premise_match_change"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("premise_match.id", ondelete="CASCADE"), nullable=False,
                                          index=True)
    from_stage: Mapped[str | None] = mapped_column(String(12))
    to_stage: Mapped[str] = mapped_column(String(12), nullable=False)
    on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    match: Mapped[PremiseMatch] = relationship(back_populates="changes")


class MatchWeights(CityScopedMixin, db.Model):
    page_content = False  # no anonymous page shows it (app.cache.invalidation)
    __tablename__ = "premise_match_weights"
    __table_args__ = (UniqueConstraint("city_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    weights: Mapped[dict] = mapped_column(JSONData, nullable=False, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)
