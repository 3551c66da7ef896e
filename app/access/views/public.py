"""The shoppers' side: /<city>/bereikbaarheid (grouped, nearest first, with a map) and the map layers' GeoJSON."""
from flask import Blueprint, abort, current_app, g, jsonify, render_template, request

from app.access.models import PlaceGroup
from app.access.presenters import GROUP_LABELS, KIND_LABELS, TREND_SIGNS, facts, feature, geo_url, live_line, route_url
from app.access.services.places import MAX_FROM_CENTRE_M, city_places, nearest_first
from app.core import clock
from app.core.geo import haversine_m
from app.core.i18n import vary_by_language
from app.security import allow_browser_features

bp = Blueprint("access", __name__)
MAP_FIT_M = 1500
LAYER_MAX_AGE = 60  # seconds: a count is at most a minute older in a shared cache than in the database


def asked_origin(city) -> tuple[float, float, bool]:
    """(lat, lon, is the visitor's own location): ?lat=&lon= from the phone when they make sense, else the centre."""
    try:
        lat, lon = float(request.args.get("lat", "")), float(request.args.get("lon", ""))
        if haversine_m(city.center_lat, city.center_lon, lat, lon) <= MAX_FROM_CENTRE_M:
            return lat, lon, True
    except ValueError:
        pass
    return city.center_lat, city.center_lon, False


@bp.route("/<city>/bereikbaarheid")
@allow_browser_features("geolocation")  # "nearest to me"
def index():
    lat, lon, mine = asked_origin(g.city)
    views = nearest_first(city_places(g.city), lat, lon, clock.now())
    groups = {group: [view for view in views if view.place.group == group] for group in PlaceGroup}
    toilet = next((view for view in groups[PlaceGroup.TOILET] if view.place.accessible), None)
    response = current_app.make_response(render_template(
        "access/index.html", groups={group: items for group, items in groups.items() if items},
        group_labels=GROUP_LABELS, kind_labels=KIND_LABELS, trend_signs=TREND_SIGNS, live_line=live_line,
        facts=facts, route_url=route_url, geo_url=geo_url, accessible_toilet=toilet, mine=mine,
        # the map opens on the centre's places; a park-and-ride further out is on it, one pinch away
        points=[{"lat": view.place.lat, "lon": view.place.lon} for view in views if view.distance_m <= MAP_FIT_M]))
    if mine:  # a visitor's location: never in a shared cache
        response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/<city>/bereikbaarheid/<group>.geojson")
def layer(group: str):
    """A map layer (app.core.registry.add_map_layer): the city's places of one group, public and small."""
    try:
        chosen = PlaceGroup(group)
    except ValueError:
        abort(404)
    views = nearest_first(city_places(g.city, chosen), g.city.center_lat, g.city.center_lon, clock.now())
    response = jsonify({"type": "FeatureCollection", "features": [feature(view) for view in views]})
    response.mimetype = "application/geo+json"
    response.cache_control.public = True
    response.cache_control.max_age = LAYER_MAX_AGE
    vary_by_language(response)  # titles and lines follow the visitor's language
    return response
