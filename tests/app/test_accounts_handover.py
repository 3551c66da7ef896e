"""What a phone collected before its maker logged in is never lost: an unconfirmed sign-up (perhaps with
the address of an account that already exists) hands its stamps and shops over at login or password reset."""
from sqlalchemy import select

from app.accounts.services import find_user_by_email
from app.extensions import db
from app.shops.models import Shop
from tests.conftest import mail_text, mails, reset_links
from tests.support.loyalty import card_of, counter_path

SHOPPER = "shopper@kick.test"


def test_stamps_from_a_sign_up_with_a_taken_address_move_in_at_login(app, shop, clock):
    before = card_of(app, SHOPPER, shop) or (0, 0)
    phone = app.test_client()
    phone.post(counter_path(app, shop))
    phone.register(SHOPPER, confirm=False)  # forgot they had an account: the owner gets a notice
    assert "al een account" in mail_text(mails(app, SHOPPER)[-1])
    phone.login(SHOPPER)  # ... and does what the notice says, on this phone
    assert card_of(app, SHOPPER, shop) == (before[0] + 1, before[1])
    # What is left behind cannot be logged into with the address any more.
    assert app.test_client().post("/login", data={"email": SHOPPER, "password": "lang-genoeg-1"}).status_code == 401


def test_a_shop_started_with_a_taken_address_moves_to_the_account_at_login(app):
    owner = "merchant1@brugge.kick.test"
    phone = app.test_client()
    response = phone.post("/merchant/join", data={"city": "brugge", "shop_name": "Tweede Zaak", "display_name": "N",
                                                  "email": owner, "password": "een-lang-wachtwoord",
                                                  "confirm": "een-lang-wachtwoord"})
    assert response.status_code == 302
    phone.login(owner)
    with app.app_context():
        shop = db.session.execute(select(Shop).where(Shop.slug == "tweede-zaak")).scalar_one()
        assert shop.owner_id == find_user_by_email(owner).id
    assert "Tweede Zaak" in phone.get("/merchant/").get_data(as_text=True)


def test_a_password_reset_on_the_phone_brings_its_stamps_along(app, shop, clock):
    before = card_of(app, SHOPPER, shop) or (0, 0)
    phone = app.test_client()
    phone.post(counter_path(app, shop))  # anonymous
    phone.post("/account/password/forgot", data={"email": SHOPPER})
    path, = reset_links(app, SHOPPER)
    assert phone.post(path, data={"password": "Meeuw-kaai-Zand-83", "confirm": "Meeuw-kaai-Zand-83"}).status_code == 302
    assert card_of(app, SHOPPER, shop) == (before[0] + 1, before[1])


def test_sign_ups_are_limited_per_typed_address(app):
    statuses = [app.test_client().post("/register", data={"email": "admin@kick.test", "password": "lang-genoeg-1",
                                                          "confirm": "lang-genoeg-1"}).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]  # a stranger cannot fill someone's mailbox with notices
    assert len(mails(app, "admin@kick.test")) == 3


def test_a_city_name_and_a_year_is_not_a_strong_password(app, client):
    response = client.post("/register", data={"email": "nieuw@example.be", "password": "brugge2026",
                                              "confirm": "brugge2026"}, headers={"Accept-Language": "nl"})
    assert response.status_code == 422 and "te makkelijk te raden" in response.get_data(as_text=True)


def test_an_unconfirmed_merchant_is_told_why_the_link_matters_on_their_shop_page(app):
    phone = app.test_client()
    response = phone.post("/merchant/join", data={"city": "brugge", "shop_name": "Derde Zaak", "display_name": "N",
                                                  "email": "nieuw@winkel.test", "password": "een-lang-wachtwoord",
                                                  "confirm": "een-lang-wachtwoord"}, headers={"Accept-Language": "nl"})
    shop_page = response.headers["Location"].rsplit("/edit", 1)[0]
    html = phone.get(shop_page, headers={"Accept-Language": "nl"}).get_data(as_text=True)
    assert "data-confirm-email" in html and "beslissingen van het stadsteam" in html and "stadspas" not in html


def test_a_too_long_password_is_told_so(client):
    long = "Reiger-zeelaan-41-" * 12
    response = client.post("/register", data={"email": "lang@example.be", "password": long, "confirm": long},
                           headers={"Accept-Language": "nl"})
    assert response.status_code == 422 and "hoogstens 200 tekens" in response.get_data(as_text=True)
