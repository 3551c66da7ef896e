"""The agenda in the app: the public page by day, the event page (JSON-LD Event, .ics), the city's iCalendar
feed, the events API, the home and shop page blocks, the studio and merchants' proposals."""
import json
import re
from datetime import datetime, timedelta, timezone
from html import unescape

import icalendar
import pytest
from dateutil.rrule import rrulestr
from sqlalchemy import func, select

from app.agenda.models import Event
from app.cities.models import City
from app.core.clock import TZ
from app.extensions import db
from tests.conftest import mail_text, mails
from tests.factories import EventFactory, ShopFactory, UserFactory

# The `clock` fixture: Wednesday 25 November 2026, 12:00 in Brussels.
SATURDAY = datetime(2026, 11, 28, 9, 0, tzinfo=TZ)


def _city(slug="brugge"):
    return db.session.execute(select(City).where(City.slug == slug)).scalar_one()


@pytest.fixture
def market(app, clock):
    """Brugge's test market every Saturday 9:00–13:00 from 7 March 2026 (so the rule spans both clock changes)."""
    with app.app_context():
        event = EventFactory(city=_city(), title={"nl": "Testmarkt op 't Zand", "fr": "Marché test"},
                             starts_at=datetime(2026, 3, 7, 9, 0, tzinfo=TZ), ends_at=datetime(2026, 3, 7, 13, 0, tzinfo=TZ),
                             rrule="FREQ=WEEKLY;BYDAY=SA", place_name="'t Zand", address="'t Zand, 8000 Brugge",
                             exdates=["2026-12-26"], cancelled_dates=["2026-12-19"],
                             description={"nl": "<p>Groenten en <strong>kaas</strong></p>"})
        db.session.commit()
        return event.id


def test_the_agenda_lists_this_saturdays_market_at_nine_under_its_day(client, market):
    page = client.get("/brugge/agenda?when=week", headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    section = html[html.index('id="day-2026-11-28"'):]
    section = section[:section.index("</section>")]
    assert "zaterdag 28 november" in section
    assert "Testmarkt op 't Zand" in unescape(section) and "09:00–13:00" in section
    assert 'datetime="2026-11-28T09:00:00+01:00"' in section
    assert 'href="webcal://localhost/brugge/agenda.ics"' in html


def test_tomorrow_is_morgen_and_today_is_vandaag(app, client, clock):
    with app.app_context():
        brugge = _city()
        EventFactory(city=brugge, title={"nl": "Morgenmarkt"}, starts_at=datetime(2026, 11, 26, 8, 0, tzinfo=TZ))
        EventFactory(city=brugge, title={"nl": "Vandaagconcert"}, starts_at=datetime(2026, 11, 25, 20, 0, tzinfo=TZ))
        db.session.commit()
    html = unescape(client.get("/brugge/agenda", headers={"Accept-Language": "nl"}).get_data(as_text=True))
    assert re.search(r'id="day-2026-11-25">Vandaag</h2>', html)
    assert re.search(r'id="day-2026-11-26">Morgen</h2>', html)
    assert html.index("Vandaagconcert") < html.index("Morgenmarkt")


def test_filters_by_kind_and_weekend_and_refuses_an_unknown_kind(app, client, market, clock):
    with app.app_context():
        EventFactory(city=_city(), kind="workshop", title={"nl": "Kranswerkshop"},
                     starts_at=datetime(2026, 11, 26, 14, 0, tzinfo=TZ))
        db.session.commit()
    weekend = client.get("/brugge/agenda?when=weekend&kind=market").get_data(as_text=True)
    assert "Testmarkt" in unescape(weekend) and "Kranswerkshop" not in weekend
    assert "Kranswerkshop" in client.get("/brugge/agenda?kind=workshop").get_data(as_text=True)
    assert client.get("/brugge/agenda?kind=rave").status_code == 400


def test_the_agenda_page_costs_the_same_queries_for_one_event_or_thirty(app, client, clock, count_queries):
    client.get("/brugge/agenda")  # warm the city cache
    with count_queries() as few:
        assert client.get("/brugge/agenda").status_code == 200
    with app.app_context():
        brugge = _city()
        for n in range(30):
            EventFactory(city=brugge, starts_at=clock() + timedelta(days=n % 20, hours=1), rrule="FREQ=WEEKLY;BYDAY=SA"
                         if n % 3 == 0 else None)
        db.session.commit()
    client.get("/brugge/agenda")  # a write retires the town's cached pages and its city snapshot with them (app.cache): warm again
    with count_queries() as many:
        assert client.get("/brugge/agenda").status_code == 200
    assert many.count == few.count <= 6, many.statements


def test_the_event_page_describes_the_next_occurrence_as_a_schema_org_event(client, market):
    page = client.get(f"/brugge/agenda/{market}", headers={"Accept-Language": "nl"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Event" and data["name"] == "Testmarkt op 't Zand"
    assert data["startDate"] == "2026-11-28T09:00:00+01:00" and data["endDate"] == "2026-11-28T13:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"]["streetAddress"] == "'t Zand, 8000 Brugge"
    assert data["location"]["geo"]["latitude"] == 51.20861
    assert data["organizer"]["name"] == "KICK Brugge"
    assert '<meta property="og:type" content="event">' in html
    assert "<strong>kaas</strong>" in html  # sanitised rich text kept
    assert "Geannuleerd" in html  # the cancelled 19 December in the next dates


def test_another_citys_event_and_a_proposal_are_not_public(app, client, market):
    assert client.get(f"/oostende/agenda/{market}").status_code == 404
    assert client.get(f"/oostende/agenda/{market}.ics").status_code == 404
    with app.app_context():
        proposal = EventFactory(city=_city(), status="proposed")
        db.session.commit()
        proposal_id = proposal.id
    assert client.get(f"/brugge/agenda/{proposal_id}").status_code == 404


def _feed(client):
    response = client.get("/brugge/agenda.ics")
    assert response.status_code == 200
    return response, icalendar.Calendar.from_ical(response.data)


def _vevent(cal, uid, *, override=False):
    return [c for c in cal.walk("VEVENT") if str(c["UID"]) == uid and ("RECURRENCE-ID" in c) == override]


def test_the_feed_is_a_valid_calendar_with_the_rule_and_its_exceptions(app, client, market):
    response, cal = _feed(client)
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "public" in response.headers["Cache-Control"] and "max-age=1800" in response.headers["Cache-Control"]
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    with app.app_context():
        uid = db.session.get(Event, market).uid
    (item,) = _vevent(cal, uid)
    assert item["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=SA"  # carried as such, not expanded
    assert item["DTSTART"].dt == datetime(2026, 3, 7, 9, 0, tzinfo=TZ) and item["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert [d.dt for d in item["EXDATE"].dts] == [datetime(2026, 12, 26, 9, 0, tzinfo=TZ)]
    assert item["STATUS"] == "CONFIRMED" and item["SEQUENCE"] == 0 and "DTSTAMP" in item and "LAST-MODIFIED" in item
    assert item["URL"] == f"http://localhost/brugge/agenda/{market}"
    (cancelled,) = _vevent(cal, uid, override=True)
    assert cancelled["RECURRENCE-ID"].dt == datetime(2026, 12, 19, 9, 0, tzinfo=TZ) and cancelled["STATUS"] == "CANCELLED"
    # A calendar app expanding the rule gets 9:00 local before and after the clocks went forward.
    start = item["DTSTART"].dt
    rule = rrulestr(item["RRULE"].to_ical().decode(), dtstart=start)
    spring = rule.between(datetime(2026, 3, 20, tzinfo=TZ), datetime(2026, 4, 5, tzinfo=TZ))
    assert [(d.hour, d.utcoffset()) for d in spring] == [(9, timedelta(hours=1)), (9, timedelta(hours=1)),
                                                         (9, timedelta(hours=2))]


def test_uids_are_stable_and_sequence_rises_after_an_edit_in_the_studio(app, client, market):
    _, first = _feed(client)
    _, second = _feed(client)
    uids = sorted(str(c["UID"]) for c in first.walk("VEVENT"))
    assert uids == sorted(str(c["UID"]) for c in second.walk("VEVENT")) and len(uids) == len(set(
        (str(c["UID"]), "RECURRENCE-ID" in c) for c in first.walk("VEVENT")))
    with app.app_context():
        uid = db.session.get(Event, market).uid
    client.login("marketer@brugge.kick.test")
    form = {"title_nl": "Testmarkt op 't Zand", "kind": "market", "day": "2026-03-07", "start_time": "08:30",
            "end_time": "13:00", "place_name": "'t Zand", "repeat": "weekly", "weekdays": "SA",
            "exdates": "2026-12-26", "cancelled_dates": "", "is_free": "y", "nth": "1", "month_weekday": "SA"}
    response = client.post(f"/brugge/studio/agenda/{market}", data=form)
    assert response.status_code == 302
    _, after = _feed(client)
    (item,) = _vevent(after, uid)
    assert item["SEQUENCE"] == 1 and item["DTSTART"].dt == datetime(2026, 3, 7, 8, 30, tzinfo=TZ)
    assert not _vevent(after, uid, override=True)  # the cancelled 19 December was taken out
    assert client.post(f"/brugge/studio/agenda/{market}/cancel").status_code == 302
    _, cancelled = _feed(client)
    (item,) = _vevent(cancelled, uid)
    assert item["SEQUENCE"] == 2 and item["STATUS"] == "CANCELLED" and str(item["UID"]) == uid


def test_one_events_ics_for_add_to_calendar(client, market):
    response = client.get(f"/brugge/agenda/{market}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.data)
    assert {str(c["SUMMARY"]) for c in cal.walk("VEVENT")} == {"Testmarkt op 't Zand"}


def test_the_feed_leaves_out_what_ended_over_three_months_ago(app, client, clock):
    with app.app_context():
        brugge = _city()
        EventFactory(city=brugge, title={"nl": "Oude braderie"}, starts_at=clock() - timedelta(days=120))
        EventFactory(city=brugge, title={"nl": "Recente braderie"}, starts_at=clock() - timedelta(days=40))
        db.session.commit()
    _, cal = _feed(client)
    titles = {str(c["SUMMARY"]) for c in cal.walk("VEVENT")}
    assert "Recente braderie" in titles and "Oude braderie" not in titles


def test_the_api_lists_occurrences_in_a_window_with_offsets(client, market):
    response = client.get("/api/v1/cities/brugge/events?from=2026-11-28&to=2026-12-19&kind=market")
    assert response.status_code == 200
    mine = [item for item in response.get_json()["items"] if item["id"] == market]
    assert [(item["starts"], item["cancelled"]) for item in mine] == [
        ("2026-11-28T09:00:00+01:00", False), ("2026-12-05T09:00:00+01:00", False),
        ("2026-12-12T09:00:00+01:00", False), ("2026-12-19T09:00:00+01:00", True)]
    first = mine[0]
    assert first["ends"] == "2026-11-28T13:00:00+01:00" and first["title"] == "Testmarkt op 't Zand"
    assert first["place"] == {"name": "'t Zand", "address": "'t Zand, 8000 Brugge", "lat": 51.20861, "lon": 3.22389}
    assert first["shop"] is None and first["url"] == f"http://localhost/brugge/agenda/{market}"
    assert client.get("/api/v1/cities/brugge/events?from=2026-12-01&to=2026-11-01").status_code == 422
    assert client.get("/api/v1/cities/brugge/events?from=2026-01-01&to=2026-12-31").status_code == 422
    assert client.get("/api/v1/cities/brugge/events?kind=rave").status_code == 422
    assert client.get("/api/v1/cities/nergens/events").status_code == 404


def test_the_api_is_documented(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/cities/{city}/events"]["get"]
    assert operation["operationId"] == "listCityEvents" and operation["description"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {"from", "to", "kind"}


def test_the_home_shows_this_week_and_the_shop_page_its_events(app, client, market, clock):
    with app.app_context():
        brugge = _city()
        shop = ShopFactory(city=brugge, slug="agenda-winkel", name={"nl": "Agenda Winkel"}, status="approved")
        EventFactory(city=brugge, shop=shop, kind="workshop", title={"nl": "Kranswerkshop"},
                     starts_at=datetime(2026, 11, 27, 14, 0, tzinfo=TZ))
        db.session.commit()
    home = unescape(client.get("/brugge/", headers={"Accept-Language": "nl"}).get_data(as_text=True))
    block = home[home.index('id="home-agenda-title"'):]
    assert block.startswith('id="home-agenda-title">Deze week in Brugge')
    assert "Testmarkt op 't Zand" in block and "Kranswerkshop" in block
    shop_page = unescape(client.get("/brugge/shops/agenda-winkel", headers={"Accept-Language": "nl"}).get_data(as_text=True))
    assert "Binnenkort hier" in shop_page and "Kranswerkshop" in shop_page


def test_the_sitemap_lists_the_agenda_and_its_events(client, market):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    for lang in ("nl", "fr"):  # every page once per language (CONTRIBUTING "Languages")
        assert f"/brugge/agenda?lang={lang}</loc>" in xml and f"/brugge/agenda/{market}?lang={lang}</loc>" in xml


# ------------------------------------------------------------------ studio and merchants' proposals


def _shop_of(app, email):
    with app.app_context():
        owner = UserFactory(email=email)
        shop = ShopFactory(city=_city(), owner=owner, slug="voorstel-winkel", name={"nl": "Voorstel Winkel"},
                           status="approved", address="Steenstraat 5, 8000 Brugge")
        db.session.commit()
        return shop.id


PROPOSAL = {"title_nl": "Workshop kransen", "kind": "workshop", "day": "2026-12-12", "start_time": "14:00",
            "end_time": "16:00", "place_name": "Voorstel Winkel", "address": "Steenstraat 5, 8000 Brugge",
            "repeat": "", "nth": "1", "month_weekday": "SA", "price": "15 euro",
            "description_nl": "<p>Met <b>verse</b> takken</p><script>alert(1)</script>"}


def test_a_merchants_proposal_is_reviewed_by_the_city_and_the_merchant_is_mailed(app, client, clock):
    shop_id = _shop_of(app, "voorstel@brugge.kick.test")
    client.login("voorstel@brugge.kick.test")
    page = client.get(f"/merchant/shops/{shop_id}/events")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    assert client.post(f"/merchant/shops/{shop_id}/events", data=PROPOSAL).status_code == 302
    with app.app_context():
        event = db.session.execute(select(Event).where(Event.shop_id == shop_id)).scalar_one()
        assert event.status == "proposed" and event.description == {"nl": "<p>Met <b>verse</b> takken</p>"}
        event_id = event.id
    assert client.get(f"/brugge/agenda/{event_id}").status_code == 404  # not public before the review

    client.login("marketer@brugge.kick.test")
    queue = unescape(client.get("/brugge/studio/agenda/").get_data(as_text=True))
    proposals = queue[queue.index('id="proposals-title"'):queue.index('id="events-title"')]
    assert "Workshop kransen" in proposals and "Voorstel Winkel" in proposals
    refused = client.post(f"/brugge/studio/agenda/{event_id}/reject", data={"note": ""})
    assert refused.status_code == 422 and "Zeg de handelaar waarom." in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, event_id).status == "proposed"
    assert client.post(f"/brugge/studio/agenda/{event_id}/approve", data={"note": "Mooi initiatief!"}).status_code == 302
    assert client.get(f"/brugge/agenda/{event_id}").status_code == 200
    (message,) = [m for m in mails(app, "voorstel@brugge.kick.test") if "Workshop kransen" in m["Subject"]]
    text = mail_text(message)
    assert "Mooi initiatief!" in text and f"/brugge/agenda/{event_id}" in text
    again = client.post(f"/brugge/studio/agenda/{event_id}/approve", data={"note": ""})
    assert again.status_code == 409


def test_a_rejected_proposal_tells_the_merchant_why(app, client, clock):
    shop_id = _shop_of(app, "afgewezen@brugge.kick.test")
    client.login("afgewezen@brugge.kick.test")
    client.post(f"/merchant/shops/{shop_id}/events", data=PROPOSAL)
    with app.app_context():
        event_id = db.session.execute(select(Event.id).where(Event.shop_id == shop_id)).scalar_one()
    client.login("marketer@brugge.kick.test")
    assert client.post(f"/brugge/studio/agenda/{event_id}/reject",
                       data={"note": "Die dag is er al een braderie."}).status_code == 302
    (message,) = [m for m in mails(app, "afgewezen@brugge.kick.test") if "Workshop kransen" in m["Subject"]]
    assert "Die dag is er al een braderie." in mail_text(message)
    client.login("afgewezen@brugge.kick.test")
    page = unescape(client.get(f"/merchant/shops/{shop_id}/events").get_data(as_text=True))
    assert "Die dag is er al een braderie." in page


def test_a_bad_proposal_is_refused_with_field_messages_and_writes_nothing(app, client, clock):
    shop_id = _shop_of(app, "fout@brugge.kick.test")
    client.login("fout@brugge.kick.test")
    with app.app_context():
        before = db.session.scalar(select(func.count()).select_from(Event))
    bad = dict(PROPOSAL, end_time="13:00", url="javascript:alert(1)")
    response = client.post(f"/merchant/shops/{shop_id}/events", data=bad)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="end_time-error"' in html and 'id="url-error"' in html
    weekly_without_days = dict(PROPOSAL, repeat="weekly")
    assert client.post(f"/merchant/shops/{shop_id}/events", data=weekly_without_days).status_code == 422
    assert client.post(f"/merchant/shops/{shop_id}/events", data=dict(PROPOSAL, exdates="morgen")).status_code == 422
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Event)) == before
    # Another merchant's shop: a 404
    client.login("merchant2@brugge.kick.test")
    assert client.post(f"/merchant/shops/{shop_id}/events", data=PROPOSAL).status_code == 404


def test_the_studio_makes_a_recurring_event_from_the_form(app, client, clock):
    client.login("marketer@brugge.kick.test")
    form = {"title_nl": "Avondmarkt", "kind": "market", "day": "2026-12-03", "start_time": "17:00",
            "end_time": "21:00", "place_name": "Simon Stevinplein", "repeat": "monthly", "nth": "1",
            "month_weekday": "TH", "until": "2027-06-30", "is_free": "y", "shop_id": "0"}
    assert client.get("/brugge/studio/agenda/new").status_code == 200
    assert client.post("/brugge/studio/agenda/new", data=form).status_code == 302
    with app.app_context():
        event = db.session.execute(select(Event).where(Event.title["nl"].as_string() == "Avondmarkt")).scalar_one()
        assert event.rrule == "FREQ=MONTHLY;BYDAY=1TH;UNTIL=20270630T215959Z" and event.status == "published"
        assert re.fullmatch(r"event-[0-9a-f]{16}@kick\.city", event.uid)  # no KICK_PUBLIC_URL in tests
        assert event.last_ends_at == datetime(2027, 6, 3, 21, 0, tzinfo=TZ).astimezone(timezone.utc)


def test_privacy_export_lists_the_events_a_merchant_proposed_and_the_deletion_forgets_the_proposer(app, client, clock):
    from app.accounts.services import find_user_by_email
    from app.privacy.export import export_user
    from app.agenda.privacy import forget_user
    shop_id = _shop_of(app, "privacy@brugge.kick.test")
    client.login("privacy@brugge.kick.test")
    client.post(f"/merchant/shops/{shop_id}/events", data=PROPOSAL)
    with app.app_context():
        person = find_user_by_email("privacy@brugge.kick.test")
        export = export_user(person)
        assert [e["title"] for e in export["agenda"]["proposed_events"]] == ["Workshop kransen"]
        forget_user(person)
        db.session.commit()
        event = db.session.execute(select(Event).where(Event.shop_id == shop_id)).scalar_one()
        assert event.proposed_by_id is None and event.status == "proposed"  # the shop's event stays
