"""Roles by invitation (issue 13: a town goes live without a developer), and the audit log of role changes.

An invitation offers one role to one email address: `marketer` or `desk` of a city (decided here), or a shop
role (`staff`, and e.g. `owner` for claiming an imported shop) whose rules belong to the feature that owns
shops: it registers a `RoleGrant` with `register_grant` (who may manage the role at a shop, how it is given,
the shop's name, the words that offer it), so accounts never imports shops.

The mailed link is signed and names the invitation and its nonce; it works once, for 7 days, and only the
newest link of a re-sent invitation works. Accepting needs the account of the invited address: the invitee
logs in, or creates the account right there (the link proves the address, so it counts as confirmed).
Every step is an `AuditEntry`. Services take the actor; the caller's unit of work commits (mail leaves then).
"""
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Callable

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy import or_, select, update

from app.accounts.links import make_facts_token, read_facts_token
from app.accounts.models import AuditEntry, Invitation, Membership, User
from app.core import clock, mail
from app.core.auth import CITY_ROLES, Can, Role, may
from app.core.problem import ProblemError, not_found
from app.core.urls import external_url
from app.extensions import db

INVITATION_MAX_AGE = timedelta(days=7)
PURPOSE = "invitation"
AUDIT_PAGE_SIZE = 50


class AuditAction(StrEnum):
    INVITED = "invited"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    GRANTED = "granted"
    REVOKED = "revoked"
    # A town's status (cities.signals.city_status_changed): who opened it to the public, or closed it again.
    WENT_LIVE = "went_live"
    BACK_TO_DRAFT = "back_to_draft"

TOWN = "town"  # the `role` column of a town-status entry: the town itself changed, no person's role


ROLE_LABELS = {Role.MARKETER: _l("City marketer"), Role.DESK: _l("City desk"), TOWN: _l("Town")}


@dataclass(frozen=True)
class RoleGrant:
    """A shop role another feature owns. `may_manage(actor, shop_id)`: may the actor invite, withdraw and revoke
    it at that shop; `grant(invitation, user)`: give it on acceptance (flush only; raise ProblemError to
    refuse); `shop_name(shop_id)`: the shop's display name (None when it is gone); `offer(shop, city)`: the
    sentence offering it, in the mail and on the link's page (None: the generic wording)."""
    role: str
    label: object
    may_manage: Callable[[object, int], bool]
    grant: Callable[[Invitation, User], None]
    shop_name: Callable[[int], str | None]
    offer: Callable[[str, str], str] | None = None


def register_grant(app, role: str, *, label, may_manage, grant, shop_name, offer=None) -> None:
    """Let `role` (a shop role) be offered by invitation; see `RoleGrant` for the callables."""
    if role in CITY_ROLES:
        raise ValueError(f"{role} is a city role, decided by accounts")
    app.extensions.setdefault("kick_role_grants", {})[role] = RoleGrant(role, label, may_manage, grant, shop_name,
                                                                        offer)


def role_grant(role: str) -> RoleGrant | None:
    return current_app.extensions.get("kick_role_grants", {}).get(role)


def role_label(role: str) -> str:
    grant = role_grant(role)
    return str(grant.label if grant else ROLE_LABELS.get(role, role))


# ------------------------------------------------------------------ who may manage what


def may_manage(actor, role: str, city, shop_id: int | None = None) -> bool:
    """May `actor` invite, withdraw or revoke `role` in `city` (at `shop_id` for a shop role)?"""
    if role == Role.MARKETER:
        return bool(getattr(actor, "is_authenticated", False) and actor.is_admin)
    if role == Role.DESK:
        return may(actor, Can.MANAGE_DESK, city=city)
    grant = role_grant(role)
    return bool(grant and shop_id is not None and getattr(actor, "is_authenticated", False)
                and grant.may_manage(actor, shop_id))


def _check_manage(actor, role: str, city, shop_id: int | None) -> None:
    """Nobody with no role in the city (or shop) learns anything: a 404. A marketer asking for what only an
    admin may do is told so (403): they already know the city."""
    if may_manage(actor, role, city, shop_id):
        return
    if shop_id is None and may(actor, Can.USE_STUDIO, city=city):
        raise ProblemError(403, _("Only a platform admin can do this."), code="forbidden")
    raise not_found()


# ------------------------------------------------------------------ invite, withdraw


def _clean_email(email: str) -> str:
    try:
        return validate_email((email or "").strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        message = _("Enter a valid email address.")
        raise ProblemError(422, message, code="validation_error", errors={"email": [message]}) from error


def _check_role(role: str, shop_id: int | None) -> None:
    known = role in CITY_ROLES if shop_id is None else role_grant(role) is not None
    if not known:
        message = _("Choose one of the roles offered.")
        raise ProblemError(422, message, code="validation_error", errors={"role": [message]})


def _holds(user: User | None, role: str, city, shop_id: int | None) -> bool:
    return user is not None and any(m.role == role and m.city_id == city.id and m.shop_id == shop_id
                                    for m in user.memberships)


def invite(actor, *, email: str, role: str, city, shop_id: int | None = None) -> Invitation:
    """Offer `role` in `city` (at `shop_id` for a shop role) to `email` and queue the mail with the link. A
    pending invitation for the same address and role there is sent again (a new link, 7 more days), not
    doubled. Flushed; the caller commits."""
    from app.accounts.services import find_user_by_email  # noqa: PLC0415 - services imports accounts modules
    _check_role(role, shop_id)
    _check_manage(actor, role, city, shop_id)
    address = _clean_email(email)
    if _holds(find_user_by_email(address), role, city, shop_id):
        message = _("%(email)s already has this role.", email=address)
        raise ProblemError(409, message, code="already_granted", errors={"email": [message]})
    now = clock.now()
    invitation = db.session.execute(select(Invitation).where(
        Invitation.email == address, Invitation.role == role, Invitation.city_id == city.id,
        Invitation.shop_id.is_(None) if shop_id is None else Invitation.shop_id == shop_id,
        Invitation.accepted_at.is_(None), Invitation.withdrawn_at.is_(None), Invitation.expires_at > now,
    ).order_by(Invitation.id.desc()).limit(1)).scalar_one_or_none()
    if invitation is None:
        invitation = Invitation(email=address, role=role, city_id=city.id, shop_id=shop_id)
        db.session.add(invitation)
    invitation.invited_by_id = actor.id
    invitation.nonce = secrets.token_hex(16)  # a re-sent invitation's older link stops working
    invitation.expires_at = now + INVITATION_MAX_AGE
    db.session.flush()
    _audit(actor, AuditAction.INVITED, invitation, subject_email=address)
    mail.queue(_invitation_mail(invitation, city, actor))
    return invitation


def invitation_link(invitation: Invitation) -> str:
    return external_url("people.invitation", token=make_facts_token(PURPOSE, i=invitation.id, n=invitation.nonce))


def offer_text(invitation: Invitation, city_name: str | None = None) -> str:
    """What the invitation offers, in the current language (mail, link page, lists)."""
    city_name = city_name or invitation.city.name
    shop = shop_name(invitation) or ""
    grant = role_grant(invitation.role)
    if grant is not None and grant.offer is not None:
        return grant.offer(shop, city_name)
    if invitation.role == Role.MARKETER:
        return _("Run the city studio of KICK %(city)s as city marketer.", city=city_name)
    if invitation.role == Role.DESK:
        return _("Confirm city-pass rewards at the city desk of KICK %(city)s.", city=city_name)
    if invitation.role == Role.STAFF:
        return _("Run the counter display and confirm rewards at %(shop)s on KICK %(city)s.", shop=shop,
                 city=city_name)
    if invitation.role == "owner":
        return _("Claim and complete your shop %(shop)s on KICK %(city)s.", shop=shop, city=city_name)
    return _("%(role)s on KICK %(city)s", role=role_label(invitation.role), city=city_name)


def shop_name(invitation_or_entry) -> str | None:
    if invitation_or_entry.shop_id is None:
        return None
    grant = role_grant(invitation_or_entry.role)
    return grant.shop_name(invitation_or_entry.shop_id) if grant else None


def _invitation_mail(invitation: Invitation, city, actor):
    from app.accounts.services import find_user_by_email  # noqa: PLC0415 - services imports accounts modules
    account = find_user_by_email(invitation.email)
    locale = (account.locale if account is not None else None) or city.default_locale
    inviter = actor.display_name or actor.email
    with force_locale(locale):
        return mail.compose(invitation.email, _("KICK %(city)s: you are invited", city=city.name), [
            _("%(name)s invites you on KICK %(city)s:", name=inviter, city=city.name), "",
            offer_text(invitation, city.name), "",
            _("Open this link to accept:"), "", invitation_link(invitation), "",
            _("The link works for %(days)d days and only once. Log in with this address, or create your account "
              "on the page the link opens.", days=INVITATION_MAX_AGE.days),
            _("Not for you? Then you can ignore this email."),
        ])


def pending_invitation_or_404(invitation_id: int, *, city=None, shop_id: int | None = None) -> Invitation:
    """A pending invitation of `city` (city roles) or of the shop `shop_id` (shop roles)."""
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or not invitation.pending:
        raise not_found()
    if shop_id is not None and invitation.shop_id != shop_id:
        raise not_found()
    if shop_id is None and (invitation.shop_id is not None or (city is not None and invitation.city_id != city.id)):
        raise not_found()
    return invitation


def withdraw(actor, invitation: Invitation) -> None:
    """Withdraw a pending invitation: its link stops working."""
    _check_manage(actor, invitation.role, invitation.city, invitation.shop_id)
    if not invitation.pending:
        raise ProblemError(409, _("This invitation is no longer pending."), code="not_pending")
    invitation.withdrawn_at, invitation.withdrawn_by_id = clock.now(), actor.id
    _audit(actor, AuditAction.WITHDRAWN, invitation, subject_email=invitation.email)
    db.session.flush()


# ------------------------------------------------------------------ the link: look, accept, register


def invitation_for(token: str) -> Invitation:
    """The invitation a link offers, while it may still be accepted; otherwise the reason (400/410)."""
    facts = read_facts_token(PURPOSE, token, INVITATION_MAX_AGE, _(
        "This invitation has expired: invitations work for 7 days. Ask the person who invited you for a new one."))
    invitation = db.session.get(Invitation, facts.get("i")) if isinstance(facts.get("i"), int) else None
    if invitation is None:
        raise ProblemError(410, _("This invitation no longer exists."), code="link_invalid")
    if invitation.accepted_at is not None:
        raise ProblemError(410, _("This invitation has already been used. Log in to reach your area."),
                           code="link_used")
    if invitation.withdrawn_at is not None:
        raise ProblemError(410, _("This invitation was withdrawn."), code="invitation_withdrawn")
    if not secrets.compare_digest(str(facts.get("n", "")), invitation.nonce):
        raise ProblemError(410, _("A newer invitation was mailed to you: open the link in the latest email."),
                           code="link_replaced")
    if invitation.expires_at <= clock.now():
        raise ProblemError(410, _("This invitation has expired: invitations work for 7 days. Ask the person who "
                                  "invited you for a new one."), code="link_expired")
    return invitation


def accept(token: str, user: User) -> Invitation:
    """Accept the invitation of `token` as `user`, whose login must be the invited address: the role is given,
    once (a second accept, even racing, finds the link used). Flushed; the caller commits and logs in."""
    invitation = invitation_for(token)
    if (user.email or "").lower() != invitation.email:
        raise ProblemError(403, _("This invitation is for %(email)s. Log out and log in with that address.",
                                  email=invitation.email), code="wrong_account")
    now = clock.now()
    claimed = db.session.execute(update(Invitation).where(
        Invitation.id == invitation.id, Invitation.accepted_at.is_(None), Invitation.withdrawn_at.is_(None),
    ).values(accepted_at=now, accepted_by_id=user.id).execution_options(synchronize_session=False)).rowcount
    if claimed != 1:
        raise ProblemError(410, _("This invitation has already been used. Log in to reach your area."),
                           code="link_used")
    db.session.refresh(invitation)
    if invitation.role in CITY_ROLES:
        grant_membership(user, invitation.role, invitation.city_id)
    else:
        role_grant(invitation.role).grant(invitation, user)
    _audit(user, AuditAction.ACCEPTED, invitation, subject=user)
    db.session.flush()
    return invitation


def register_invitee(actor, token: str, password: str, display_name: str | None = None) -> User:
    """A new account for the invited address, confirmed at once (the link proves it), which accepts the
    invitation. An anonymous shopper at the keyboard keeps their cards. Flushed; the caller commits."""
    from app.accounts.services import find_user_by_email, new_user  # noqa: PLC0415 - services imports us
    from app.core.i18n import current_locale  # noqa: PLC0415
    invitation = invitation_for(token)
    if find_user_by_email(invitation.email) is not None:
        raise ProblemError(409, _("This address already has an account: log in with it to accept."),
                           code="email_taken")
    if actor is not None and actor.is_authenticated and actor.is_anonymous_shopper:
        user = actor
        user.is_anonymous_shopper, user.first_scan_key = False, None
        user.display_name = display_name or user.display_name
    else:
        user = new_user(None, None, display_name)
    user.email, user.pending_email, user.email_verified_at = invitation.email, None, clock.now()
    user.locale = user.locale or current_locale()
    user.set_password(password)
    db.session.flush()
    accept(token, user)
    return user


def grant_membership(user: User, role: str, city_id: int, shop_id: int | None = None) -> Membership | None:
    """Give `user` the role (none if they hold it already); for grant handlers of shop roles too."""
    if any(m.role == role and m.city_id == city_id and m.shop_id == shop_id for m in user.memberships):
        return None
    membership = Membership(user=user, city_id=city_id, shop_id=shop_id, role=role)
    db.session.add(membership)
    return membership


# ------------------------------------------------------------------ revoke, lists, audit


def membership_or_404(membership_id: int, *, city=None, shop_id: int | None = None) -> Membership:
    membership = db.session.get(Membership, membership_id)
    if membership is None or membership.shop_id != shop_id:
        raise not_found()
    if city is not None and membership.city_id != city.id:
        raise not_found()
    return membership


def revoke(actor, membership: Membership) -> None:
    """Take the role away; the person's next request no longer has it."""
    _check_manage(actor, membership.role, membership.city, membership.shop_id)
    _audit(actor, AuditAction.REVOKED, membership, subject=membership.user)
    db.session.delete(membership)
    db.session.flush()


def record(actor, action: AuditAction, *, role: str, city, subject: User | None = None,
           subject_email: str | None = None, shop_id: int | None = None, shop_name: str | None = None) -> None:
    """An audit entry for a role change made outside invitations (e.g. the `flask users` commands)."""
    db.session.add(AuditEntry(actor_id=getattr(actor, "id", None), action=action, role=role, city_id=city.id,
                              shop_id=shop_id, shop_name=shop_name, subject_id=subject.id if subject else None,
                              subject_email=subject_email or (subject.email if subject else None), at=clock.now()))


def record_town_status(city, *, actor=None, old: str, new: str) -> None:
    """Listener of cities.signals.city_status_changed: the audit log says who set a town live or back."""
    action = AuditAction.WENT_LIVE if new == "live" else AuditAction.BACK_TO_DRAFT
    record(actor, action, role=TOWN, city=city)


def _audit(actor, action: AuditAction, row, *, subject: User | None = None, subject_email: str | None = None):
    name = shop_name(row)
    record(actor, action, role=row.role, city=row.city, subject=subject, subject_email=subject_email,
           shop_id=row.shop_id, shop_name=name[:200] if name else None)


@dataclass(frozen=True)
class People:
    memberships: list[Membership]
    invitations: list[Invitation]


def _pending(query):
    now = clock.now()
    return query.where(Invitation.accepted_at.is_(None), Invitation.withdrawn_at.is_(None),
                       Invitation.expires_at > now).order_by(Invitation.created_at.desc(), Invitation.id.desc())


def people(city=None, roles=CITY_ROLES) -> People:
    """Who holds a city role (of `city`, or of every city) and the invitations still pending."""
    members = select(Membership).join(User).where(Membership.shop_id.is_(None), Membership.role.in_(roles))
    invitations = select(Invitation).where(Invitation.shop_id.is_(None), Invitation.role.in_(roles))
    if city is not None:
        members = members.where(Membership.city_id == city.id)
        invitations = invitations.where(Invitation.city_id == city.id)
    return People(list(db.session.execute(members.order_by(Membership.city_id, Membership.role, User.email))
                       .scalars()),
                  list(db.session.execute(_pending(invitations)).scalars()))


def shop_people(shop_id: int, role: str = Role.STAFF) -> People:
    """Who holds `role` at the shop, and the invitations to it still pending."""
    members = (select(Membership).join(User).where(Membership.shop_id == shop_id, Membership.role == role)
               .order_by(User.email))
    invitations = select(Invitation).where(Invitation.shop_id == shop_id, Invitation.role == role)
    return People(list(db.session.execute(members).scalars()), list(db.session.execute(_pending(invitations))
                                                                   .scalars()))


def audit_page(page: int = 1, per_page: int = AUDIT_PAGE_SIZE, city=None):
    """The audit log, newest first, one page (Flask-SQLAlchemy pagination; an empty page past the end)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if city is not None:
        query = query.where(AuditEntry.city_id == city.id)
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False, count=True)


def entries_about(user: User):
    """Audit entries where `user` acted or was the subject (privacy export and deletion)."""
    clauses = [AuditEntry.actor_id == user.id, AuditEntry.subject_id == user.id]
    if user.email:
        clauses.append(AuditEntry.subject_email == user.email)
    return select(AuditEntry).where(or_(*clauses)).order_by(AuditEntry.at, AuditEntry.id)


def invitations_about(user: User):
    clauses = [Invitation.invited_by_id == user.id, Invitation.accepted_by_id == user.id,
               Invitation.withdrawn_by_id == user.id]
    if user.email:
        clauses.append(Invitation.email == user.email)
    return select(Invitation).where(or_(*clauses)).order_by(Invitation.created_at, Invitation.id)



