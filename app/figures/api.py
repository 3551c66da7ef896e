"""/api/v1 figures: anonymous events from visitors' browsers, footfall pushed by a counter vendor, and the
city dashboard's figures for its marketers."""
from functools import wraps

from flask import current_app, g, request
from flask_smorest import Blueprint

from app.core import clock
from app.core.auth import marketer_required
from app.core.ratelimit import client_ip, config_limit
from app.core.schemas import ProblemSchema
from app.extensions import csrf, limiter
from app.figures.schemas import (FigureEventSchema, FiguresQuerySchema, FiguresSchema, FootfallResultSchema,
                                 FootfallRowSchema)
from app.figures.services import reading
from app.figures.services.events import counted, event_city, record_figure_event
from app.figures.services.footfall import footfall_token_for, push_footfall

blp = Blueprint("figures_api", __name__, description="City figures: anonymous counters, footfall, dashboard")

# ------------------------------------------------------------------ events (POST /events)


@blp.route("/events", methods=["POST"])
@csrf.exempt  # anonymous and cookie-less: there is no session to protect, and nothing here acts for anyone
@limiter.limit(config_limit("FIGURES_EVENT_LIMIT"), key_func=client_ip, scope="figure-events")
@blp.arguments(FigureEventSchema)
@blp.response(204)
@blp.alt_response(422, description="Unknown or draft town (`city`), kind, or a page that is not counted (`ref`)")
@blp.alt_response(429, description="Too many events from this client (FIGURES_EVENT_LIMIT), with Retry-After")
def event(body):
    """Count one anonymous event: a page seen, a trail started or walked to its last stop. No cookie is
    needed and none is set; nothing about the sender is stored (the town, what was seen and the hour only).
    Robots (by their User-Agent) and prefetches (Sec-Purpose / Purpose: prefetch) get the same 204 and are
    not counted. Sent by static/js/figures.js with navigator.sendBeacon, once per page load."""
    if counted(request.headers.get("User-Agent"), request.headers):
        record_figure_event(event_city(body["city"]), body["kind"], body["ref"])

# ------------------------------------------------------------------ footfall (POST /cities/<city>/footfall)
FOOTFALL_TOKEN_SCHEME = {"type": "http", "scheme": "bearer",
                         "description": "A counter vendor's token, made in the studio (Footfall, Vendor tokens)"}


def _bearer() -> str | None:
    scheme, _, secret = (request.headers.get("Authorization") or "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def counter_token_required(view):
    """The vendor's token before anything else (a client without one learns nothing about the body's rules)."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        g.footfall_token = footfall_token_for(g.city, _bearer())
        return view(*args, **kwargs)
    return wrapped


@blp.route("/cities/<city>/footfall", methods=["POST"])
@csrf.exempt  # the bearer token is the proof, not a session cookie
@counter_token_required
@blp.arguments(FootfallRowSchema(many=True))
@blp.response(200, FootfallResultSchema)
@blp.alt_response(401, description="No token, an unknown or a revoked one (`code`: invalid_token)")
@blp.alt_response(404, description="Unknown town, or a token of another town")
@blp.alt_response(422, description="Some rows are not valid (`errors` by row index: \"3.hour\"); nothing stored")
@blp.doc(security=[{"footfallToken": []}])
def push_counts(rows):
    """Push hourly people counts of the town's counting points (a counter vendor, with its token):
    `[{point, hour, count}]`, hours with their offset. An hour a point has already is replaced. All rows
    or none: an invalid row or an unknown point code refuses the whole request."""
    report = push_footfall(g.city, g.footfall_token, rows)
    return {"imported": report.imported, "replaced": report.replaced}

# ------------------------------------------------------------------ dashboard (GET /cities/<city>/figures)


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
