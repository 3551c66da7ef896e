"""Query ceilings of the busiest personal requests (issue 18): the scan POST and the signed-in stamps page.

A campaign weekend is thousands of scans; every statement of a scan is a round trip while the shopper's
row is locked. The ceilings are today's counts: a new query per card, per stamp or per shop (an N+1), or a
look-up before every insert, fails here. The counts are the same however long the shopper's history is."""
from datetime import date

import pytest

from tests.support.loyalty import counter_path, fill_card, set_city_pass, stamps_of

# Statements of one scan that stamps a shop card and counts a new shop on the running city pass:
# the session's user, the code's programme (shop and city joined), the shopper's row lock, the card
# (read, then inserted when new), the stamp, the city pass, the pass card, the pass visit, and one
# UPDATE for both cards' counts. The city comes from its snapshot.
SCAN_CEILING = 10
# A first scan also makes the anonymous shopper (a savepoint around the insert: its racing twin joins it)
# and logs it in (its login's lifetime asks whether it owns a shop).
FIRST_SCAN_CEILING = 15
# The stamps page of a shopper: the user, the city's shops with what the page shows of each, the city pass,
# the cards with their waiting reward codes. A registered account's menu also asks whether it runs a shop.
STAMPS_PAGE_CEILING = 4
REGISTERED_STAMPS_PAGE_CEILING = STAMPS_PAGE_CEILING + 1


def _token(client) -> dict:
    """The session's CSRF header, fetched before counting (the test client otherwise asks /api/v1/me for it
    inside the counted request); posted with csrf=False so the client sends this one as it is."""
    return {"X-CSRFToken": client.csrf_token()}


@pytest.fixture
def running_pass(app):
    set_city_pass(app, distinct_shops_required=3, starts_on=date(2026, 11, 1), ends_on=date(2026, 12, 31))


def _history(app, client, shops, clock, days: int) -> None:
    """`days` days of stamps at two shops (the pass counts each shop once)."""
    for _ in range(days):
        assert client.post(counter_path(app, shops["shop"])).status_code == 303
        assert client.post(counter_path(app, shops["third_shop"])).status_code == 303
        clock.advance(days=1)


@pytest.mark.parametrize("days", [1, 4])
def test_a_scan_costs_the_same_few_queries_however_long_the_history(app, shops, clock, count_queries, running_pass,
                                                                    days):
    shopper = app.test_client()
    _history(app, shopper, shops, clock, days)
    path, token = counter_path(app, shops["other_shop"]), _token(shopper)
    with count_queries() as queries:
        answer = shopper.post(path, headers=token, csrf=False)
    assert answer.status_code == 303 and "/stamps" in answer.headers["Location"]
    assert stamps_of(app, shops["other_shop"]) == 1
    assert queries.count <= SCAN_CEILING, "\n".join(queries.statements)
    cards = {c["kind"]: c for c in shopper.get("/api/v1/me/cards").get_json() if c["city"] == "brugge"}
    assert cards["pass"]["stamps"] == 3 and cards["pass"]["full"]  # the new shop counted on the pass


def test_the_app_scanner_costs_the_same(app, shops, clock, count_queries, running_pass):
    shopper = app.test_client()
    _history(app, shopper, shops, clock, 2)
    path, token = counter_path(app, shops["other_shop"]), _token(shopper)
    with count_queries() as queries:
        answer = shopper.post("/api/v1/scan", json={"code": path, "city": "brugge"}, headers=token, csrf=False)
    assert answer.status_code == 201 and answer.get_json()["pass_counted"] is True
    assert queries.count <= SCAN_CEILING, "\n".join(queries.statements)


def test_a_refused_second_scan_in_the_window_stays_cheap(app, shops, clock, count_queries, running_pass):
    shopper = app.test_client()
    path = counter_path(app, shops["shop"])
    assert shopper.post(path).status_code == 303
    token = _token(shopper)
    with count_queries() as queries:
        again = shopper.post("/api/v1/scan", json={"code": path, "city": "brugge"}, headers=token, csrf=False)
    assert again.status_code == 409 and again.get_json()["code"] == "cooldown"
    assert stamps_of(app, shops["shop"]) == 1
    # No stamp, so neither the pass nor the counts are touched; the refusal itself is counted (one insert).
    assert queries.count <= SCAN_CEILING, "\n".join(queries.statements)


def test_a_first_scan_makes_the_shopper_in_a_few_queries(app, shops, clock, count_queries, running_pass):
    stranger = app.test_client()
    path, token = counter_path(app, shops["shop"]), _token(stranger)
    assert stranger.get(path).status_code == 200  # the camera opens the page first (the city's snapshot is warm)
    with count_queries() as queries:
        answer = stranger.post(path, headers=token, csrf=False)
    assert answer.status_code == 303 and stamps_of(app, shops["shop"]) == 1
    assert queries.count <= FIRST_SCAN_CEILING, "\n".join(queries.statements)


def test_the_stamps_page_reads_a_fixed_number_of_queries_whatever_the_cards(app, shops, clock, count_queries,
                                                                            running_pass):
    few, many = app.test_client(), app.test_client()
    assert few.post(counter_path(app, shops["shop"])).status_code == 303
    _history(app, many, shops, clock, 3)
    assert many.post(counter_path(app, shops["other_shop"])).status_code == 303
    counts = {}
    for name, client in (("few", few), ("many", many)):
        client.get("/brugge/stamps")  # the city's snapshot is warm, as on a busy day
        with count_queries() as queries:
            page = client.get("/brugge/stamps")
        assert page.status_code == 200
        counts[name] = queries.count
        assert queries.count <= STAMPS_PAGE_CEILING, "\n".join(queries.statements)
    text = many.get("/brugge/stamps").get_data(as_text=True)
    assert "Bakkerij Test" in text and "Boekhandel Test" in text and "Vintage Test" in text
    assert counts["few"] == counts["many"]  # three shop cards and a full pass cost no more than one card


def test_a_member_card_filled_elsewhere_shows_without_extra_queries(app, shops, clock, count_queries):
    client = app.test_client()
    client.login("shopper@kick.test")
    fill_card(app, "shopper@kick.test", shops["shop"], stamps=3)
    client.get("/brugge/stamps")
    with count_queries() as queries:
        page = client.get("/brugge/stamps")
    assert page.status_code == 200 and "Bakkerij Test" in page.get_data(as_text=True)
    assert queries.count <= REGISTERED_STAMPS_PAGE_CEILING, "\n".join(queries.statements)
