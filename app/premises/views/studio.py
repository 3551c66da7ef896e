"""Studio pages of the vacancy register (marketers of the city): the register with its filters and the
vacancy analysis, a premise's form, its state history and photos, the CSV import (dry run first) and
export, the analysis tables as CSV, and the city's incentives. Every page works without JavaScript."""
import csv
import io

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import format_date, gettext as _
from wtforms.fields.choices import SelectChoice

from app.accounts.sessions import current_actor
from app.core import clock
from app.core.auth import marketer_required
from app.core.forms import ImportFileForm, fill_translated, translated_data
from app.core.problem import ProblemError
from app.core.unit_of_work import unit_of_work
from app.media.service import MAX_UPLOAD_BYTES
from app.premises.forms import (CONDITION_LABELS, LEASE_LABELS, STATE_LABELS, IncentiveForm, PhotoForm,
                                PremiseForm, StateForm)
from app.premises.models import PremiseState
from app.premises.presenters import percent
from app.premises.services import analysis, imports, register
from app.premises.services.vacancy import BANDS

bp = Blueprint("premises_studio", __name__, url_prefix="/<city>/studio/premises")
PRIVATE = "private, no-store"
FORM_FIELDS = ("address", "state", "vacant_since", "lat", "lon", "floor_area_m2", "sales_floor_m2", "frontage_m",
               "floors", "rent_min", "rent_max", "lease_types", "permitted_uses", "previous_use", "condition",
               "step_free", "owner_contact")


@bp.before_request
@marketer_required
def only_marketers():
    """Every page here: a marketer of this city (or an admin); anyone else gets a 404."""


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = PRIVATE  # owner contacts: never kept by a shared cache
    return response


def _band_labels() -> dict:
    return {"friction": _("Friction (up to 1 year)"), "long_term": _("Long-term (1 to 3 years)"),
            "structural": _("Structural (over 3 years)"), "unknown": _("Vacant since: not known")}


# ---------------------------------------------------------------- the register and its analysis


def _filters() -> dict:
    state = request.args.get("state") or None
    if state is not None and state not in set(PremiseState):
        raise ProblemError(400, _("Choose one of: %(values)s.", values=", ".join(PremiseState)), code="bad_filter",
                           errors={"state": [_("Choose one of: %(values)s.", values=", ".join(PremiseState))]})
    return {"state": state, "street": (request.args.get("street") or "").strip()[:120] or None,
            "q": (request.args.get("q") or "").strip()[:100] or None}


def _index_page(status: int = 200, *, import_form=None, report=None):
    filters = _filters()
    result = analysis.city_analysis(g.city)
    import_form = import_form or ImportFileForm(formdata=None)
    import_form.file.render_kw = {"accept": ".csv,text/csv"}
    chart = {"dates": [day.isoformat() for day, _rate in result.series],
             "labels": [format_date(day, "MMM yy") for day, _rate in result.series],
             "units": [None if rate.rate is None else round(rate.rate * 100, 1) for _day, rate in result.series],
             "area": [None if rate.area_rate is None else round(rate.area_rate * 100, 1)
                      for _day, rate in result.series]}
    return render_template(
        "premises/studio/index.html", premises=register.studio_premises(g.city, **filters), filters=filters,
        streets=register.streets_of(g.city), result=result, percent=percent, bands=BANDS,
        band_labels=_band_labels(), state_labels=STATE_LABELS, chart=chart, map_points=analysis.map_points(g.city),
        import_form=import_form, report=report, columns=imports.COLUMNS, today=clock.today()), status


@bp.route("/")
def index():
    """The register (filters: state, street, address) and the analysis of the centre and its streets."""
    return _index_page()


@bp.route("/import", methods=["POST"])
def import_csv():
    """Check (dry run, the default) or import a CSV file of the register."""
    form = ImportFileForm()
    dry_run = request.form.get("mode") != "import"
    if not form.validate_on_submit():
        return _index_page(422, import_form=form)
    report = None
    with unit_of_work(form, rest="file") as work:
        report = imports.import_register(current_actor(), g.city, form.file.data, dry_run=dry_run)
    if work.refused:
        report = (work.problem.extra or {}).get("report") if hasattr(work.problem, "extra") else None
        return _index_page(work.status, import_form=form, report=report)
    if not dry_run:
        flash(_("Register imported: %(new)d new, %(changed)d changed.", new=len(report.new),
                changed=len(report.changed)), "success")
    return _index_page(200, import_form=form, report=report.as_dict())


@bp.route("/export.csv")
def export_csv():
    """The register as CSV, in the import's columns."""
    return _csv_response(imports.export_register(g.city), f"kick-{g.city.slug}-premises-{clock.today().isoformat()}.csv")


def _csv_response(text: str, name: str) -> Response:
    response = Response(text, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.route("/analysis/<any(streets, months, duration):table>.csv")
def analysis_csv(table: str):
    """One table of the analysis as CSV (the same rows the page shows)."""
    result = analysis.city_analysis(g.city)
    out = io.StringIO()
    writer = csv.writer(out)
    rate_head = [_("Units"), _("Vacant units"), _("Vacancy rate (units, %)"), _("Floor area (m²)"),
                 _("Vacant floor area (m²)"), _("Vacancy rate (floor area, %)")]

    def cells(rate):
        return [rate.total, rate.vacant, percent(rate.rate), f"{rate.total_m2:g}", f"{rate.vacant_m2:g}",
                percent(rate.area_rate)]

    if table == "streets":
        writer.writerow([_("Street"), *rate_head])
        writer.writerow([_("Centre"), *cells(result.centre)])
        for street, rate in result.streets.items():
            writer.writerow([street or _("No street"), *cells(rate)])
    elif table == "months":
        writer.writerow([_("End of month"), *rate_head])
        for day, rate in result.series:
            writer.writerow([day.isoformat(), *cells(rate)])
    else:
        writer.writerow([_("Vacancy duration"), _("Vacant units")])
        labels = _band_labels()
        for band in BANDS:
            writer.writerow([labels[band], result.duration[band]])
    return _csv_response(out.getvalue(), f"kick-{g.city.slug}-vacancy-{table}-{clock.today().isoformat()}.csv")


# ---------------------------------------------------------------- one premise


def _choices(form) -> None:
    form.incentives.choices = [SelectChoice(i.id, i.display_name) for i in register.city_incentives(g.city)]
    form.shop_id.choices = [SelectChoice(0, _("No shop"))] + [
        SelectChoice(shop.id, f"{shop.display_name} · {shop.address}") for shop in register.city_shops(g.city)]


def _form_values(form) -> dict:
    raw = {name: form[name].data for name in FORM_FIELDS}
    raw["description"] = translated_data(form, "description")
    raw["incentives"] = list(form.incentives.data or [])
    raw["shop_id"] = form.shop_id.data or None
    return raw


def _fill(form, premise) -> None:
    for name in FORM_FIELDS:
        value = getattr(premise, name)
        if name == "step_free":
            value = "" if value is None else ("yes" if value else "no")
        elif name == "vacant_since":
            value = value.isoformat() if value else ""
        elif name not in ("lease_types",):
            value = "" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
        form[name].data = value
    fill_translated(form, "description", premise.description)
    form.incentives.data = [i.id for i in premise.incentives]
    form.shop_id.data = premise.shop_id or 0
    form.version.data = str(premise.version)


def _edit_page(premise, *, form=None, state_form=None, photo_form=None, status: int = 200):
    if form is None:
        form = PremiseForm(formdata=None)
        _fill(form, premise)
    _choices(form)
    state_form = state_form or StateForm(formdata=None, prefix="state")
    state_form.version.data = str(premise.version)
    return render_template("premises/studio/edit.html", premise=premise, form=form, state_form=state_form,
                           photo_form=photo_form or PhotoForm(formdata=None, prefix="photo"),
                           state_labels=STATE_LABELS, lease_labels=LEASE_LABELS,
                           condition_labels=CONDITION_LABELS, max_photos=register.MAX_PHOTOS), status


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = PremiseForm()
    _choices(form)
    if request.method == "POST" and form.validate_on_submit():
        with unit_of_work(form) as work:
            premise = register.create_premise(current_actor(), g.city, _form_values(form))
        if not work.refused:
            flash(_("Premise added to the register."), "success")
            return redirect(url_for("premises_studio.edit", premise_id=premise.id))
        return render_template("premises/studio/new.html", form=form), work.status
    if request.method == "GET":
        form.state.data = PremiseState.VACANT.value
    return render_template("premises/studio/new.html", form=form), 422 if request.method == "POST" else 200


def _premise(premise_id: int):
    return register.premise_or_404(g.city, premise_id)  # another city's premise: a 404 (a ProblemError)


@bp.route("/<int:premise_id>", methods=["GET", "POST"])
def edit(premise_id: int):
    premise = _premise(premise_id)
    if request.method == "GET":
        return _edit_page(premise)
    form = PremiseForm()
    _choices(form)
    if not form.validate_on_submit():
        return _edit_page(premise, form=form, status=422)
    raw = _form_values(form)
    raw["note"] = _("Changed in the form")
    with unit_of_work(form) as work:
        register.update_premise(current_actor(), g.city, premise, raw, expected_version=form.version.data)
    if work.refused:
        if work.problem.code == "edit_conflict":
            form.form_errors.append(work.problem.detail)
        return _edit_page(_premise(premise_id), form=form, status=work.status)
    flash(_("Premise saved."), "success")
    return redirect(url_for("premises_studio.edit", premise_id=premise_id))


@bp.route("/<int:premise_id>/state", methods=["POST"])
def change_state(premise_id: int):
    premise = _premise(premise_id)
    form = StateForm(prefix="state")
    if not form.validate_on_submit():
        return _edit_page(premise, state_form=form, status=422)
    with unit_of_work(form) as work:
        register.change_state(current_actor(), premise, form.state.data, changed_on=form.changed_on.data,
                              note=form.note.data, expected_version=form.version.data)
    if work.refused:
        if work.problem.code == "edit_conflict":
            form.form_errors.append(work.problem.detail)
        return _edit_page(_premise(premise_id), state_form=form, status=work.status)
    flash(_("State changed and kept in the history."), "success")
    return redirect(url_for("premises_studio.edit", premise_id=premise_id) + "#history")


@bp.route("/<int:premise_id>/photos", methods=["POST"])
def add_photo(premise_id: int):
    premise = _premise(premise_id)
    form = PhotoForm(prefix="photo")
    upload = form.photo.data if form.validate_on_submit() else None
    if not upload or not getattr(upload, "filename", ""):
        form.photo.errors = [*form.photo.errors, _("Choose a photo.")]
        return _edit_page(premise, photo_form=form, status=422)
    with unit_of_work(form) as work:
        register.add_photo(premise, upload.read(MAX_UPLOAD_BYTES + 1), translated_data(form, "alt"))
    if work.refused:
        return _edit_page(_premise(premise_id), photo_form=form, status=work.status)
    flash(_("Photo added."), "success")
    return redirect(url_for("premises_studio.edit", premise_id=premise_id) + "#photos")


@bp.route("/<int:premise_id>/photos/<int:photo_id>/delete", methods=["POST"])
def remove_photo(premise_id: int, photo_id: int):
    premise = _premise(premise_id)
    form = PhotoForm(prefix="photo")  # CSRF only
    if not form.validate_on_submit():
        return _edit_page(premise, status=400)
    register.remove_photo(premise, photo_id)  # another premise's photo: a 404, nothing removed
    flash(_("Photo removed."), "success")
    return redirect(url_for("premises_studio.edit", premise_id=premise_id) + "#photos")


# ---------------------------------------------------------------- incentives


def _incentives_page(form=None, status: int = 200):
    return render_template("premises/studio/incentives.html", incentives=register.city_incentives(g.city),
                           form=form or IncentiveForm(formdata=None)), status


@bp.route("/incentives", methods=["GET", "POST"])
def incentives():
    """The city's incentives for starters (a premium, a tax exemption) and a form for a new one."""
    if request.method == "GET":
        return _incentives_page()
    form = IncentiveForm()
    if not form.validate_on_submit():
        return _incentives_page(form, 422)
    with unit_of_work(form) as work:
        register.save_incentive(g.city, translated_data(form, "name"), translated_data(form, "description"),
                                form.active.data)
    if work.refused:
        return _incentives_page(form, work.status)
    flash(_("Incentive saved."), "success")
    return redirect(url_for("premises_studio.incentives"))


@bp.route("/incentives/<int:incentive_id>", methods=["GET", "POST"])
def incentive(incentive_id: int):
    item = register.incentive_or_404(g.city, incentive_id)
    if request.method == "GET":
        form = IncentiveForm(formdata=None)
        fill_translated(form, "name", item.name)
        fill_translated(form, "description", item.description)
        form.active.data = item.active
        return render_template("premises/studio/incentive.html", form=form, incentive=item)
    form = IncentiveForm()
    if not form.validate_on_submit():
        return render_template("premises/studio/incentive.html", form=form, incentive=item), 422
    with unit_of_work(form) as work:
        register.save_incentive(g.city, translated_data(form, "name"), translated_data(form, "description"),
                                form.active.data, item)
    if work.refused:
        return render_template("premises/studio/incentive.html", form=form, incentive=item), work.status
    flash(_("Incentive saved."), "success")
    return redirect(url_for("premises_studio.incentives"))
