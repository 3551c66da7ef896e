"""Shop, loyalty and trail rules run without a request: the actor and the city are arguments, and a row the
actor may not see is a 404 ProblemError, not an abort (issue 12). App context only, no request context."""
import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from app.accounts.services import anonymous_shopper, find_user_by_email
from app.accounts.models import User
from app.cities.models import City
from app.core.problem import ProblemError
from app.extensions import db
from app.loyalty.models import Card, Stamp
from app.loyalty.services import cards, programmes, scanning
from app.shops.services import profiles as shops
from app.shops.models import ProposalStatus, Shop, ShopStatus
from app.trails.services.editing import create_trail
from app.trails.services.reading import any_trail_or_404
from app.trails.models import Trail, TrailRevision


def _city(slug: str) -> City:
    return db.session.execute(select(City).where(City.slug == slug)).scalar_one()


def _other_city(city: City) -> City:
    return db.session.execute(select(City).where(City.id != city.id).limit(1)).scalar_one()


def _refused_404(call) -> ProblemError:
    with pytest.raises(ProblemError) as refused:
        call()
    assert refused.value.status == 404
    return refused.value


# --- shops ---------------------------------------------------------------------------------------


def test_an_owner_creates_a_shop_without_a_request(no_request):
    owner = find_user_by_email("merchant1@roeselare.kick.test")
    shop = shops.create_shop(owner, _city("roeselare"), {"name": {"nl": "Bakkerij Zonder Verzoek"}})
    stored = db.session.get(Shop, shop.id)
    assert (stored.owner_id, stored.status, stored.slug) == (owner.id, "draft", "bakkerij-zonder-verzoek")
    assert shops.merchant_shop_or_404(owner, shop.id) is stored


def test_a_merchant_opens_only_their_own_shop_and_an_admin_any(no_request):
    shop = db.session.execute(select(Shop).limit(1)).scalar_one()
    stranger = find_user_by_email("shopper@kick.test")
    for actor in (None, AnonymousUserMixin(), stranger):
        _refused_404(lambda actor=actor: shops.merchant_shop_or_404(actor, shop.id))
    _refused_404(lambda: shops.merchant_shop_or_404(shop.owner, 10**9))
    assert shops.merchant_shop_or_404(find_user_by_email("admin@kick.test"), shop.id) is shop


def test_a_photo_the_shop_does_not_have_is_a_404(no_request):
    shop = db.session.execute(select(Shop).limit(1)).scalar_one()
    _refused_404(lambda: shops.move_photo(shop, 10**9, 1))


@pytest.mark.parametrize("status, proposal, complete, shown", [
    (ShopStatus.DRAFT, None, True, True), (ShopStatus.DRAFT, None, False, False),
    (ShopStatus.REJECTED, None, True, True), (ShopStatus.PENDING, None, True, False),
    (ShopStatus.APPROVED, None, True, False), (ShopStatus.SUSPENDED, None, True, False),
    (ShopStatus.APPROVED, ProposalStatus.PENDING, True, False), (ShopStatus.APPROVED, ProposalStatus.REJECTED, False, True),
])
def test_the_send_button_shows_when_sending_would_send_something(status, proposal, complete, shown):
    shop = Shop(status=status.value, proposal_status=proposal and proposal.value)
    assert shops.may_submit(shop, {} if complete else {"story": ["Tell your story."]}) is shown


# --- loyalty -------------------------------------------------------------------------------------


def test_a_card_of_another_city_or_person_is_a_404(no_request):
    shopper = find_user_by_email("shopper@kick.test")
    card = db.session.execute(select(Card).where(Card.user_id == shopper.id).limit(1)).scalar_one()
    assert cards.own_card_or_404(shopper, card.id, card.city_id) is card
    _refused_404(lambda: cards.own_card_or_404(shopper, card.id, _other_city(card.city).id))
    _refused_404(lambda: cards.own_card_or_404(find_user_by_email("admin@kick.test"), card.id))


def test_a_scan_stamps_the_shopper_it_is_handed_and_a_refused_code_makes_nobody(no_request):
    shop = db.session.execute(select(Shop).where(Shop.status == "approved").limit(1)).scalar_one()
    programme = programmes.ensure_programme(shop)
    db.session.commit()
    asked = []

    def shopper():
        asked.append(True)
        return anonymous_shopper(None)

    with pytest.raises(ProblemError):
        scanning.scan(shop.city, "not-a-code", shopper)
    assert asked == []
    result = scanning.scan(shop.city, programmes.counter_code(programme).code, shopper)
    assert asked == [True]
    card = db.session.get(Card, db.session.get(Stamp, result.stamp.id).card_id)
    assert card.programme.shop_id == shop.id and card.stamps == 1
    assert db.session.get(User, card.user_id).is_anonymous_shopper


# --- trails --------------------------------------------------------------------------------------


def test_a_marketer_creates_a_trail_and_is_its_revisions_author(no_request):
    city = _city("roeselare")
    marketer = find_user_by_email("marketer@roeselare.kick.test")
    trail = create_trail(city, {"title": {"nl": "Wandeling zonder verzoek"}}, marketer)
    revision = db.session.execute(select(TrailRevision).where(TrailRevision.trail_id == trail.id)).scalar_one()
    assert (revision.author_id, revision.action, trail.city_id) == (marketer.id, "created", city.id)


def test_a_trail_of_another_city_is_a_404(no_request):
    trail = db.session.execute(select(Trail).limit(1)).scalar_one()
    assert any_trail_or_404(trail.city, trail_id=trail.id) is trail
    _refused_404(lambda: any_trail_or_404(_other_city(trail.city), trail_id=trail.id))
