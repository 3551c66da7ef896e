"""Studio forms of the vacancy register. Fields are text where a spreadsheet's habits must pass (62,5 m²);
the register's rules (app.premises.rules) check them, so the form, the CSV import and the API agree."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms.fields.choices import SelectChoice
from wtforms import BooleanField, HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import KickForm, TranslatedFields
from app.premises.models import Condition, LeaseType, PremiseState
from app.premises.rules import (ADDRESS_MAX, CONTACT_MAX, DESCRIPTION_MAX, NOTE_MAX, PREVIOUS_USE_MAX,
                                USES_MAX)
from app.premises.services.register import INCENTIVE_NAME_MAX, INCENTIVE_TEXT_MAX

STATE_LABELS = {PremiseState.VACANT: _l("Vacant"), PremiseState.OPTION: _l("Under option"),
                PremiseState.LET: _l("Let"), PremiseState.REPURPOSED: _l("Re-purposed")}
LEASE_LABELS = {LeaseType.LONG: _l("Long lease"), LeaseType.SHORT: _l("Short lease"),
                LeaseType.POPUP: _l("Pop-up by the week")}
CONDITION_LABELS = {Condition.TURNKEY: _l("Ready to open"), Condition.GOOD: _l("Good"),
                    Condition.REFURBISH: _l("Needs work"), Condition.SHELL: _l("Shell (casco)")}
STEP_FREE_CHOICES = [SelectChoice("", _l("Not known")), SelectChoice("yes", _l("Yes, step-free")),
                     SelectChoice("no", _l("No, a step or stairs"))]
NUMBER = [Optional(), Length(max=20)]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PremiseForm(KickForm):
    address = StringField(_l("Address"), validators=[DataRequired(_l("Give the address, e.g. Ooststraat 52, 8800 Roeselare.")),
                                                     Length(max=ADDRESS_MAX)])
    state = SelectField(_l("State"), choices=[SelectChoice(s.value, label) for s, label in STATE_LABELS.items()])
    vacant_since = StringField(_l("Vacant since"), validators=[Optional(), Length(max=10)],
                               render_kw={"type": "date"})
    lat = StringField(_l("Latitude"), validators=NUMBER, render_kw={"inputmode": "decimal"})
    lon = StringField(_l("Longitude"), validators=NUMBER, render_kw={"inputmode": "decimal"})
    floor_area_m2 = StringField(_l("Floor area (m²)"), validators=NUMBER, render_kw={"inputmode": "decimal"})
    sales_floor_m2 = StringField(_l("Sales floor (m²)"), validators=NUMBER, render_kw={"inputmode": "decimal"})
    frontage_m = StringField(_l("Frontage (m)"), validators=NUMBER, render_kw={"inputmode": "decimal"})
    floors = StringField(_l("Floors"), validators=NUMBER, render_kw={"inputmode": "numeric"})
    rent_min = StringField(_l("Rent from (EUR per month)"), validators=NUMBER, render_kw={"inputmode": "numeric"})
    rent_max = StringField(_l("Rent up to (EUR per month)"), validators=NUMBER, render_kw={"inputmode": "numeric"})
    lease_types = MultiCheckboxField(_l("Lease options"), choices=[SelectChoice(k.value, v) for k, v in LEASE_LABELS.items()])
    permitted_uses = StringField(_l("Permitted uses"), validators=[Optional(), Length(max=USES_MAX)])
    previous_use = StringField(_l("Previous use"), validators=[Optional(), Length(max=PREVIOUS_USE_MAX)])
    condition = SelectField(_l("Condition"), choices=[SelectChoice("", _l("Not known"))]
                            + [SelectChoice(k.value, v) for k, v in CONDITION_LABELS.items()])
    step_free = SelectField(_l("Step-free entrance"), choices=STEP_FREE_CHOICES)
    owner_contact = StringField(_l("Owner or agent (private)"), validators=[Optional(), Length(max=CONTACT_MAX)])
    description = TranslatedFields(_l("Description"), max_length=DESCRIPTION_MAX, textarea=True)
    incentives = MultiCheckboxField(_l("Incentives that apply"), coerce=int, choices=[])
    shop_id = SelectField(_l("Shop in this premise"), coerce=int, choices=[])
    version = HiddenField()


class StateForm(KickForm):
    state = SelectField(_l("New state"), choices=[SelectChoice(s.value, label) for s, label in STATE_LABELS.items()])
    changed_on = StringField(_l("From"), validators=[Optional(), Length(max=10)], render_kw={"type": "date"})
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=NOTE_MAX)])
    version = HiddenField()


class PhotoForm(KickForm):
    photo = FileField(_l("Photo"))
    alt = TranslatedFields(_l("Photo description (alt text)"), max_length=200)


class IncentiveForm(KickForm):
    name = TranslatedFields(_l("Name"), max_length=INCENTIVE_NAME_MAX, required=True)
    description = TranslatedFields(_l("What it offers"), max_length=INCENTIVE_TEXT_MAX, textarea=True)
    active = BooleanField(_l("Offered now"), default=True)
