"""Shops: merchant sign-up, shop profiles, city approval, spotlights."""
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

# Panel slots other features fill through app.core.registry.add_panel (loyalty: counter, stamps);
# their loaders get the shop.
MERCHANT_PANELS = "merchant_shop"  # included on /merchant/shops/<id>
SHOP_PAGE_PANELS = "shop_page"  # included on /<city>/shops/<slug>
STAFF_SHOP_PANELS = "staff_shop"  # on /merchant/, for each shop where the person is shop staff
MERCHANT_HOME_PANELS = "merchant_home"  # on /merchant/, above the shops; loaders get the signed-in person


# Our URLs for the features built on shops (they link to our pages without naming our endpoints).
def shop_page_url(shop, *, absolute: bool = False) -> str:
    """The public page of an approved shop, in the current city (`absolute`: on the public URL, for
    links that leave the page such as structured data)."""
    from flask import url_for

    from app.core.urls import external_url
    return external_url("shops.detail", slug=shop.slug) if absolute else url_for("shops.detail", slug=shop.slug)


def merchant_join_url(city) -> str:
    """The absolute merchant sign-up page for `city` (sign up and start a shop in one go), for mails."""
    from app.core.urls import external_url
    return external_url("merchant.join", city=city.slug)


def my_shops_url() -> str:
    """The merchant's dashboard (their shops), where the merchant area starts."""
    from flask import url_for
    return url_for("merchant.dashboard")


def shops_map_url() -> str:
    """The city's public map (the shop list as a map, with the overlays of app.core.registry.add_map_layer)."""
    from flask import url_for
    return url_for("shops.index", view="map")


def home_spotlights(city) -> dict | None:
    """Home-page block: today's spotlighted shops, or nothing when there are none."""
    from app.shops.services.review import spotlight_shops
    shops = spotlight_shops(city)
    return {"shops": shops} if shops else None


HOME_OPEN_SHOWN = 6


def home_open_now(city) -> dict | None:
    """Home-page block: the shops open right now (a few names, and how many), or nothing when all are shut."""
    from app.shops.services.public import open_now
    shops = open_now(city)
    return {"shops": shops[:HOME_OPEN_SHOWN], "count": len(shops)} if shops else None


def picker_open_now(cities) -> dict[int, str]:
    """The town picker's line: how many shops are open right now (a town with none open shows nothing)."""
    from flask_babel import ngettext
    from app.shops.services.public import open_now_counts
    return {city_id: ngettext("%(num)d shop open now", "%(num)d shops open now", count)
            for city_id, count in open_now_counts(cities).items()}


def paragraphs(text: str | None) -> Markup:
    """Plain text with blank lines -> escaped <p> paragraphs (single newlines become <br>)."""
    blocks = [block.strip() for block in (text or "").replace("\r\n", "\n").split("\n\n") if block.strip()]
    return Markup("".join(f"<p>{escape(block).replace(chr(10), Markup('<br>'))}</p>" for block in blocks))


def approved_shops_per_city() -> dict[int, int]:
    """Admin dashboard figure: approved (public) shops of every town, one grouped query."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.shops.models import Shop, ShopStatus
    rows = db.session.execute(select(Shop.city_id, func.count()).where(Shop.status == ShopStatus.APPROVED.value)
                              .group_by(Shop.city_id))
    return dict(rows.all())


def accessibility_given_per_city() -> dict[int, int]:
    """Admin dashboard figure: approved shops whose merchant gave their accessibility, per town (one query)."""
    from sqlalchemy import func, select

    from app.extensions import db
    from app.shops.models import Shop, ShopStatus
    rows = db.session.execute(select(Shop.city_id, func.count())
                              .where(Shop.status == ShopStatus.APPROVED.value, Shop.accessibility_given_clause())
                              .group_by(Shop.city_id))
    return dict(rows.all())


def sitemap_pages(cities) -> list:
    """/sitemap.xml: each town's shop list and its approved shops (one query for all towns)."""
    from sqlalchemy import select

    from app.core.registry import SitemapEntry
    from app.extensions import db
    from app.shops.models import Shop, ShopStatus
    by_id = {city.id: city for city in cities}
    entries = [SitemapEntry(city, "shops.index") for city in cities]
    rows = db.session.execute(select(Shop.city_id, Shop.slug, Shop.updated_at)
                              .where(Shop.status == ShopStatus.APPROVED.value, Shop.city_id.in_(by_id))
                              .order_by(Shop.city_id, Shop.slug))
    entries += [SitemapEntry(by_id[city_id], "shops.detail", {"slug": slug}, updated)
                for city_id, slug, updated in rows]
    return entries


def init_app(app):
    from app.core.registry import (add_city_figure, add_home_section, add_nav, add_privacy_part, add_staff_check,
                                   add_studio_section)
    from app.extensions import api as rest_api
    from app.shops import api, models, privacy  # noqa: F401
    from app.shops.services import staff
    from app.shops.views import merchant, public, studio

    app.register_blueprint(public.bp)
    app.register_blueprint(merchant.bp)
    app.register_blueprint(merchant.staff_bp)
    app.register_blueprint(studio.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")

    app.jinja_env.filters["paragraphs"] = paragraphs
    from flask_babel import format_date, format_datetime

    from app.shops.services.notifications import message_for
    from app.shops.services.public import opens_when, quiet_hours_text
    app.jinja_env.globals.update(shop_opens_when=opens_when, shop_note_message=message_for,
                                 shop_quiet_hours=quiet_hours_text)
    app.jinja_env.filters["shop_datetime"] = lambda value: format_datetime(value, "d MMM yyyy HH:mm")
    app.jinja_env.filters["shop_date"] = lambda value: format_date(value, "d MMM yyyy")

    add_nav(app, "shops.index", _l("Shops"), "shop", 40)
    add_studio_section(app, "shops_studio.queue", _l("Shops to review"), "shop", 30)
    add_studio_section(app, "shops_studio.import_shops", _l("Import shops (CSV)"), "upload", 35)
    add_home_section(app, "shops/_home_spotlights.html", home_spotlights, 5)
    add_home_section(app, "shops/_home_open_now.html", home_open_now, 4)
    add_privacy_part(app, "shops", export_user=privacy.export_user, forget_user=privacy.forget_user, order=20,
                     refuse_deletion=privacy.refuse_deletion)
    add_staff_check(app, owns_a_shop)
    staff.register_staff_grant(app)  # the shop staff role, granted by invitation (accounts.invitations)
    from app.core.registry import add_area
    add_area(app, _l("My shops"), staff.my_shops_area, order=10, landing=40)
    add_city_figure(app, "approved_shops", _l("Approved shops"), approved_shops_per_city, order=10)
    from app.core.registry import add_picker_fact
    add_picker_fact(app, "open_now", picker_open_now, order=10)
    add_city_figure(app, "shops_accessibility_given", _l("Shops that gave their accessibility"),
                    accessibility_given_per_city, order=11)
    from app.core.registry import add_sitemap_part
    add_sitemap_part(app, sitemap_pages, order=20)
    from app.accounts.signals import anonymous_account_replaced
    anonymous_account_replaced.connect(hand_over_shops)
    from app.shops.services.claims import register_owner_grant
    register_owner_grant(app)


def hand_over_shops(account, previous=None, **_kwargs) -> None:
    """A shop started in this browser before its maker logged in (an unconfirmed sign-up, perhaps with the
    address of the account now logging in) goes with them: an hour of describing a shop is not lost; so do
    the favourite shops of the anonymous shopper."""
    from sqlalchemy import update

    from app.extensions import db
    from app.shops.models import Shop, ShopNotification
    from app.shops.services import favourites
    if previous is None:
        return
    favourites.hand_over(account, previous)
    db.session.execute(update(Shop).where(Shop.owner_id == previous.id).values(owner_id=account.id)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(ShopNotification).where(ShopNotification.user_id == previous.id)
                       .values(user_id=account.id).execution_options(synchronize_session=False))


def owns_a_shop(user) -> bool:
    """A shop owner is staff: their login runs a counter display, so it lasts 30 days, not a year."""
    from sqlalchemy import select

    from app.extensions import db
    from app.shops.models import Shop
    return db.session.execute(select(Shop.id).where(Shop.owner_id == user.id).limit(1)).first() is not None
