"""The register's part of privacy: the state changes a person recorded (who changed a premise's state, their
note). Premises themselves belong to the city; `owner_contact` is an owner's or agent's business contact kept
by the city, not a KICK account, and stays with the premise. The deletion forgets who recorded a change
(the history keeps the change, its day and its note)."""
from sqlalchemy import select, update

from app.extensions import db
from app.premises.models import Premise, PremiseStateChange


def export_user(user) -> dict:
    rows = db.session.execute(select(PremiseStateChange, Premise.address, Premise.city_id)
                              .join(Premise, Premise.id == PremiseStateChange.premise_id)
                              .where(PremiseStateChange.changed_by_id == user.id)
                              .order_by(PremiseStateChange.id)).all()
    return {"state_changes_recorded": [
        {"city_id": city_id, "address": address, "from_state": change.from_state, "to_state": change.to_state,
         "changed_on": change.changed_on.isoformat(), "note": change.note}
        for change, address, city_id in rows]}


def forget_user(user, **_kwargs) -> None:
    db.session.execute(update(PremiseStateChange).where(PremiseStateChange.changed_by_id == user.id)
                       .values(changed_by_id=None))
