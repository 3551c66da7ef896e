"""The agenda: events in the centre (markets, shopping Sundays, the Christmas market, a shop's workshop),
recurring by RFC 5545 rules, on a public page, the home, shop pages, an iCalendar feed and the API;
marketers add and review, merchants propose events at their shop."""
from datetime import timedelta

from flask_babel import lazy_gettext as _l

HOME_DAYS_MAX = 6  # occurrences on the home's "this week"


def home_this_week(city) -> dict | None:
    """Home-page block: what's on from now until Sunday, or nothing when the week is empty."""
    from app.agenda.services import reading
    from app.agenda.views.public import day_label
    from app.core import clock
    today = clock.today()
    # A Christmas market that is on every day is shown once, as on the agenda page.
    found = [o for day in reading.by_day(reading.upcoming(city, *reading.week_window(today)), today).values()
             for o in day]
    if not found:
        return None
    return {"occurrences": found[:HOME_DAYS_MAX], "more": len(found) > HOME_DAYS_MAX, "today": today,
            "day_label": day_label}


def picker_this_week(cities) -> dict[int, str]:
    """The town picker's line: how many events are on from now until Sunday (a quiet week shows nothing)."""
    from flask_babel import ngettext

    from app.agenda.services import reading
    from app.core import clock
    counts = reading.events_on_per_city(cities, *reading.week_window(clock.today()))
    return {city_id: ngettext("%(num)d event this week", "%(num)d events this week", count)
            for city_id, count in counts.items()}


def shop_page_events(shop) -> dict | None:
    """The public shop page: the shop's coming events (next 60 days)."""
    from app.agenda.services import reading
    from app.core import clock
    now = clock.local_now()
    found = reading.upcoming(shop.city, now, now + timedelta(days=60), shop=shop, limit=5)
    return {"occurrences": found, "today": clock.today()} if found else None


def merchant_shop_events(shop) -> dict:
    """The merchant's shop page: their proposals and how they went, and the way to propose one."""
    from app.agenda.presenters import STATUS_LABELS
    from app.agenda.services import reading
    return {"events": reading.shop_events(shop)[:3], "status_labels": STATUS_LABELS}


def sitemap_pages(cities) -> list:
    """/sitemap.xml: each town's agenda and its public events not over yet (one query for all towns)."""
    from sqlalchemy import or_, select

    from app.agenda.models import PUBLIC_STATUSES, Event
    from app.core import clock
    from app.core.registry import SitemapEntry
    from app.extensions import db
    by_id = {city.id: city for city in cities}
    entries = [SitemapEntry(city, "agenda.index") for city in cities]
    rows = db.session.execute(select(Event.city_id, Event.id, Event.updated_at)
                              .where(Event.status.in_(PUBLIC_STATUSES), Event.city_id.in_(by_id),
                                     or_(Event.last_ends_at.is_(None), Event.last_ends_at > clock.now()))
                              .order_by(Event.city_id, Event.id))
    entries += [SitemapEntry(by_id[city_id], "agenda.event", {"event_id": event_id}, updated)
                for city_id, event_id, updated in rows]
    return entries


def init_app(app):
    from app.agenda import api, models, privacy  # noqa: F401 - models register with the metadata
    from app.agenda.views import merchant, public, studio
    from app.core.registry import (add_home_section, add_panel, add_picker_fact, add_privacy_part,
                                   add_sitemap_part, add_studio_section)
    from app.extensions import api as rest_api
    from app.shops import MERCHANT_PANELS, SHOP_PAGE_PANELS

    app.register_blueprint(public.bp)
    app.register_blueprint(studio.bp)
    app.register_blueprint(merchant.bp)
    rest_api.register_blueprint(api.blp, url_prefix="/api/v1")
    # No tab in the bottom navigation (it has five already: a sixth would not fit a phone); the home's
    # "this week" links to the agenda.
    add_home_section(app, "agenda/_home_section.html", home_this_week, 8)
    add_picker_fact(app, "this_week", picker_this_week, order=20)
    add_studio_section(app, "agenda_studio.index", _l("Agenda"), "calendar", 22)
    add_panel(app, SHOP_PAGE_PANELS, "agenda/_shop_panel.html", shop_page_events, order=40)
    add_panel(app, MERCHANT_PANELS, "agenda/merchant/panel.html", merchant_shop_events, order=55)
    add_privacy_part(app, "agenda", export_user=privacy.export_user, forget_user=privacy.forget_user, order=35)
    add_sitemap_part(app, sitemap_pages, order=35)
