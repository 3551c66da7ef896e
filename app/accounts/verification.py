"""Email addresses are proved by their owner before they become a login.

Registering never tells the person at the keyboard whether an address already has an account (that would let
anyone test who uses the app): both cases answer "we sent you a link". A free address gets the link; the owner
of a taken one gets a notice instead ("someone tried to create an account with your address"), and the
stranger's account simply never gets that address.
"""
import hmac
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale, gettext as _

from app.accounts.links import make_token, read_token
from app.accounts.models import User
from app.core import clock, mail
from app.core.i18n import current_locale
from app.core.problem import ProblemError
from app.core.urls import external_url
from app.extensions import db

LINK_MAX_AGE = timedelta(hours=48)
PURPOSE = "confirm-email"


def _digest(address: str) -> str:
    """The link names the address by a keyed digest: the address itself never lands in access logs."""
    return hmac.new(current_app.secret_key.encode(), b"confirm:" + address.encode(), "sha256").hexdigest()[:24]


def address_to_confirm(user: User) -> str | None:
    """The address this account is waiting to confirm: a new one, or an old account's unproved login."""
    if user.pending_email:
        return user.pending_email
    if user.email and user.email_verified_at is None:
        return user.email
    return None


def send_link(user: User) -> None:
    """Mail the confirmation link for the account's address (after the commit), or, when that address is
    another account's login, a notice to that account's owner. The caller's answer is the same either way."""
    from app.accounts.services import find_user_by_email  # noqa: PLC0415 - services imports this module
    address = address_to_confirm(user)
    if address is None:
        return
    owner = find_user_by_email(address)
    if owner is not None and owner.id != user.id:
        mail.queue(_owner_notice(owner))
        return
    token = make_token(PURPOSE, user, address=_digest(address))
    link = external_url("accounts.confirm_email", token=token)
    hours = int(LINK_MAX_AGE.total_seconds() // 3600)
    with force_locale(user.locale or current_locale()):
        mail.queue(mail.compose(address, _("KICK: confirm your email address"), [
            _("Open this link to confirm your email address and keep your stamps on every device:"), "", link, "",
            _("The link works for %(hours)d hours.", hours=hours),
            _("Did you not create a KICK account? Then you can ignore this email."),
        ]))


def link_sent_message(address: str, merchant: bool = False) -> str:
    """What the person at the keyboard reads: the same words whether or not the address has an account."""
    if merchant:
        return _("Almost done: we sent a link to %(email)s. Open it to confirm your address, so the city team's "
                 "decisions reach you by mail.", email=address)
    return _("Almost done: we sent a link to %(email)s. Open it to confirm your address; until then your "
             "account and stamps stay on this device.", email=address)


def _owner_notice(owner: User):
    with mail.in_language_of(owner):
        return mail.compose(owner.email, _("KICK: someone tried to create an account with your address"), [
            _("Someone tried to create a new KICK account with this email address. It already has an account, "
              "so your account was not changed."), "",
            _("Was it you? Log in with your password on the phone you used (%(link)s): the stamps or shop you "
              "made there move into your account.", link=external_url("accounts.login")),
            _("Forgot your password? Choose a new one here: %(link)s",
              link=external_url("accounts.forgot_password")), "",
            _("Was it not you? Then you can ignore this email: your account is safe."),
        ])


def confirm(token: str) -> User:
    """Open a confirmation link: the address becomes the account's login (once; a second click is fine)."""
    from app.accounts.services import find_user_by_email  # noqa: PLC0415 - services imports this module
    user, data = read_token(PURPOSE, token, LINK_MAX_AGE, _(
        "This link has expired. Log in or send yourself a new link from your stamps page."))
    address = next((a for a in (user.email, user.pending_email) if a and _digest(a) == data.get("address")),
                   None) if user else None
    if address is None:
        raise ProblemError(410, _("This link is no longer valid: the account or its address has changed."),
                           code="link_invalid")
    if user.email != address:
        taken = find_user_by_email(address)
        if taken is not None and taken.id != user.id:
            raise ProblemError(409, _("This address already belongs to an account. Log in with it instead."),
                               code="email_taken")
        user.email = address
        user.pending_email = None
    if user.email_verified_at is None:
        user.email_verified_at = clock.now()
    db.session.commit()
    return user
