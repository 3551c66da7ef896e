"""One unit of work: a merchant sign-up (account + shop) is one transaction, and a refusal inside a
form view leaves no half-written rows and shows its message on the field it is about."""
from sqlalchemy import func, select

from app.accounts.models import User
from app.core.problem import ProblemError
from app.extensions import db
from app.shops.services import profiles as shop_services
from app.shops.models import Shop
from tests.conftest import mails

EMAIL = "nieuw@winkel.test"
SIGN_UP = {"city": "kortrijk", "shop_name": "Hoedje Van Papier", "display_name": "Nele", "email": EMAIL,
           "password": "een-lang-wachtwoord", "confirm": "een-lang-wachtwoord"}


def _rows(app, model, **where) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return db.session.execute(query).scalar_one()


def test_a_refused_shop_step_leaves_no_account_and_shows_the_reason_on_the_shop_name(app, client, monkeypatch):
    shops_before = _rows(app, Shop)

    def slug_taken(city, name):
        raise ProblemError(409, "Refused.", code="slug_taken", errors={"name": ["Pick another shop name."]})
    monkeypatch.setattr(shop_services, "_unique_slug", slug_taken)  # inside create_shop, after the account

    response = client.post("/merchant/join", data=SIGN_UP)

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert 'id="shop_name"' in html and "Pick another shop name." in html
    assert html.index("Pick another shop name.") > html.index('id="shop_name"')  # on the shop name, not above
    assert _rows(app, User, pending_email=EMAIL) == 0  # the account went with the shop
    assert mails(app, EMAIL) == []  # and so did its confirmation mail
    assert _rows(app, Shop) == shops_before
    assert client.get("/merchant/").status_code == 302  # and nobody is logged in
    # The same sign-up goes through once the shop step does: the address was not left taken.
    monkeypatch.undo()
    assert client.post("/merchant/join", data=SIGN_UP).status_code == 302
    assert _rows(app, User, pending_email=EMAIL) == 1 and len(mails(app, EMAIL)) == 1


def test_a_failing_shop_step_leaves_no_account(app, client, monkeypatch):
    def broken(city, name):
        raise RuntimeError("the shop step broke")
    monkeypatch.setattr(shop_services, "_unique_slug", broken)

    response = client.post("/merchant/join", data=SIGN_UP)

    assert response.status_code == 500
    assert _rows(app, User, pending_email=EMAIL) == 0 and mails(app, EMAIL) == []
    assert client.get("/merchant/").status_code == 302
