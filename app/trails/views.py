"""Public trail pages: lists, the trail page with its map, and the GPX / GeoJSON downloads."""
import json

from flask import Blueprint, Response, g, render_template, request
from flask_babel import gettext as _

from app.core.problem import ProblemError
from app.shops import shop_page_url
from app.trails import services
from app.trails.exports import GEOJSON_CONTENT_TYPE, GPX_CONTENT_TYPE, to_geojson, to_gpx
from app.trails.forms import ACCESS_LABELS, KIND_LABELS, SURFACE_LABELS
from app.trails.models import KINDS
from app.trails.presenters import export_trail, map_data

bp = Blueprint("trails", __name__)


def _bad_filter(field: str, message: str):
    raise ProblemError(400, message, code="bad_filter", errors={field: [message]})


def _filters(kind_fixed: str | None = None) -> tuple[str | None, int | None]:
    kind = kind_fixed or request.args.get("kind") or None
    if kind is not None and kind not in KINDS:
        _bad_filter("kind", _("Unknown kind of trail."))
    raw_max = request.args.get("max") or None
    if raw_max is not None and (not raw_max.isdigit() or int(raw_max) not in services.DURATION_FILTERS):
        _bad_filter("max", _("Unknown duration filter."))
    return kind, int(raw_max) if raw_max else None


def _list(template_kind: str | None):
    kind, max_minutes = _filters(template_kind)
    trails = services.public_trails(g.city, kind=kind, max_minutes=max_minutes)
    return render_template("trails/list.html", trails=trails, kind=kind, max_minutes=max_minutes,
                           green_only=template_kind == "green", kinds=KINDS, kind_labels=KIND_LABELS,
                           access_labels=ACCESS_LABELS, durations=services.DURATION_FILTERS)


@bp.route("/<city>/trails/")
def index():
    return _list(None)


@bp.route("/<city>/green/")
def green():
    return _list("green")


def render_trail(trail, *, preview: bool = False):
    return render_template("trails/detail.html", trail=trail, preview=preview, kind_labels=KIND_LABELS,
                           access_labels=ACCESS_LABELS, surface_labels=SURFACE_LABELS,
                           map_data=map_data(trail), shop_url=shop_page_url)


@bp.route("/<city>/trails/<slug>")
def detail(slug: str):
    return render_trail(services.public_trail_or_404(g.city, slug))


def _download(body: str, content_type: str, filename: str) -> Response:
    response = Response(body, mimetype=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Vary"] = "Accept-Language, Cookie"  # texts follow the visitor's language
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/<city>/trails/<slug>.gpx")
def gpx(slug: str):
    trail = services.public_trail_or_404(g.city, slug)
    return _download(to_gpx(export_trail(trail), creator="KICK City"), GPX_CONTENT_TYPE,
                     f"{g.city.slug}-{trail.slug}.gpx")


@bp.route("/<city>/trails/<slug>.geojson")
def geojson(slug: str):
    trail = services.public_trail_or_404(g.city, slug)
    body = json.dumps(to_geojson(export_trail(trail)), ensure_ascii=False)
    return _download(body, GEOJSON_CONTENT_TYPE, f"{g.city.slug}-{trail.slug}.geojson")
