"""Cities: tenancy (g.city), city picker, city home, studio dashboard, a town's lifecycle (draft or live)."""
from flask import abort, g


def resolve_city(endpoint, values):
    """Every URL with <city> resolves it once, here; an unknown city is a 404, and so is a draft town for
    anyone but its marketers and the platform admins (who prepare it)."""
    if not values or "city" not in values:
        return
    from flask_login import current_user

    from app.cities.cache import cached_city
    from app.cities.services import can_see, city_by_slug
    slug = values.pop("city")
    city = cached_city(slug, city_by_slug)
    if city is None or not can_see(current_user, city):
        abort(404)
    g.city = city


def keep_drafts_private(response):
    """A draft town's answers (pages, manifest, icons, API) are for its makers: never kept by a shared cache."""
    city = g.get("city")
    if city is not None and not city.is_live:
        cache_control = response.cache_control
        cache_control.public = False
        cache_control.immutable = False
        cache_control.max_age = None
        cache_control.private = True
        cache_control.no_store = True
    return response


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
    app.after_request(keep_drafts_private)
    app.register_blueprint(views.bp)
    from app.cities.artwork import town_artwork
    app.jinja_env.globals["town_artwork"] = town_artwork
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    app.cli.add_command(cli.cities_cli)
    from app.core.registry import SitemapEntry, add_sitemap_part
    add_sitemap_part(app, lambda cities: [SitemapEntry(city, "cities.home") for city in cities], order=10)
