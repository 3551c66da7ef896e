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
    _init_dashboard(app)


def _init_dashboard(app):
    """The studio dashboard (a tile), the merchant's shop figures (a panel on the merchant's shop page) and
    what the privacy page says is counted (a panel there)."""
    from flask_babel import lazy_gettext as _l

    from app.core.registry import PRIVACY_PAGE, add_panel, add_studio_section
    from app.figures.views import merchant
    from app.shops import MERCHANT_PANELS

    app.register_blueprint(merchant.bp)
    add_studio_section(app, "figures_studio.dashboard", _l("Figures"), "chart", 20)
    add_panel(app, MERCHANT_PANELS, "figures/merchant/panel.html", merchant.shop_panel, order=60)
    add_panel(app, PRIVACY_PAGE, "figures/privacy_counted.html", privacy_counted, order=50)


def privacy_counted(city) -> dict:
    """The privacy page's "what is counted": the threshold and how long raw counter events are kept."""
    from flask import current_app
    return {"min_people": current_app.config["KICK_FIGURES_MIN_PEOPLE"],
            "event_days": current_app.config["KICK_FIGURES_EVENT_DAYS"]}
