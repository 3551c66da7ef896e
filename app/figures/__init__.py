"""City figures: is the centre doing better? Anonymous counters, daily rollups, the city's footfall counts,
and the dashboards that read them with small cells hidden (app.figures.suppression)."""


def init_app(app):
    from app.extensions import api as rest_api
    from app.figures import api, models  # noqa: F401 - models register with the metadata
    from app.figures.views import studio

    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    # ------------------------------------------------------------------ events and footfall (collecting)

    # ------------------------------------------------------------------ rollup and retention

    # ------------------------------------------------------------------ dashboard, merchant figures
