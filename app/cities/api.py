from flask import g
from flask_login import current_user
from flask_smorest import Blueprint

from app.cities import services
from app.cities.schemas import CityAdminSchema, CityCreateSchema, CityPatchSchema, CitySchema
from app.core.auth import admin_required, current_actor
from app.core.schemas import ProblemSchema
from app.extensions import db

blp = Blueprint("cities_api", __name__, description="The KICK towns; platform admins create them and set them live")


@blp.route("/cities", methods=["GET"])
@blp.response(200, CitySchema(many=True))
def list_cities():
    """The live towns (platform admins also get the drafts)."""
    if current_user.is_authenticated and current_user.is_admin:
        return services.all_cities()
    return services.live_cities()


@blp.route("/cities/<city>", methods=["GET"])
@blp.response(200, CitySchema)
def get_city():
    """One town: its names, map centre, colours and languages (a draft only for its marketers and the admins)."""
    return g.city  # resolved from the URL like every city URL (an unknown city is a 404)


@blp.route("/cities", methods=["POST"])
@admin_required
@blp.arguments(CityCreateSchema)
@blp.response(201, CityAdminSchema)
@blp.alt_response(422, schema=ProblemSchema, description="Invalid fields: a bad, reserved or taken slug, a centre "
                  "outside Belgium, an unknown language (`errors` says which)")
def create_city(body):
    """Create a town, as a draft: only its marketers and the platform admins see it until it is set live.
    Platform admins only."""
    centre = body.pop("center")
    city = services.create_city(body.pop("slug"), body.pop("names"), centre["lat"], centre["lon"],
                                actor=current_actor(), **body)
    db.session.commit()
    return city


@blp.route("/cities/<city>", methods=["PATCH"])
@admin_required
@blp.arguments(CityPatchSchema)
@blp.response(200, CityAdminSchema)
@blp.alt_response(422, schema=ProblemSchema, description="Invalid fields (`errors` says which)")
def update_city(body):
    """Change a town's names, centre, languages, map tiles or privacy contact, and set it live (`status`:
    live) or back to draft. Platform admins only."""
    city = g.city
    status = body.pop("status", None)
    if "center" in body:
        centre = body.pop("center")
        body["center_lat"], body["center_lon"] = centre["lat"], centre["lon"]
    services.update_city(city, body, actor=current_actor())
    if status is not None:
        services.set_city_status(city, status, actor=current_actor())
    db.session.commit()
    return city
