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
    from app.core.registry import add_privacy_part
    from app.figures import cli, privacy
    app.cli.add_command(cli.figures_cli)
    # After loyalty's part (10): its purge refuses a period too short before anything is deleted.
    add_privacy_part(app, "figures", export_user=privacy.export_user, forget_user=privacy.forget_user, order=40,
                     purge=privacy.purge_report)

    # ------------------------------------------------------------------ dashboard, merchant figures
