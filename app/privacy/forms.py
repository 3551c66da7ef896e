"""The delete-account form (Flask-WTF: CSRF included)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField
from wtforms.validators import Length, Optional

from app.core.forms import KickForm


class DeleteAccountForm(KickForm):
    # Which one is required depends on the account (password or anonymous card): see deletion.check_confirmation.
    password = PasswordField(_l("Your password"), validators=[Optional(), Length(max=200)])
    confirm = BooleanField(_l("Yes, delete my stamps and cards for good"))
