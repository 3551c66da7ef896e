"""Loyalty: QR stamps at the counter, stamp cards, the city pass, rewards and merchant tools."""


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.accounts.signals import anonymous_account_replaced
    from app.core.registry import add_nav, add_privacy_part, add_studio_section
    from app.extensions import api as rest_api
    from app.loyalty import api, models, tally_models, views  # noqa: F401 - models register with the metadata
    from app.loyalty import merchant_views, privacy, purge, studio_views
    from app.loyalty.services.merge import on_anonymous_account_replaced
    from app.loyalty.services.programmes import programme_for

    app.register_blueprint(views.bp)
    app.register_blueprint(merchant_views.bp)
    app.register_blueprint(studio_views.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")

    add_nav(app, "loyalty.stamps", _l("Stamps"), "stamp", 50)
    add_studio_section(app, "loyalty_studio.city_pass", _l("City pass"), "stamp", 50)
    add_privacy_part(app, "loyalty", export_user=privacy.export_user, forget_user=privacy.forget_user, order=10,
                     purge=purge.purge_report, linked_accounts=privacy.linked_accounts)
    app.extensions.setdefault("kick_merchant_panels", []).append("loyalty/panel_merchant.html")
    app.extensions.setdefault("kick_shop_page_panels", []).append("loyalty/panel_shop.html")
    app.jinja_env.globals["stamp_programme_for"] = programme_for

    anonymous_account_replaced.connect(on_anonymous_account_replaced)
