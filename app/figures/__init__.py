"""City figures: is the centre doing better? Anonymous counters, daily rollups, the city's footfall counts,
and the dashboards that read them with small cells hidden (app.figures.suppression)."""


def init_app(app):
    from app.extensions import api as rest_api
    from app.figures import api, models  # noqa: F401 - models register with the metadata
    from app.figures.views import studio

    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    # ------------------------------------------------------------------ events and footfall (collecting)
    from flask_babel import format_datetime, lazy_gettext as _l

    from app.core.registry import add_studio_section
    from app.figures.beacon import figure_beacon
    app.jinja_env.globals["figure_beacon"] = figure_beacon  # one line in each counted visitor page
    app.jinja_env.filters["figure_time"] = lambda value: format_datetime(value, "d MMM yyyy HH:mm")  # Brussels
    rest_api.spec.components.security_scheme("footfallToken", api.FOOTFALL_TOKEN_SCHEME)
    add_studio_section(app, "figures_studio.footfall_page", _l("Footfall counters"), "upload", 65)

    # ------------------------------------------------------------------ rollup and retention

    # ------------------------------------------------------------------ dashboard, merchant figures
