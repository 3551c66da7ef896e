"""Public trail pages: lists, the trail page with its map, and the GPX / GeoJSON downloads."""
import json

from flask import Blueprint, Response, current_app, g, render_template, request
from flask_babel import gettext as _

from app.core.i18n import vary_by_language
from app.core.problem import ProblemError
from app.core.registry import TRAIL_PAGE, panels_for
from app.core.schemas import load_query
from app.core.urls import external_url
from app.shops import shop_page_url
from app.trails.forms import ACCESS_LABELS, KIND_LABELS, SURFACE_LABELS
from app.trails.metrics import offered_durations
from app.trails.models import KINDS, TrailKind
from app.trails.presenters import export_trail, map_data
from app.trails.schemas import TrailPageQuerySchema
from app.trails.services import reading
from app.trails.services.exports import GEOJSON_CONTENT_TYPE, GPX_CONTENT_TYPE, path_feature, to_geojson, to_gpx
from app.trails.structured_data import trail_json_ld

bp = Blueprint("trails", __name__)


def _filters(kind_fixed: TrailKind | None = None) -> tuple[str | None, int | None]:
    query = load_query(TrailPageQuerySchema(), request.args)
    return (kind_fixed.value if kind_fixed else query.get("kind")), query.get("max_minutes")


def _list(template_kind: TrailKind | None):
    kind, max_minutes = _filters(template_kind)
    trails = reading.public_trails(g.city, kind=kind, max_minutes=max_minutes)
    durations = offered_durations(reading.public_durations(g.city, kind=kind), reading.DURATION_FILTERS)
    if max_minutes and max_minutes not in durations:  # a shared link's choice stays visible (and current)
        durations = sorted([*durations, max_minutes])
    return render_template("trails/list.html", trails=trails, kind=kind, max_minutes=max_minutes,
                           green_only=template_kind == TrailKind.GREEN, kinds=KINDS, kind_labels=KIND_LABELS,
                           access_labels=ACCESS_LABELS, durations=durations)


@bp.route("/<city>/trails/")
def index():
    return _list(None)


@bp.route("/<city>/green/")
def green():
    return _list(TrailKind.GREEN)


def render_trail(trail, *, preview: bool = False):
    cover = external_url("media.serve", key=trail.cover_phone_key) if trail.cover_phone_key else None
    json_ld = trail_json_ld(trail, url=external_url("trails.detail", slug=trail.slug), image=cover,
                            shop_url=lambda shop: shop_page_url(shop, absolute=True), city_name=g.city.name)
    return render_template("trails/detail.html", trail=trail, preview=preview, kind_labels=KIND_LABELS,
                           json_ld=json_ld, share_image=cover,
                           access_labels=ACCESS_LABELS, surface_labels=SURFACE_LABELS,
                           map_data=map_data(trail), shop_url=shop_page_url,
                           panels=[] if preview else panels_for(current_app, TRAIL_PAGE, trail))


@bp.route("/<city>/trails/<slug>")
def detail(slug: str):
    return render_trail(reading.public_trail_or_404(g.city, slug))


def _download(body: str, content_type: str, filename: str) -> Response:
    response = Response(body, mimetype=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    vary_by_language(response)  # texts follow the visitor's language
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/<city>/trails/<slug>.gpx")
def gpx(slug: str):
    trail = reading.public_trail_or_404(g.city, slug)
    return _download(to_gpx(export_trail(trail), creator="KICK City"), GPX_CONTENT_TYPE,
                     f"{g.city.slug}-{trail.slug}.gpx")


@bp.route("/<city>/trails/<slug>.geojson")
def geojson(slug: str):
    trail = reading.public_trail_or_404(g.city, slug)
    body = json.dumps(to_geojson(export_trail(trail)), ensure_ascii=False)
    return _download(body, GEOJSON_CONTENT_TYPE, f"{g.city.slug}-{trail.slug}.geojson")


@bp.route("/<city>/trails/<slug>/path.geojson")
def path_geojson(slug: str):
    """The walking line alone, one GeoJSON Feature with a LineString (what GDAL/ogr2ogr and QGIS open as one
    layer of one geometry type; the combined file mixes a line and points)."""
    trail = reading.public_trail_or_404(g.city, slug)
    try:
        feature = path_feature(export_trail(trail))
    except ValueError:  # fewer than two stops and no drawn path: there is no line
        raise ProblemError(404, _("This trail has no line to download yet."), code="not_found") from None
    body = json.dumps(feature, ensure_ascii=False)
    return _download(body, GEOJSON_CONTENT_TYPE, f"{g.city.slug}-{trail.slug}-path.geojson")
