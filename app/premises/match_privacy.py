"""The matchmaker's part of a person's privacy rights: their concept profiles and their requests are exported
and deleted with them (the rows cascade with the account; `forget_user` deletes them explicitly first, so
nothing depends on the database's cascade)."""
from sqlalchemy import delete, select

from app.extensions import db
from app.premises.match_models import ConceptProfile, MatchStageChange, PremiseMatch


def export_user(user) -> dict:
    profiles = db.session.scalars(select(ConceptProfile).where(ConceptProfile.user_id == user.id)
                                  .order_by(ConceptProfile.id))
    matches = db.session.scalars(select(PremiseMatch).where(PremiseMatch.user_id == user.id).order_by(PremiseMatch.id))
    return {
        "concept_profiles": [{"city_id": p.city_id, "name": p.name, "sells": p.sells, "unique": p.unique,
                              "category": p.category, "area_min": p.area_min, "area_max": p.area_max,
                              "budget_max": p.budget_max,
                              "opening_on": p.opening_on.isoformat() if p.opening_on else None,
                              "lease_types": list(p.lease_types or []), "open_to_proposals": p.open_to_proposals,
                              "created_at": p.created_at.isoformat()} for p in profiles],
        "premise_requests": [{"city_id": m.city_id, "premise": m.premise.address, "origin": m.origin, "note": m.note,
                              "stage": m.stage, "stage_on": m.stage_on.isoformat() if m.stage_on else None,
                              "created_at": m.created_at.isoformat()} for m in matches],
    }


def forget_user(user, **_kwargs) -> None:
    ids = select(PremiseMatch.id).where(PremiseMatch.user_id == user.id)
    db.session.execute(delete(MatchStageChange).where(MatchStageChange.match_id.in_(ids)))
    db.session.execute(delete(PremiseMatch).where(PremiseMatch.user_id == user.id))
    db.session.execute(delete(ConceptProfile).where(ConceptProfile.user_id == user.id))
    # A marketer who moved matches is forgotten as their author, the history stays.
    db.session.execute(MatchStageChange.__table__.update().where(MatchStageChange.by_id == user.id).values(by_id=None))
