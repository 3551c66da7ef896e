"""Voice: the city talks with its merchants and listens to its shoppers (issue 16): merchant news with
targeting, email and Web Push, road works on the public map; questionnaires and shopper micro-surveys."""


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.core.registry import add_home_section, add_map_layer, add_panel, add_privacy_part, add_studio_section
    from app.extensions import api as rest_api
    from app.shops import MERCHANT_HOME_PANELS
    from app.voice import api, models, privacy  # noqa: F401 - models register with the metadata
    from app.voice.views import merchant, public, studio

    app.register_blueprint(studio.bp)
    app.register_blueprint(merchant.bp)
    app.register_blueprint(public.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    add_studio_section(app, "voice_studio.index", _l("News to merchants"), "megaphone", 25)
    add_panel(app, MERCHANT_HOME_PANELS, "voice/merchant/panel.html", merchant.dashboard_panel, order=10)
    # Road works and events that run today, on every public city map (on until the visitor turns it off).
    add_map_layer(app, "works", _l("Road works and events"), public.works_layer_url, order=20, default_on=True)
    add_home_section(app, "voice/_home_works.html", public.home_works, 3)
    add_privacy_part(app, "voice", export_user=privacy.export_user, forget_user=privacy.forget_user, order=45)
    from app.voice.ask import init_ask  # questionnaires and shopper surveys (room ask): their own registrations
    init_ask(app)
