"""Studio pages of a city's figures (marketers): the dashboard and its CSV, the footfall import and tokens."""
from flask import Blueprint

bp = Blueprint("figures_studio", __name__)

# ------------------------------------------------------------------ dashboard (/<city>/studio/figures)
from flask import Response, current_app, g, render_template, request  # noqa: E402 - this room's imports

from app.core import clock  # noqa: E402
from app.core.auth import marketer_required  # noqa: E402
from app.core.problem import ProblemError  # noqa: E402
from app.core.schemas import load_query  # noqa: E402
from app.figures.dashboard_schemas import FiguresQuerySchema  # noqa: E402
from app.figures.services import reading  # noqa: E402
from app.figures.views import dashboard_csv, labels  # noqa: E402


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
                           kind_label=dashboard_csv.kind_label, category_label=dashboard_csv.category_label)


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
