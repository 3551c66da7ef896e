from flask import g
from flask_smorest import Blueprint

from app.cities.schemas import CitySchema
from app.cities.services import all_cities

blp = Blueprint("cities_api", __name__, description="The five KICK cities")


@blp.route("/cities", methods=["GET"])
@blp.response(200, CitySchema(many=True))
def list_cities():
    return all_cities()


@blp.route("/cities/<city>", methods=["GET"])
@blp.response(200, CitySchema)
def get_city():
    return g.city  # resolved from the URL like every city URL (an unknown city is a 404)
