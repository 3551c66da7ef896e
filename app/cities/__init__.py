"""Cities: tenancy (g.city), city picker, city home, studio dashboard."""
from flask import abort, g


def resolve_city(endpoint, values):
    """Every URL with <city> resolves it once, here; an unknown city is a 404."""
    if not values or "city" not in values:
        return
    from app.cities.cache import cached_city
    from app.cities.services import city_by_slug
    slug = values.pop("city")
    city = cached_city(slug, city_by_slug)
    if city is None:
        abort(404)
    g.city = city


_expects_city: dict[str, bool] = {}


def inject_city(endpoint, values):
    """url_for() inside a city page fills <city> by itself, so views never pass it by hand."""
    from flask import current_app
    if "city" in values or not g.get("city"):
        return
    expects = _expects_city.get(endpoint)
    if expects is None:  # the URL map is fixed once the app runs: ask it once per endpoint
        expects = _expects_city[endpoint] = current_app.url_map.is_endpoint_expecting(endpoint, "city")
    if expects:
        values["city"] = g.city.slug


def init_app(app):
    from app.cities import api, cli, models, views  # noqa: F401 - models register with the metadata
    from app.extensions import api as rest_api

    from app.cities.cache import init_cache
    init_cache(app)
    app.url_value_preprocessor(resolve_city)
    app.url_defaults(inject_city)
    app.register_blueprint(views.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    app.cli.add_command(cli.cities_cli)
