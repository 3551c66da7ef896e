"""The city figures dashboard (/<city>/studio/figures), its CSV and GET /api/v1/cities/<city>/figures, and
the merchant's shop figures: marketers of the city only, small cells hidden the same way everywhere, bad
periods a 422, a fixed number of queries whatever the data."""
import csv
import io
from datetime import date

import pytest
from sqlalchemy import delete, select

from app.cities.services import city_by_slug
from app.extensions import db
from app.figures.models import FigureRollup, Grain, Metric, RollupRun
from app.shops.models import Shop
from tests.factories import ShopFactory, TrailFactory
from tests.support.figures import OCTOBER, cell, month_shoppers, stamp_days
from tests.support.loyalty import MERCHANT, OTHER_MERCHANT

MARKETER = "marketer@brugge.kick.test"
PAGE = "/brugge/studio/figures"
API = "/api/v1/cities/brugge/figures"
LAST_OCTOBER = (date(2025, 10, 1), date(2025, 10, 31))
SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


@pytest.fixture
def figures(app, clock):
    """Brugge's October 2026 (the last full month at T0) beside September and October 2025: 40 stamps a day
    by 25 shoppers; a quiet shop with 3 shoppers, a small one with 12 and a busy one with 40."""
    with app.app_context():
        brugge = city_by_slug("brugge")
        # The demo rolled up Brugge's own days; these tests read cells of their own.
        db.session.execute(delete(FigureRollup).where(FigureRollup.city_id == brugge.id))
        db.session.execute(delete(RollupRun).where(RollupRun.city_id == brugge.id))
        stamp_days(brugge, *OCTOBER, stamps=40, people=25)
        stamp_days(brugge, *SEPTEMBER, stamps=35, people=22)
        stamp_days(brugge, *LAST_OCTOBER, stamps=30, people=20)
        for first, value in ((OCTOBER[0], 310), (SEPTEMBER[0], 290), (LAST_OCTOBER[0], 250)):
            month_shoppers(brugge, first, value)
        shops = {}
        for name, street, people, stamps in (("Stille Hoek", "Zilverstraat 3", 3, 6), ("Klein Atelier", "Zilverstraat 9", 12, 30),
                                             ("Drukke Bakker", "Steenstraat 20", 40, 95)):
            shop = ShopFactory(city=brugge, name={"nl": name}, address=street, category="food_drink")
            cell(brugge, Metric.STAMPS, date(2026, 10, 6), stamps, key=f"shop:{shop.id}", people=people)
            month_shoppers(brugge, OCTOBER[0], people, key=f"shop:{shop.id}")
            cell(brugge, Metric.PAGE_VIEWS, date(2026, 10, 6), 100 + people, key=f"shop:{shop.id}")
            shops[name] = shop.id
        cell(brugge, Metric.REFUSALS, date(2026, 10, 8), 4, key="expired")
        db.session.add(RollupRun(city_id=brugge.id, through=date(2026, 11, 24)))
        db.session.commit()
    return shops


def _client(app, email=MARKETER):
    client = app.test_client()
    client.login(email)
    return client


def test_a_marketer_reads_last_month_beside_the_month_before_and_last_year(app, figures):
    marketer = _client(app)
    assert "/brugge/studio/figures" in marketer.get("/brugge/studio/").get_data(as_text=True)  # the studio tile
    page = marketer.get(PAGE)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("no-store")
    assert "oktober 2026" in html and "september 2026" in html and "oktober 2025" in html
    assert 'data-kpi="stamps"' in html and "1.240" in html  # 31 x 40, written the Dutch way
    assert "Stille Hoek" in html and "Drukke Bakker" in html and "Zilverstraat" in html
    assert 'id="figures-data"' in html and "uPlot.iife.min.js" in html


def test_a_cell_of_three_shoppers_shows_as_hidden_and_takes_the_next_smallest_with_it(app, figures):
    html = _client(app).get(PAGE).get_data(as_text=True)
    quiet = html.split(f'data-row="shop:{figures["Stille Hoek"]}"', 1)[1].split("</tr>", 1)[0]
    small = html.split(f'data-row="shop:{figures["Klein Atelier"]}"', 1)[1].split("</tr>", 1)[0]
    busy = html.split(f'data-row="shop:{figures["Drukke Bakker"]}"', 1)[1].split("</tr>", 1)[0]
    assert "verborgen (&lt; 10)" in quiet
    # secondary suppression: 12 shoppers are enough, the cell hides so the 3 cannot be worked out, and says so
    assert "verborgen (beschermt een kleine cel)" in small and "&lt; 10" not in small
    assert "95" in busy and "verborgen" not in busy.split("</th>", 1)[1].split("</td>")[1]

    body = _client(app).get(API).get_json()
    shops = {row["name"]: row["figures"]["stamps"]["value"] for row in body["shops"]}
    assert shops["Stille Hoek"] is None and shops["Klein Atelier"] is None and shops["Drukke Bakker"] == 95
    assert f"shops.shop:{figures['Stille Hoek']}.stamps.now" in body["suppressed"]
    assert f"shops.shop:{figures['Klein Atelier']}.stamps.now" in body["suppressed"]


def test_the_csv_holds_what_the_page_shows_with_hidden_cells_empty(app, figures):
    response = _client(app).get(f"/brugge/studio/figures.csv?from=2026-10-01&to=2026-10-31")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Cache-Control"].startswith("no-store")
    assert 'filename="kick-brugge-figures-2026-10-01-2026-10-31.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][3:] == ["2026-10-01 tot 2026-10-31", "2026-09-01 tot 2026-09-30", "2025-10-01 tot 2025-10-31"]
    stamps = {row[1]: row[3] for row in rows if row[0] == "Winkels" and row[2] == "Stempels"}
    assert stamps == {"Drukke Bakker": "95", "Klein Atelier": "", "Stille Hoek": ""} | {
        name: value for name, value in stamps.items() if name not in ("Drukke Bakker", "Klein Atelier", "Stille Hoek")}
    key = {row[2]: row[3:] for row in rows if row[0] == "Kerncijfers"}
    assert key["Stempels"] == ["1240", "1050", "930"]
    assert ["Geweigerde scans", "Verlopen code", "Aantal", "4", "0", "0"] in rows


def test_the_api_answers_marketers_with_nulls_for_hidden_cells_and_no_store(app, figures):
    response = _client(app).get(f"{API}?from=2026-10-01&to=2026-10-31")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["period"] == {"from": "2026-10-01", "to": "2026-10-31", "kind": "month", "days": 31}
    assert body["previous"]["from"] == "2026-09-01" and body["last_year"]["to"] == "2025-10-31"
    assert body["figures"]["stamps"] == {"value": 1240, "previous": 1050, "last_year": 930}
    assert len(body["series"]["stamps_per_day"]) == 31 and body["series"]["stamps_per_day"][0] == {
        "date": "2026-10-01", "value": 40, "last_year_date": "2025-10-01", "last_year": 30}
    assert len(body["series"]["stamps_by_hour"]) == 7 * 24 and body["min_people"] == 10
    spec = app.test_client().get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/cities/{city}/figures"]["get"]
    assert {p["name"] for p in operation["parameters"] if p["in"] == "query"} == {"from", "to"}
    assert "422" in operation["responses"]


@pytest.mark.parametrize("query", ["from=2026-10-31&to=2026-10-01", "from=2025-01-01&to=2026-01-02",
                                   "from=2026-13-01&to=2026-12-31", "from=2026-10-01", "from=gisteren&to=2026-10-01"])
def test_a_bad_period_is_a_422_on_the_page_and_in_the_api(app, figures, query):
    marketer = _client(app)
    page = marketer.get(f"{PAGE}?{query}")
    assert page.status_code == 422 and 'class="flash flash-error"' in page.get_data(as_text=True)
    assert marketer.get(f"/brugge/studio/figures.csv?{query}").status_code == 422
    api = marketer.get(f"{API}?{query}")
    assert api.status_code == 422 and api.mimetype == "application/problem+json"


@pytest.mark.parametrize("email", ["marketer@oostende.kick.test", "shopper@kick.test", "merchant1@brugge.kick.test",
                                   "desk@brugge.kick.test"])
def test_anyone_but_the_citys_marketers_gets_a_404(app, figures, email):
    other = _client(app, email)
    assert other.get(PAGE).status_code == 404
    assert other.get("/brugge/studio/figures.csv").status_code == 404
    assert other.get(API).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in_and_the_api_says_401(app, figures):
    anonymous = app.test_client()
    assert anonymous.get(PAGE).status_code == 302
    assert anonymous.get(API).status_code == 401


def test_a_town_without_figures_says_when_they_come(app, clock):
    with app.app_context():  # the demo rolled up Kortrijk's few demo scans: a town before its first figures
        kortrijk = city_by_slug("kortrijk")
        db.session.execute(delete(FigureRollup).where(FigureRollup.city_id == kortrijk.id))
        db.session.execute(delete(RollupRun).where(RollupRun.city_id == kortrijk.id))
        db.session.commit()
    html = _client(app, "marketer@kortrijk.kick.test").get("/kortrijk/studio/figures").get_data(as_text=True)
    assert "figures-empty" in html


def test_the_dashboard_uses_a_fixed_number_of_queries_whatever_the_data(app, figures, count_queries):
    marketer = _client(app)
    marketer.get(PAGE)
    with count_queries() as few:
        assert marketer.get(PAGE).status_code == 200
    with app.app_context():
        brugge = city_by_slug("brugge")
        for n in range(12):
            shop = ShopFactory(city=brugge, address=f"Straat{n} {n}")
            trail = TrailFactory(city=brugge, kind="green" if n % 2 else "heritage")
            for day in (date(2026, 10, 3), date(2026, 9, 5), date(2025, 10, 4)):
                cell(brugge, Metric.STAMPS, day, 20, key=f"shop:{shop.id}", people=15)
                cell(brugge, Metric.PAGE_VIEWS, day, 40, key=f"trail:{trail.id}")
        db.session.commit()
    with count_queries() as more:
        assert marketer.get(PAGE).status_code == 200
    assert more.count == few.count <= 14, more.statements
    with count_queries() as api:
        assert marketer.get(API).status_code == 200
    assert api.count <= few.count


def test_the_merchant_sees_the_shop_beside_shops_of_its_kind_and_not_another_merchants(app, figures, shops):
    with app.app_context():
        brugge = city_by_slug("brugge")
        own = db.session.execute(select(Shop).where(Shop.id == shops["shop"].id)).scalar_one()
        own.category, own.approved_at = "food_drink", own.approved_at or own.created_at
        for day, value in ((date(2026, 10, 2), 60), (date(2025, 10, 2), 50)):
            cell(brugge, Metric.STAMPS, day, value, key=f"shop:{own.id}", people=20)
        month_shoppers(brugge, OCTOBER[0], 20, key=f"shop:{own.id}")
        month_shoppers(brugge, LAST_OCTOBER[0], 18, key=f"shop:{own.id}")
        db.session.commit()
    merchant = _client(app, MERCHANT)
    page = merchant.get(f"/merchant/shops/{shops['shop'].id}/figures")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("no-store")
    stamps = html.split('data-row="stamps"', 1)[1].split("</tr>", 1)[0]
    assert ">60<" in stamps and "+20" in stamps  # 60 against 50 last year
    assert "figures-panel" in merchant.get(f"/merchant/shops/{shops['shop'].id}").get_data(as_text=True)
    assert _client(app, OTHER_MERCHANT).get(f"/merchant/shops/{shops['shop'].id}/figures").status_code == 404
    assert merchant.get(f"/merchant/shops/{shops['shop'].id}/figures?from=2026-10-09&to=2026-10-01").status_code == 422


def test_the_privacy_page_says_what_is_counted(app, client):
    html = client.get("/brugge/privacy").get_data(as_text=True)
    assert 'id="figures"' in html and "10" in html.split('id="figures"', 1)[1].split("</li>", 1)[0]


def test_a_merchant_in_a_town_with_few_shops_is_told_why_there_is_no_average(app):
    """Roeselare's demo has three approved shops: two others are too few for an average, and the page says so."""
    with app.app_context():
        shop_id = db.session.execute(select(Shop.id).where(Shop.slug == "kelder-roodbruin")).scalar_one()
    html = _client(app, "merchant1@roeselare.kick.test").get(f"/merchant/shops/{shop_id}/figures").get_data(as_text=True)
    assert "Een gemiddelde vraagt minstens drie andere winkels met cijfers; Roeselare heeft er nu 2" in html
