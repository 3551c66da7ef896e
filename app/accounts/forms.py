"""HTML forms (Flask-WTF gives CSRF protection and field limits)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from app.accounts.services import MIN_PASSWORD_LENGTH


def new_password_field(label=_l("Password")) -> PasswordField:
    """A password being chosen: the same length rule everywhere an account gets one."""
    return PasswordField(label, validators=[
        DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200,
                               message=_l("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH))])


def repeat_password_field(label, of: str) -> PasswordField:
    return PasswordField(label, validators=[
        DataRequired(), EqualTo(of, message=_l("The passwords do not match."))])


class LoginForm(FlaskForm):
    # No format check at login: a wrong address simply does not match an account.
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])
    remember = BooleanField(_l("Keep me logged in"), default=True)


class RegisterForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = new_password_field()
    confirm = repeat_password_field(_l("Repeat password"), "password")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=200)])
    new_password = new_password_field(_l("New password"))
    confirm = repeat_password_field(_l("Repeat new password"), "new_password")
