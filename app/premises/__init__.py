"""The vacancy register: a city's empty and let premises, their history, the incentives that apply, the
analysis of vacancy (rates per street and over time, duration bands) and its CSV import/export."""


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.core.registry import add_privacy_part, add_studio_section
    from app.extensions import api as rest_api
    from app.premises import api, models, privacy  # noqa: F401 - models register with the metadata
    from app.premises.views import studio

    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    add_studio_section(app, "premises_studio.index", _l("Vacancy register"), "shop", 35)
    add_privacy_part(app, "premises", export_user=privacy.export_user, forget_user=privacy.forget_user, order=35)
    from app.premises.match_setup import init_match
    init_match(app)  # room match: the public pages, the entrepreneurs and the matchmaker
