"""The matchmaker in the studio (room match, marketers of the city): a premise's entrepreneurs ranked with their
reasons and their stage forms, a profile's premises ranked, the profiles, and the weights of the score."""
from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from app.accounts.sessions import current_actor
from app.core.auth import marketer_required
from app.core.tenancy import get_in_city_or_404
from app.core.unit_of_work import unit_of_work
from app.premises.match_forms import InviteForm, ProposeForm, StageForm, WeightsForm
from app.premises.match_models import NEXT_STAGES, ConceptProfile, MatchStage
from app.premises.match_presenters import (LEASE_LABELS, PART_LABELS, STAGE_LABELS, category_label, reason_text)
from app.premises.models import Premise
from app.premises.services import matching, matchmaking, stages

bp = Blueprint("premises_match", __name__, url_prefix="/<city>/studio/premises")


def _stage_form(match, *, fresh: bool = True) -> StageForm:
    """The stage form of one match (a prefix per match: many on one page); `fresh` shows its current version."""
    form = StageForm(prefix=f"m{match.id}", formdata=None) if fresh else StageForm(prefix=f"m{match.id}")
    # A sent form is checked against every stage: the service says a stale one is a conflict (409), not a
    # choice the form does not know.
    shown = NEXT_STAGES[MatchStage(match.stage)] if fresh else tuple(MatchStage)
    form.stage.choices = [(stage.value, STAGE_LABELS[stage]) for stage in shown]
    if fresh:
        form.version.data = str(match.version)
    return form


def _matches_page(premise, failed: tuple | None = None, status: int = 200):
    """The premise's ranked entrepreneurs; `failed` = (match id, its refused form) shows that form's errors."""
    candidates = matchmaking.candidates_for_premise(g.city, premise)
    forms = {c.match.id: _stage_form(c.match) for c in candidates if c.match is not None}
    if failed is not None:
        forms[failed[0]] = failed[1]
    return render_template("premises/studio/match_premise.html", premise=premise, candidates=candidates,
                           stage_forms=forms, propose_form=ProposeForm(), invite_form=InviteForm(),
                           reason_text=reason_text, stage_labels=STAGE_LABELS, category_label=category_label,
                           weights=matchmaking.weights_of(g.city), part_labels=PART_LABELS), status


@bp.route("/<int:premise_id>/matches")
@marketer_required
def premise_matches(premise_id: int):
    return _matches_page(get_in_city_or_404(Premise, premise_id, g.city))


@bp.route("/matches/<int:match_id>/stage", methods=["POST"])
@marketer_required
def move_stage(match_id: int):
    match = stages.match_in_city_or_404(g.city, match_id)
    premise = match.premise
    form = _stage_form(match, fresh=False)
    if not form.validate_on_submit() or not form.version.data.isdigit():
        return _matches_page(premise, (match.id, form), 422)
    with unit_of_work(form) as work:
        stages.move(current_actor(), g.city, match.id, form.stage.data, version=int(form.version.data),
                    note=form.note.data, on=form.on.data)
    if work.refused:
        return _matches_page(premise, (match.id, form), work.status)
    flash(_("The match is now: %(stage)s.", stage=STAGE_LABELS[MatchStage(form.stage.data)]), "success")
    return redirect(url_for("premises_match.premise_matches", premise_id=premise.id))


@bp.route("/<int:premise_id>/propose", methods=["POST"])
@marketer_required
def propose(premise_id: int):
    premise = get_in_city_or_404(Premise, premise_id, g.city)
    form = ProposeForm()
    if not form.validate_on_submit() or not form.profile_id.data.isdigit():
        return _matches_page(premise, status=422)
    with unit_of_work(form) as work:
        stages.propose(current_actor(), g.city, premise.id, int(form.profile_id.data))
    if work.refused:
        flash(work.problem.detail, "error")
        return _matches_page(premise, status=work.status)
    flash(_("The premise is proposed to this entrepreneur."), "success")
    return redirect(url_for("premises_match.premise_matches", premise_id=premise.id))


@bp.route("/matches/<int:match_id>/invite", methods=["POST"])
@marketer_required
def invite(match_id: int):
    match = stages.match_in_city_or_404(g.city, match_id)
    form = InviteForm()
    if not form.validate_on_submit():
        return _matches_page(match.premise, status=422)
    with unit_of_work(form) as work:
        stages.invite_shop(current_actor(), g.city, match.id)
    if work.refused:
        flash(work.problem.detail, "error")
        return _matches_page(match.premise, status=work.status)
    flash(_("The invitation to sign up the shop has been sent."), "success")
    return redirect(url_for("premises_match.premise_matches", premise_id=match.premise_id))


@bp.route("/profiles/")
@marketer_required
def profiles():
    return render_template("premises/studio/match_profiles.html", profiles=matchmaking.open_profiles(g.city),
                           premises=matchmaking.premises_with_requests(g.city),
                           category_label=category_label, lease_labels=LEASE_LABELS)


@bp.route("/profiles/<int:profile_id>")
@marketer_required
def profile(profile_id: int):
    concept = get_in_city_or_404(ConceptProfile, profile_id, g.city)
    return render_template("premises/studio/match_profile.html", profile=concept,
                           candidates=matchmaking.premises_for_profile(g.city, concept), reason_text=reason_text,
                           category_label=category_label, lease_labels=LEASE_LABELS)


@bp.route("/match-weights", methods=["GET", "POST"])
@marketer_required
def weights():
    current = matchmaking.weights_of(g.city)
    form = WeightsForm(data=current)
    if form.validate_on_submit():
        with unit_of_work(form):
            matchmaking.save_weights(g.city, {part: getattr(form, part).data for part in matching.PARTS
                                              if getattr(form, part).data is not None})
        flash(_("The weights have been saved."), "success")
        return redirect(url_for("premises_match.weights"))
    return render_template("premises/studio/match_weights.html", form=form, defaults=matching.DEFAULT_WEIGHTS,
                           part_labels=PART_LABELS), 422 if form.errors else 200
