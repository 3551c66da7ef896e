"""Forms of the admin console: a town's settings and its lifecycle switch."""
from flask_babel import lazy_gettext as _l
from wtforms import FloatField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.config import SUPPORTED_LOCALES
from app.core.forms import KickForm, TranslatedFields
from app.core.i18n import LANGUAGE_NAMES

LANGUAGE_CHOICES = [SelectChoice(code, LANGUAGE_NAMES[code]) for code in SUPPORTED_LOCALES]


class LanguageChecks(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class TownSettingsForm(KickForm):
    """Everything about a town except its look (the city studio) and its address (fixed once made)."""
    names = TranslatedFields({"nl": _l("Dutch name (required)"), "fr": _l("French name"), "en": _l("English name"),
                              "de": _l("German name")}, max_length=80, required=True)
    center_lat = FloatField(_l("Centre: latitude"), validators=[InputRequired()])
    center_lon = FloatField(_l("Centre: longitude"), validators=[InputRequired()])
    default_locale = SelectField(_l("Default language"), choices=LANGUAGE_CHOICES, default="nl")
    offered_locales = LanguageChecks(_l("Languages the app offers"), choices=LANGUAGE_CHOICES,
                                     default=list(SUPPORTED_LOCALES))
    tile_url = StringField(_l("Map tile address"), validators=[DataRequired(), Length(max=300)])
    tile_attribution = StringField(_l("Map attribution"), validators=[DataRequired(), Length(max=300)])
    privacy_contact = StringField(_l("Privacy contact"), validators=[Optional(), Length(max=200)])

    def values(self) -> dict:
        from app.core.forms import translated_data
        return {"names": translated_data(self, "names"), "center_lat": self.center_lat.data,
                "center_lon": self.center_lon.data, "default_locale": self.default_locale.data,
                "offered_locales": list(self.offered_locales.data or []), "tile_url": self.tile_url.data.strip(),
                "tile_attribution": self.tile_attribution.data, "privacy_contact": self.privacy_contact.data}


class NewTownForm(TownSettingsForm):
    slug = StringField(_l("Web address"), validators=[DataRequired(), Length(max=40)])
