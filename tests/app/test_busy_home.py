"""'Hoe druk is het?' on the city home: shown from the footfall counts when they are recent, honest when they
are not, absent when the city has none."""
from datetime import timedelta

from sqlalchemy import select

from app.cities.models import City
from app.extensions import db
from app.figures.services.busy import same_hour_weeks_before
from tests.factories import CountingPointFactory, FootfallCountFactory

NL = {"Accept-Language": "nl"}


def _counts(app, clock, now_count: int, usual: int = 400):
    """Two points in Kortrijk: the last complete hour (T0 is 12:00 in Brussels, so 11:00-12:00 local), the same
    hour of eight earlier Wednesdays, and the hour still being counted (left out)."""
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == "kortrijk")).scalar_one()
        last = clock.at.replace(minute=0, second=0, microsecond=0) - timedelta(hours=1)
        for code in ("KRT-A", "KRT-B"):
            point = CountingPointFactory(city=city, code=code)
            FootfallCountFactory(point=point, hour=last, count=now_count // 2)
            FootfallCountFactory(point=point, hour=last + timedelta(hours=1), count=5)  # not complete yet
            for hour in same_hour_weeks_before(last):
                FootfallCountFactory(point=point, hour=hour, count=usual // 2)
        db.session.commit()


def _section(client) -> str | None:
    html = client.get("/kortrijk/", headers=NL).get_data(as_text=True)
    if 'id="busy-title"' not in html:
        return None
    return html.split('id="busy-title"')[1].split("</section>")[0]


def test_no_counts_no_section(app, client, clock):
    assert _section(client) is None


def test_busier_than_usual_with_the_hour_counted(app, client, clock):
    _counts(app, clock, now_count=560)
    section = _section(client)
    assert "Drukker dan gewoonlijk" in section
    assert "tussen 11:00 en 12:00" in section and "woensdag" in section


def test_as_usual_and_quieter(app, client, clock):
    _counts(app, clock, now_count=420)
    assert "Zoals gewoonlijk" in _section(client)


def test_quieter_than_usual(app, client, clock):
    _counts(app, clock, now_count=200)
    assert "Rustiger dan gewoonlijk" in _section(client)


def test_old_counts_are_never_shown_as_now(app, client, clock):
    _counts(app, clock, now_count=560)
    clock.advance(hours=5)  # the counter stopped sending: its last hour (12:00-13:00, 5 people) is not "now"
    section = _section(client)
    assert "Drukker" not in section and "gewoonlijk" not in section
    assert "Geen recente telling" in section and "woensdag 25 november tussen 12:00 en 13:00" in section
    clock.advance(days=8)
    assert _section(client) is None


def test_a_city_without_enough_earlier_weeks_gets_no_verdict(app, client, clock):
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == "kortrijk")).scalar_one()
        point = CountingPointFactory(city=city)
        FootfallCountFactory(point=point, hour=clock.at.replace(minute=0) - timedelta(hours=1), count=300)
        db.session.commit()
    section = _section(client)
    assert "te weinig eerdere weken" in section and "gewoonlijk" not in section


def test_another_citys_counts_do_not_count(app, client, clock):
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        point = CountingPointFactory(city=city)
        FootfallCountFactory(point=point, hour=clock.at.replace(minute=0) - timedelta(hours=1), count=300)
        db.session.commit()
    assert _section(client) is None
