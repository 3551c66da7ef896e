"""The agenda's services without a request: create, edit (SEQUENCE), review (mail), cancel, refusals."""
from datetime import datetime

import pytest
from sqlalchemy import select

from app.agenda.models import Event, EventStatus
from app.agenda.services import editing, reading
from app.cities.models import City
from app.core.clock import TZ
from app.core.problem import ProblemError
from app.extensions import db
from tests.conftest import mail_text, mails
from tests.factories import ShopFactory, UserFactory

VALUES = {"title": {"nl": "Kerstconcert", "fr": "  "}, "description": {"nl": "<p>Met <em>koor</em></p><img src=x onerror=alert(1)>"},
          "kind": "other", "starts_at": datetime(2026, 12, 20, 19, 0, tzinfo=TZ),
          "ends_at": datetime(2026, 12, 20, 21, 0, tzinfo=TZ), "place_name": "Sint-Salvatorskathedraal",
          "address": "Sint-Salvatorskerkhof, 8000 Brugge", "lat": 51.2055, "lon": 3.2216, "is_free": True}


def _brugge():
    return db.session.execute(select(City).where(City.slug == "brugge")).scalar_one()


def test_create_edit_and_cancel_keep_the_uid_and_raise_the_sequence(no_request):
    marketer = UserFactory()
    event = editing.create_event(_brugge(), VALUES, marketer)
    db.session.commit()
    uid = event.uid
    assert uid.endswith("@kick.example") and event.sequence == 0  # on the public host
    assert event.title == {"nl": "Kerstconcert"} and event.description == {"nl": "<p>Met <em>koor</em></p>"}
    assert event.last_ends_at == VALUES["ends_at"]
    editing.update_event(event, dict(VALUES, rrule="freq=yearly"))
    db.session.commit()
    assert (event.uid, event.sequence, event.rrule, event.last_ends_at) == (uid, 1, "FREQ=YEARLY", None)
    editing.cancel(event)
    db.session.commit()
    assert event.status == EventStatus.CANCELLED and event.sequence == 2


@pytest.mark.parametrize("change,field", [({"title": {"fr": "Concert"}}, "title"), ({"kind": "rave"}, "kind"),
                                          ({"ends_at": datetime(2026, 12, 20, 18, 0, tzinfo=TZ)}, "ends_at"),
                                          ({"rrule": "FREQ=SECONDLY"}, "rrule"), ({"url": "javascript:x"}, "url"),
                                          ({"place_name": " "}, "place_name"), ({"lat": 51.2, "lon": None}, "lat")])
def test_bad_values_are_refused_by_field_and_nothing_is_written(no_request, change, field):
    before = db.session.execute(select(Event.id)).all()
    with pytest.raises(ProblemError) as refused:
        editing.create_event(_brugge(), dict(VALUES, **change), UserFactory())
    assert refused.value.status == 422 and field in refused.value.errors
    db.session.rollback()
    assert db.session.execute(select(Event.id)).all() == before


def test_a_proposal_takes_the_shops_place_and_its_review_mails_the_merchant(no_request):
    owner = UserFactory(email="workshop@brugge.kick.test")
    shop = ShopFactory(city=_brugge(), owner=owner, status="approved", name={"nl": "Atelier Test"},
                       address="Geldmuntstraat 3, 8000 Brugge", lat=51.208, lon=3.221)
    values = dict(VALUES, place_name="", address="", lat=None, lon=None, kind="")
    event = editing.propose_event(shop, values, owner)
    db.session.commit()
    assert (event.status, event.kind, event.place_name, event.address, event.lat) == (
        "proposed", "workshop", "Atelier Test", "Geldmuntstraat 3, 8000 Brugge", 51.208)
    assert [e.id for e in reading.proposals(_brugge())][-1] == event.id
    editing.approve_proposal(event, "Welkom in de agenda")
    db.session.commit()
    (message,) = mails(no_request, "workshop@brugge.kick.test")
    assert f"https://kick.example/brugge/agenda/{event.id}" in mail_text(message)
    with pytest.raises(ProblemError) as again:
        editing.reject_proposal(event, "te laat")
    assert again.value.status == 409


def test_only_a_published_event_can_be_cancelled(no_request):
    event = editing.create_event(_brugge(), VALUES, UserFactory(), status=EventStatus.DRAFT)
    with pytest.raises(ProblemError) as refused:
        editing.cancel(event)
    assert refused.value.status == 409


def test_a_shop_of_another_town_cannot_be_linked(no_request):
    kortrijk = db.session.execute(select(City).where(City.slug == "kortrijk")).scalar_one()
    other = ShopFactory(city=kortrijk, status="approved")
    with pytest.raises(ProblemError) as refused:
        editing.create_event(_brugge(), dict(VALUES, shop_id=other.id), UserFactory())
    assert "shop_id" in refused.value.errors
