"""Studio forms: a place, a feed, an import (deleting a place and "poll now" are bare KickForms: CSRF only)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.access.models import FeedAdapter, PlaceKind
from app.access.presenters import KIND_LABELS
from app.access.services.feeds import INTERVAL_MAX, INTERVAL_MIN, NAME_MAX as FEED_NAME_MAX, URL_MAX
from app.access.services.imports import ImportFormat
from app.access.services.places import CODE_MAX, LINE_MAX, NAME_MAX, NOTE_MAX, REF_MAX
from app.core.forms import ImportFileForm, KickForm, TranslatedFields

ADAPTER_LABELS = {FeedAdapter.DATEX2: _l("DATEX II v3 (ParkingStatusPublication, XML)"),
                  FeedAdapter.OPENDATASOFT: _l("Opendatasoft JSON (as Gent's real-time garages)")}
FORMAT_LABELS = {ImportFormat.CSV: _l("CSV"), ImportFormat.GEOJSON: _l("GeoJSON"),
                 ImportFormat.GTFS: _l("GTFS stops.txt (stops)")}


class PlaceForm(KickForm):
    kind = SelectField(_l("Kind"), choices=[(k.value, KIND_LABELS[k]) for k in PlaceKind],
                       validators=[DataRequired(_l("Choose what kind of place this is."))])
    code = StringField(_l("Code"), validators=[DataRequired(_l("Give the place a code.")), Length(max=CODE_MAX)],
                       render_kw={"autocomplete": "off", "spellcheck": "false"})
    name = TranslatedFields(_l("Name"), max_length=NAME_MAX, required=True)
    lat = StringField(_l("Latitude"), validators=[DataRequired(_l("Enter a valid latitude and longitude.")),
                                                  Length(max=20)])
    lon = StringField(_l("Longitude"), validators=[DataRequired(_l("Enter a valid latitude and longitude.")),
                                                   Length(max=20)])
    capacity = StringField(_l("Capacity (places)"), validators=[Optional(), Length(max=7)])
    hours = StringField(_l("Opening hours"), validators=[Optional(), Length(max=LINE_MAX)])
    price = StringField(_l("Price"), validators=[Optional(), Length(max=LINE_MAX)])
    shuttle = StringField(_l("Shuttle (park and ride)"), validators=[Optional(), Length(max=LINE_MAX)])
    accessible = BooleanField(_l("Accessible toilet"))
    baby_changing = BooleanField(_l("Baby changing table"))
    notes = TranslatedFields(_l("Notes"), max_length=NOTE_MAX, textarea=True)
    feed_id = SelectField(_l("Live occupancy feed"), choices=[], validators=[Optional()], validate_choice=False)
    feed_ref = StringField(_l("Record id in the feed"), validators=[Optional(), Length(max=REF_MAX)],
                           render_kw={"autocomplete": "off", "spellcheck": "false"})


class FeedForm(KickForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("Give the feed a name.")), Length(max=FEED_NAME_MAX)])
    adapter = SelectField(_l("Format"), choices=[(a.value, ADAPTER_LABELS[a]) for a in FeedAdapter],
                          validators=[DataRequired(_l("Choose the feed's format."))])
    url = StringField(_l("Web address"), validators=[DataRequired(_l("Give the feed's web address (http:// or "
                                                                      "https://).")), Length(max=URL_MAX)],
                      render_kw={"inputmode": "url", "spellcheck": "false"})
    interval_minutes = IntegerField(_l("Poll every (minutes)"), default=2,
                                    validators=[DataRequired(_l("Give a number of minutes.")),
                                                NumberRange(INTERVAL_MIN, INTERVAL_MAX)])
    active = BooleanField(_l("Poll this feed"), default=True)


class PlaceImportForm(ImportFileForm):
    format = SelectField(_l("Format"), choices=[(f, label) for f, label in FORMAT_LABELS.items()], default=ImportFormat.CSV,
                         validators=[DataRequired(_l("Choose the file's format."))])
    dry_run = BooleanField(_l("Only check the file (dry run)"), default=True)
