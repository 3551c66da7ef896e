"""HTML forms (Flask-WTF gives CSRF protection and field limits)."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.accounts.services import MIN_PASSWORD_LENGTH
from app.core.forms import KickForm


class HardToGuess:
    """Refuse passwords that a guesser tries first: common words, keyboard walks, dates, and anything
    built from the person's own email or name. zxcvbn (Dropbox's estimator) scores the guesses needed;
    below 3 of 4 is too easy for an account that will hold a city's voucher or run a shop."""

    def __call__(self, form, field):
        from flask_login import current_user
        from zxcvbn import zxcvbn
        password = field.data or ""
        if len(password) < MIN_PASSWORD_LENGTH:
            return  # the length rule speaks first
        email = (getattr(form, "email", None) and form.email.data) or getattr(current_user, "email", None) or ""
        name = (getattr(form, "display_name", None) and form.display_name.data) or ""
        local = email.split("@", 1)[0].strip().lower()
        if len(local) >= 3 and local in password.lower():
            raise ValidationError(_("Do not use your email address in your password."))
        inputs = [part for part in (email, local, name, *name.split(), "kick", "kickcity") if part]
        if zxcvbn(password[:72], user_inputs=inputs)["score"] < 3:  # zxcvbn refuses longer input
            raise ValidationError(_("This password is too easy to guess. Use a few unusual words or a mix "
                                    "of words, digits and signs."))


def new_password_field(label=_l("Password")) -> PasswordField:
    """A password being chosen: the same rules everywhere an account gets one."""
    return PasswordField(label, validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                               message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)),
        HardToGuess()])


def repeat_password_field(label, of: str) -> PasswordField:
    return PasswordField(label, validators=[
        DataRequired(), EqualTo(of, message=_l("The passwords do not match."))])


class LoginForm(KickForm):
    # No format check at login: a wrong address simply does not match an account.
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in"), default=True)


class RegisterForm(KickForm):
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = new_password_field()
    confirm = repeat_password_field(_l("Repeat password"), "password")


class ChangePasswordForm(KickForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new_password = new_password_field(_l("New password"))
    confirm = repeat_password_field(_l("Repeat new password"), "new_password")
