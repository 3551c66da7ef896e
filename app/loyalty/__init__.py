"""Loyalty: QR stamps at the counter, stamp cards, the city pass, rewards and merchant tools."""

# Blocks other features show on the stamps page right after a stamp (a short survey); loaders get
# (user, city) and answer None to stay hidden. Never in the way of the stamp: the stamp is already saved.
STAMPED_PANELS = "after_stamp"


def shop_page_panel(shop) -> dict | None:
    """Public shop page: "collect stamps here", only while the shop runs an active stamp card."""
    from app.loyalty.services.programmes import programme_for
    programme = programme_for(shop)
    return {"programme": programme} if programme is not None and programme.active else None


def merchant_shop_panel(shop) -> dict:
    """Merchant's shop page: the stamp card and its tools, or the invitation to set one up."""
    from app.loyalty.services.programmes import programme_for
    return {"programme": programme_for(shop)}


def home_progress(city) -> dict | None:
    """Home-page block for a shopper who collects here: the city pass and the fullest shop cards (personal:
    the page then answers no-store, as every page to a logged-in person does)."""
    from app.accounts.sessions import current_actor
    from app.loyalty.services.cards import overview
    user = current_actor()
    if user is None or not user.is_authenticated:
        return None
    mine = overview(user, city)
    if not mine.cards and mine.pass_card is None:
        return None
    return {"cards": mine.cards[:3], "city_pass": mine.city_pass,
            "pass_card": mine.pass_card}


FIGURE_DAYS = 30


def stamps_per_city() -> dict[int, int]:
    """Admin dashboard figure: stamps given in every town in the last 30 days, one grouped query."""
    from datetime import timedelta

    from sqlalchemy import func, select

    from app.core.clock import now
    from app.extensions import db
    from app.loyalty.models import Stamp
    since = now() - timedelta(days=FIGURE_DAYS)
    rows = db.session.execute(select(Stamp.city_id, func.count()).where(Stamp.created_at >= since)
                              .group_by(Stamp.city_id))
    return dict(rows.all())


def init_app(app):
    from flask_babel import lazy_gettext as _l

    from app.accounts.signals import anonymous_account_replaced
    from app.core.registry import add_city_figure, add_nav, add_panel, add_privacy_part, add_studio_section
    from app.extensions import api as rest_api
    from app.loyalty import api, models, privacy, purge, tally_models  # noqa: F401 - models register with the metadata
    from app.loyalty.views import merchant, public, studio
    from app.loyalty.services.merge import on_anonymous_account_replaced

    app.register_blueprint(public.bp)
    app.register_blueprint(merchant.bp)
    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")

    add_nav(app, "loyalty.stamps", _l("Stamps"), "stamp", 50)
    add_studio_section(app, "loyalty_studio.city_pass", _l("City pass"), "stamp", 50)
    from app.accounts.landing import city_area_url
    from app.core.auth import Role
    from app.core.registry import add_area
    add_area(app, _l("City desk"), city_area_url(Role.DESK, "loyalty_studio.confirm_pass"), order=30, landing=30)
    from app.shops import STAFF_SHOP_PANELS
    add_panel(app, STAFF_SHOP_PANELS, "loyalty/merchant/panel_staff.html", lambda shop: {"shop": shop})
    add_privacy_part(app, "loyalty", export_user=privacy.export_user, forget_user=privacy.forget_user, order=10,
                     purge=purge.purge_report, linked_accounts=privacy.linked_accounts)
    from app.shops import MERCHANT_PANELS, SHOP_PAGE_PANELS  # loyalty builds on shops (see CONTRIBUTING)
    add_panel(app, MERCHANT_PANELS, "loyalty/merchant/panel.html", merchant_shop_panel)
    add_panel(app, SHOP_PAGE_PANELS, "loyalty/panel_shop.html", shop_page_panel)
    from app.core.registry import add_home_section
    add_home_section(app, "loyalty/_home_progress.html", home_progress, 2)

    add_city_figure(app, "stamps_30_days", _l("Stamps, last 30 days"), stamps_per_city, order=30)
    anonymous_account_replaced.connect(on_anonymous_account_replaced)
