"""Web Push for city news: a browser subscribes through the API (CSRF, signed in), the push job calls
pywebpush with the message's payload for each of the person's browsers, and drops the ones the push service
says are gone (410). Without VAPID keys push is not offered at all."""
import json
from datetime import timedelta

import pytest
import pywebpush
from sqlalchemy import select

from app.accounts.services import find_user_by_email
from app.core import clock
from app.extensions import db
from app.voice.models import NewsDelivery, NewsPreference, PushSubscription

MARKETER = "marketer@oostende.kick.test"
CHRISTINA = "merchant.christina@oostende.kick.test"
SUBSCRIPTION = {"endpoint": "https://push.example/send/christina-phone", "expirationTime": None,
                "keys": {"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
                         "auth": "tBHItJI5svbpez7KI4CCXg"}}


class Gone(Exception):
    pass


@pytest.fixture
def push_on(app, monkeypatch):
    app.config.update(KICK_VAPID_PUBLIC_KEY="BPublicKeyForTests", KICK_VAPID_PRIVATE_KEY="private-key-for-tests",
                      KICK_VAPID_SUBJECT="mailto:news@kick.test")
    calls = []

    def fake_webpush(subscription_info, data=None, **kwargs):
        calls.append({"subscription": subscription_info, "data": json.loads(data), **kwargs})
        if subscription_info["endpoint"].endswith("/gone"):
            response = type("Response", (), {"status_code": 410, "text": "gone"})()
            raise pywebpush.WebPushException("Push failed: 410 Gone", response=response)
        return type("Response", (), {"status_code": 201})()
    monkeypatch.setattr(pywebpush, "webpush", fake_webpush)
    return calls


def post_news(client, title="Nachtwerken in de Christinastraat"):
    client.login(MARKETER)
    today = clock.today()
    response = client.post("/api/v1/cities/oostende/news", json={
        "title": {"nl": title}, "body": {"nl": "<p>De straat is <b>dicht</b> van 22 tot 6 uur.</p>"},
        "target": {"streets": ["Christinastraat"]}, "starts": today.isoformat(),
        "ends": (today + timedelta(days=2)).isoformat()})
    assert response.status_code == 201
    return response.get_json()["id"]


def test_the_push_job_sends_the_payload_and_drops_a_gone_browser(app, client, push_on):
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    assert merchant.post("/api/v1/merchant/push-subscriptions", json=SUBSCRIPTION).status_code == 201
    with app.app_context():
        user_id = find_user_by_email(CHRISTINA).id
        assert db.session.get(NewsPreference, user_id).push is True
        db.session.add(PushSubscription(user_id=user_id, endpoint="https://push.example/send/gone", p256dh="k",
                                        auth="a"))
        db.session.commit()
    message_id = post_news(client)

    mine = sorted((call for call in push_on), key=lambda call: call["subscription"]["endpoint"])
    assert [call["subscription"]["endpoint"] for call in mine] == [SUBSCRIPTION["endpoint"],
                                                                  "https://push.example/send/gone"]
    sent = mine[0]
    assert sent["subscription"]["keys"] == SUBSCRIPTION["keys"]
    assert sent["data"]["title"] == "Nachtwerken in de Christinastraat"
    assert sent["data"]["body"] == "De straat is dicht van 22 tot 6 uur."
    assert sent["data"]["url"].endswith(f"/merchant/news/{message_id}")
    assert sent["data"]["tag"] == f"news-{message_id}"
    assert sent["vapid_private_key"] == "private-key-for-tests"
    assert sent["vapid_claims"] == {"sub": "mailto:news@kick.test"}
    with app.app_context():
        endpoints = db.session.execute(select(PushSubscription.endpoint).where(
            PushSubscription.user_id == user_id)).scalars().all()
        assert endpoints == [SUBSCRIPTION["endpoint"]]  # the gone browser is dropped
        status = db.session.execute(select(NewsDelivery.status).where(
            NewsDelivery.message_id == message_id, NewsDelivery.user_id == user_id,
            NewsDelivery.channel == "push")).scalar_one()
        assert status == "sent"
    figures = client.get(f"/oostende/studio/news/{message_id}").get_data(as_text=True)
    assert "<strong>1</strong> push afgeleverd" in figures


def test_only_merchants_who_allowed_push_get_one(app, client, push_on):
    post_news(client)
    assert push_on == []  # nobody subscribed: mail and dashboard only


def test_unsubscribing_turns_the_channel_off(app, push_on):
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    merchant.post("/api/v1/merchant/push-subscriptions", json=SUBSCRIPTION)
    answer = merchant.delete("/api/v1/merchant/push-subscriptions", json={"endpoint": SUBSCRIPTION["endpoint"]})
    assert answer.status_code == 200 and answer.get_json() == {"subscribed": False}
    with app.app_context():
        user = find_user_by_email(CHRISTINA)
        assert db.session.get(NewsPreference, user.id).push is False
        assert db.session.execute(select(PushSubscription).where(PushSubscription.user_id == user.id)).first() is None


def test_subscribing_needs_csrf_a_login_and_a_push_service_address(app, push_on):
    anonymous = app.test_client()
    assert anonymous.post("/api/v1/merchant/push-subscriptions", json=SUBSCRIPTION).status_code == 401
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    assert merchant.post("/api/v1/merchant/push-subscriptions", json=SUBSCRIPTION, csrf=False).status_code in (400, 403)
    bad = merchant.post("/api/v1/merchant/push-subscriptions", json={**SUBSCRIPTION, "endpoint": "http://evil/x"})
    assert bad.status_code == 422 and "endpoint" in bad.get_json()["errors"]
    with app.app_context():
        assert db.session.execute(select(PushSubscription)).first() is None


def test_without_vapid_keys_push_is_not_offered(app):
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    page = merchant.get("/merchant/news/settings").get_data(as_text=True)
    assert "data-push" not in page and "Web Push" not in page
    refused = merchant.post("/api/v1/merchant/push-subscriptions", json=SUBSCRIPTION)
    assert refused.status_code == 409 and refused.get_json()["code"] == "push_off"


def test_the_settings_page_offers_push_with_the_public_key(app, push_on):
    merchant = app.test_client()
    merchant.login(CHRISTINA)
    page = merchant.get("/merchant/news/settings").get_data(as_text=True)
    assert 'data-vapid-key="BPublicKeyForTests"' in page and 'data-sw="/oostende/sw.js"' in page
    assert "private-key-for-tests" not in page
