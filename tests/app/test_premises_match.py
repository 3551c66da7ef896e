"""Public premises, entrepreneurs' requests and the matchmaker (room match): what the public sees (never the
owner contact), the interest flow, the ranked matches with reasons, stage moves and their conflicts, and the
introduction emails (once)."""
import json
import re

import pytest
from sqlalchemy import select

from app.cities.models import City
from app.extensions import db
from app.premises.match_models import ConceptProfile, MatchStage, PremiseMatch
from app.premises.models import Premise, PremiseStateChange
from tests.conftest import mail_text, mails
from tests.factories import ConceptProfileFactory, PremiseFactory, PremiseMatchFactory, ShopFactory, UserFactory

MARKETER = "marketer@roeselare.kick.test"
# The test premise: 60 m², € 1200-1400 a month, long lease or pop-up, shops and food allowed.
PREMISE = {"floor_area_m2": 60.0, "rent_min": 1200, "rent_max": 1400, "lease_types": ["long", "popup"],
           "permitted_uses": "detailhandel, horeca"}
SECRET = "geheim-eigenaar@example.org"


@pytest.fixture
def roeselare(app):
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == "roeselare")).scalar_one()
        premise = PremiseFactory(city=city, address="Proefstraat 52, 8800 Roeselare", owner_contact=SECRET, **PREMISE)
        let = PremiseFactory(city=city, address="Proefstraat 60, 8800 Roeselare", state="let", **PREMISE)
        db.session.commit()
        return {"city": city.id, "premise": premise.id, "let": let.id}


def _people(app, city_id, *specs):
    """Entrepreneurs with a profile each (name, category, area_min, area_max, budget): their emails."""
    emails = []
    with app.app_context():
        for n, (name, category, low, high, budget) in enumerate(specs):
            user = UserFactory(email=f"ondernemer{n}@example.org", display_name=name, locale="nl")
            ConceptProfileFactory(city_id=city_id, user=user, name=name, category=category, area_min=low,
                                  area_max=high, budget_max=budget)
            emails.append(user.email)
        db.session.commit()
    return emails


def _requests_for(premise_id):
    return db.session.execute(select(PremiseMatch).where(PremiseMatch.premise_id == premise_id)).scalars().all()


def _profiles_of(email):
    from app.accounts.models import User
    return db.session.execute(select(ConceptProfile).join(User, User.id == ConceptProfile.user_id)
                              .where(User.email == email)).scalars().all()


def _ooststraat_37():
    return db.session.execute(select(Premise.id).where(Premise.address == "Ooststraat 37")).scalar_one()


def _row(client, refs, concept):
    answer = client.get(f"/api/v1/cities/roeselare/premises/{refs['premise']}/matches")
    return next(row for row in answer.json if row["concept"] == concept)


def test_public_list_and_page_show_available_premises_without_the_owner_contact(client, roeselare):
    page = client.get("/roeselare/premises/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Proefstraat 52" in html and "Proefstraat 60" not in html  # a let premise is not on the market
    assert SECRET not in html
    detail = client.get(f"/roeselare/premises/{roeselare['premise']}")
    text = detail.get_data(as_text=True)
    assert detail.status_code == 200 and SECRET not in text
    ld = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', text, re.S).group(1))
    assert ld["@type"] == "RealEstateListing" and ld["about"]["floorSize"]["value"] == 60.0
    assert 'property="og:title"' in text and "Proefstraat 52" in text
    assert client.get(f"/roeselare/premises/{roeselare['let']}").status_code == 404
    assert client.get(f"/brugge/premises/{roeselare['premise']}").status_code == 404  # another city's row
    api = client.get("/api/v1/cities/roeselare/premises")
    assert api.status_code == 200
    addresses = [item["address"] for item in api.json]
    assert "Proefstraat 52, 8800 Roeselare" in addresses and "Proefstraat 60, 8800 Roeselare" not in addresses
    assert {item["state"] for item in api.json} <= {"vacant", "option"}
    assert not {"owner_contact", "shop_id", "changes"} & set().union(*api.json)
    assert "Vastgoed" not in api.get_data(as_text=True) and SECRET not in api.get_data(as_text=True)
    assert "Vastgoed" not in html  # the demo register's owner contacts


def test_filters_read_with_the_api_schema(client, roeselare):
    street = "/api/v1/cities/roeselare/premises?street=proefstraat"
    assert [item["address"] for item in client.get(street).json] == ["Proefstraat 52, 8800 Roeselare"]
    assert client.get(street + "&area_min=70").json == []
    assert len(client.get(street + "&area_max=60&lease=popup&rent_max=1300&use=horeca").json) == 1
    assert client.get(street + "&lease=short").json == []
    assert client.get(street + "&rent_max=1100").json == []
    bad = client.get("/api/v1/cities/roeselare/premises?area_min=veel")
    assert bad.status_code == 422 and "area_min" in bad.json["errors"]
    page = client.get("/roeselare/premises/?area_min=veel")
    assert page.status_code == 400


def test_list_page_queries_do_not_grow_with_the_premises(app, client, roeselare, count_queries):
    with count_queries() as few:
        client.get("/roeselare/premises/")
    with app.app_context():
        for n in range(5):
            PremiseFactory(city_id=roeselare["city"], address=f"Noordstraat {n + 1}, 8800 Roeselare", street="Noordstraat")
        db.session.commit()
    with count_queries() as many:
        assert client.get("/roeselare/premises/").status_code == 200
    assert many.count == few.count


def test_interest_needs_an_account_then_lands_on_my_requests(app, client, roeselare):
    url = f"/roeselare/premises/{roeselare['premise']}/interest"
    refused = client.post(url, data={"note": "Koffie"})
    assert refused.status_code == 302 and refused.headers["Location"].startswith("/login?next=")
    assert client.post(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/interest",
                       json={"note": "x"}).status_code == 401
    with app.app_context():
        assert not _requests_for(roeselare["premise"])
    client.login("shopper@kick.test")
    sent = client.post(url, data={"note": "Een koffiebar met eigen branderij"})
    assert sent.status_code == 302 and sent.headers["Location"].endswith("/roeselare/account/premises/profile")
    mine = client.get("/roeselare/account/premises/")
    assert "no-store" in mine.headers["Cache-Control"]
    html = mine.get_data(as_text=True)
    assert "Proefstraat 52" in html and "Een koffiebar met eigen branderij" in html
    # the profile afterwards links the request to it
    saved = client.post("/roeselare/account/premises/profile", data={
        "name": "Branderij Noord", "category": "food_drink", "area_min": "40", "area_max": "90",
        "budget_max": "1500", "lease_types": ["long"], "open_to_proposals": "y"})
    assert saved.status_code == 302
    with app.app_context():
        (match,) = _requests_for(roeselare["premise"])
        assert match.profile is not None and match.profile.name == "Branderij Noord"


def test_profile_field_errors_and_delete(app, client, roeselare):
    client.login("shopper@kick.test")
    bad = client.post("/roeselare/account/premises/profile", data={"name": "", "category": "food_drink",
                                                                    "area_min": "90", "area_max": "40"})
    assert bad.status_code == 422
    assert re.search(r'<div class="field has-error">\s*<label for="name"', bad.get_data(as_text=True))
    with app.app_context():
        assert not _profiles_of("shopper@kick.test")
    reversed_area = client.post("/roeselare/account/premises/profile", data={
        "name": "X", "category": "food_drink", "area_min": "90", "area_max": "40"})
    assert reversed_area.status_code == 422
    assert client.post("/roeselare/account/premises/profile", data={"name": "X", "category": "fashion"}).status_code == 302
    with app.app_context():
        assert [p.category for p in _profiles_of("shopper@kick.test")] == ["fashion"]
    assert client.post("/roeselare/account/premises/profile/delete").status_code == 302
    with app.app_context():
        assert not _profiles_of("shopper@kick.test")


def test_interest_api_answers_201(client, roeselare):
    client.login("shopper@kick.test")
    answer = client.post(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/interest", json={"note": "Pop-up"})
    assert answer.status_code == 201
    assert answer.json["stage"] == "proposed" and answer.json["has_profile"] is False
    assert client.post(f"/api/v1/cities/roeselare/premises/{roeselare['let']}/interest",
                       json={"note": "x"}).status_code == 404
    assert client.post(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/interest",
                       json={"note": "x" * 1001}).status_code == 422


def test_matches_are_ranked_with_reasons(app, client, roeselare):
    with app.app_context():
        ShopFactory(city_id=roeselare["city"], address="Proefstraat 3, 8800 Roeselare", category="fashion",
                    status="approved")
        db.session.commit()
    roaster, bikes = _people(app, roeselare["city"], ("Koffiebranderij", "food_drink", 45, 80, 1500),
                             ("Fietsherstel", "services", 100, 150, 900))
    for email in (roaster, bikes):
        visitor = app.test_client()
        visitor.login(email)
        assert visitor.post(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/interest",
                            json={"note": "graag"}).status_code == 201
    assert client.get(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/matches").status_code == 401
    client.login(MARKETER)
    answer = client.get(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/matches")
    assert answer.status_code == 200
    ours = [row for row in answer.json if row["concept"] in ("Koffiebranderij", "Fietsherstel")]
    assert [row["concept"] for row in ours] == ["Koffiebranderij", "Fietsherstel"]
    assert [row["score"] for row in answer.json] == sorted((row["score"] for row in answer.json), reverse=True)
    best = ours[0]
    assert best["score"] > ours[1]["score"]
    texts = [reason["text"] for reason in best["reasons"]]
    assert "oppervlakte 60 m² binnen de gevraagde 45–80 m²" in texts
    assert any(text.startswith("de straat heeft geen winkel in deze categorie") for text in texts)
    assert best["stage"] == "proposed" and best["version"] == 1
    page = client.get(f"/roeselare/studio/premises/{roeselare['premise']}/matches")
    assert page.status_code == 200 and "Koffiebranderij" in page.get_data(as_text=True)
    other = app.test_client()
    other.login("marketer@brugge.kick.test")
    assert other.get(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/matches").status_code == 404
    assert other.get(f"/api/v1/cities/brugge/premises/{roeselare['premise']}/matches").status_code == 404


def test_introduction_mails_both_sides_once_and_a_deal_lets_the_premise(app, client, roeselare):
    (roaster,) = _people(app, roeselare["city"], ("Koffiebranderij", "food_drink", 45, 80, 1500))
    visitor = app.test_client()
    visitor.login(roaster)
    match_id = visitor.post(f"/api/v1/cities/roeselare/premises/{roeselare['premise']}/interest",
                            json={"note": "graag"}).json["id"]
    client.login(MARKETER)
    url = f"/api/v1/cities/roeselare/premise-matches/{match_id}/stage"
    moved = client.post(url, json={"stage": "introduced", "version": 1, "note": "Telefoon met eigenaar"})
    assert moved.status_code == 200 and moved.json["stage"] == "introduced", moved.json
    assert moved.json["version"] == 2, moved.json
    (to_person,) = mails(app, roaster)
    assert "Proefstraat 52" in mail_text(to_person) and MARKETER in mail_text(to_person)
    assert SECRET not in mail_text(to_person)
    (to_owner,) = mails(app, SECRET)
    assert "Koffiebranderij" in mail_text(to_owner) and roaster in mail_text(to_owner)
    # stale version: a conflict, nothing changed, no second mail
    stale = client.post(url, json={"stage": "visit", "version": 1})
    assert stale.status_code == 409 and stale.json["code"] == "stage_conflict"
    assert client.post(url, json={"stage": "visit", "version": 2}).status_code == 200
    assert client.post(url, json={"stage": "deal", "version": 3}).status_code == 200
    assert len(mails(app, roaster)) == 1 and len(mails(app, SECRET)) == 1
    with app.app_context():
        premise = db.session.get(Premise, roeselare["premise"])
        assert premise.state == "let"
        change = db.session.execute(select(PremiseStateChange).where(
            PremiseStateChange.premise_id == premise.id)).scalars().all()[-1]
        assert (change.from_state, change.to_state) == ("vacant", "let")
    invited = client.post(f"/roeselare/studio/premises/matches/{match_id}/invite")
    assert invited.status_code == 302
    (_intro, invite) = mails(app, roaster)
    assert "/merchant/join?city=roeselare" in mail_text(invite)


def test_owner_without_email_makes_the_marketer_call(app, client, roeselare):
    with app.app_context():
        db.session.get(Premise, roeselare["premise"]).owner_contact = "Jan Peeters, 051 20 30 40"
        match = PremiseMatchFactory(premise=db.session.get(Premise, roeselare["premise"]),
                                    user=UserFactory(email="zonder@example.org"))
        db.session.commit()
        match_id = match.id
    client.login(MARKETER)
    assert client.post(f"/api/v1/cities/roeselare/premise-matches/{match_id}/stage",
                       json={"stage": "introduced", "version": 1}).status_code == 200
    (call,) = mails(app, MARKETER)
    assert "051 20 30 40" in mail_text(call)


def test_stage_form_conflict_is_a_form_error_not_a_lost_update(app, client, roeselare):
    with app.app_context():
        match = PremiseMatchFactory(premise=db.session.get(Premise, roeselare["premise"]))
        db.session.commit()
        match_id = match.id
    client.login(MARKETER)
    url = f"/roeselare/studio/premises/matches/{match_id}/stage"
    assert client.post(url, data={f"m{match_id}-stage": "dropped", f"m{match_id}-version": "1"}).status_code == 302
    late = client.post(url, data={f"m{match_id}-stage": "introduced", f"m{match_id}-version": "1"})
    assert late.status_code == 409
    assert "Iemand anders" in late.get_data(as_text=True) or "meantime" in late.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(PremiseMatch, match_id).stage == MatchStage.DROPPED
    assert not mails(app)


def test_weights_change_the_score(app, client, roeselare):
    _people(app, roeselare["city"], ("Koffiebranderij", "food_drink", 100, 150, 1500))
    with app.app_context():
        profile = db.session.execute(select(ConceptProfile).where(ConceptProfile.name == "Koffiebranderij")).scalar_one()
        profile.open_to_proposals = True
        db.session.commit()
    client.login(MARKETER)
    before = _row(client, roeselare, "Koffiebranderij")["score"]
    assert client.put("/api/v1/cities/roeselare/premise-match-weights", json={"area": 10}).status_code == 200
    after = _row(client, roeselare, "Koffiebranderij")
    assert after["score"] < before and after["stage"] is None
    assert client.put("/api/v1/cities/roeselare/premise-match-weights", json={"area": 11}).status_code == 422
    page = client.post("/roeselare/studio/premises/match-weights", data={"area": "2", "budget": "3"})
    assert page.status_code == 302
    assert client.get("/api/v1/cities/roeselare/premise-match-weights").json["area"] == 2


def test_privacy_export_and_deletion(app, client, roeselare):
    client.login("shopper@kick.test")
    client.post(f"/roeselare/premises/{roeselare['premise']}/interest", data={"note": "Mijn notitie"})
    client.post("/roeselare/account/premises/profile", data={"name": "Mijn concept", "category": "kids"})
    from app.accounts.models import User
    from app.core.registry import get_registry
    with app.app_context():
        user = db.session.execute(select(User).where(User.email == "shopper@kick.test")).scalar_one()
        part = next(p for p in get_registry(app).privacy if p.name == "premises_matching")
        exported = part.export_user(user)
        assert exported["concept_profiles"][0]["name"] == "Mijn concept"
        assert exported["premise_requests"][0]["note"] == "Mijn notitie"
        part.forget_user(user)
        db.session.commit()
        assert not _requests_for(roeselare["premise"]) and not _profiles_of("shopper@kick.test")
        assert _requests_for(_ooststraat_37())  # the demo entrepreneurs' requests stay


def test_demo_done_path_two_requests_ranked_then_introduced(app, client):
    """Roeselare's empty shop on Ooststraat: the demo's two entrepreneurs are ranked with reasons; the marketer
    introduces the best, who gets the mail, and the marketer gets the owner's phone (no owner email)."""
    client.login(MARKETER)
    with app.app_context():
        premise_id = _ooststraat_37()
    ranked = client.get(f"/api/v1/cities/roeselare/premises/{premise_id}/matches").json
    asked = [row for row in ranked if row["origin"] == "interest"]
    assert [row["concept"] for row in asked] == ["Branderij Lotte", "Bokaal & Co"]
    assert all(row["reasons"] for row in asked)
    best = asked[0]
    assert client.post(f"/api/v1/cities/roeselare/premise-matches/{best['match_id']}/stage",
                       json={"stage": "introduced", "version": best["version"]}).status_code == 200
    (intro,) = mails(app, "koffie@ondernemer.kick.test")
    assert "Ooststraat 37" in mail_text(intro)
    (call,) = mails(app, MARKETER)
    assert "Vastgoed" in mail_text(call) and "Branderij Lotte" in mail_text(call)


def test_street_activity_hides_small_cells(app):
    """The figures' loader for the matchmaker: footfall per counted street, and stamps only for streets whose
    stamps describe at least KICK_FIGURES_MIN_PEOPLE shoppers (the dashboard's own suppression)."""
    from app.core.registry import street_activity_for
    with app.app_context():
        city = db.session.execute(select(City).where(City.slug == "roeselare")).scalar_one()
        shown = street_activity_for(app, city)
        assert shown["Ooststraat"]["footfall"] > 0  # the demo's counter on Ooststraat
        with_stamps = [street for street, figures in shown.items() if figures.get("stamps") is not None]
        for street in with_stamps:
            assert sum(shown[street]["stamps_by_category"].values()) == shown[street]["stamps"]
        minimum, app.config["KICK_FIGURES_MIN_PEOPLE"] = app.config["KICK_FIGURES_MIN_PEOPLE"], 10 ** 6
        try:
            strict = street_activity_for(app, city)
        finally:
            app.config["KICK_FIGURES_MIN_PEOPLE"] = minimum
        assert all("stamps" not in figures for figures in strict.values())
        assert strict["Ooststraat"]["footfall"] == shown["Ooststraat"]["footfall"]
