"""Forms of city news: the studio's message (with its target) and the merchant's channel choices."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, FloatField, SelectField
from wtforms.validators import NumberRange, Optional, ValidationError

from app.core.forms import KickForm, TranslatedFields
from app.shops.forms import CATEGORY_LABELS, MultiCheckboxField
from app.core import richtext
from app.voice.models import NewsKind
from app.voice.services.news import PUBLIC_LINE_MAX, TITLE_MAX

KIND_LABELS = {NewsKind.NEWS.value: _l("News"), NewsKind.WORKS.value: _l("Road works"),
               NewsKind.EVENT.value: _l("Event")}


class NewsForm(KickForm):
    kind = SelectField(_l("Kind of message"), choices=list(KIND_LABELS.items()), default=NewsKind.NEWS.value)
    title = TranslatedFields(_l("Title"), max_length=TITLE_MAX, required=True)
    body = TranslatedFields(_l("Message"), max_length=richtext.BODY_MAX, textarea=True, required=True)
    streets = MultiCheckboxField(_l("Streets"), choices=[], validate_choice=False)
    categories = MultiCheckboxField(_l("Categories"), choices=list(CATEGORY_LABELS.items()))
    starts_on = DateField(_l("From"), validators=[Optional()])
    ends_on = DateField(_l("Until"), validators=[Optional()])
    lat = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    lon = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    on_public_map = BooleanField(_l("Show on the public city map while it runs"))
    public_line = TranslatedFields(_l("Line for shoppers on the map"), max_length=PUBLIC_LINE_MAX)

    def __init__(self, *args, streets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.streets.choices = [(street, street) for street in streets]


def _checkbox_value(form, field):
    """A ticked box sends "y" (or "on"); anything longer is not a checkbox and is refused."""
    if field.raw_data and len(str(field.raw_data[0])) > 5:
        raise ValidationError(_l("Reload the page and try again."))


class ChannelsForm(KickForm):
    email = BooleanField(_l("By email"), validators=[_checkbox_value])
    push = BooleanField(_l("As a notification in this browser (Web Push)"), validators=[_checkbox_value])


class ReadAllForm(KickForm):
    pass
