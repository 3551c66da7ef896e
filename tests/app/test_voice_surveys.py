"""Shopper micro-surveys: asked after a stamp (never the first in a town, at most once in 30 days), answered or
dismissed in one tap, anonymous; the month's NPS for the marketers, on the figures page too."""
import re

from sqlalchemy import select

from app.extensions import db
from app.voice.models import SurveyAnswer, SurveyAsk
from tests.support.loyalty import count, counter_path

PROMPT = "data-survey-prompt"


def _scan(client, app, shop, clock):
    """A stamp at the counter of `shop` (the next day, so the cooldown has passed); the page it lands on."""
    clock.advance(hours=25)
    response = client.post(counter_path(app, shop), follow_redirects=True)
    assert response.status_code == 200 and "new=" in response.request.url
    return response.get_data(as_text=True)


def test_asked_after_a_stamp_but_not_the_first_and_not_again_within_30_days(app, client, shop, clock):
    first = _scan(client, app, shop, clock)
    assert PROMPT not in first  # the first stamp in Brugge: their first visit
    second = _scan(client, app, shop, clock)
    assert PROMPT in second
    assert "centrum van Brugge" in second  # the Net Promoter question of the town
    response = client.post("/brugge/survey", data={"score": "9", "comment": "<script>x</script>Leuke <b>stad</b>"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/brugge/stamps")
    rows = db_rows(app)
    assert [(r.score, r.comment, r.topic) for r in rows] == [(9, "Leuke stad", "nps")]  # the script and the tags are gone
    assert PROMPT not in _scan(client, app, shop, clock)  # within 30 days: not asked
    refused = client.post("/api/v1/survey-answers", json={"city": "brugge", "score": 7})
    assert refused.status_code == 409
    assert count(app, SurveyAnswer, SurveyAnswer.city_id == rows[0].city_id) == 1  # nothing written
    clock.advance(days=30)
    assert PROMPT in _scan(client, app, shop, clock)
    created = client.post("/api/v1/survey-answers", json={"city": "brugge", "score": 10, "comment": None})
    assert created.status_code == 201 and created.get_json()["topic"] == "nps"


def db_rows(app):
    with app.app_context():
        rows = db.session.execute(select(SurveyAnswer).order_by(SurveyAnswer.id.desc()).limit(1)).scalars().all()
        db.session.expunge_all()
        db.session.remove()
    return rows


def test_a_dismissal_counts_for_the_30_days(app, client, shop, clock):
    _scan(client, app, shop, clock)
    assert PROMPT in _scan(client, app, shop, clock)
    before = count(app, SurveyAnswer)
    assert client.post("/brugge/survey/dismiss").status_code == 303
    assert PROMPT not in _scan(client, app, shop, clock)
    assert client.post("/api/v1/survey-answers", json={"city": "brugge", "score": 3}).status_code == 409
    assert count(app, SurveyAnswer) == before


def test_the_api_needs_a_shopper_and_a_score_on_the_scale(app, client, shop, clock):
    assert client.post("/api/v1/survey-answers", json={"city": "brugge", "score": 8}).status_code == 401
    _scan(client, app, shop, clock)  # an anonymous shopper now
    before = count(app, SurveyAnswer)
    for body in ({"city": "brugge", "score": 11}, {"city": "brugge", "score": "9"}, {"city": "nergens", "score": 5},
                 {"city": "brugge", "score": 5, "comment": "x" * 2001}):
        assert client.post("/api/v1/survey-answers", json=body).status_code == 422, body
    assert count(app, SurveyAnswer) == before


def test_results_show_the_nps_and_hide_small_months(app, client):
    client.login("marketer@roeselare.kick.test")
    page = client.get("/roeselare/studio/surveys?month=" + _last_month()).get_data(as_text=True)
    assert "Net Promoter Score" in page
    assert re.search(r'survey-nps-value[^>]*>[+-]?\d+<', page)
    figures = client.get("/roeselare/studio/figures").get_data(as_text=True)
    assert "survey-figures" in figures
    app.config["KICK_FIGURES_MIN_PEOPLE"] = 1000
    hidden = client.get("/roeselare/studio/surveys?month=" + _last_month()).get_data(as_text=True)
    assert "survey-nps-value" not in hidden and "ask-hidden" in hidden


def _last_month():
    from app.core import clock
    first = clock.today().replace(day=1)
    from datetime import timedelta
    return (first - timedelta(days=1)).strftime("%Y-%m")


def test_the_marketer_sets_the_question_of_the_month(app, client, shop, clock):
    marketer = app.test_client()
    marketer.login("marketer@brugge.kick.test")
    month = clock().date().replace(day=1).isoformat()  # T0 is 25 November; the stamps below stay in November
    assert marketer.post("/brugge/studio/surveys", data={"month": month, "topic": "parking"}).status_code == 303
    _scan(client, app, shop, clock)
    page = _scan(client, app, shop, clock)
    assert PROMPT in page and "parkeren" in page.lower()
    with app.app_context():
        shopper_id = db.session.execute(select(SurveyAsk.user_id)).scalars().all()
        db.session.remove()
    assert shopper_id == []
    before = count(app, SurveyAnswer)
    parking_before = count(app, SurveyAnswer, SurveyAnswer.topic == "parking", SurveyAnswer.score == 7)
    client.post("/brugge/survey", data={"score": "0"})  # 0 is not a 1-10 mark: refused, still to be asked
    assert count(app, SurveyAnswer) == before and count(app, SurveyAsk) == 0
    assert client.post("/brugge/survey", data={"score": "7"}).status_code == 303
    assert count(app, SurveyAnswer, SurveyAnswer.topic == "parking", SurveyAnswer.score == 7) == parking_before + 1


def test_privacy_export_and_deletion(app, client, shop, clock):
    from app.accounts.models import User
    from app.privacy.deletion import delete_account
    _scan(client, app, shop, clock)
    _scan(client, app, shop, clock)
    assert client.post("/brugge/survey", data={"score": "8"}).status_code == 303
    answers = count(app, SurveyAnswer)
    with app.app_context():
        from app.privacy.export import export_user
        user = db.session.get(User, db.session.execute(select(SurveyAsk.user_id)).scalar_one())
        assert export_user(user)["questionnaires_and_surveys"]["survey"]["last_asked_at"]
        delete_account(user)
        db.session.remove()
    assert count(app, SurveyAsk) == 0  # the 30-day marker goes with the person
    assert count(app, SurveyAnswer) == answers  # the anonymous answer stays in the month's results
