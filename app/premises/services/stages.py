"""The marketer moves a match through its stages (proposed -> introduced -> visit -> deal, or dropped), with a
note and a date, and proposes a premise to an open profile.

A stage change names the version it was made on: a newer version (someone else moved it) is a 409, and so is
a concurrent writer caught at the flush (the version column), so no move is ever lost.

At the first introduction both sides get an email, in their own language, leaving through the job queue after
the commit (app.core.mail): the entrepreneur gets the premise and the city's contact (the marketer who
introduced them); the owner gets the entrepreneur's concept and address when the register's private
`owner_contact` is an email address, else the marketer gets a mail saying to call the owner. A deal makes the
premise let (a state-history entry) and the marketer may then invite the entrepreneur to sign up their shop.
"""
import re

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from app.core import clock, mail
from app.core.i18n import translate
from app.core.problem import ProblemError, not_found
from app.core.urls import external_url
from app.extensions import db
from app.premises.match_models import (NOTE_MAX, NEXT_STAGES, ConceptProfile, MatchOrigin, MatchStage,
                                       MatchStageChange, PremiseMatch)
from app.premises.models import Premise, PremiseState

EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}$")


def match_in_city_or_404(city, match_id: int) -> PremiseMatch:
    match = db.session.get(PremiseMatch, match_id)
    if match is None or match.city_id != city.id:
        raise not_found()
    return match


def stage_conflict(match: PremiseMatch) -> ProblemError:
    return ProblemError(409, _("Someone else moved this match in the meantime (it is now: %(stage)s). Your change "
                               "was not saved: look at the match again.", stage=stage_label(match.stage)),
                        code="stage_conflict", extra={"current_version": match.version, "stage": match.stage},
                        errors={"stage": [_("Someone else moved this match in the meantime.")]})


def stage_label(stage: str) -> str:
    return {MatchStage.PROPOSED: _("proposed"), MatchStage.INTRODUCED: _("introduced"),
            MatchStage.VISIT: _("visit"), MatchStage.DEAL: _("deal"),
            MatchStage.DROPPED: _("dropped")}.get(stage, stage)


def propose(actor, city, premise_id: int, profile_id: int) -> PremiseMatch:
    """The marketer puts an open profile forward for a premise (a match of origin "proposal")."""
    premise = db.session.get(Premise, premise_id)
    profile = db.session.get(ConceptProfile, profile_id)
    if premise is None or premise.city_id != city.id or profile is None or profile.city_id != city.id:
        raise not_found()
    if not profile.open_to_proposals:
        raise ProblemError(422, _("This entrepreneur did not ask for proposals."), code="not_open")
    match = db.session.execute(select(PremiseMatch).where(PremiseMatch.premise_id == premise.id,
                                                          PremiseMatch.user_id == profile.user_id)).scalar_one_or_none()
    if match is not None:
        return match
    today = clock.today()
    match = PremiseMatch(city_id=city.id, premise_id=premise.id, user_id=profile.user_id, profile_id=profile.id,
                         origin=MatchOrigin.PROPOSAL.value, stage=MatchStage.PROPOSED.value, stage_on=today)
    match.changes.append(MatchStageChange(to_stage=MatchStage.PROPOSED.value, on=today, by_id=actor.id))
    db.session.add(match)
    db.session.flush()
    return match


def move(actor, city, match_id: int, stage: str, *, version: int, note: str = "", on=None) -> PremiseMatch:
    """Move a match to `stage` (one of NEXT_STAGES of its stage), made on `version`."""
    match = match_in_city_or_404(city, match_id)
    if int(version) != match.version:
        raise stage_conflict(match)
    note = (note or "").strip()
    errors = {}
    if stage not in tuple(MatchStage) or stage not in NEXT_STAGES[MatchStage(match.stage)]:
        errors["stage"] = [_("A match that is %(stage)s cannot go there.", stage=stage_label(match.stage))]
    if len(note) > NOTE_MAX:
        errors["note"] = [_("At most %(num)d characters.", num=NOTE_MAX)]
    if errors:
        raise ProblemError(422, _("Some fields need another look."), code="invalid_fields", errors=errors)
    on = on or clock.today()
    previous = match.stage
    match.stage, match.stage_note, match.stage_on = stage, note, on
    # Added by its key, not to `match.changes`: a collection change would bump the version a second time.
    db.session.add(MatchStageChange(match_id=match.id, from_stage=previous, to_stage=stage, on=on, note=note,
                                    by_id=actor.id))
    introduce = stage == MatchStage.INTRODUCED and match.introduced_at is None  # the mails go once only
    if introduce:
        match.introduced_at = clock.now()
    try:
        db.session.flush()  # one UPDATE, one version: a concurrent move fails here
    except StaleDataError:
        db.session.rollback()  # our own logic: read what the other writer saved, for the 409
        raise stage_conflict(db.session.get(PremiseMatch, match_id, populate_existing=True)) from None
    if introduce:
        _introduce(actor, city, match)
    if stage == MatchStage.DEAL:
        _let(actor, match, on, note)
        db.session.flush()
    return match


def _let(actor, match: PremiseMatch, on, note: str) -> None:
    """The deal feeds the register: the premise becomes let, through the register's own state change (its
    history entry, vacant_since cleared); nothing to do when it already is."""
    from app.premises.services.register import apply_state
    if apply_state(match.premise, PremiseState.LET.value, on, note or _("Deal through the matchmaker"), actor):
        match.premise.updated_at = clock.now()


def _contact_of(actor) -> str:
    return " ".join(part for part in (actor.display_name, f"<{actor.email}>" if actor.email else "") if part)


def _concept_lines(match: PremiseMatch) -> list[str]:
    profile = match.profile
    lines = [_("Entrepreneur: %(name)s, %(email)s", name=match.user.display_name or match.user.email,
               email=match.user.email)]
    if profile is not None:
        lines.append(_("Concept: %(name)s", name=profile.name))
        if profile.sells:
            lines.append(_("What they sell: %(text)s", text=profile.sells))
        if profile.unique:
            lines.append(_("What makes it unique: %(text)s", text=profile.unique))
    if match.note:
        lines.append(_("Their note: %(text)s", text=match.note))
    return lines


def _introduce(actor, city, match: PremiseMatch) -> None:
    premise, person = match.premise, match.user
    page = external_url("premises_public.detail", city=city.slug, premise_id=premise.id)
    if person.email:
        with mail.in_language_of(person, city):
            mail.queue(mail.compose(person.email, _("Introduction: %(address)s", address=premise.address), [
                _("Good news: the city introduces you to the owner of %(address)s.", address=premise.address),
                _("The owner or their agent will contact you; you may also write to the city's contact below."),
                "",
                page,
                "",
                _("The city's contact: %(contact)s", contact=_contact_of(actor)),
            ], city=city))
    owner = (premise.owner_contact or "").strip()
    if EMAIL.match(owner):
        with mail.in_language_of(None, city):
            mail.queue(mail.compose(owner, _("An entrepreneur for %(address)s", address=premise.address), [
                _("The city of %(city)s introduces an entrepreneur who is interested in your premise at "
                  "%(address)s.", city=translate(city.names), address=premise.address),
                "",
                *_concept_lines(match),
                "",
                _("The city's contact: %(contact)s", contact=_contact_of(actor)),
            ], city=city))
    elif actor.email:
        with mail.in_language_of(actor, city):
            mail.queue(mail.compose(actor.email, _("Call the owner of %(address)s", address=premise.address), [
                _("You introduced an entrepreneur for %(address)s. The register has no email address for the owner:"
                  " call them to pass on the introduction.", address=premise.address),
                _("Owner or agent: %(contact)s", contact=owner or _("not in the register")),
                "",
                *_concept_lines(match),
            ], city=city))


def invite_shop(actor, city, match_id: int) -> PremiseMatch:
    """After a deal: mail the entrepreneur the merchant sign-up link, to put their new shop in the app."""
    from app.shops import merchant_join_url
    match = match_in_city_or_404(city, match_id)
    if match.stage != MatchStage.DEAL:
        raise ProblemError(422, _("Only a deal can be invited to sign up as a shop."), code="not_a_deal")
    person = match.user
    if not person.email:
        raise ProblemError(422, _("This entrepreneur has no email address."), code="no_email")
    with mail.in_language_of(person, city):
        mail.queue(mail.compose(person.email, _("Put your new shop in the app"), [
            _("Congratulations on your new premise at %(address)s!", address=match.premise.address),
            _("Sign up your shop as a unique shop of the city, so shoppers find you and collect stamps:"),
            "",
            merchant_join_url(city),
        ], city=city))
    return match
