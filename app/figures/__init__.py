"""City figures: is the centre doing better? Anonymous counters, daily rollups, the city's footfall counts,
and the dashboards that read them with small cells hidden (app.figures.suppression)."""


def init_app(app):
    from app.figures import models  # noqa: F401 - models register with the metadata
