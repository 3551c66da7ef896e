"""Imports without a request: shops from CSV (one transaction per file, no duplicates on a re-import, an
invitation to claim per row with an email) and trails from GPX (a draft computed like a drawn trail)."""
import io

import pytest
from sqlalchemy import func, select

from app.accounts import invitations
from app.accounts.models import Invitation
from app.accounts.services import find_user_by_email
from app.cities.models import City
from app.core.problem import ProblemError
from app.extensions import db
from app.shops.services import claims, notifications
from app.shops.services.imports import HEADER, import_shops, unclaimed_shops
from app.shops.models import Shop, ShopNotification
from app.shops.services.profiles import merchant_shops
from app.trails.services.imports import import_gpx, import_gpx_file
from app.trails.metrics import trail_metrics
from app.trails.models import Trail
from tests.conftest import mail_text, mails

LINE = ",".join(HEADER)
CSV = (f"{LINE}\n"
       "Bakkerij Graanschuur,Grote Markt 20,51.03310,2.86340,food_drink,,bakker@graanschuur.test\n"
       "Zonder Plek,Woumenweg 3,,,other,,\n"
       "Verkeerde Stad,Grote Markt 5,50.8503,4.3517,fashion,,\n"
       "Onbekende Soort,Vismarkt 1,51.0335,2.8631,bakery,,\n"
       "Bakkerij Graanschuur,Grote Markt 21,51.0331,2.8634,food_drink,,\n")
GPX = (b'<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="t" xmlns="http://www.topografix.com/GPX/1/1">'
       b'<metadata><name>Rondje Vismarkt</name></metadata>'
       b'<wpt lat="51.03378" lon="2.86305"><name>Vismarkt</name><desc>De oude vismijn.</desc></wpt>'
       b'<wpt lat="51.03280" lon="2.86360"><name>Grote Markt</name></wpt>'
       b'<trk><trkseg><trkpt lat="51.03378" lon="2.86305"/><trkpt lat="51.03330" lon="2.86330"/>'
       b'<trkpt lat="51.03280" lon="2.86360"/></trkseg></trk></gpx>')


def _city(slug: str = "diksmuide") -> City:
    return db.session.execute(select(City).where(City.slug == slug)).scalar_one()


def _marketer(slug: str = "diksmuide"):
    return find_user_by_email(f"marketer@{slug}.kick.test")


def _count(model, *where) -> int:
    return db.session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()


def _file(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


# ---------------------------------------------------------------- shops


def test_valid_rows_become_unclaimed_drafts_and_bad_rows_are_reported(no_request):
    city = _city()
    before = _count(Shop, Shop.city_id == city.id)
    report = import_shops(_marketer(), city, _file(CSV))
    assert report.created == 2
    assert [(item["row"], sorted(item["errors"])) for item in report.rejected] == [(4, ["lat"]), (5, ["category"]),
                                                                                   (6, ["name"])]
    assert report.rejected[2]["errors"]["name"] == ["Rij 2 heeft een zaak met dezelfde naam."]  # no request: the Dutch default
    db.session.expire_all()
    assert _count(Shop, Shop.city_id == city.id) == before + 2
    bakery = db.session.execute(select(Shop).where(Shop.city_id == city.id, Shop.slug == "bakkerij-graanschuur")
                                ).scalar_one()
    assert (bakery.status, bakery.owner_id, bakery.name, bakery.category, bakery.lat) == (
        "draft", None, {"nl": "Bakkerij Graanschuur"}, "food_drink", 51.0331)
    assert bakery in unclaimed_shops(city)


def test_a_row_with_an_email_invites_that_address_to_claim_the_shop(no_request):
    import_shops(_marketer(), _city(), _file(CSV))
    invitation = db.session.execute(select(Invitation).where(Invitation.email == "bakker@graanschuur.test")
                                    ).scalar_one()
    shop = db.session.get(Shop, invitation.shop_id)
    assert (invitation.role, invitation.city_id, shop.slug) == ("owner", _city().id, "bakkerij-graanschuur")
    [message] = mails(no_request, "bakker@graanschuur.test")
    assert "Bakkerij Graanschuur" in mail_text(message) and "/invitations/" in mail_text(message)


def test_importing_the_same_file_again_creates_nothing_and_reports_the_rows_as_already_imported(no_request):
    city = _city()
    import_shops(_marketer(), city, _file(CSV))
    shops, invited = _count(Shop), _count(Invitation)
    again = import_shops(_marketer(), city, _file(CSV))
    assert again.created == 0
    assert again.skipped == [{"row": 2, "name": "Bakkerij Graanschuur", "slug": "bakkerij-graanschuur"},
                             {"row": 3, "name": "Zonder Plek", "slug": "zonder-plek"},
                             {"row": 6, "name": "Bakkerij Graanschuur", "slug": "bakkerij-graanschuur"}]
    assert [item["row"] for item in again.rejected] == [4, 5]
    assert (_count(Shop), _count(Invitation)) == (shops, invited)


def test_a_failure_half_way_through_the_file_writes_nothing(no_request, monkeypatch):
    city = _city()
    calls = []

    def failing_invite(actor, shop, email):
        calls.append(email)
        if len(calls) == 2:
            raise RuntimeError("mail server exploded")

    monkeypatch.setattr(claims, "invite_owner", failing_invite)
    text = f"{LINE}\nEerste Zaak,Markt 1,,,other,,een@zaak.test\nTweede Zaak,Markt 2,,,other,,twee@zaak.test\n"
    shops = _count(Shop)
    with pytest.raises(RuntimeError):
        import_shops(_marketer(), city, _file(text))
    assert calls == ["een@zaak.test", "twee@zaak.test"]
    assert _count(Shop) == shops
    assert _count(Shop, Shop.slug == "eerste-zaak") == 0


def test_a_bad_file_is_refused_whole(no_request):
    problem = pytest.raises(ProblemError, import_shops, _marketer(), _city(), _file("naam;adres\nA;B\n")).value
    assert (problem.status, problem.code) == (422, "bad_header")
    no_request.config["KICK_IMPORT_CSV_MAX_BYTES"] = 100
    problem = pytest.raises(ProblemError, import_shops, _marketer(), _city(), _file(CSV)).value
    assert (problem.status, problem.code, problem.errors) == (413, "file_too_large",
                                                              {"file": ["Het bestand is te groot: hoogstens 1 kB."]})


def test_accepting_the_invitation_makes_the_merchant_the_owner_once(no_request):
    import_shops(_marketer(), _city(), _file(CSV))
    invitation = db.session.execute(select(Invitation).where(Invitation.email == "bakker@graanschuur.test")
                                    ).scalar_one()
    token = invitations.invitation_link(invitation).rsplit("/", 1)[-1]
    baker = invitations.register_invitee(None, token, "Graanschuur-2026!", "De bakker")
    db.session.commit()
    shop = db.session.get(Shop, invitation.shop_id)
    assert shop.owner_id == baker.id and merchant_shops(baker) == [shop] and shop not in unclaimed_shops(_city())
    # A second invitation for the same shop cannot take it over.
    other = find_user_by_email("shopper@kick.test")
    problem = pytest.raises(ProblemError, claims.claim_shop, other, shop.id, shop.city_id).value
    assert (problem.status, problem.code) == (409, "already_claimed")
    assert claims.claim_shop(baker, shop.id, shop.city_id) is shop  # the owner again: nothing changes


def test_an_unclaimed_shop_has_nobody_to_notify(no_request):
    import_shops(_marketer(), _city(), _file(CSV))
    shop = db.session.execute(select(Shop).where(Shop.slug == "zonder-plek")).scalar_one()
    notes = _count(ShopNotification)
    assert notifications.notify(shop, "approved") is None
    db.session.flush()
    assert _count(ShopNotification) == notes


# ---------------------------------------------------------------- trails


def test_a_gpx_file_becomes_a_draft_computed_like_a_drawn_trail(no_request):
    city = _city()
    trail = import_gpx(_marketer(), city, io.BytesIO(GPX))
    assert (trail.status, trail.title, trail.slug, trail.city_id) == ("draft", {"nl": "Rondje Vismarkt"},
                                                                     "rondje-vismarkt", city.id)
    assert [(s.position, s.title, s.body) for s in trail.stops] == [
        (1, {"nl": "Vismarkt"}, {"nl": "De oude vismijn."}), (2, {"nl": "Grote Markt"}, {})]
    assert trail.path == [[51.03378, 2.86305], [51.0333, 2.8633], [51.0328, 2.8636]]
    expected = trail_metrics(trail.path, [(s.lat, s.lon) for s in trail.stops],
                             pace_kmh=no_request.config["KICK_WALKING_PACE_KMH"], dwell_min_per_stop=trail.dwell_minutes)
    assert (trail.distance_m, trail.duration_min) == expected and trail.distance_m > 100


def test_the_same_gpx_file_again_finds_the_trail_it_made(no_request):
    city = _city()
    first, created = import_gpx_file(_marketer(), city, io.BytesIO(GPX))
    trails = _count(Trail)
    again, created_again = import_gpx_file(_marketer(), city, io.BytesIO(GPX))
    assert (created, created_again, again.id, _count(Trail)) == (True, False, first.id, trails)
    # Another city importing the same file gets its own trail (points permitting): here they lie outside it.
    problem = pytest.raises(ProblemError, import_gpx, _marketer("brugge"), _city("brugge"), io.BytesIO(GPX)).value
    assert problem.code == "outside_city" and problem.detail.startswith("Deze route begint 32 km van het centrum van Brugge")


def test_a_neighbouring_towns_trail_is_refused_though_its_points_lie_within_the_editors_reach(no_request):
    """Ieper's centre is some 20 km from Diksmuide's: the editor's 30 km reach, but not Ieper's trail."""
    trails = _count(Trail)
    problem = pytest.raises(ProblemError, import_gpx, _marketer("ieper"), _city("ieper"), io.BytesIO(GPX)).value
    assert problem.code == "outside_city" and "van het centrum van Ieper" in problem.detail
    assert "andere stad" in problem.detail and _count(Trail) == trails


def test_a_gpx_file_over_the_limit_is_a_413_and_writes_nothing(no_request):
    no_request.config["KICK_IMPORT_GPX_MAX_BYTES"] = 200
    trails = _count(Trail)
    problem = pytest.raises(ProblemError, import_gpx, _marketer(), _city(), io.BytesIO(GPX)).value
    assert (problem.status, problem.code) == (413, "file_too_large") and _count(Trail) == trails
