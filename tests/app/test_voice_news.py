"""City news to merchants (issue 16): an Oostende marketer announces road works on the Christinastraat to the
merchants of that street only; they see it in their dashboard and by mail; shoppers see the works on the map.
Preview before sending, nothing sent twice, a failed mail retried and visible, read figures, the API."""
import smtplib
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.accounts.services import find_user_by_email
from app.cities.services import city_by_slug
from app.core import clock
from app.extensions import db
from app.voice.models import Channel, NewsDelivery, NewsMessage, NewsPreference
from tests.conftest import mail_text, mails

MARKETER = "marketer@oostende.kick.test"
CHRISTINA = "merchant.christina@oostende.kick.test"  # Bakkerij Christina, Christinastraat 21
KAAI = "merchant.kaai@oostende.kick.test"  # Boekhandel De Kaai, Christinastraat 48
KAPELLE = "merchant1@oostende.kick.test"  # Zeezout & Zo, Kapellestraat 33: not on the street
TITLE = "Nieuwe bestrating in de Christinastraat"
SECRET_LINE = "Sleutel van de werfkeet ligt bij de bakker"  # merchant-only words


def works_form(**over) -> dict:
    today = clock.today()
    form = {"kind": "works", "title_nl": TITLE, "title_fr": "Nouveau pavage dans la Christinastraat",
            "body_nl": f"<p>De stad legt <strong>nieuwe stenen</strong>.</p><ul><li>{SECRET_LINE}</li></ul>"
                       "<script>alert('x')</script>",
            "body_fr": "<p>La ville pose de <em>nouveaux pavés</em>.</p>",
            "streets": ["Christinastraat"], "starts_on": (today - timedelta(days=1)).isoformat(),
            "ends_on": (today + timedelta(days=30)).isoformat(), "lat": "51.2293", "lon": "2.9174",
            "on_public_map": "y", "public_line_nl": "Werken tot in januari — winkels blijven open", "action": "send"}
    form.update(over)
    return {key: value for key, value in form.items() if value is not None}


def message_count(app) -> int:
    with app.app_context():
        return db.session.execute(select(func.count()).select_from(NewsMessage)).scalar_one()


def deliveries(app, title=TITLE) -> list[tuple[str, str, str, int]]:
    with app.app_context():
        message = next(m for m in db.session.execute(select(NewsMessage)).scalars() if m.title["nl"] == title)
        return sorted((d.user.email, d.channel, d.status, d.attempts) for d in message.deliveries)


@pytest.fixture
def fr_kaai(app):
    """The bookseller reads French: their mail speaks it."""
    with app.app_context():
        find_user_by_email(KAAI).locale = "fr"
        db.session.commit()


def test_road_works_reach_the_street_only_dashboard_mail_and_map(app, client, fr_kaai):
    client.login(MARKETER)
    assert client.get("/oostende/studio/news/new").status_code == 200
    before = message_count(app)

    preview = client.post("/oostende/studio/news/new", data=works_form(action="preview"))
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Ontvangers: 2" in page
    assert "Bakkerij Christina" in page and "Boekhandel De Kaai" in page
    assert "Zeezout &amp; Zo" not in page
    assert "<script>alert" not in page and "<strong>nieuwe stenen</strong>" in page  # shown as it will be sent
    assert "Nu versturen (2 ontvangers)" in page
    assert message_count(app) == before and mails(app) == []  # a preview sends nothing and saves nothing

    sent = client.post("/oostende/studio/news/new", data=works_form())
    assert sent.status_code == 302
    assert message_count(app) == before + 1
    assert deliveries(app) == [(CHRISTINA, "dashboard", "sent", 1), (CHRISTINA, "email", "sent", 1),
                               (KAAI, "dashboard", "sent", 1), (KAAI, "email", "sent", 1)]
    # Mail, in each recipient's language, with the link to the message; none to the Kapellestraat.
    (dutch,) = mails(app, CHRISTINA)
    assert dutch["Subject"] == TITLE and "nieuwe stenen" in mail_text(dutch) and "<strong>" not in mail_text(dutch)
    assert "/merchant/news/" in mail_text(dutch)
    (french,) = mails(app, KAAI)
    assert french["Subject"] == "Nouveau pavage dans la Christinastraat" and "nouveaux pavés" in mail_text(french)
    assert mails(app, KAPELLE) == []

    # The marketer's figures page.
    figures = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "<strong>2</strong> ontvangers" in figures and "<strong>2</strong> verstuurd per e-mail" in figures
    assert "<strong>0</strong> gelezen in het dashboard" in figures

    # The merchant: unread count on the dashboard, the message page marks it read.
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    dashboard = merchant.get("/merchant/").get_data(as_text=True)
    assert "Stadsberichten" in dashboard and TITLE in dashboard
    assert 'class="count-badge" aria-label="2 ongelezen">2<' in dashboard  # the demo's works too
    with app.app_context():
        message_id = db.session.execute(select(NewsMessage.id).where(NewsMessage.recipients == 2)
                                        .order_by(NewsMessage.id.desc())).scalars().first()
    page = merchant.get(f"/merchant/news/{message_id}")
    assert page.status_code == 200 and SECRET_LINE in page.get_data(as_text=True)
    assert "alert(" not in page.get_data(as_text=True)
    assert 'aria-label="1 ongelezen">1<' in merchant.get("/merchant/").get_data(as_text=True)
    assert "<strong>1</strong> gelezen in het dashboard" in client.get(sent.headers["Location"]).get_data(as_text=True)

    # Shoppers: the works on the map layer, with the public line only.
    shopper = app.test_client()
    layer = shopper.get("/oostende/works.geojson")
    assert layer.status_code == 200 and layer.mimetype == "application/geo+json"
    mine = [f for f in layer.get_json()["features"] if f["properties"]["title"] == TITLE]
    assert mine[0]["properties"]["detail"].startswith("Werken tot in januari — winkels blijven open (tot ")
    assert mine[0]["geometry"]["coordinates"] == [2.9174, 51.2293]
    assert SECRET_LINE not in layer.get_data(as_text=True)
    shop_map = shopper.get("/oostende/shops/?view=map").get_data(as_text=True)
    assert "/oostende/works.geojson" in shop_map  # the layer is offered on the public map
    assert "Werken tot in januari" in shopper.get("/oostende/").get_data(as_text=True)  # the home's notice


def test_only_recipients_open_a_message_shoppers_never(app, client):
    with app.app_context():
        message_id = next(m.id for m in db.session.execute(select(NewsMessage)).scalars()
                          if m.title["nl"] == "Wegenwerken in de Christinastraat")
    for email in (KAPELLE, "shopper@kick.test", "merchant1@brugge.kick.test"):
        other = app.test_client()
        other.login(email)
        assert other.get(f"/merchant/news/{message_id}").status_code == 404
        assert "Wegenwerken" not in other.get("/merchant/news/").get_data(as_text=True)
        assert all(item["id"] != message_id for item in other.get("/api/v1/merchant/news").get_json())
    assert client.get(f"/merchant/news/{message_id}").status_code == 302  # anonymous: the login page
    client.login(CHRISTINA)
    assert client.get(f"/merchant/news/{message_id}").status_code == 200


def test_news_not_meant_for_the_public_stays_off_the_map(app, client):
    client.login(MARKETER)
    response = client.post("/oostende/studio/news/new", data=works_form(on_public_map=None, title_nl="Alleen intern"))
    assert response.status_code == 302
    layer = app.test_client().get("/oostende/works.geojson").get_data(as_text=True)
    assert "Alleen intern" not in layer
    # Ended works leave the map too.
    with app.app_context():
        message = db.session.execute(select(NewsMessage).where(NewsMessage.on_public_map.is_(True))).scalars().first()
        message.ends_on = clock.today() - timedelta(days=1)
        db.session.commit()
        title = message.title["nl"]
    assert title not in app.test_client().get("/oostende/works.geojson").get_data(as_text=True)


def test_refusals_save_nothing_and_say_why(app, client):
    client.login(MARKETER)
    before = message_count(app)
    nobody = client.post("/oostende/studio/news/new", data=works_form(streets=["Nergensstraat"]))
    assert nobody.status_code == 422 and "Geen enkele handelaar valt hieronder." in nobody.get_data(as_text=True)
    no_place = client.post("/oostende/studio/news/new", data=works_form(lat="", lon=""))
    assert no_place.status_code == 422 and "Duid de werken aan op de kaart." in no_place.get_data(as_text=True)
    backwards = client.post("/oostende/studio/news/new", data=works_form(
        starts_on=clock.today().isoformat(), ends_on=(clock.today() - timedelta(days=3)).isoformat()))
    assert backwards.status_code == 422 and "De einddatum ligt voor de begindatum." in backwards.get_data(as_text=True)
    no_title = client.post("/oostende/studio/news/new", data=works_form(title_nl=""))
    assert no_title.status_code == 422
    assert message_count(app) == before and mails(app) == []


def test_nothing_is_sent_twice(app, client):
    from app.voice.services import news
    client.login(MARKETER)
    client.post("/oostende/studio/news/new", data=works_form())
    assert len(mails(app, CHRISTINA)) == 1
    with app.app_context():
        message = db.session.execute(select(NewsMessage).order_by(NewsMessage.id.desc())).scalars().first()
        ids = [d.id for d in message.deliveries if d.channel == Channel.EMAIL]
        news.fan_out(message.id)  # the fan-out job run again (a worker restarted)
        for delivery_id in ids:
            news.send_email(delivery_id)  # a delivery job run twice
        assert news.retry_failed(message) == 0
        # The unique row per message x person x channel refuses a second one.
        db.session.add(NewsDelivery(message_id=message.id, user_id=find_user_by_email(CHRISTINA).id,
                                    channel=Channel.EMAIL.value))
        with pytest.raises(Exception, match="(?i)unique|duplicate"):
            db.session.flush()
        db.session.rollback()
    assert len(mails(app, CHRISTINA)) == 1 and len(mails(app, KAAI)) == 1


def test_a_failed_mail_is_retried_shown_and_sent_on_the_marketers_retry(app, client, monkeypatch):
    from app.core import mail
    real = mail.deliver

    def refuse_christina(msg):
        if msg["To"] == CHRISTINA:
            raise smtplib.SMTPRecipientsRefused({CHRISTINA: (550, b"mailbox full")})
        real(msg)
    monkeypatch.setattr(mail, "deliver", refuse_christina)
    client.login(MARKETER)
    sent = client.post("/oostende/studio/news/new", data=works_form())
    tries = 1 + len(app.config["KICK_JOB_RETRY_DELAYS"])  # the queue tried again by itself
    assert (CHRISTINA, "email", "failed", tries) in deliveries(app)
    assert (KAAI, "email", "sent", 1) in deliveries(app)
    page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Mislukte verzendingen: 1." in page and "<strong>1</strong> mails mislukt" in page
    assert "<strong>1</strong> opnieuw geprobeerd" in page
    assert "Probeer de mislukte verzendingen opnieuw" in page
    with app.app_context():
        error = db.session.execute(select(NewsDelivery.error).where(NewsDelivery.status == "failed")).scalar_one()
    assert error == "SMTPRecipientsRefused"  # the class only: the server's text names the address

    monkeypatch.setattr(mail, "deliver", real)  # the mail server is back
    retried = client.post(sent.headers["Location"] + "/retry")
    assert retried.status_code == 302
    assert (CHRISTINA, "email", "sent", tries + 1) in deliveries(app)
    assert len(mails(app, CHRISTINA)) == 1
    page = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "Mislukte verzendingen" not in page
    assert "<strong>2</strong> verstuurd per e-mail" in page


def test_a_merchant_who_turned_mail_off_gets_the_dashboard_only(app, client):
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    assert merchant.get("/merchant/news/settings").status_code == 200
    assert merchant.post("/merchant/news/settings", data={}).status_code == 302  # email unticked
    with app.app_context():
        choice = db.session.get(NewsPreference, find_user_by_email(CHRISTINA).id)
        assert (choice.email, choice.push) == (False, False)
    client.login(MARKETER)
    client.post("/oostende/studio/news/new", data=works_form())
    assert mails(app, CHRISTINA) == [] and len(mails(app, KAAI)) == 1
    assert (CHRISTINA, "dashboard", "sent", 1) in deliveries(app)
    assert not any(row[:2] == (CHRISTINA, "email") for row in deliveries(app))


def test_channel_settings_and_mark_all_read_need_the_csrf_token(app):
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    assert merchant.post("/merchant/news/settings", data={}, csrf=False).status_code == 400
    assert merchant.post("/merchant/news/read", csrf=False).status_code == 400
    assert "count-badge" in merchant.get("/merchant/news/").get_data(as_text=True)  # still unread
    assert merchant.post("/merchant/news/read").status_code == 302
    assert "count-badge" not in merchant.get("/merchant/news/").get_data(as_text=True)


def test_another_towns_message_is_a_404_in_the_studio(app, client):
    with app.app_context():
        brugge_id = db.session.execute(select(NewsMessage.id).where(
            NewsMessage.city_id == city_by_slug("brugge").id)).scalars().first()
    client.login(MARKETER)
    assert client.get(f"/oostende/studio/news/{brugge_id}").status_code == 404
    assert client.post(f"/oostende/studio/news/{brugge_id}/retry").status_code == 404
    assert client.get("/brugge/studio/news").status_code == 404


def test_studio_list_costs_a_fixed_number_of_queries(app, client, count_queries):
    client.login(MARKETER)
    for n in range(3):
        client.post("/oostende/studio/news/new", data=works_form(title_nl=f"Bericht {n}"))
    client.get("/oostende/studio/news")
    with count_queries() as few:
        page = client.get("/oostende/studio/news")
    assert page.status_code == 200 and "Bericht 2" in page.get_data(as_text=True)
    client.post("/oostende/studio/news/new", data=works_form(title_nl="Bericht 3"))
    with count_queries() as more:
        client.get("/oostende/studio/news")
    assert more.count == few.count <= 8


def test_merchant_dashboard_costs_a_fixed_number_of_queries(app, client, count_queries):
    client.login(CHRISTINA)
    client.get("/merchant/news/")
    with count_queries() as counted:
        page = client.get("/merchant/news/")
    assert page.status_code == 200 and counted.count <= 6


# ------------------------------------------------------------------ API


def api_body(**over) -> dict:
    today = clock.today()
    body = {"title": {"nl": TITLE}, "body": {"nl": "<p>Nieuwe stenen.</p>"}, "kind": "works",
            "target": {"streets": ["christinastraat"], "categories": []}, "starts": today.isoformat(),
            "ends": (today + timedelta(days=10)).isoformat(), "lat": 51.2293, "lon": 2.9174, "public_map": True,
            "public_line": {"nl": "Werken, winkels open"}}
    body.update(over)
    return body


def test_api_posts_news_and_answers_the_recipient_count(app, client):
    client.login(MARKETER)
    response = client.post("/api/v1/cities/oostende/news", json=api_body())
    assert response.status_code == 201
    assert response.get_json()["recipients"] == 2
    assert len(mails(app, CHRISTINA)) == 1 and mails(app, KAPELLE) == []
    everyone = client.post("/api/v1/cities/oostende/news", json=api_body(target={}, public_map=False))
    assert everyone.status_code == 201 and everyone.get_json()["recipients"] == 5  # Oostende's approved shops


@pytest.mark.parametrize("over, field", [
    ({"target": {"streets": ["Nergensstraat"]}}, "target"),
    ({"target": {"categories": ["weapons"]}}, "target"),
    ({"title": {"fr": "Sans néerlandais"}}, "title"),
    ({"ends": "2020-01-01"}, "ends_on"),
    ({"lat": None, "lon": None}, "lat"),
])
def test_api_refuses_a_bad_message_and_sends_nothing(app, client, over, field):
    client.login(MARKETER)
    before = message_count(app)
    response = client.post("/api/v1/cities/oostende/news", json=api_body(**over))
    assert response.status_code == 422
    assert field in str(response.get_json().get("errors")) or field == "target"
    assert message_count(app) == before and mails(app) == []


def test_api_news_is_for_marketers_of_the_town(app, client):
    for email in ("shopper@kick.test", CHRISTINA, "marketer@brugge.kick.test"):
        other = app.test_client()
        other.login(email)
        assert other.post("/api/v1/cities/oostende/news", json=api_body()).status_code == 404
    assert app.test_client().post("/api/v1/cities/oostende/news", json=api_body()).status_code in (401, 404)
    assert message_count(app) == 3


def test_api_lists_the_merchants_news_read_or_unread(app, client):
    client.login(CHRISTINA)
    (item,) = client.get("/api/v1/merchant/news").get_json()
    assert item["title"]["nl"] == "Wegenwerken in de Christinastraat" and item["read"] is False
    assert item["city"] == "oostende" and item["kind"] == "works" and item["ends"]
    client.get(f"/merchant/news/{item['id']}")
    assert client.get("/api/v1/merchant/news").get_json()[0]["read"] is True


def test_merchant_shop_api_exposes_the_street(app, client):
    client.login(CHRISTINA)
    (shop,) = client.get("/api/v1/merchant/shops").get_json()
    assert shop["address"] == "Christinastraat 21" and shop["street"] == "Christinastraat"
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["components"]["schemas"]["MerchantShop"]["properties"]["street"]["readOnly"] is True
    create = spec["paths"]["/api/v1/cities/{city}/news"]["post"]
    assert create["operationId"] == "createNews" and create["description"]
    assert spec["paths"]["/api/v1/merchant/news"]["get"]["operationId"] == "listMyNews"


# ------------------------------------------------------------------ privacy


def test_privacy_export_and_deletion_take_the_deliveries(app, client):
    from tests.factories import PushSubscriptionFactory
    with app.app_context():
        user = find_user_by_email(CHRISTINA)
        db.session.add(NewsPreference(user_id=user.id, email=False, push=True))
        PushSubscriptionFactory(user=user, endpoint="https://push.example/send/christina")
        db.session.commit()
    with app.test_request_context("/"):
        from app.privacy.export import export_user
        voice = export_user(find_user_by_email(CHRISTINA))["voice"]
    assert voice["channels"] == {"dashboard": True, "email": False, "push": True}
    assert voice["push_browsers"][0]["service"] == "push.example"
    assert "auth-secret" not in str(voice)  # a subscription's keys are never exported
    assert any(item["channel"] == "dashboard" for item in voice["received"])  # the demo's Oostende news
    with app.app_context():
        from app.accounts.signals import user_deleting
        user = find_user_by_email(CHRISTINA)
        user_deleting.send(user)
        from app.voice.models import PushSubscription
        for model in (NewsDelivery, NewsPreference, PushSubscription):
            assert db.session.execute(select(func.count()).select_from(model).where(
                model.user_id == user.id)).scalar_one() == 0
        db.session.rollback()

