"""Retention: `flask privacy purge` turns old raw scan events into anonymous day totals."""
import re
from datetime import timedelta

from sqlalchemy import func, select

from app.accounts.services import find_user_by_email
from app.extensions import db
from app.loyalty.models import Card, ScanRefusal, Stamp, StampProgramme
from app.loyalty.services.stats import shop_stats
from app.loyalty.tally_models import RefusalDayTally, StampDayTally
from tests.factories import CardFactory, ScanRefusalFactory, StampFactory
from tests.support.loyalty import T0, counter_path

SHOPPER = "shopper@kick.test"


def _history(app, shop, days_ago: list[int], refusal_days_ago: list[int],
             emails=(SHOPPER, "admin@kick.test")):
    """Stamps of two shoppers and refused scans at `shop`, `days_ago` before T0."""
    with app.app_context():
        programme = db.session.execute(select(StampProgramme).where(StampProgramme.shop_id == shop.id)).scalar_one()
        users = [find_user_by_email(email) for email in emails]
        for user in users:
            card = CardFactory(user=user, programme=programme)
            for n in days_ago:
                StampFactory(card=card, created_at=T0 - timedelta(days=n))
                card.stamps += 1
        for n in refusal_days_ago:
            ScanRefusalFactory(shop=programme.shop, created_at=T0 - timedelta(days=n))
        ScanRefusalFactory(shop=None, city_id=programme.city_id, reason="invalid", created_at=T0 - timedelta(days=500))
        db.session.commit()
        db.session.remove()


def _count(app, model, *criteria):
    with app.app_context():
        value = db.session.execute(select(func.count()).select_from(model).where(*criteria)).scalar()
        db.session.remove()
        return value


def _sum(app, column, *criteria):
    with app.app_context():
        value = db.session.execute(select(func.coalesce(func.sum(column), 0)).where(*criteria)).scalar()
        db.session.remove()
        return value


def _shown_figures(page: str) -> list:
    """What the merchant reads on the statistics page: totals, refusals and the 30 day bars."""
    return (re.findall(r'data-figure="(\w+)">(\d+)<', page) + re.findall(r'data-refusal="(\w+)">(\d+)<', page)
            + re.findall(r'class="chart-bar"><title>([^<]+)</title>', page))


def _stats(app, shop_id):
    with app.app_context():
        stats = shop_stats(shop_id)
        db.session.remove()
        return stats


def test_purge_tallies_and_removes_old_scan_events_and_statistics_do_not_move(app, runner, shop, clock):
    _history(app, shop, days_ago=[800, 501, 500, 420, 397, 20, 3, 1], refusal_days_ago=[450, 450, 2])
    merchant = app.test_client()
    merchant.login(shop.owner)
    before_page = _shown_figures(merchant.get(f"/merchant/shops/{shop.id}/stats").get_data(as_text=True))
    before = _stats(app, shop.id)
    assert before.stamps == 6  # two shoppers x three recent days
    # the demo's history (Roeselare, app.figures.demo) goes back more than 396 days too
    oldest = T0 - timedelta(days=396)
    demo_stamps = _count(app, Stamp, Stamp.created_at < oldest, Stamp.shop_id != shop.id)
    demo_refusals = _count(app, ScanRefusal, ScanRefusal.created_at < oldest,
                           ScanRefusal.city_id != _shop_city(app, shop))

    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert f"stamps removed: {10 + demo_stamps}" in result.output
    assert f"refused scans removed: {3 + demo_refusals}" in result.output

    assert _stats(app, shop.id) == before
    assert _shown_figures(merchant.get(f"/merchant/shops/{shop.id}/stats").get_data(as_text=True)) == before_page
    # the raw rows older than 396 days are gone; the recent ones stay
    assert _count(app, Stamp, Stamp.shop_id == shop.id, Stamp.created_at < oldest) == 0
    assert _count(app, Stamp, Stamp.shop_id == shop.id) == 6
    assert _count(app, ScanRefusal, ScanRefusal.created_at < oldest) == 0
    assert _count(app, ScanRefusal, ScanRefusal.shop_id == shop.id) == 1
    # ...and they still count, anonymously: 10 stamps on 5 days, 2 shoppers each day
    assert _sum(app, StampDayTally.stamps, StampDayTally.shop_id == shop.id) == 10
    assert _count(app, StampDayTally, StampDayTally.shop_id == shop.id) == 5
    assert _sum(app, StampDayTally.shoppers, StampDayTally.shop_id == shop.id) == 10
    assert _sum(app, RefusalDayTally.count, RefusalDayTally.shop_id == shop.id, RefusalDayTally.reason == "expired") == 2
    assert _sum(app, RefusalDayTally.count, RefusalDayTally.shop_id.is_(None),
                RefusalDayTally.city_id == _shop_city(app, shop)) == 1
    # cards keep their stamp count: a card is not a scan event
    assert _sum(app, Card.stamps, Card.programme_id.is_not(None),
                Card.user_id == _user_id(app, SHOPPER), Card.city_id == _shop_city(app, shop)) >= 8

    # a second run finds nothing and changes nothing
    again = runner.invoke(args=["privacy", "purge"])
    assert "stamps removed: 0" in again.output
    assert _sum(app, StampDayTally.stamps, StampDayTally.shop_id == shop.id) == 10


def _user_id(app, email):
    with app.app_context():
        value = find_user_by_email(email).id
        db.session.remove()
        return value


def _shop_city(app, shop):
    with app.app_context():
        value = db.session.execute(select(StampProgramme.city_id).where(StampProgramme.shop_id == shop.id)).scalar()
        db.session.remove()
        return value


def test_purge_merges_into_existing_day_totals(app, runner, shop, clock):
    _history(app, shop, days_ago=[500], refusal_days_ago=[500])
    assert runner.invoke(args=["privacy", "purge"]).exit_code == 0
    _history(app, shop, days_ago=[500], refusal_days_ago=[500],  # more rows of the same day turn up
             emails=("marketer@brugge.kick.test", "marketer@ieper.kick.test"))
    assert runner.invoke(args=["privacy", "purge"]).exit_code == 0
    assert _count(app, StampDayTally, StampDayTally.shop_id == shop.id) == 1
    assert _sum(app, StampDayTally.stamps, StampDayTally.shop_id == shop.id) == 4
    assert _count(app, RefusalDayTally, RefusalDayTally.shop_id == shop.id) == 1
    assert _sum(app, RefusalDayTally.count, RefusalDayTally.shop_id == shop.id) == 2


def test_retention_comes_from_config_or_option_and_never_reaches_the_statistics_period(app, runner, shop, clock):
    _history(app, shop, days_ago=[150, 50], refusal_days_ago=[])
    app.config["KICK_RETENTION_DAYS"] = 100
    # the demo's history (Roeselare, app.figures.demo) has stamps older than 100 and 40 days too
    older = [_count(app, Stamp, Stamp.created_at < T0 - timedelta(days=days), Stamp.shop_id != shop.id)
             for days in (100, 40)]
    assert f"stamps removed: {2 + older[0]}" in runner.invoke(args=["privacy", "purge"]).output  # 150 days, 2 people
    assert f"stamps removed: {2 + older[1] - older[0]}" in runner.invoke(
        args=["privacy", "purge", "--older-than-days", "40"]).output
    refused = runner.invoke(args=["privacy", "purge", "--older-than-days", "30"])
    assert refused.exit_code == 2 and "at least 31 days" in refused.output
    assert runner.invoke(args=["privacy", "purge", "--older-than-days", "abc"]).exit_code == 2


def test_privacy_page_states_the_enforced_retention(app_config):
    from app import create_app
    app = create_app({**app_config, "KICK_RETENTION_DAYS": 45})
    html = app.test_client().get("/brugge/privacy").get_data(as_text=True)
    assert "Afzonderlijke scans 45 dagen" in html
    app = create_app({**app_config, "KICK_RETENTION_DAYS": 183})
    assert "6 maanden" in app.test_client().get("/brugge/privacy").get_data(as_text=True)
