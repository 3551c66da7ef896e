"""Accounts' part of a person's privacy rights for roles: the invitations to or by them and the audit entries
about them. Deleting a person keeps the facts of the audit log (who held which role when) but drops their
name and address: the entries stay, pointing at nobody."""
from sqlalchemy import delete, or_, update

from app.accounts.invitations import entries_about, invitations_about
from app.accounts.models import AuditEntry, Invitation
from app.extensions import db


def _iso(value):
    return value.isoformat() if value is not None else None


def export_user(user) -> dict:
    invitations = db.session.execute(invitations_about(user)).scalars().all()
    entries = db.session.execute(entries_about(user)).scalars().all()
    mine = (user.email or "").lower()
    return {
        "invitations": [{
            "to_you": inv.email == mine, "role": inv.role, "city": inv.city.slug, "shop_id": inv.shop_id,
            "created_at": _iso(inv.created_at), "expires_at": _iso(inv.expires_at),
            "accepted_at": _iso(inv.accepted_at), "withdrawn_at": _iso(inv.withdrawn_at),
        } for inv in invitations],
        # Other people's addresses stay out of this person's export: only what they did, and what was done to them.
        "audit_log": [{
            "at": _iso(entry.at), "action": entry.action, "role": entry.role,
            "city": entry.city.slug if entry.city else None, "shop": entry.shop_name,
            "you_acted": entry.actor_id == user.id,
            "about_you": entry.subject_id == user.id or (bool(mine) and entry.subject_email == mine),
        } for entry in entries],
    }


def forget_user(user, **_kwargs) -> None:
    mine = (user.email or "").lower()
    about = [AuditEntry.subject_id == user.id] + ([AuditEntry.subject_email == mine] if mine else [])
    db.session.execute(update(AuditEntry).where(or_(*about)).values(subject_id=None, subject_email=None)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(AuditEntry).where(AuditEntry.actor_id == user.id).values(actor_id=None)
                       .execution_options(synchronize_session=False))
    if mine:
        db.session.execute(delete(Invitation).where(Invitation.email == mine)
                           .execution_options(synchronize_session=False))
    for column in (Invitation.invited_by_id, Invitation.accepted_by_id, Invitation.withdrawn_by_id):
        db.session.execute(update(Invitation).where(column == user.id).values({column.key: None})
                           .execution_options(synchronize_session=False))
