"""The whole review workflow: draft -> pending -> approved/rejected -> edit -> re-review,
with the approved version staying public and nothing lost."""
from pathlib import Path

from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.shops.models import Shop, ShopNotification
from tests.support.shops import STORY, approve, create_via_api, jpeg, register_merchant


def public_html(client, slug, city="kortrijk"):
    return client.get(f"/{city}/shops/{slug}")


def test_draft_pending_approved_then_edit_keeps_the_old_version_public(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    shop_id, slug = shop["id"], shop["slug"]
    assert shop["status"] == "draft" and slug == "hoedje-van-papier"

    # A draft is invisible everywhere.
    assert public_html(client, slug).status_code == 404
    assert slug not in client.get("/kortrijk/shops/").get_data(as_text=True)

    submitted = client.post(f"/api/v1/merchant/shops/{shop_id}/submit").get_json()
    assert submitted["status"] == "pending"
    assert public_html(client, slug).status_code == 404

    assert approve(client, shop_id).get_json()["status"] == "approved"
    html = public_html(client, slug).get_data(as_text=True)
    assert "Hoedje Van Papier" in html and "twintig jaar" in html

    # The merchant changes the story: the change goes to review, the public keeps the approved story.
    client.login("shopper@kick.test")
    new_story = STORY.replace("twintig", "dertig") + " Nu ook petten."
    edited = client.patch(f"/api/v1/merchant/shops/{shop_id}", json={"story": {"nl": new_story}}).get_json()
    assert edited["status"] == "approved" and edited["proposal_status"] == "pending"
    assert edited["story"]["nl"] == new_story  # the merchant sees their own edit
    html = public_html(client, slug).get_data(as_text=True)
    assert "twintig jaar" in html and "petten" not in html
    api = client.get(f"/api/v1/cities/kortrijk/shops/{slug}").get_json()
    assert "petten" not in api["story"]["nl"]

    # The marketer sees both versions side by side, then approves.
    client.logout()
    client.login("marketer@kortrijk.kick.test")
    review = client.get(f"/kortrijk/studio/shops/{shop_id}").get_data(as_text=True)
    assert "twintig jaar" in review and "Nu ook petten." in review
    assert client.post(f"/api/v1/cities/kortrijk/shops/{shop_id}/approve").status_code == 200
    assert "Nu ook petten." in public_html(client, slug).get_data(as_text=True)


def test_rejection_keeps_the_draft_and_shows_the_reason(app, client):
    client.login("shopper@kick.test")
    shop_id = create_via_api(client)["id"]
    client.post(f"/api/v1/merchant/shops/{shop_id}/submit")
    client.logout()
    client.login("marketer@kortrijk.kick.test")
    response = client.post(f"/api/v1/cities/kortrijk/shops/{shop_id}/reject", json={"reason": "Voeg een foto van de gevel toe."})
    assert response.status_code == 200 and response.get_json()["status"] == "rejected"
    client.logout()

    client.login("shopper@kick.test")
    page = client.get(f"/merchant/shops/{shop_id}").get_data(as_text=True)
    assert "Voeg een foto van de gevel toe." in page
    mine = client.get("/api/v1/merchant/shops").get_json()
    assert mine[0]["status"] == "rejected" and mine[0]["story"]["nl"] == STORY  # nothing lost
    # Fix and send again.
    assert client.post(f"/api/v1/merchant/shops/{shop_id}/submit").get_json()["status"] == "pending"


def test_rejected_changes_stay_with_the_merchant_and_the_live_version_stays(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    approve(client, shop["id"])
    client.login("shopper@kick.test")
    client.patch(f"/api/v1/merchant/shops/{shop['id']}", json={"name": {"nl": "Hoedje XXL"}})
    client.logout()
    client.login("marketer@kortrijk.kick.test")
    client.post(f"/api/v1/cities/kortrijk/shops/{shop['id']}/reject", json={"reason": "Naam klopt niet."})
    client.logout()

    assert "Hoedje Van Papier" in public_html(client, shop["slug"]).get_data(as_text=True)
    client.login("shopper@kick.test")
    mine = client.get("/api/v1/merchant/shops").get_json()[0]
    assert mine["proposal_status"] == "rejected" and mine["name"]["nl"] == "Hoedje XXL"
    assert mine["review_reason"] == "Naam klopt niet."
    assert client.post(f"/api/v1/merchant/shops/{shop['id']}/submit").get_json()["proposal_status"] == "pending"


def test_photos_of_a_live_shop_wait_for_review(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    client.post(f"/merchant/shops/{shop['id']}/photos", data={"photo": (__import__("io").BytesIO(jpeg()), "a.jpg"),
                                                               "alt_nl": "De gevel"})
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    approve(client, shop["id"])
    page = public_html(client, shop["slug"]).get_data(as_text=True)
    assert page.count('class="gallery-item"') == 1 and 'alt="De gevel"' in page

    client.login("shopper@kick.test")
    import io
    client.post(f"/merchant/shops/{shop['id']}/photos", data={"photo": (io.BytesIO(jpeg(colour=(0, 90, 0))), "b.jpg"),
                                                               "alt_nl": "Binnen"})
    client.logout()
    page = public_html(client, shop["slug"]).get_data(as_text=True)
    assert page.count('class="gallery-item"') == 1 and "Binnen" not in page  # not public yet

    approve(client, shop["id"])
    page = public_html(client, shop["slug"]).get_data(as_text=True)
    assert page.count('class="gallery-item"') == 2 and 'alt="Binnen"' in page


def test_hours_change_goes_live_at_once_without_review(app, client):
    client.login("merchant1@kortrijk.kick.test")
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == "vlasbloem")).scalar_one()
        shop_id = shop.id
    hours = {"weekly": {"mon": [["09:00", "17:00"]]}, "exceptions": [{"date": "2026-12-26", "closed": True, "note": "Tweede kerstdag"}]}
    body = client.patch(f"/api/v1/merchant/shops/{shop_id}", json={"opening_hours": hours}).get_json()
    assert body["proposal_status"] is None
    api = client.get("/api/v1/cities/kortrijk/shops/vlasbloem").get_json()
    assert api["opening_hours"]["weekly"]["mon"] == [["09:00", "17:00"]]


def test_notifications_in_the_dashboard_and_the_mail_log(app, client):
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    approve(client, shop["id"])
    client.login("shopper@kick.test")
    client.patch(f"/api/v1/merchant/shops/{shop['id']}", json={"tagline": {"nl": "Nu ook petten"}})

    dashboard = client.get("/merchant/", headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "is goedgekeurd" in dashboard and "wachten op goedkeuring" in dashboard
    log = Path(app.config["MAIL_LOG"]).read_text(encoding="utf-8")
    assert "To: shopper@kick.test" in log and log.count("Subject:") == 3  # submitted, approved, back to review
    assert f"/merchant/shops/{shop['id']}" in log

    client.post("/merchant/notifications/read")
    with app.app_context():
        # the shopper's own (the demo's Diksmuide merchants have theirs from going through review)
        mine = select(ShopNotification).join(User, User.id == ShopNotification.user_id).where(
            User.email == "shopper@kick.test")
        assert db.session.execute(mine).scalars().all() != []
        unread = db.session.execute(mine.where(ShopNotification.read_at.is_(None))).scalars().all()
        assert unread == []


def test_smtp_is_used_when_configured(app, client, monkeypatch):
    sent = []

    class FakeSMTP:
        def __init__(self, host, port, timeout):
            sent.append(("connect", host, port))

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def starttls(self):
            sent.append(("starttls",))

        def login(self, user, password):
            sent.append(("login", user))

        def send_message(self, msg):
            sent.append(("send", msg["To"], msg["Subject"]))

    monkeypatch.setattr("app.core.mail.smtplib.SMTP", FakeSMTP)
    app.config.update(MAIL_SERVER="smtp.example.test", MAIL_PORT=2525, MAIL_USERNAME="kick")
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    client.post(f"/api/v1/merchant/shops/{shop['id']}/submit")
    assert ("connect", "smtp.example.test", 2525) in sent and ("login", "kick") in sent
    assert any(item[0] == "send" and item[1] == "shopper@kick.test" for item in sent)
    assert not Path(app.config["MAIL_LOG"]).exists()


def test_a_broken_mail_server_does_not_undo_the_decision(app, client, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("app.core.mail.smtplib.SMTP", refuse)
    app.config.update(MAIL_SERVER="smtp.example.test")
    client.login("shopper@kick.test")
    shop = create_via_api(client)
    assert client.post(f"/api/v1/merchant/shops/{shop['id']}/submit").status_code == 200
    assert client.get("/api/v1/merchant/shops").get_json()[0]["status"] == "pending"


def test_phone_sign_up_to_spotlight_on_the_home_page(app, client):
    """Done means: a Kortrijk merchant signs up, describes the shop, adds photos and submits; the
    marketer approves and spotlights it; a visitor sees it on the home page and open on the map."""
    import io
    from datetime import timedelta

    from app.core.clock import today as brussels_today

    shop_id = register_merchant(client)
    response = client.post(f"/merchant/shops/{shop_id}/edit", data={
        "name_nl": "Hoedje Van Papier", "tagline_nl": "Hoeden op maat", "story_nl": STORY, "category": "fashion",
        "address": "Lange Steenstraat 3", "lat": "50.8256", "lon": "3.2626", "languages": ["nl", "en"]})
    assert response.status_code == 302
    hours = {f"{day}-open1": "00:00" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    hours.update({f"{day}-close1": "24:00" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})
    assert client.post(f"/merchant/shops/{shop_id}/hours", data=hours).status_code == 302
    assert client.post(f"/merchant/shops/{shop_id}/photos",
                       data={"photo": (io.BytesIO(jpeg()), "gevel.jpg"), "alt_nl": "De gevel"}).status_code == 302
    # The city answers by mail: until the merchant opened the confirmation link, the shop stays a draft.
    refused = client.post(f"/merchant/shops/{shop_id}/submit", follow_redirects=True).get_data(as_text=True)
    assert "Bevestig eerst je e-mailadres" in refused
    with app.app_context():
        assert db.session.get(Shop, shop_id).status == "draft"
    client.open_confirmation_link("nieuw@winkel.test")
    assert client.post(f"/merchant/shops/{shop_id}/submit").status_code == 302
    client.logout()

    client.login("marketer@kortrijk.kick.test")
    queue = client.get("/kortrijk/studio/shops").get_data(as_text=True)
    assert "Hoedje Van Papier" in queue
    assert client.post(f"/kortrijk/studio/shops/{shop_id}/approve").status_code == 302
    today = brussels_today()  # spotlights run on Brussels days, not on the server's
    response = client.post(f"/kortrijk/studio/shops/{shop_id}/spotlight", data={
        "featured_from": (today - timedelta(days=1)).isoformat(), "featured_until": (today + timedelta(days=7)).isoformat(),
        "featured_rank": "0"})
    assert response.status_code == 302
    client.logout()

    home = client.get("/kortrijk/").get_data(as_text=True)
    assert "Hoedje Van Papier" in home.split('id="spotlights-title"')[1]
    listing = client.get("/api/v1/cities/kortrijk/shops?open_now=true").get_json()
    mine = next(item for item in listing if item["slug"] == "hoedje-van-papier")
    assert mine["open_now"] and mine["featured"] and listing[0]["slug"] == "hoedje-van-papier"
    map_page = client.get("/kortrijk/shops/?view=map&open=1").get_data(as_text=True)
    assert '"name": "Hoedje Van Papier"' in map_page


def test_a_long_shop_name_gives_a_web_address_without_a_dangling_hyphen(client):
    """The address is cut at 60 characters; a cut right after a word used to leave "...-" (and "...--2")."""
    client.login("shopper@kick.test")
    name = "Atelier voor handgemaakte lederen tassen en riemen uit Gent en Kortrijk"
    assert name[59] == " "  # the 60th character of the address would be a hyphen
    first = create_via_api(client, name=name)["slug"]
    second = create_via_api(client, name=name)["slug"]
    assert first == "atelier-voor-handgemaakte-lederen-tassen-en-riemen-uit-gent"
    assert second == first + "-2"
