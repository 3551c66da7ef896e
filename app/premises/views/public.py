"""Public premises (room match): the available premises of a city with their map and filters, a premise's page
(schema.org, OG tags), and the entrepreneur's own pages: the concept profile and "Mijn aanvragen".

Nothing private reaches these pages: the templates show only the public fields (never `owner_contact`, the
linked shop, the state history's notes or the marketer's notes on a match)."""
from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.sessions import current_actor
from app.core.problem import ProblemError
from app.core.schemas import load_query
from app.core.unit_of_work import unit_of_work
from app.core.urls import external_url
from app.premises.match_forms import ConceptProfileForm, DeleteForm, InterestForm
from app.premises.match_presenters import LEASE_LABELS, REQUEST_STATUS, category_label
from app.premises.public_schemas import PremiseQuerySchema
from app.premises.services import listing, profiles
from app.premises.structured_data import premise_json_ld

bp = Blueprint("premises_public", __name__)


def _signed_up() -> bool:
    return current_user.is_authenticated and not current_user.is_anonymous_shopper


def _sign_up_first():
    """Anonymous visitors and shoppers with only a card log in (the page offers to sign up) and come back."""
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def _private(body, status=200):
    from flask import make_response
    response = make_response(body, status)
    response.cache_control.no_store = True
    response.cache_control.private = True
    return response


def _map_points(premises) -> list[dict]:
    return [{"lat": p.lat, "lon": p.lon, "name": p.address,
             "detail": (f"{p.floor_area_m2:g} m²" if p.floor_area_m2 else ""),
             "url": url_for("premises_public.detail", premise_id=p.id)} for p in premises if p.lat is not None]


@bp.route("/<city>/premises/")
def index():
    filters = load_query(PremiseQuerySchema(), request.args)
    premises = listing.public_premises(g.city, filters)
    incentives = {incentive.code: incentive for premise in premises for incentive in premise.incentives
                  if incentive.active}
    return render_template("premises/list.html", premises=premises, filters=filters, points=_map_points(premises),
                           streets=listing.streets_with_premises(g.city), lease_labels=LEASE_LABELS,
                           incentives=sorted(incentives.values(), key=lambda i: i.code))


def _detail(premise, form, status=200):
    photo = premise.photos[0] if premise.photos else None
    image = external_url("media.serve", key=photo.phone_key) if photo else None
    page = external_url("premises_public.detail", premise_id=premise.id)
    mine = profiles.own_profile(current_actor(), g.city) if _signed_up() else None
    body = render_template("premises/detail.html", premise=premise, form=form, lease_labels=LEASE_LABELS,
                           json_ld=premise_json_ld(premise, url=page, image=image, city_name=g.city.name),
                           share_image=image, signed_up=_signed_up(), profile=mine)
    return (_private(body, status) if _signed_up() else (body, status))


@bp.route("/<city>/premises/<int:premise_id>")
def detail(premise_id: int):
    premise = listing.public_premise_or_404(g.city, premise_id)
    # The form (and its CSRF token, which writes the session) only for someone who may use it: the page a
    # visitor sees is the same for everybody and comes from the shared page cache (app.cache).
    return _detail(premise, InterestForm() if _signed_up() else None)


@bp.route("/<city>/premises/<int:premise_id>/interest", methods=["POST"])
def interest(premise_id: int):
    if not _signed_up():
        return _sign_up_first()
    premise = listing.public_premise_or_404(g.city, premise_id)
    form = InterestForm()
    if not form.validate_on_submit():
        return _detail(premise, form, 422)
    with unit_of_work(form) as work:
        profiles.express_interest(current_actor(), g.city, premise.id, form.note.data)
    if work.refused:
        return _detail(premise, form, work.status)
    flash(_("Your request has been sent to the city. You can follow it on \"My requests\"."), "success")
    if profiles.own_profile(current_actor(), g.city) is None:
        flash(_("Describe your concept too, so the city can judge the fit."), "info")
        return redirect(url_for("premises_public.profile"))
    return redirect(url_for("premises_public.mine"))


@bp.route("/<city>/account/premises/")
def mine():
    if not _signed_up():
        return _sign_up_first()
    actor = current_actor()
    return _private(render_template("premises/mine.html", requests=profiles.my_requests(actor, g.city),
                                    profile=profiles.own_profile(actor, g.city), status_labels=REQUEST_STATUS,
                                    delete_form=DeleteForm(), category_label=category_label,
                                    lease_labels=LEASE_LABELS))


@bp.route("/<city>/account/premises/profile", methods=["GET", "POST"])
def profile():
    if not _signed_up():
        return _sign_up_first()
    actor = current_actor()
    existing = profiles.own_profile(actor, g.city)
    form = ConceptProfileForm(obj=existing)
    if form.validate_on_submit():
        with unit_of_work(form) as work:
            profiles.save_profile(actor, g.city, form.values())
        if not work.refused:
            flash(_("Your concept has been saved."), "success")
            return redirect(url_for("premises_public.mine"))
        return _private(render_template("premises/profile.html", form=form, profile=existing,
                                        delete_form=DeleteForm()), work.status)
    return _private(render_template("premises/profile.html", form=form, profile=existing, delete_form=DeleteForm()),
                    422 if form.errors else 200)


@bp.route("/<city>/account/premises/profile/delete", methods=["POST"])
def delete_profile():
    if not _signed_up():
        return _sign_up_first()
    form = DeleteForm()
    if form.validate_on_submit():
        with unit_of_work(form) as work:
            profiles.delete_profile(current_actor(), g.city)
        if work.refused:
            raise work.problem
        flash(_("Your concept has been deleted."), "success")
        return redirect(url_for("premises_public.mine"))
    raise ProblemError(400, _("The form has expired. Please try again."))


@bp.route("/<city>/account/premises/requests/<int:match_id>/withdraw", methods=["POST"])
def withdraw(match_id: int):
    if not _signed_up():
        return _sign_up_first()
    form = DeleteForm()
    if form.validate_on_submit():
        with unit_of_work(form) as work:
            profiles.withdraw_request(current_actor(), g.city, match_id)
        if work.refused:
            raise work.problem
        flash(_("Your request has been withdrawn."), "success")
        return redirect(url_for("premises_public.mine"))
    raise ProblemError(400, _("The form has expired. Please try again."))
