"""/api/v1 figures: anonymous events from visitors' browsers, footfall pushed by a counter vendor, and the
city dashboard's figures for its marketers."""
from flask_smorest import Blueprint

blp = Blueprint("figures_api", __name__, description="City figures: anonymous counters, footfall, dashboard")

# ------------------------------------------------------------------ events (POST /events)

# ------------------------------------------------------------------ footfall (POST /cities/<city>/footfall)

# ------------------------------------------------------------------ dashboard (GET /cities/<city>/figures)
from flask import current_app, g  # noqa: E402 - this room's imports

from app.core import clock  # noqa: E402
from app.core.auth import marketer_required  # noqa: E402
from app.core.schemas import ProblemSchema  # noqa: E402
from app.figures.dashboard_schemas import FiguresQuerySchema, FiguresSchema  # noqa: E402
from app.figures.services import reading  # noqa: E402


@blp.route("/cities/<city>/figures", methods=["GET"])
@marketer_required
@blp.arguments(FiguresQuerySchema, location="query")
@blp.response(200, FiguresSchema, headers={"Cache-Control": {"description": "no-store", "schema": {"type": "string"}}})
@blp.alt_response(422, schema=ProblemSchema, description="Not a date, `to` before `from`, only one of them, or more "
                                                         "than 366 days (`code`: bad_period; `errors` names the field)")
def city_figures(args):
    """The city dashboard's figures for a period (marketers of the city): the period, the period before and
    the same period last year, the series per day, per hour of the week, per trail, shop, street, counting
    point and refusal reason, and the town's indices beside the average of the live towns. A figure about
    fewer than KICK_FIGURES_MIN_PEOPLE different shoppers is `null`, and so is every cell from which one could
    be worked out; `suppressed` lists them. Without `from` and `to`: the last full month."""
    period = reading.period_for(args.get("start"), args.get("end"), today=clock.today())
    board = reading.read_dashboard(g.city, period, minimum=current_app.config["KICK_FIGURES_MIN_PEOPLE"])
    return reading.as_json(board), 200, {"Cache-Control": "no-store"}
