"""City figures: is the centre doing better? Anonymous counters, daily rollups, the city's footfall counts,
and the dashboards that read them with small cells hidden (app.core.suppression)."""


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.core.registry import (PRIVACY_PAGE, add_home_section, add_panel, add_privacy_part, add_street_activity,
                                   add_studio_section)
    from app.extensions import api as rest_api
    from app.figures import api, cli, models, privacy  # noqa: F401 - models register with the metadata
    from app.figures.beacon import figure_beacon
    from app.figures.services.streets import street_activity
    from app.figures.views import merchant, studio
    from app.shops import MERCHANT_PANELS

    app.register_blueprint(studio.bp)
    app.register_blueprint(merchant.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    rest_api.spec.components.security_scheme("footfallToken", api.FOOTFALL_TOKEN_SCHEME)
    app.jinja_env.globals["figure_beacon"] = figure_beacon  # one line in each counted visitor page
    app.cli.add_command(cli.figures_cli)
    add_studio_section(app, "figures_studio.dashboard", _l("Figures"), "chart", 20)
    add_studio_section(app, "figures_studio.footfall_page", _l("Footfall counters"), "upload", 65)
    # The merchant's shop figures (a panel on the merchant's shop page), what the privacy page says is counted.
    add_panel(app, MERCHANT_PANELS, "figures/merchant/panel.html", merchant.shop_panel, order=60)
    add_panel(app, PRIVACY_PAGE, "figures/privacy_counted.html", privacy_counted, order=50)
    from app.figures.services.busy import home_busy
    add_home_section(app, "figures/_home_busy.html", home_busy, 3)  # "Hoe druk is het?", above the spotlights
    # After loyalty's part (10): its purge refuses a period too short before anything is deleted.
    add_privacy_part(app, "figures", export_user=privacy.export_user, forget_user=privacy.forget_user, order=40,
                     purge=privacy.purge_report)
    add_street_activity(app, street_activity)  # the premises' matchmaker reads a street's stamps and footfall


def privacy_counted(city) -> dict:
    """The privacy page's "what is counted": the threshold and how long raw counter events are kept."""
    from flask import current_app
    return {"min_people": current_app.config["KICK_FIGURES_MIN_PEOPLE"],
            "event_days": current_app.config["KICK_FIGURES_EVENT_DAYS"]}
