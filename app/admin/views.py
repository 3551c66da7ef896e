"""The platform admin's pages: the dashboard of every town, a town's settings and its draft/live switch."""
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin.forms import NewTownForm, TownSettingsForm
from app.cities.forms import TownStatusForm
from app.cities import services as cities
from app.cities.models import DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL, CityStatus
from app.core.auth import admin_required, current_actor
from app.core.forms import fill_translated
from app.core.registry import get_registry
from app.core.unit_of_work import unit_of_work

bp = Blueprint("admin", __name__, url_prefix="/admin")
FORM_FIELDS = {"center": "center_lat", "names": "names_nl"}


@bp.route("/")
@admin_required
def dashboard():
    registry = get_registry(current_app)
    towns = cities.all_cities()
    # One grouped query per figure for all towns: the page costs the same with 5 towns or 64.
    figures = [(figure, figure.loader()) for figure in registry.city_figures]
    return render_template("admin/dashboard.html", towns=towns, figures=figures, sections=registry.admin,
                           live=sum(1 for town in towns if town.is_live))


@bp.route("/cities/new", methods=["GET", "POST"])
@admin_required
def new_city():
    form = NewTownForm()
    if request.method == "GET":
        form.tile_url.data, form.tile_attribution.data = DEFAULT_TILE_URL, DEFAULT_TILE_ATTRIBUTION
    if not form.validate_on_submit():
        return render_template("admin/city_form.html", form=form, town=None), 422 if form.errors else 200
    values = form.values()
    with unit_of_work(form, fields=FORM_FIELDS) as work:
        town = cities.create_city(form.slug.data, values.pop("names"), values.pop("center_lat"),
                                  values.pop("center_lon"), actor=current_actor(), **values)
    if work.refused:
        return render_template("admin/city_form.html", form=form, town=None), work.status
    flash(_("%(town)s is created as a draft. Prepare it in its studio, then set it live here.", town=town.name),
          "success")
    return redirect(url_for("admin.edit_city", slug=town.slug))


@bp.route("/cities/<slug>", methods=["GET", "POST"])
@admin_required
def edit_city(slug: str):
    town = cities.city_or_404(slug)
    form = TownSettingsForm(obj=town if request.method == "GET" else None)
    if request.method == "GET":
        fill_translated(form, "names", town.names)
    status_form = TownStatusForm(formdata=None, status=_other_status(town))
    if not form.validate_on_submit():
        return _edit_page(form, status_form, town, 422 if form.errors else 200)
    with unit_of_work(form, fields=FORM_FIELDS) as work:
        cities.update_city(town, form.values(), actor=current_actor())
    if work.refused:
        return _edit_page(form, status_form, town, work.status)
    flash(_("The settings of %(town)s are saved.", town=town.name), "success")
    return redirect(url_for("admin.edit_city", slug=town.slug))


@bp.route("/cities/<slug>/status", methods=["POST"])
@admin_required
def city_status(slug: str):
    town = cities.city_or_404(slug)
    status_form = TownStatusForm()
    if not status_form.validate_on_submit():
        form = TownSettingsForm(formdata=None, obj=town)
        fill_translated(form, "names", town.names)
        return _edit_page(form, status_form, town, 422)
    with unit_of_work(status_form) as work:
        cities.set_city_status(town, status_form.status.data, actor=current_actor())
    if work.refused:  # pragma: no cover - the form already refuses an unknown status
        return _edit_page(TownSettingsForm(formdata=None, obj=town), status_form, town, work.status)
    if town.is_live:
        flash(_("%(town)s is live: everyone can open its app now.", town=town.name), "success")
    else:
        flash(_("%(town)s is a draft again: only its marketers and the admins see it.", town=town.name), "success")
    return redirect(url_for("admin.edit_city", slug=town.slug))


def _other_status(town) -> str:
    return CityStatus.DRAFT.value if town.is_live else CityStatus.LIVE.value


def _edit_page(form, status_form, town, status: int):
    return render_template("admin/city_form.html", form=form, status_form=status_form, town=town), status
