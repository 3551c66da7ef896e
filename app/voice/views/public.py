"""Public part of city news: the road works and events that run today, as a GeoJSON layer of the city's
maps (app.core.registry.add_map_layer) and a short notice on the city home. Only what the marketer wrote for
the public (title, dates, the public line) ever leaves here; the text for merchants never does."""
from flask import Blueprint, g, jsonify, url_for

from app.shops import shops_map_url
from app.voice.services import news

bp = Blueprint("voice_public", __name__)


@bp.route("/<city>/works.geojson")
def works():
    items = news.running_public(g.city)
    response = jsonify({"type": "FeatureCollection", "features": [news.public_feature(item) for item in items]})
    response.mimetype = "application/geo+json"
    return response


def works_layer_url(city) -> str:
    return url_for("voice_public.works", city=city.slug)


def home_works(city) -> dict | None:
    """The city home's notice while road works run (hidden when none do)."""
    items = news.running_public(city, limit=5)
    if not items:
        return None
    return {"works": [(item, news.public_feature(item)["properties"]["detail"]) for item in items],
            "map_url": shops_map_url()}
