"""Forms of the public premises and the matchmaker (room match)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.core.forms import KickForm
from app.premises.match_models import NAME_MAX, NOTE_MAX, TEXT_MAX
from app.premises.match_presenters import LEASE_LABELS, PART_LABELS
from app.premises.services.matching import MAX_WEIGHT, PARTS
from app.shops.forms import CATEGORY_LABELS, MultiCheckboxField

AREA = [Optional(), NumberRange(min=0, max=10000)]
MONEY = [Optional(), NumberRange(min=0, max=1_000_000)]


class ConceptProfileForm(KickForm):
    name = StringField(_l("Name of your concept"), validators=[DataRequired(), Length(max=NAME_MAX)])
    sells = TextAreaField(_l("What you sell"), validators=[Optional(), Length(max=TEXT_MAX)])
    unique = TextAreaField(_l("What makes it unique"), validators=[Optional(), Length(max=TEXT_MAX)])
    category = SelectField(_l("Category"), choices=[(k, v) for k, v in CATEGORY_LABELS.items()])
    area_min = IntegerField(_l("Area at least (m²)"), validators=AREA)
    area_max = IntegerField(_l("Area at most (m²)"), validators=AREA)
    budget_max = IntegerField(_l("Rent per month at most (€)"), validators=MONEY)
    opening_on = DateField(_l("Opening from"), validators=[Optional()])
    lease_types = MultiCheckboxField(_l("Lease"), choices=[(k, v) for k, v in LEASE_LABELS.items()])
    open_to_proposals = BooleanField(_l("The city may propose premises to me"))

    def values(self) -> dict:
        return {key: getattr(self, key).data for key in ("name", "sells", "unique", "category", "area_min",
                                                          "area_max", "budget_max", "opening_on", "lease_types",
                                                          "open_to_proposals")}


class InterestForm(KickForm):
    note = TextAreaField(_l("A short note for the city"), validators=[Optional(), Length(max=NOTE_MAX)])


class DeleteForm(KickForm):
    """A button that deletes (the profile, a request): CSRF only."""


class StageForm(KickForm):
    stage = SelectField(_l("Move to"), choices=[])
    version = HiddenField(validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=NOTE_MAX)])
    on = DateField(_l("Date"), validators=[Optional()])


class ProposeForm(KickForm):
    profile_id = HiddenField(validators=[DataRequired()])


class InviteForm(KickForm):
    """Invite the entrepreneur of a deal to sign up their shop: CSRF only."""


class WeightsForm(KickForm):
    pass


for _part in PARTS:
    setattr(WeightsForm, _part, IntegerField(PART_LABELS[_part],
                                             validators=[Optional(),
                                                         NumberRange(min=0, max=MAX_WEIGHT)]))
