"""Account rules run without a request: they take the actor as an argument (issue 12). Each test pushes an
app context only, never a request context, so a service that reached for current_user, the session or
login_user would fail here."""
import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import func, select

from app.accounts import services
from app.accounts.models import User
from app.accounts.signals import anonymous_account_replaced
from app.core.problem import ProblemError
from app.extensions import db
from tests.conftest import mails


def _users() -> int:
    return db.session.execute(select(func.count()).select_from(User)).scalar_one()


@pytest.mark.parametrize("actor", [None, AnonymousUserMixin()], ids=["nobody", "anonymous visitor"])
def test_a_visitor_registers_a_new_account_whose_link_is_mailed(no_request, actor):
    before = _users()
    user = services.new_account(actor, "Nieuw@Example.be", "a long unusual passphrase", "Nieuw")
    db.session.commit()
    assert _users() == before + 1
    assert (user.pending_email, user.email, user.display_name) == ("nieuw@example.be", None, "Nieuw")
    assert user.check_password("a long unusual passphrase")
    assert user.last_login_at is None  # registering is not logging in: that is the session's part
    [message] = mails(no_request, to="nieuw@example.be")
    assert "https://kick.example/account/confirm/" in message.get_body(("plain",)).get_content()


def test_an_anonymous_shopper_registering_keeps_their_account_and_cards(no_request):
    shopper = services.anonymous_shopper("browser-key")
    db.session.commit()
    before = _users()
    user = services.new_account(shopper, "kaart@example.be", "a long unusual passphrase")
    db.session.commit()
    assert user.id == shopper.id and _users() == before
    assert not user.is_anonymous_shopper and user.first_scan_key is None


def test_a_browsers_first_scans_share_one_anonymous_shopper(no_request):
    first = services.anonymous_shopper("same-browser")
    db.session.commit()
    assert services.anonymous_shopper("same-browser").id == first.id
    assert services.anonymous_shopper(None).id != first.id  # no session key: nothing to join
    assert first.is_anonymous_shopper


def test_logging_in_over_an_anonymous_shopper_hands_over_their_cards(no_request):
    member = services.find_user_by_email("shopper@kick.test")
    shopper = services.anonymous_shopper("tablet")
    db.session.commit()
    handed = []
    with anonymous_account_replaced.connected_to(lambda user, previous: handed.append((user, previous))):
        services.logged_in(member, previous=AnonymousUserMixin())
        services.logged_in(member, previous=member)
        services.logged_in(member, previous=shopper)
    assert handed == [(member, shopper)]
    assert member.last_login_at is not None


def test_a_password_change_checks_the_old_one_and_ends_every_session(no_request):
    user = services.find_user_by_email("shopper@kick.test")
    token = user.session_token
    with pytest.raises(ProblemError) as refused:
        services.change_password(user, "not it", "another long passphrase")
    assert refused.value.status == 422 and "current_password" in refused.value.errors
    assert user.session_token == token
    services.change_password(user, "kick-demo", "another long passphrase")
    assert user.check_password("another long passphrase") and user.session_token != token
