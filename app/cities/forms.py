"""A town's lifecycle switch, shared by the admin console and the town's own studio."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired, ValidationError

from app.cities.models import CityStatus
from app.core.forms import KickForm


class TownStatusForm(KickForm):
    status = HiddenField(validators=[DataRequired()])
    confirm = BooleanField(_l("Yes, I am sure"), validators=[DataRequired(_l("Tick the box to confirm."))])

    def validate_status(self, field):
        if field.data not in {status.value for status in CityStatus}:
            raise ValidationError(_l("Choose draft or live."))
