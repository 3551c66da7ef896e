"""Studio forms of the figures: a counting point, a vendor token (revoking one is a bare KickForm: CSRF only)."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional

from app.core.forms import KickForm
from app.figures.services.footfall import CODE_MAX, LABEL_MAX, NAME_MAX


class CountingPointForm(KickForm):
    code = StringField(_l("Code"), validators=[DataRequired(_l("Give the code the counter's files use for this point.")),
                                               Length(max=CODE_MAX)],
                       render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give the point a name.")), Length(max=NAME_MAX)])
    lat = StringField(_l("Latitude"), validators=[Optional(), Length(max=20)])  # 51.0326 or 51,0326
    lon = StringField(_l("Longitude"), validators=[Optional(), Length(max=20)])


class FootfallTokenForm(KickForm):
    label = StringField(_l("Who uses it"), validators=[DataRequired(_l("Give the token a name.")),
                                                       Length(max=LABEL_MAX)])
