"""Merchant questionnaires end to end: a Brugge marketer builds one, sends it to every merchant, they answer
(anonymous unless they tick contact), it closes and the results go back to the merchants who were asked."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core import clock as app_clock
from app.extensions import db
from app.voice.models import Questionnaire, QuestionnaireRecipient, QuestionnaireResponse
from app.voice.services import questionnaires
from tests.conftest import mail_text, mails
from tests.factories import ShopFactory, UserFactory

MARKETER = "marketer@brugge.kick.test"
OWNERS = ["merchant1@brugge.kick.test", "merchant2@brugge.kick.test", "merchant3@brugge.kick.test",
          "merchant4@brugge.kick.test", "extra1@winkel.test", "extra2@winkel.test"]


@pytest.fixture
def merchants(app):
    """Brugge's four demo merchants and two more with an approved shop: six people to ask."""
    app.config.update(LOGIN_LIMIT_PER_ACCOUNT="1000 per minute", LOGIN_LIMIT_PER_IP="1000 per minute")
    from app.cities.models import City
    with app.app_context():
        brugge = db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()
        for email in OWNERS[4:]:
            ShopFactory(city=brugge, owner=UserFactory(email=email))
        db.session.commit()
        from app.voice.services import targeting
        asked = targeting.recipient_ids(brugge, targeting.make_target())
        db.session.remove()
    assert len(asked) == 6
    return OWNERS


def _build(client) -> int:
    client.login(MARKETER)
    closes = (app_clock.today() + timedelta(days=10)).isoformat()
    response = client.post("/brugge/studio/questionnaires", data={"title_nl": "Hoe gaat het?", "closes_on": closes})
    assert response.status_code == 303
    qid = int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    base = f"/brugge/studio/questionnaires/{qid}"
    assert client.post(base + "/questions", data={"kind": "score", "text_nl": "Hoe tevreden bent u?"}).status_code == 303
    assert client.post(base + "/questions", data={"kind": "single", "text_nl": "Wat helpt het meest?",
                                                  "options_nl": "Parking\nEvenementen"}).status_code == 303
    assert client.post(base + "/questions", data={"kind": "text", "text_nl": "Nog iets?"}).status_code == 303
    return qid


def _question_ids(app, qid):
    with app.app_context():
        ids = [q.id for q in db.session.get(Questionnaire, qid).questions]
        db.session.remove()
    return ids


def test_a_questionnaire_to_all_merchants_gets_answers_and_its_results_go_back(app, client, merchants):
    qid = _build(client)
    page = client.get(f"/brugge/studio/questionnaires/{qid}").get_data(as_text=True)
    assert "6 handelaars krijgen het" in page or "6 merchants will receive it" in page
    response = client.post(f"/brugge/studio/questionnaires/{qid}/send", data={}, follow_redirects=True)
    assert response.status_code == 200
    for email in merchants:  # each merchant mailed once, with the link to answer
        sent = mails(app, email)
        assert len(sent) == 1 and f"/merchant/questionnaires/{qid}" in mail_text(sent[0])
    with app.app_context():
        questionnaires.mail_recipients(qid, "https://kick.test/x")  # a retried job mails nobody twice
        db.session.remove()
    assert all(len(mails(app, email)) == 1 for email in merchants)

    score_id, choice_id, text_id = _question_ids(app, qid)
    client.logout()
    for n, email in enumerate(merchants[:5]):
        client.login(email)
        assert "Hoe gaat het?" in client.get("/merchant/").get_data(as_text=True)  # the dashboard panel
        data = {f"q{score_id}": str(6 + n % 3), f"q{choice_id}": "0" if n else "1", f"q{text_id}": f"<b>Idee {n}</b>"}
        if n == 0:
            data["may_contact"] = "y"
        assert client.post(f"/merchant/questionnaires/{qid}", data=data).status_code == 303
        again = client.post(f"/merchant/questionnaires/{qid}", data=data)
        assert again.status_code == 409
        client.logout()
    # the sixth answers through the API; a second answer is a 409
    client.login(merchants[5])
    body = {"answers": {str(score_id): 9, str(choice_id): 0}, "may_contact": False}
    assert client.post(f"/api/v1/merchant/questionnaires/{qid}/answers", json=body).status_code == 201
    assert client.post(f"/api/v1/merchant/questionnaires/{qid}/answers", json=body).status_code == 409
    page = client.get(f"/merchant/questionnaires/{qid}").get_data(as_text=True)
    assert "Results" not in page and "Resultaten" not in page  # not before it closes

    with app.app_context():  # anonymous unless ticked: one answer names its merchant, the others nobody
        responses = db.session.execute(select(QuestionnaireResponse).where(
            QuestionnaireResponse.questionnaire_id == qid)).scalars().all()
        assert len(responses) == 6
        assert sum(1 for r in responses if r.contact_user_id) == 1
        assert db.session.execute(select(func.count()).select_from(QuestionnaireRecipient).where(
            QuestionnaireRecipient.questionnaire_id == qid, QuestionnaireRecipient.answered.is_(True))).scalar_one() == 6
        assert any(r.answers.get(str(text_id)) == "Idee 1" for r in responses)  # tags dropped
        db.session.remove()

    client.logout()
    client.login(MARKETER)
    assert client.post(f"/brugge/studio/questionnaires/{qid}/close").status_code == 303
    studio = client.get(f"/brugge/studio/questionnaires/{qid}").get_data(as_text=True)
    assert "Idee 3" in studio and "merchant1@brugge.kick.test" in studio  # free text, the contact: marketer only
    client.logout()

    client.login(merchants[2])
    results = client.get(f"/merchant/questionnaires/{qid}")
    text = results.get_data(as_text=True)
    assert results.status_code == 200
    assert "7.2" in text  # the average of 6, 7, 8, 6, 7 and 9
    assert "Idee" not in text  # free text stays with the marketer
    # "Evenementen" was chosen once: hidden (fewer than 5), and so "Parking" (5) cannot be worked out from it
    assert text.count('class="ask-bar is-hidden"') >= 2
    after = client.post(f"/api/v1/merchant/questionnaires/{qid}/answers", json=body)
    assert after.status_code == 410


def test_only_merchants_who_were_asked_may_answer(app, client, merchants):
    qid = _build(client)
    client.post(f"/brugge/studio/questionnaires/{qid}/send", data={"streets": [], "categories": ["fashion"]})
    client.logout()
    client.login("merchant1@oostende.kick.test")
    assert client.get(f"/merchant/questionnaires/{qid}").status_code == 404
    response = client.post(f"/api/v1/merchant/questionnaires/{qid}/answers", json={"answers": {}})
    assert response.status_code == 404


def test_the_api_builds_and_sends_in_one_call(app, client, merchants):
    client.login(MARKETER)
    closes = (app_clock.today() + timedelta(days=7)).isoformat()
    body = {"title": {"nl": "Snelle vraag"}, "closes_on": closes,
            "questions": [{"kind": "score", "text": {"nl": "Cijfer?"}},
                          {"kind": "multiple", "text": {"nl": "Welke dagen?"},
                           "options": [{"nl": "Za"}, {"nl": "Zo"}]}],
            "target": {"streets": [], "categories": []}}
    response = client.post("/api/v1/cities/brugge/questionnaires", json=body)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["recipients"] == 6
    assert len(response.get_json()["questions"]) == 2

    bad = dict(body, questions=[{"kind": "single", "text": {"nl": "Eén optie?"}, "options": [{"nl": "Ja"}]}])
    refused = client.post("/api/v1/cities/brugge/questionnaires", json=bad)
    assert refused.status_code == 422 and "options" in refused.get_json()["errors"]
    too_many = dict(body, questions=[{"kind": "score", "text": {"nl": f"V{i}"}} for i in range(21)])
    assert client.post("/api/v1/cities/brugge/questionnaires", json=too_many).status_code == 422
    past = dict(body, closes_on=(app_clock.today() - timedelta(days=1)).isoformat())
    assert client.post("/api/v1/cities/brugge/questionnaires", json=past).status_code == 422
    with app.app_context():  # the refusals wrote nothing
        assert db.session.execute(select(func.count()).select_from(Questionnaire).where(
            Questionnaire.city_id == db.session.get(Questionnaire, response.get_json()["id"]).city_id)
        ).scalar_one() == 1
        db.session.remove()


def test_a_closing_date_that_passed_closes_it(app, client, merchants, clock):
    qid = _build(client)
    client.post(f"/brugge/studio/questionnaires/{qid}/send", data={})
    client.logout()
    clock.advance(days=11)
    client.login(merchants[0])
    score_id = _question_ids(app, qid)[0]
    response = client.post(f"/api/v1/merchant/questionnaires/{qid}/answers", json={"answers": {str(score_id): 5}})
    assert response.status_code == 410
    page = client.get(f"/merchant/questionnaires/{qid}").get_data(as_text=True)
    assert "Minder dan 5 antwoorden" in page or "Fewer than 5 answers" in page


def test_another_citys_marketer_gets_a_404(app, client, merchants):
    qid = _build(client)
    client.logout()
    client.login("marketer@oostende.kick.test")
    assert client.get(f"/oostende/studio/questionnaires/{qid}").status_code == 404
    assert client.post(f"/oostende/studio/questionnaires/{qid}/send", data={}).status_code == 404


def test_the_studio_list_costs_a_fixed_number_of_queries(app, client, merchants, count_queries):
    for _n in range(3):
        _build(client)
        client.logout()
    client.login(MARKETER)
    with count_queries() as queries:
        assert client.get("/brugge/studio/questionnaires").status_code == 200
    few = queries.count
    _build(client)
    with count_queries() as queries:
        client.get("/brugge/studio/questionnaires")
    assert queries.count == few  # one more questionnaire, not one more query
