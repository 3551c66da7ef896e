"""HTML forms (Flask-WTF: CSRF and limits on every field)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Regexp, ValidationError

from app.core.forms import KickForm, TranslatedFields
from app.loyalty.codes import typed_digits
from app.loyalty.limits import parse_shop_id
from app.loyalty.models import COOLDOWN_CHOICES_HOURS, STAMPS_REQUIRED_RANGE

REWARD_LABELS = {"nl": _l("Reward (Dutch)"), "en": _l("Reward (English)"), "fr": _l("Reward (French)"),
                 "de": _l("Reward (German)")}
TITLE_LABELS = {"nl": _l("Title (Dutch)"), "en": _l("Title (English)"), "fr": _l("Title (French)"),
                "de": _l("Title (German)")}


def cooldown_label(hours: int):
    return {1: _l("Once per hour"), 4: _l("Once every 4 hours"), 12: _l("Twice a day (every 12 hours)"),
            24: _l("Once per day"), 168: _l("Once per week")}[hours]


class ButtonForm(KickForm):
    """A button that changes something: only the CSRF token."""


class ProgrammeForm(KickForm):
    stamps_required = IntegerField(_l("Stamps for a full card"), validators=[
        InputRequired(), NumberRange(*STAMPS_REQUIRED_RANGE)])
    reward = TranslatedFields(REWARD_LABELS, max_length=160, required=True)
    cooldown_hours = SelectField(_l("How often can one shopper get a stamp?"), coerce=int,
                                 choices=[(h, cooldown_label(h)) for h in COOLDOWN_CHOICES_HOURS])
    active = BooleanField(_l("Stamps are active (untick to pause)"))


class RedeemCodeForm(KickForm):
    redeem_code = StringField(_l("Redeem code"), validators=[DataRequired(), Length(max=20)],
                              render_kw={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"})


class EnterCodeForm(KickForm):
    shop_id = SelectField(_l("Shop"), coerce=parse_shop_id, validators=[InputRequired()])
    # Taken as the counter shows it: "548 752" and "548-752" are 548752 (codes.typed_digits, as the API).
    digits = StringField(_l("Code under the QR code"), filters=[typed_digits], validators=[
        DataRequired(message=_l("Type the 6 digits shown under the QR code.")),
        Regexp(r"^\d{6}$", message=_l("Type the 6 digits shown under the QR code."))],
        render_kw={"inputmode": "numeric", "maxlength": 12, "autocomplete": "one-time-code"})


class PassForm(KickForm):
    title = TranslatedFields(TITLE_LABELS, max_length=120, required=True)
    reward = TranslatedFields(REWARD_LABELS, max_length=160, required=True)
    distinct_shops_required = IntegerField(_l("Different shops needed"), validators=[
        InputRequired(), NumberRange(2, 50)])
    starts_on = DateField(_l("Starts on"), validators=[InputRequired()])
    ends_on = DateField(_l("Ends on"), validators=[InputRequired()])
    all_shops = BooleanField(_l("All approved shops take part"))
    shop_ids = SelectMultipleField(_l("Participating shops"), coerce=int, validate_choice=True)

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end date must not be before the start date."))

    def validate_shop_ids(self, field):
        if not self.all_shops.data and not field.data:
            raise ValidationError(_l("Choose at least one shop, or let all approved shops take part."))
