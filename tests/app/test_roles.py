"""Roles in the browser and the API (issue 13): the invitation link, the people pages, the city desk and shop
staff who may do one thing only, and where each person lands after logging in."""
import re
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from app.accounts.models import AuditEntry, Invitation, Membership
from app.accounts.services import find_user_by_email
from app.extensions import db
from tests.conftest import mailed_links, open_links_later

INVITEE = "nieuwe.balie@example.be"


@pytest.fixture(autouse=True)
def _many_logins(app):
    app.config.update(LOGIN_LIMIT_PER_IP="1000 per minute", LOGIN_LIMIT_PER_ACCOUNT="1000 per minute")


def _invite_desk(app, email=INVITEE, city="brugge") -> str:
    client = app.test_client()
    client.login(f"marketer@{city}.kick.test")
    response = client.post(f"/{city}/studio/people/invite", data={"email": email, "role": "desk"})
    assert response.status_code == 303, response.get_data(as_text=True)[:400]
    return urlsplit(mailed_links(app, email, "/invitations/")[-1]).path


def _shop_ids(app) -> dict:
    """The demo staff's shop and another Brugge shop."""
    from app.shops.models import Shop
    with app.app_context():
        staff = find_user_by_email("staff@brugge.kick.test")
        own = next(m.shop_id for m in staff.memberships if m.role == "staff")
        other = db.session.execute(select(Shop.id).where(Shop.id != own, Shop.city.has(slug="brugge"))
                                   .order_by(Shop.id)).scalars().first()
        db.session.remove()
    return {"own": own, "other": other}


def _count(app, model) -> int:
    with app.app_context():
        count = db.session.execute(select(func.count()).select_from(model)).scalar_one()
        db.session.remove()
    return count


# ------------------------------------------------------------------ the invitation link


def test_a_new_desk_person_creates_their_account_from_the_link_and_lands_at_the_desk(app, client):
    path = _invite_desk(app)
    page = client.get(path)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Stadsbalie" in text and "Brugge" in text and "Marketing Brugge" in text and INVITEE in text
    assert "Maak je account om te aanvaarden" in text
    response = client.post(path, data={"step": "register", "display_name": "Balie", "password": "een lang wachtwoord",
                                       "confirm": "een lang wachtwoord"})
    assert response.status_code == 303 and response.headers["Location"] == "/brugge/studio/pass/rewards"
    assert client.get("/brugge/studio/pass/rewards").status_code == 200
    with app.app_context():
        user = find_user_by_email(INVITEE)
        assert user.email_verified_at is not None  # the link proved the address
        assert [m.role for m in user.memberships] == ["desk"]
    # Single use: the same link now says so, friendly and 410
    again = client.get(path)
    assert again.status_code == 410 and "al gebruikt" in again.get_data(as_text=True)


def test_an_existing_account_logs_in_on_the_link_page_to_accept(app, client):
    path = _invite_desk(app, email="shopper@kick.test")
    text = client.get(path).get_data(as_text=True)
    assert "Meld je aan om te aanvaarden" in text
    wrong = client.post(path, data={"step": "login", "password": "fout"})
    assert wrong.status_code == 401
    response = client.post(path, data={"step": "login", "password": "kick-demo"})
    assert response.status_code == 303 and response.headers["Location"] == "/brugge/studio/pass/rewards"


def test_someone_logged_in_with_another_address_cannot_accept(app, client):
    path = _invite_desk(app)
    client.login("shopper@kick.test")
    page = client.get(path)
    assert page.status_code == 200 and "maar je bent aangemeld als shopper@kick.test" in page.get_data(as_text=True)
    before = _count(app, Membership)
    refused = client.post(path, data={})
    assert refused.status_code == 403
    assert _count(app, Membership) == before


def test_an_expired_or_withdrawn_link_shows_a_friendly_page(app, client, monkeypatch):
    path = _invite_desk(app)
    open_links_later(monkeypatch, days=7, minutes=1)
    expired = client.get(path)
    assert expired.status_code == 410 and "verlopen" in expired.get_data(as_text=True)
    monkeypatch.undo()
    marketer = app.test_client()
    marketer.login("marketer@brugge.kick.test")
    with app.app_context():
        invitation_id = db.session.execute(select(Invitation.id).where(Invitation.email == INVITEE)).scalar_one()
    assert marketer.post(f"/brugge/studio/people/invitations/{invitation_id}/withdraw").status_code == 303
    withdrawn = client.get(path)
    assert withdrawn.status_code == 410 and "ingetrokken" in withdrawn.get_data(as_text=True)
    assert client.get("/invitations/kapot").status_code == 400


# ------------------------------------------------------------------ the people pages


def test_the_studio_people_page_is_the_marketers_of_that_city_only(app, client):
    client.login("marketer@brugge.kick.test")
    page = client.get("/brugge/studio/people")
    assert page.status_code == 200 and "desk@brugge.kick.test" in page.get_data(as_text=True)
    assert client.get("/oostende/studio/people").status_code == 404
    other = app.test_client()
    other.login("marketer@oostende.kick.test")
    assert other.get("/brugge/studio/people").status_code == 404
    desk = app.test_client()
    desk.login("desk@brugge.kick.test")
    assert desk.get("/brugge/studio/people").status_code == 404


def test_a_marketer_cannot_make_a_marketer(app, client):
    client.login("marketer@brugge.kick.test")
    before = _count(app, Invitation)
    response = client.post("/brugge/studio/people/invite", data={"email": INVITEE, "role": "marketer"})
    assert response.status_code == 422  # not a choice they are offered
    assert _count(app, Invitation) == before


def test_revoking_the_desk_ends_its_access_at_once(app, client):
    desk = app.test_client()
    desk.login("desk@brugge.kick.test")
    assert desk.get("/brugge/studio/pass/rewards").status_code == 200
    client.login("marketer@brugge.kick.test")
    with app.app_context():
        membership_id = next(m.id for m in find_user_by_email("desk@brugge.kick.test").memberships)
    assert client.post(f"/brugge/studio/people/{membership_id}/revoke").status_code == 303
    assert desk.get("/brugge/studio/pass/rewards").status_code == 404
    with app.app_context():
        entry = db.session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        assert (entry.action, entry.role, entry.subject_email) == ("revoked", "desk", "desk@brugge.kick.test")


def test_admin_people_and_audit_pages(app, client):
    _invite_desk(app)
    client.login("admin@kick.test")
    people = client.get("/admin/people")
    text = people.get_data(as_text=True)
    assert people.status_code == 200
    assert "marketer@oostende.kick.test" in text and "desk@brugge.kick.test" in text and INVITEE in text
    invited = client.post("/admin/people/invite", data={"email": "nieuw@example.be", "role": "marketer",
                                                        "city": "oostende"})
    assert invited.status_code == 303
    audit = client.get("/admin/audit").get_data(as_text=True)
    assert audit.index("nieuw@example.be") < audit.index(INVITEE)  # newest first
    assert "door Marketing Brugge" in audit
    marketer = app.test_client()
    marketer.login("marketer@brugge.kick.test")
    assert marketer.get("/admin/people").status_code == 404 and marketer.get("/admin/audit").status_code == 404


def test_the_audit_log_is_paginated(app, client):
    from app.accounts.invitations import AUDIT_PAGE_SIZE, AuditAction, record
    from app.cities.services import city_by_slug
    with app.app_context():
        city = city_by_slug("brugge")
        for n in range(AUDIT_PAGE_SIZE + 3):
            record(None, AuditAction.GRANTED, role="desk", city=city, subject_email=f"p{n}@example.be")
        db.session.commit()
    client.login("admin@kick.test")
    first = client.get("/admin/audit").get_data(as_text=True)
    assert f"p{AUDIT_PAGE_SIZE + 2}@example.be" in first and "p0@example.be" not in first
    second = client.get("/admin/audit?page=2").get_data(as_text=True)
    assert "p0@example.be" in second
    assert client.get("/admin/audit?page=999").status_code == 200


# ------------------------------------------------------------------ the desk and shop staff: one thing each


def test_the_desk_sees_the_pass_rewards_and_nothing_else_of_the_studio(app, client):
    client.login("desk@brugge.kick.test")
    page = client.get("/brugge/studio/pass/rewards")
    assert page.status_code == 200 and "/brugge/studio/pass\"" not in page.get_data(as_text=True)
    for path in ("/brugge/studio/", "/brugge/studio/pass", "/brugge/studio/trails/", "/brugge/studio/theme",
                 "/oostende/studio/pass/rewards"):
        assert client.get(path).status_code == 404, path


def test_shop_staff_run_their_counter_and_nothing_else(app, client):
    ids = _shop_ids(app)
    client.login("staff@brugge.kick.test")
    own = ids["own"]
    assert client.get(f"/merchant/shops/{own}/counter").status_code == 200
    assert client.get(f"/merchant/shops/{own}/counter.png").status_code == 200
    assert client.get(f"/api/v1/merchant/shops/{own}/counter-code").status_code == 200
    assert client.get("/merchant/rewards").status_code == 200
    for path in (f"/merchant/shops/{own}", f"/merchant/shops/{own}/edit", f"/merchant/shops/{own}/photos",
                 f"/merchant/shops/{own}/stamps", f"/merchant/shops/{own}/stats", f"/merchant/shops/{own}/staff",
                 f"/merchant/shops/{own}/poster-A4.png", f"/merchant/shops/{ids['other']}/counter",
                 f"/merchant/shops/{ids['other']}/counter.png"):
        assert client.get(path).status_code == 404, path
    dashboard = client.get("/merchant/").get_data(as_text=True)
    assert "Winkels waar je helpt" in dashboard and f"/merchant/shops/{own}/counter" in dashboard


def test_an_owner_invites_staff_who_then_serve_at_that_shop_only(app, client):
    ids = _shop_ids(app)
    with app.app_context():
        from app.shops.models import Shop
        owner = db.session.get(Shop, ids["own"]).owner.email
    client.login(owner)
    assert client.get(f"/merchant/shops/{ids['own']}/staff").status_code == 200
    assert client.post(f"/merchant/shops/{ids['own']}/staff/invite", data={"email": "hulp@example.be"}).status_code == 303
    path = urlsplit(mailed_links(app, "hulp@example.be", "/invitations/")[-1]).path
    helper = app.test_client()
    assert "kassascherm" in helper.get(path).get_data(as_text=True)
    response = helper.post(path, data={"step": "register", "password": "een lang wachtwoord",
                                       "confirm": "een lang wachtwoord"})
    assert response.status_code == 303 and response.headers["Location"] == "/merchant/"
    assert helper.get(f"/merchant/shops/{ids['own']}/counter").status_code == 200
    assert helper.get(f"/merchant/shops/{ids['other']}/counter").status_code == 404
    # another merchant cannot see or manage this shop's staff
    other_owner = app.test_client()
    other_owner.login("merchant2@brugge.kick.test")
    assert other_owner.get(f"/merchant/shops/{ids['own']}/staff").status_code == 404


# ------------------------------------------------------------------ the API


def test_the_invitation_api(app, client):
    client.login("marketer@brugge.kick.test")
    made = client.post("/api/v1/cities/brugge/invitations", json={"email": INVITEE, "role": "desk"})
    assert made.status_code == 201 and made.get_json()["email"] == INVITEE and made.get_json()["city"] == "brugge"
    assert mailed_links(app, INVITEE, "/invitations/")
    bad = client.post("/api/v1/cities/brugge/invitations", json={"email": "geen", "role": "baas"})
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"
    assert {"email", "role"} <= set(bad.get_json()["errors"])
    assert client.post("/api/v1/cities/oostende/invitations",
                       json={"email": INVITEE, "role": "desk"}).status_code == 404
    forbidden = client.post("/api/v1/cities/brugge/invitations", json={"email": INVITEE, "role": "marketer"})
    assert forbidden.status_code == 403 and forbidden.mimetype == "application/problem+json"
    assert app.test_client().post("/api/v1/cities/brugge/invitations",
                                  json={"email": INVITEE, "role": "desk"}).status_code == 401


def test_the_staff_api_and_the_openapi_document(app, client):
    ids = _shop_ids(app)
    client.login("merchant2@brugge.kick.test")
    assert client.post(f"/api/v1/merchant/shops/{ids['own']}/staff", json={"email": INVITEE}).status_code == 404
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "post" in spec["paths"]["/api/v1/cities/{city}/invitations"]
    assert "post" in spec["paths"]["/api/v1/merchant/shops/{shop_id}/staff"]


# ------------------------------------------------------------------ landing and the menu


@pytest.mark.parametrize("email,landing", [
    ("admin@kick.test", "/admin/"), ("marketer@brugge.kick.test", "/brugge/studio/"),
    ("desk@brugge.kick.test", "/brugge/studio/pass/rewards"), ("merchant1@brugge.kick.test", "/merchant/"),
    ("staff@brugge.kick.test", "/merchant/"), ("shopper@kick.test", "/")])
def test_each_person_lands_where_their_work_is(client, email, landing):
    response = client.post("/login?next=/", data={"email": email, "password": "kick-demo"})
    assert response.headers["Location"] == landing


def test_a_next_page_still_wins(client):
    response = client.post("/login?next=/brugge/shops/", data={"email": "desk@brugge.kick.test",
                                                               "password": "kick-demo"})
    assert response.headers["Location"] == "/brugge/shops/"


@pytest.mark.parametrize("email,shown,hidden", [
    ("merchant1@brugge.kick.test", ["Mijn winkels"], ["Stadsstudio", "Stadsbalie", "Beheer"]),
    ("desk@brugge.kick.test", ["Stadsbalie"], ["Mijn winkels", "Stadsstudio", "Beheer"]),
    ("marketer@brugge.kick.test", ["Stadsstudio"], ["Mijn winkels", "Stadsbalie", "Beheer"]),
    ("admin@kick.test", ["Stadsstudio", "Beheer"], ["Mijn winkels", "Stadsbalie"])])
def test_the_menu_shows_their_areas(client, email, shown, hidden):
    client.login(email)
    text = client.get("/brugge/").get_data(as_text=True)
    menu = text[text.index('class="menu-panel"'):text.index("</nav>", text.index('class="menu-panel"'))]
    for label in shown:
        assert f">{label}</a>" in menu, label
    for label in hidden:
        assert f">{label}</a>" not in menu, label


def test_a_towns_settings_page_leads_to_inviting_its_marketer_for_that_town(client):
    client.login("admin@kick.test")
    settings = client.get("/admin/cities/kortrijk").get_data(as_text=True)
    assert 'href="/admin/people?city=kortrijk#invite"' in settings
    page = client.get("/admin/people?city=kortrijk").get_data(as_text=True)
    form = page.split('id="invite"', 1)[1].split("</form>", 1)[0]
    assert re.search(r'<option selected value="kortrijk">|<option value="kortrijk" selected>', form), form
    assert re.search(r'<option selected value="marketer">|<option value="marketer" selected>', form), form
    assert client.get("/admin/people?city=nergens").status_code == 200  # an unknown town: no choice made


def test_the_invitation_to_a_draft_town_does_not_show_its_menu_to_a_stranger(app, client):
    """The invitee cannot see the draft yet: the page wears the platform's look, not links that would 404."""
    from tests.factories import CityFactory, MembershipFactory, UserFactory
    with app.app_context():
        town = CityFactory(slug="poperinge", names={"nl": "Poperinge"}, status="draft")
        MembershipFactory(city=town, user=UserFactory(email="marketer@poperinge.kick.test"))
        db.session.commit()
    path = _invite_desk(app, email="balie@poperinge.be", city="poperinge")
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Poperinge" in html  # what is offered, and where
    assert 'href="/poperinge/trails/' not in html and 'href="/poperinge/"' not in html
