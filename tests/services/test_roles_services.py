"""Roles by invitation (issue 13), without a request: invite, re-send, withdraw, accept once, revoke, the audit
log, the privacy part, and a shop role granted through a registered handler (as `owner` will be)."""
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from app.accounts import invitations
from app.accounts.invitations import AuditAction
from app.accounts.models import AuditEntry, Invitation, Membership
from app.accounts.services import find_user_by_email
from app.cities.services import city_by_slug
from app.core import clock
from app.core.auth import Can, Role, may
from app.core.problem import ProblemError
from app.extensions import db
from tests.conftest import mail_text, mailed_links, mails, open_links_later
from tests.factories import UserFactory

INVITEE = "nieuwe.balie@example.be"


def _token(app, email=INVITEE) -> str:
    links = mailed_links(app, email, "/invitations/")
    assert links, f"no invitation mailed to {email}"
    return urlsplit(links[-1]).path.rsplit("/", 1)[-1]


def _actions(city=None) -> list[tuple[str, str]]:
    query = select(AuditEntry).order_by(AuditEntry.id)
    if city is not None:
        query = query.where(AuditEntry.city_id == city.id)
    return [(entry.action, entry.role) for entry in db.session.execute(query).scalars()]


@pytest.fixture
def people(no_request):
    return {"admin": find_user_by_email("admin@kick.test"), "marketer": find_user_by_email("marketer@brugge.kick.test"),
            "oostende": find_user_by_email("marketer@oostende.kick.test"), "brugge": city_by_slug("brugge"),
            "oostende_city": city_by_slug("oostende")}


def test_a_marketer_invites_the_desk_and_the_mail_carries_a_link_after_the_commit(no_request, people):
    invitation = invitations.invite(people["marketer"], email=" Nieuwe.Balie@Example.be ", role="desk",
                                    city=people["brugge"])
    assert mails(no_request, INVITEE) == []  # nothing leaves before the commit
    db.session.commit()
    assert (invitation.email, invitation.role, invitation.city_id) == (INVITEE, "desk", people["brugge"].id)
    assert abs(invitation.expires_at - invitation.created_at - timedelta(days=7)) < timedelta(seconds=5)
    [message] = mails(no_request, INVITEE)
    body = mail_text(message)
    assert "KICK Brugge" in message["Subject"] and "stadsbalie" in body.lower()
    assert "https://kick.example/invitations/" in body
    assert _actions(people["brugge"])[-1] == ("invited", "desk")


def test_a_rolled_back_invitation_mails_nothing(no_request, people):
    invitations.invite(people["admin"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.rollback()
    assert mails(no_request, INVITEE) == []
    assert db.session.execute(select(Invitation).where(Invitation.email == INVITEE)).first() is None


def test_who_may_invite_whom_is_checked_per_city(no_request, people):
    with pytest.raises(ProblemError) as other_city:
        invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["oostende_city"])
    assert other_city.value.status == 404  # Brugge's marketer learns nothing about Oostende
    with pytest.raises(ProblemError) as marketer:
        invitations.invite(people["marketer"], email=INVITEE, role="marketer", city=people["brugge"])
    assert marketer.value.status == 403  # only platform admins make marketers
    shopper = find_user_by_email("shopper@kick.test")
    with pytest.raises(ProblemError) as nobody:
        invitations.invite(shopper, email=INVITEE, role="desk", city=people["brugge"])
    assert nobody.value.status == 404
    invitations.invite(people["admin"], email=INVITEE, role="marketer", city=people["oostende_city"])


@pytest.mark.parametrize("email,role,field", [("geen-adres", "desk", "email"), (INVITEE, "baas", "role"),
                                              (INVITEE, "staff", "role")])
def test_a_bad_address_or_role_is_a_field_refusal(no_request, people, email, role, field):
    with pytest.raises(ProblemError) as refused:
        invitations.invite(people["admin"], email=email, role=role, city=people["brugge"])
    assert refused.value.status == 422 and field in refused.value.errors


def test_sending_again_makes_no_second_invitation_and_only_the_newest_link_works(no_request, people):
    first = invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    old = _token(no_request)
    again = invitations.invite(people["marketer"], email=INVITEE.upper(), role="desk", city=people["brugge"])
    db.session.commit()
    assert again.id == first.id
    assert len(db.session.execute(select(Invitation).where(Invitation.email == INVITEE)).all()) == 1
    with pytest.raises(ProblemError) as replaced:
        invitations.invitation_for(old)
    assert (replaced.value.status, replaced.value.code) == (410, "link_replaced")
    assert invitations.invitation_for(_token(no_request)).id == first.id


def test_accepting_grants_the_role_once_and_is_audited(no_request, people):
    invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    token = _token(no_request)
    desk = UserFactory(email=INVITEE)
    db.session.commit()
    invitations.accept(token, desk)
    db.session.commit()
    assert desk.has_city_role(people["brugge"], Role.DESK)
    assert may(desk, Can.CONFIRM_PASS_REWARDS, city=people["brugge"])
    assert not may(desk, Can.USE_STUDIO, city=people["brugge"])
    assert not may(desk, Can.CONFIRM_PASS_REWARDS, city=people["oostende_city"])
    with pytest.raises(ProblemError) as used:
        invitations.accept(token, desk)
    assert (used.value.status, used.value.code) == (410, "link_used")
    assert _actions(people["brugge"])[-2:] == [("invited", "desk"), ("accepted", "desk")]


def test_an_invitation_is_for_its_address_only(no_request, people):
    invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    with pytest.raises(ProblemError) as wrong:
        invitations.accept(_token(no_request), find_user_by_email("shopper@kick.test"))
    assert (wrong.value.status, wrong.value.code) == (403, "wrong_account")


def test_a_link_expires_after_seven_days_by_the_clock_and_by_its_signature(no_request, people, monkeypatch):
    invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    token = _token(no_request)
    now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: now + timedelta(days=6, hours=23))
    assert invitations.invitation_for(token).email == INVITEE
    monkeypatch.setattr(clock, "now", lambda: now + timedelta(days=7, minutes=1))
    with pytest.raises(ProblemError) as expired:
        invitations.invitation_for(token)
    assert (expired.value.status, expired.value.code) == (410, "link_expired")
    monkeypatch.setattr(clock, "now", lambda: now)
    open_links_later(monkeypatch, days=7, minutes=1)
    with pytest.raises(ProblemError) as signed:
        invitations.invitation_for(token)
    assert (signed.value.status, signed.value.code) == (410, "link_expired")


def test_a_withdrawn_invitation_cannot_be_accepted(no_request, people):
    invitation = invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    with pytest.raises(ProblemError) as other:
        invitations.withdraw(people["oostende"], invitation)
    assert other.value.status == 404
    invitations.withdraw(people["marketer"], invitation)
    db.session.commit()
    with pytest.raises(ProblemError) as withdrawn:
        invitations.invitation_for(_token(no_request))
    assert (withdrawn.value.status, withdrawn.value.code) == (410, "invitation_withdrawn")
    assert ("withdrawn", "desk") in _actions(people["brugge"])


def test_revoking_ends_the_role_and_is_audited(no_request, people):
    desk = find_user_by_email("desk@brugge.kick.test")
    membership = invitations.membership_or_404(
        next(m.id for m in desk.memberships if m.role == Role.DESK), city=people["brugge"])
    with pytest.raises(ProblemError) as other:
        invitations.revoke(people["oostende"], membership)
    assert other.value.status == 404
    invitations.revoke(people["marketer"], membership)
    db.session.commit()
    db.session.refresh(desk)
    assert not may(desk, Can.CONFIRM_PASS_REWARDS, city=people["brugge"])
    entry = db.session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
    assert (entry.action, entry.role, entry.actor_id, entry.subject_id) == (
        "revoked", "desk", people["marketer"].id, desk.id)


def test_a_new_account_from_the_link_is_confirmed_and_keeps_an_anonymous_shoppers_cards(no_request, people):
    from app.accounts.services import anonymous_shopper
    invitations.invite(people["admin"], email=INVITEE, role="marketer", city=people["brugge"])
    db.session.commit()
    shopper = anonymous_shopper("a-browser")
    db.session.commit()
    user = invitations.register_invitee(shopper, _token(no_request), "een lang en vreemd wachtwoord", "Nieuw")
    db.session.commit()
    assert user.id == shopper.id and not user.is_anonymous_shopper
    assert (user.email, user.pending_email) == (INVITEE, None) and user.email_verified_at is not None
    assert user.is_marketer_of(people["brugge"])


def test_the_privacy_export_holds_the_roles_and_deletion_keeps_the_facts_without_the_address(no_request, people):
    from app.privacy.deletion import delete_account
    from app.privacy.export import export_user
    invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    desk = UserFactory(email=INVITEE)
    db.session.commit()
    invitations.accept(_token(no_request), desk)
    db.session.commit()
    document = export_user(desk)
    assert [(i["role"], i["to_you"]) for i in document["roles"]["invitations"]] == [("desk", True)]
    assert {(e["action"], e["about_you"]) for e in document["roles"]["audit_log"]} == {
        ("invited", True), ("accepted", True)}
    desk_id = desk.id
    delete_account(desk)
    entries = db.session.execute(select(AuditEntry).where(AuditEntry.city_id == people["brugge"].id,
                                                          AuditEntry.role == "desk")).scalars().all()
    about = [e for e in entries if e.action in ("invited", "accepted")]
    assert len(about) == 2  # the facts stay
    assert all(e.subject_email is None and e.subject_id is None for e in about)  # the person does not
    assert all(e.actor_id != desk_id for e in about)
    assert db.session.execute(select(Invitation).where(Invitation.email == INVITEE)).first() is None
    assert db.session.execute(select(Membership).where(Membership.user_id == desk_id)).first() is None


def test_a_shop_role_is_granted_by_its_registered_handler_with_its_own_words(no_request, people):
    """How shops' `owner` (claiming an imported shop) plugs in: accounts calls the handler, never shops."""
    granted = []
    invitations.register_grant(no_request, "owner", label="Shop owner",
                               may_manage=lambda actor, shop_id: actor.is_admin,
                               grant=lambda invitation, user: granted.append((invitation.shop_id, user.email)),
                               shop_name=lambda shop_id: "Bakkerij Claim")
    shop_id = db.session.execute(select(Membership.shop_id).where(Membership.shop_id.is_not(None))).scalars().first()
    with pytest.raises(ProblemError) as refused:
        invitations.invite(people["marketer"], email=INVITEE, role="owner", city=people["brugge"], shop_id=shop_id)
    assert refused.value.status == 404  # the handler says who may: here admins only
    invitations.invite(people["admin"], email=INVITEE, role="owner", city=people["brugge"], shop_id=shop_id)
    db.session.commit()
    [message] = mails(no_request, INVITEE)
    assert "Claim en vervolledig je winkel Bakkerij Claim op KICK Brugge" in mail_text(message)
    owner = UserFactory(email=INVITEE)
    db.session.commit()
    invitations.accept(_token(no_request), owner)
    db.session.commit()
    assert granted == [(shop_id, INVITEE)]
    entry = db.session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
    assert (entry.action, entry.role, entry.shop_id, entry.shop_name) == (AuditAction.ACCEPTED, "owner", shop_id,
                                                                         "Bakkerij Claim")


def test_people_lists_the_city_roles_and_pending_invitations(no_request, people):
    invitations.invite(people["marketer"], email=INVITEE, role="desk", city=people["brugge"])
    db.session.commit()
    listed = invitations.people(people["brugge"])
    assert {(m.user.email, m.role) for m in listed.memberships} == {
        ("marketer@brugge.kick.test", "marketer"), ("desk@brugge.kick.test", "desk")}
    assert [i.email for i in listed.invitations] == [INVITEE]
    assert all(m.city_id == people["brugge"].id for m in listed.memberships)
