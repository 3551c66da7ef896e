"""Theme studio form (Flask-WTF: CSRF, field limits; the contrast rules live in app.pwa.theme)."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from app.core.forms import KickForm, TranslatedFields
from app.pwa.theme import MAX_ATTRIBUTION, MAX_TAGLINE, MAX_TILE_URL

COLOUR = [DataRequired(), Length(max=7),
          Regexp(r"^#[0-9A-Fa-f]{6}$", message=_l("Use a colour like #1A2B3C."))]
TAGLINE_LABELS = {"nl": _l("Tagline (Dutch)"), "en": _l("Tagline (English)"),
                  "fr": _l("Tagline (French)"), "de": _l("Tagline (German)")}


class ThemeForm(KickForm):
    primary_color = StringField(_l("Primary colour"), validators=COLOUR)
    accent_color = StringField(_l("Accent colour"), validators=COLOUR)
    background_color = StringField(_l("Background colour"), validators=COLOUR)
    text_color = StringField(_l("Text colour"), validators=COLOUR)
    tagline = TranslatedFields(TAGLINE_LABELS, max_length=MAX_TAGLINE, required=True)
    logo = FileField(_l("Logo"))
    remove_logo = BooleanField(_l("Remove the logo (use the initial)"))
    hero = FileField(_l("Hero image"))
    remove_hero = BooleanField(_l("Remove the hero image"))
    tile_url = StringField(_l("Map tile address"), validators=[DataRequired(), Length(max=MAX_TILE_URL)])
    tile_attribution = StringField(_l("Map attribution"), validators=[DataRequired(), Length(max=MAX_ATTRIBUTION)])
