"""/api/v1 access places: parking with its live occupancy, bike parking, toilets, stops, charging."""
from flask import g
from flask_smorest import Blueprint

from app.access.models import PlaceGroup
from app.access.presenters import api_place
from app.access.schemas import PlaceSchema, PlacesQuerySchema
from app.access.services.places import city_places, nearest_first
from app.core import clock

blp = Blueprint("access_api", __name__, description="Getting there: parking, bikes, toilets, stops, charging")


@blp.route("/cities/<city>/places", methods=["GET"], endpoint="places")
@blp.arguments(PlacesQuerySchema, location="query")
@blp.response(200, PlaceSchema(many=True))
@blp.doc(operationId="listPlaces")
def places(query):
    """Places of a city that help a shopper get there, nearest to the centre first; `kind` filters. Parking
    carries `capacity`, `available` (the last good count), `updated_at` (the feed's time) and `stale`."""
    group = PlaceGroup(query["kind"]) if query.get("kind") else None
    views = nearest_first(city_places(g.city, group), g.city.center_lat, g.city.center_lon, clock.now())
    return [api_place(view) for view in views]
