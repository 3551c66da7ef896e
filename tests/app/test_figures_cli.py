"""`flask figures rollup` and figures' part of `flask privacy purge` (raw counter events past retention)."""
from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.figures.models import FigureEvent, FigureRollup, RollupRun
from tests.factories import CityFactory, FigureEventFactory
from tests.support.loyalty import T0

YESTERDAY = (T0 - timedelta(days=1)).date()


def _town(app, slug: str, event_days_ago=(3, 1)) -> int:
    """A town of its own with a page view on each of `event_days_ago` (days before T0)."""
    with app.app_context():
        city = CityFactory(slug=slug)
        for days in event_days_ago:
            FigureEventFactory(city=city, hour=(T0 - timedelta(days=days)).replace(minute=0))
        db.session.commit()
        city_id = city.id
        db.session.remove()
        return city_id


def _count(app, model, *criteria) -> int:
    with app.app_context():
        value = db.session.execute(select(func.count()).select_from(model).where(*criteria)).scalar_one()
        db.session.remove()
        return value


def _through(app, city_id):
    with app.app_context():
        value = db.session.execute(select(RollupRun.through).where(RollupRun.city_id == city_id)).scalar()
        db.session.remove()
        return value


def test_rollup_rolls_one_town_then_says_it_is_up_to_date(app, runner, clock):
    city_id = _town(app, "telstad")
    result = runner.invoke(args=["figures", "rollup", "--city", "telstad"])
    assert result.exit_code == 0, result.output
    assert result.output == (f"telstad: 3 days (2026-11-22 .. {YESTERDAY}) and 4 weeks/months/years rolled up, "
                             f"2 rows; through {YESTERDAY}\n")
    assert _count(app, FigureRollup, FigureRollup.city_id == city_id) == 2
    again = runner.invoke(args=["figures", "rollup", "--city", "telstad"])
    assert again.output == f"telstad: up to date through {YESTERDAY}\n"


def test_rollup_since_and_rebuild_roll_again_with_the_same_rows(app, runner, clock):
    city_id = _town(app, "telstad")
    assert runner.invoke(args=["figures", "rollup", "--city", "telstad"]).exit_code == 0
    rows = _count(app, FigureRollup, FigureRollup.city_id == city_id)
    since = runner.invoke(args=["figures", "rollup", "--city", "telstad", "--since", "2026-11-23"])
    assert since.exit_code == 0 and "telstad: 2 days (2026-11-23 .. 2026-11-24)" in since.output
    rebuild = runner.invoke(args=["figures", "rollup", "--city", "telstad", "--rebuild"])
    assert rebuild.exit_code == 0 and "telstad: 3 days (2026-11-22 .. 2026-11-24)" in rebuild.output
    assert _count(app, FigureRollup, FigureRollup.city_id == city_id) == rows


def test_rollup_of_every_town_names_each(app, runner, clock):
    _town(app, "telstad")
    result = runner.invoke(args=["figures", "rollup"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "telstad: 3 days (2026-11-22 .. 2026-11-24) and 4 weeks/months/years rolled up, 2 rows; through " \
           "2026-11-24" in lines
    # the demo towns were rolled when the demo loaded (on today's real date, after T0)
    assert any(line.startswith("roeselare: up to date through ") for line in lines)


def test_rollup_refuses_an_unknown_town_a_bad_date_and_both_options(app, runner, clock):
    unknown = runner.invoke(args=["figures", "rollup", "--city", "atlantis"])
    assert unknown.exit_code == 2 and "no town 'atlantis'" in unknown.output
    bad = runner.invoke(args=["figures", "rollup", "--since", "2026-02-30"])
    assert bad.exit_code == 2 and "'2026-02-30' does not match the format '%Y-%m-%d'" in bad.output
    both = runner.invoke(args=["figures", "rollup", "--since", "2026-11-01", "--rebuild"])
    assert both.exit_code == 2 and "give --since or --rebuild, not both" in both.output


def test_purge_removes_old_events_of_days_rolled_up_and_keeps_the_others(app, runner, clock):
    rolled = _town(app, "telstad", event_days_ago=(50, 40, 2))
    waiting = _town(app, "wachtstad", event_days_ago=(50, 2))
    assert runner.invoke(args=["figures", "rollup", "--city", "telstad"]).exit_code == 0
    before = _count(app, FigureRollup, FigureRollup.city_id == rolled)
    result = runner.invoke(args=["privacy", "purge"])
    assert result.exit_code == 0, result.output
    assert "Figure events before 2026-10-21 11:00 UTC (35 days):" in result.output
    assert "  page views and trail events removed: 2 (counted in the daily figures)" in result.output
    assert "  kept 1 of days not rolled up yet (run `flask figures rollup`)" in result.output
    assert _count(app, FigureEvent, FigureEvent.city_id == rolled) == 1
    assert _count(app, FigureEvent, FigureEvent.city_id == waiting) == 2  # wachtstad was never rolled up
    assert _count(app, FigureRollup, FigureRollup.city_id == rolled) == before  # the figures stay
    again = runner.invoke(args=["privacy", "purge"])
    assert "removed: 0" in again.output


def test_purge_keeps_events_the_shorter_of_the_two_periods(app, runner, clock):
    city_id = _town(app, "telstad", event_days_ago=(50, 33, 2))
    assert runner.invoke(args=["figures", "rollup", "--city", "telstad"]).exit_code == 0
    result = runner.invoke(args=["privacy", "purge", "--older-than-days", "32"])
    assert result.exit_code == 0 and "(32 days):" in result.output
    assert _count(app, FigureEvent, FigureEvent.city_id == city_id) == 1
    refused = runner.invoke(args=["privacy", "purge", "--older-than-days", "30"])
    assert refused.exit_code == 2 and "at least 31 days" in refused.output  # loyalty's part refuses first
    assert _count(app, FigureEvent, FigureEvent.city_id == city_id) == 1
    assert _through(app, city_id) == YESTERDAY


def test_the_export_says_figures_hold_nothing_personal(client):
    client.login("shopper@kick.test")
    data = client.get("/account/data.json")
    assert data.status_code == 200
    assert data.get_json()["figures"] == {
        "note": "De cijfers zijn anonieme tellingen (paginabezoeken, wandelingen, personentellers, dagtotalen): geen "
                "enkele rij noemt of herkent iemand. Alleen de sleutels die je voor een tellerleverancier maakte, "
                "onthouden jou: ze staan hier, en wie zijn account wist, wordt daar vergeten.",
        "footfall_tokens_made": []}
