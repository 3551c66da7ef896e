"""HTML forms (Flask-WTF gives CSRF protection and field limits)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from app.accounts.passwords import MIN_PASSWORD_LENGTH, weakness
from app.core.forms import KickForm


class HardToGuess:
    """The form side of `passwords.weakness`: the same refusal, on the password field."""

    def __call__(self, form, field):
        from flask_login import current_user
        email = (getattr(form, "email", None) and form.email.data) or getattr(current_user, "email", None) or ""
        name = (getattr(form, "display_name", None) and form.display_name.data) or ""
        if len(field.data or "") < MIN_PASSWORD_LENGTH:
            return  # the length rule speaks first
        problem = weakness(field.data or "", email, name)
        if problem:
            raise ValidationError(problem)


def new_password_field(label=_l("Password")) -> PasswordField:
    """A password being chosen: the same rules everywhere an account gets one."""
    return PasswordField(label, validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH,
                               message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH)),
        Length(max=200, message=_l("Use at most %(num)d characters.", num=200)),
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


class ForgotPasswordForm(KickForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(KickForm):
    password = new_password_field(_l("New password"))
    confirm = repeat_password_field(_l("Repeat new password"), "password")


class InviteForm(KickForm):
    """Invite someone to a city role (platform admins: a city and marketer or desk; marketers: the desk)."""
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=[])
    city = SelectField(_l("City"), choices=[])


class RoleActionForm(KickForm):
    """A button that withdraws an invitation or revokes a role (CSRF only)."""


class AcceptInvitationForm(KickForm):
    """Accept an invitation as the logged-in account."""


class InviteeLoginForm(KickForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class InviteeRegisterForm(KickForm):
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    password = new_password_field()
    confirm = repeat_password_field(_l("Repeat password"), "password")
