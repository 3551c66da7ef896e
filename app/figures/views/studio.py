"""Studio pages of a city's figures (marketers): the dashboard and its CSV, the footfall import and tokens."""
from flask import Blueprint, Response, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.accounts.sessions import current_actor
from app.core import clock
from app.core.auth import marketer_required
from app.core.forms import ImportFileForm, KickForm
from app.core.problem import ProblemError
from app.core.registry import FIGURES_PAGE, panels_for
from app.core.schemas import load_query
from app.core.tenancy import get_in_city_or_404
from app.core.unit_of_work import unit_of_work
from app.core.urls import external_url
from app.figures.forms import CountingPointForm, FootfallTokenForm
from app.figures.models import CountingPoint, FootfallToken
from app.figures.schemas import FiguresQuerySchema
from app.figures.services import footfall, reading
from app.figures.views import dashboard_csv, labels

bp = Blueprint("figures_studio", __name__)

# ------------------------------------------------------------------ dashboard (/<city>/studio/figures)


def asked_period() -> reading.Period:
    """The period in the query string (`from`, `to`), read with the API's schema; a 422 for a bad one."""
    try:
        args = load_query(FiguresQuerySchema(), request.args)
    except ProblemError as problem:  # an unreadable date is the same 422 as the API's
        raise ProblemError(422, problem.detail, code="bad_period", errors=problem.errors) from None
    return reading.period_for(args.get("start"), args.get("end"), today=clock.today())


def _board(period: reading.Period) -> reading.Dashboard:
    return reading.read_dashboard(g.city, period, minimum=current_app.config["KICK_FIGURES_MIN_PEOPLE"])


@bp.route("/<city>/studio/figures")
@marketer_required
def dashboard():
    today = clock.today()
    try:
        period = asked_period()
    except ProblemError as problem:
        return render_template("figures/studio/dashboard.html", board=None, problem=problem,
                               presets=_presets(today), asked=request.args, labels=labels), problem.status
    board = _board(period)
    return render_template("figures/studio/dashboard.html", board=board, problem=None, presets=_presets(today),
                           asked=request.args, labels=labels, chart_data=dashboard_csv.chart_data(board),
                           heat_hours=dashboard_csv.heat_hours(board), today=today, bar=dashboard_csv.bar,
                           kind_label=dashboard_csv.kind_label, category_label=dashboard_csv.category_label,
                           panels=panels_for(current_app, FIGURES_PAGE, g.city))


@bp.route("/<city>/studio/figures.csv")
@marketer_required
def dashboard_export():
    board = _board(asked_period())
    response = Response(dashboard_csv.to_csv(board, g.city.name), mimetype="text/csv")
    name = f"kick-{g.city.slug}-figures-{board.period.start.isoformat()}-{board.period.end.isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.cache_control.no_store = True
    return response


def _presets(today) -> dict[str, reading.Period]:
    return {"week": reading.last_full_week(today), "month": reading.last_full_month(today)}


# ------------------------------------------------------------------ footfall (/<city>/studio/footfall)


def _footfall_page(status: int = 200, *, import_form=None, token_form=None, report=None, new_secret=None):
    points = footfall.footfall_points(g.city)
    import_form = import_form or ImportFileForm(formdata=None)
    import_form.file.render_kw = {"accept": ".csv,text/csv"}
    return render_template(
        "figures/studio/footfall.html", points=points, summaries=footfall.footfall_point_summaries(g.city),
        map_points=[{"name": p.name, "code": p.code, "lat": p.lat, "lon": p.lon,
                     "url": url_for("figures_studio.footfall_point", point_id=p.id)}
                    for p in points if p.lat is not None],
        tokens=footfall.footfall_tokens(g.city), import_form=import_form,
        token_form=token_form or FootfallTokenForm(formdata=None), revoke_form=KickForm(formdata=None),
        report=report, new_secret=new_secret, header=",".join(footfall.HEADER),
        push_url=external_url("figures_api.push_counts"),
        max_rows=footfall.footfall_limit("KICK_FOOTFALL_CSV_MAX_ROWS")), status


@bp.route("/<city>/studio/footfall")
@marketer_required
def footfall_page():
    """The city's counting points on a map, the CSV import of their hourly counts, the vendors' tokens."""
    return _footfall_page()


@bp.route("/<city>/studio/footfall/import", methods=["POST"])
@marketer_required
def footfall_import():
    """Upload a CSV of hourly counts; the answer is the page with the report (stored, replaced, rejected,
    unknown points)."""
    form = ImportFileForm()
    if not form.validate_on_submit():
        return _footfall_page(422, import_form=form)
    with unit_of_work(form) as work:
        report = footfall.import_footfall_csv(g.city, form.file.data)
    return _footfall_page(work.status, import_form=form, report=None if work.refused else report)


@bp.route("/<city>/studio/footfall/tokens", methods=["POST"])
@marketer_required
def footfall_new_token():
    """A new vendor token, shown once on the page that answers (never in a flash message: that is a cookie)."""
    form = FootfallTokenForm()
    if not form.validate_on_submit():
        return _footfall_page(422, token_form=form)
    with unit_of_work(form) as work:
        _token, secret = footfall.create_footfall_token(current_actor(), g.city, form.label.data)
    if work.refused:
        return _footfall_page(work.status, token_form=form)
    return _footfall_page(201, new_secret=secret)


@bp.route("/<city>/studio/footfall/tokens/<int:token_id>/revoke", methods=["POST"])
@marketer_required
def footfall_revoke_token(token_id: int):
    token = get_in_city_or_404(FootfallToken, token_id, g.city)
    form = KickForm()
    if not form.validate_on_submit():
        return _footfall_page(400)
    with unit_of_work(form):
        footfall.revoke_footfall_token(token)
    flash(_("The token “%(label)s” is revoked: pushes with it are refused from now on.", label=token.label),
          "success")
    return redirect(url_for("figures_studio.footfall_page"))


def _point_page(form, point=None, status: int = 200):
    return render_template("figures/studio/footfall_point.html", form=form, point=point), status


@bp.route("/<city>/studio/footfall/points/new", methods=["GET", "POST"])
@marketer_required
def footfall_new_point():
    return _save_point(None)


@bp.route("/<city>/studio/footfall/points/<int:point_id>", methods=["GET", "POST"])
@marketer_required
def footfall_point(point_id: int):
    return _save_point(get_in_city_or_404(CountingPoint, point_id, g.city))


def _save_point(point):
    form = CountingPointForm(obj=point) if request.method == "GET" else CountingPointForm()
    if request.method == "GET":
        return _point_page(form, point)
    if not form.validate_on_submit():
        return _point_page(form, point, 422)
    values = {"code": form.code.data, "name": form.name.data, "lat": form.lat.data, "lon": form.lon.data}
    with unit_of_work(form) as work:
        saved = footfall.save_footfall_point(g.city, values, point)
    if work.refused:
        return _point_page(form, point, work.status)
    flash(_("Counting point %(name)s is saved.", name=saved.name), "success")
    return redirect(url_for("figures_studio.footfall_page"))
