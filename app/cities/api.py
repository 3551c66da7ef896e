from flask import abort
from flask_smorest import Blueprint

from app.cities.schemas import CitySchema
from app.cities.services import all_cities, city_by_slug

blp = Blueprint("cities_api", __name__, description="The five KICK cities")


@blp.route("/cities", methods=["GET"])
@blp.response(200, CitySchema(many=True))
def list_cities():
    return all_cities()


@blp.route("/cities/<slug>", methods=["GET"])
@blp.response(200, CitySchema)
def get_city(slug):
    city = city_by_slug(slug)
    if city is None:
        abort(404)
    return city
