"""Entrepreneurs: their concept profile (one per person and town) and their requests for a premise.

A request is a `PremiseMatch` of origin "interest"; the entrepreneur sees its stage on "Mijn aanvragen" and
nothing of the marketer's notes. Only a signed-in person with an account (not an anonymous shopper) may write.
"""
from sqlalchemy import select

from flask_babel import gettext as _

from app.core.problem import ProblemError, not_found
from app.extensions import db
from app.premises.match_models import (NAME_MAX, NOTE_MAX, TEXT_MAX, ConceptProfile, MatchOrigin, MatchStage,
                                       MatchStageChange, PremiseMatch)
from app.premises.models import LeaseType, Premise
from app.shops.models import CATEGORIES
from app.core import clock

PROFILE_FIELDS = ("name", "sells", "unique", "category", "area_min", "area_max", "budget_max", "opening_on",
                  "lease_types", "open_to_proposals")
AREA_MAX_M2 = 10000
BUDGET_MAX_EUR = 1_000_000


def _signed_up(user) -> None:
    if user is None or not getattr(user, "is_authenticated", False) or user.is_anonymous_shopper:
        raise ProblemError(401, _("Sign up or log in first."), code="sign_up_first")


def own_profile(user, city) -> ConceptProfile | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.execute(select(ConceptProfile).where(ConceptProfile.city_id == city.id,
                                                           ConceptProfile.user_id == user.id)).scalar_one_or_none()


def _check(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    clean = {key: values[key] for key in PROFILE_FIELDS if key in values}
    for key, limit in (("name", NAME_MAX), ("sells", TEXT_MAX), ("unique", TEXT_MAX)):
        if key in clean:
            clean[key] = (clean[key] or "").strip()
            if len(clean[key]) > limit:
                errors[key] = [_("At most %(num)d characters.", num=limit)]
    if not clean.get("name"):
        errors["name"] = [_("Give your concept a name.")]
    if clean.get("category", "other") not in CATEGORIES:
        errors["category"] = [_("Choose a category from the list.")]
    for key, limit in (("area_min", AREA_MAX_M2), ("area_max", AREA_MAX_M2), ("budget_max", BUDGET_MAX_EUR)):
        value = clean.get(key)
        if value is not None and not 0 <= value <= limit:
            errors[key] = [_("Between 0 and %(num)d.", num=limit)]
    if (clean.get("area_min") is not None and clean.get("area_max") is not None
            and clean["area_min"] > clean["area_max"]):
        errors["area_max"] = [_("The largest area must not be smaller than the smallest.")]
    kinds = clean.get("lease_types") or []
    if any(kind not in tuple(LeaseType) for kind in kinds):
        errors["lease_types"] = [_("Choose leases from the list.")]
    clean["lease_types"] = [kind.value for kind in LeaseType if kind.value in kinds]
    if errors:
        raise ProblemError(422, _("Some fields need another look."), code="invalid_fields", errors=errors)
    return clean


def save_profile(user, city, values: dict) -> ConceptProfile:
    """Create or change the person's concept profile in `city`; the requests without one get it."""
    _signed_up(user)
    clean = _check(values)
    profile = own_profile(user, city)
    if profile is None:
        profile = ConceptProfile(city_id=city.id, user_id=user.id)
        db.session.add(profile)
    for key, value in clean.items():
        setattr(profile, key, value)
    db.session.flush()
    for match in db.session.scalars(select(PremiseMatch).where(PremiseMatch.city_id == city.id,
                                                               PremiseMatch.user_id == user.id,
                                                               PremiseMatch.profile_id.is_(None))):
        match.profile_id = profile.id
    return profile


def delete_profile(user, city) -> None:
    """The profile goes; the requests stay (with their note) until the person withdraws them. Nothing to delete
    is no error (a second click, another tab)."""
    profile = own_profile(user, city)
    if profile is not None:
        db.session.delete(profile)


def available_premise_or_404(city, premise_id: int) -> Premise:
    premise = db.session.get(Premise, premise_id)
    if premise is None or premise.city_id != city.id or not premise.is_available:
        raise not_found()
    return premise


def express_interest(user, city, premise_id: int, note: str) -> PremiseMatch:
    """The person's request for an available premise of `city`, with a short note; asking again changes the
    note of the request (one per person and premise)."""
    _signed_up(user)
    premise = available_premise_or_404(city, premise_id)
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ProblemError(422, _("Some fields need another look."), code="invalid_fields",
                           errors={"note": [_("At most %(num)d characters.", num=NOTE_MAX)]})
    match = db.session.execute(select(PremiseMatch).where(PremiseMatch.premise_id == premise.id,
                                                          PremiseMatch.user_id == user.id)).scalar_one_or_none()
    profile = own_profile(user, city)
    if match is None:
        match = PremiseMatch(city_id=city.id, premise_id=premise.id, user_id=user.id,
                             origin=MatchOrigin.INTEREST.value, stage=MatchStage.PROPOSED.value,
                             stage_on=clock.today())
        match.changes.append(MatchStageChange(to_stage=MatchStage.PROPOSED.value, on=clock.today(),
                                              by_id=user.id))
        db.session.add(match)
    match.note = note
    match.profile_id = profile.id if profile else None
    db.session.flush()
    return match


def my_requests(user, city) -> list[PremiseMatch]:
    """The person's requests and proposals in `city`, newest first (with their premise)."""
    from sqlalchemy.orm import selectinload
    return list(db.session.scalars(
        select(PremiseMatch).where(PremiseMatch.city_id == city.id, PremiseMatch.user_id == user.id)
        .options(selectinload(PremiseMatch.premise)).order_by(PremiseMatch.created_at.desc(), PremiseMatch.id.desc())))


def withdraw_request(user, city, match_id: int) -> None:
    match = db.session.get(PremiseMatch, match_id)
    if match is None or match.city_id != city.id or match.user_id != user.id:
        raise not_found()
    db.session.delete(match)
