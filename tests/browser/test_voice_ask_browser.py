"""On a phone (Brussels time, nl-BE): a shopper collects a stamp and answers the survey that appears with one
tap; a merchant answers the city's questionnaire on one page."""
from datetime import timedelta
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import AS_IN_BELGIUM, PHONE, start_live_server

SHOPPER = "enquete@kick.test"
OWNER = "vragen@loyalty.test"


@pytest.fixture(scope="module")
def ask_server(tmp_path_factory):
    import os
    if os.environ.get("KICK_TEST_BACKEND", "sqlite") != "sqlite":
        pytest.skip("browser tests run in the SQLite pass")
    server = start_live_server(tmp_path_factory.mktemp("ask-live"), LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")
    from app.core import clock
    from app.extensions import db
    from app.voice.services import questionnaires
    from tests.factories import CardFactory, StampFactory, UserFactory
    from tests.support.loyalty import make_loyalty_shop
    with server.app.app_context():
        server.shop = make_loyalty_shop("brugge", "browser-vragen", "Koffiebar Vragen", OWNER)
        from app.loyalty.models import StampProgramme
        from sqlalchemy import select
        programme = db.session.execute(select(StampProgramme).where(
            StampProgramme.shop_id == server.shop.id)).scalar_one()
        card = CardFactory(user=UserFactory(email=SHOPPER), programme=programme, stamps=1)
        StampFactory(card=card, created_at=clock.now() - timedelta(days=3))  # an earlier visit to Brugge
        city = programme.shop.city
        q = questionnaires.create_questionnaire(city, {
            "title": {"nl": "Hoe loopt december?"}, "closes_on": clock.today() + timedelta(days=9),
            "questions": [{"kind": "score", "text": {"nl": "Hoe tevreden bent u over de kerstverlichting?"}},
                          {"kind": "single", "text": {"nl": "Doet u mee aan de koopzondag?"},
                           "options": [{"nl": "Ja"}, {"nl": "Nee"}]}]}, None)
        questionnaires.send(q, (), ())
        server.questionnaire_id = q.id
        db.session.remove()
    yield server
    server.stop()


def _phone(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                               **AS_IN_BELGIUM).new_page()


def _login(page, base, email, next_path):
    page.goto(f"{base}/login?next={next_path}")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill("kick-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(f"**{next_path}")


def test_stamp_then_the_survey_answered_in_one_tap(ask_server, browser, screenshot):
    from tests.support.loyalty import counter_url
    base = ask_server.url
    page = _phone(browser)
    _login(page, base, SHOPPER, "/brugge/stamps")
    assert page.locator("[data-survey-prompt]").count() == 0  # only right after a stamp
    page.goto(base + urlsplit(counter_url(ask_server.app, ask_server.shop)).path)
    page.wait_for_url("**/brugge/stamps?new=*")  # the scan page stamps by itself (data-auto-submit)
    prompt = page.locator("[data-survey-prompt]")
    prompt.wait_for()
    assert "Hoe waarschijnlijk is het dat je het centrum van Brugge aanraadt" in prompt.inner_text()
    assert page.locator(".stamp-toast").is_visible()  # the stamp is there, the question does not block it
    box = prompt.get_by_role("button", name="9", exact=True).bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    screenshot(page, "voice-survey-prompt")
    prompt.get_by_role("button", name="9", exact=True).tap()
    page.get_by_text("Bedankt! Je antwoord helpt het centrum van Brugge.").wait_for()
    assert page.locator("[data-survey-prompt]").count() == 0


def test_a_merchant_answers_the_questionnaire_on_the_phone(ask_server, browser, screenshot):
    base, qid = ask_server.url, ask_server.questionnaire_id
    page = _phone(browser)
    _login(page, base, OWNER, "/merchant/")
    page.get_by_role("link", name="Hoe loopt december?").first.tap()
    page.wait_for_url(f"**/merchant/questionnaires/{qid}")
    page.locator(".ask-pick", has_text="8").first.tap()
    page.get_by_label("Ja").check()
    page.get_by_label("U mag mij contacteren over mijn antwoorden").check()
    screenshot(page, "voice-questionnaire-answer")
    page.get_by_role("button", name="Mijn antwoorden versturen").tap()
    page.get_by_text("Bedankt! Uw antwoorden zijn binnen.").wait_for()
    assert page.locator(".ask-form").count() == 0  # no second answer
