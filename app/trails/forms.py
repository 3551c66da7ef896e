"""Studio forms (Flask-WTF: CSRF and field limits). Translated texts get one field per locale:
`title_nl` (required), `title_en`, `title_fr`, `title_de` (optional, fall back to Dutch)."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, FloatField, HiddenField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app.core.forms import KickForm, TranslatedFields
from app.ops.input_guard import bracket_depth
from app.trails.models import TrailKind, TrailSurface

KIND_LABELS = {TrailKind.HERITAGE: _l("Heritage"), TrailKind.SHOPPING: _l("Shopping"), TrailKind.GREEN: _l("Green"),
               TrailKind.FAMILY: _l("Family")}
SURFACE_LABELS = {TrailSurface.PAVED: _l("Paved"), TrailSurface.COBBLES: _l("Cobblestones"),
                  TrailSurface.MIXED: _l("Mixed"), TrailSurface.GRAVEL: _l("Gravel"),
                  TrailSurface.UNPAVED: _l("Unpaved paths")}
ACCESS_LABELS = {"step_free": _l("Step-free"), "wheelchair": _l("Wheelchair accessible"),
                 "stroller": _l("Stroller friendly"), "benches": _l("Benches on the way"),
                 "toilets": _l("Toilets on the way")}


class VersionedForm(KickForm):
    """Every studio write names the version it was made from (optimistic concurrency)."""
    version = HiddenField(validators=[InputRequired(), Regexp(r"^\d{1,9}$")])


class TrailForm(VersionedForm):
    slug = StringField(_l("Web address"), validators=[
        Optional(), Length(max=80),
        Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Use lowercase letters, digits and hyphens only."))])
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k.value, KIND_LABELS[k]) for k in TrailKind])
    surface = SelectField(_l("Surface"), choices=[SelectChoice(s.value, SURFACE_LABELS[s]) for s in TrailSurface])
    dwell_minutes = IntegerField(_l("Minutes spent at each stop"), default=5,
                                 validators=[InputRequired(), NumberRange(min=0, max=120)])
    step_free = BooleanField(ACCESS_LABELS["step_free"])
    wheelchair = BooleanField(ACCESS_LABELS["wheelchair"])
    stroller = BooleanField(ACCESS_LABELS["stroller"])
    benches = BooleanField(ACCESS_LABELS["benches"])
    toilets = BooleanField(ACCESS_LABELS["toilets"])
    title = TranslatedFields(_l("Title"), max_length=120, required=True)
    summary = TranslatedFields(_l("Summary"), max_length=300, textarea=True)
    body = TranslatedFields(_l("Introduction"), max_length=5000, textarea=True)
    access_note = TranslatedFields(_l("Accessibility notes"), max_length=500, textarea=True)


class NewTrailForm(TrailForm):
    version = HiddenField(default="0")  # nothing to conflict with yet


class StopForm(VersionedForm):
    lat = FloatField(_l("Latitude"), validators=[InputRequired(), NumberRange(min=-90, max=90)])
    lon = FloatField(_l("Longitude"), validators=[InputRequired(), NumberRange(min=-180, max=180)])
    shop_id = SelectField(_l("Linked shop"), coerce=int, default=0, validate_choice=False)
    image = FileField(_l("Photo"))
    remove_image = BooleanField(_l("Remove the photo"))
    title = TranslatedFields(_l("Name of the stop"), max_length=120, required=True)
    body = TranslatedFields(_l("What to see here"), max_length=2000, textarea=True)
    image_alt = TranslatedFields(_l("Photo description (alt text)"), max_length=200)


class CoverForm(VersionedForm):
    cover = FileField(_l("Cover photo"))
    cover_alt = TranslatedFields(_l("Photo description (alt text)"), max_length=200)


MAX_PATH_CHARS = 100_000  # 2000 points of [lat, lon] with full float precision fit easily
MAX_PATH_DEPTH = 2  # a list of [lat, lon] pairs


def bounded_json(max_chars: int, max_depth: int):
    """A form field carrying JSON: bounded in size and nesting before anyone parses it (Python's
    parser recurses per bracket; 100,000 of them are a RecursionError, a 500)."""
    def check(form, field):
        raw = field.data or ""
        if len(raw) > max_chars:
            raise ValidationError(_l("The path is too long: at most %(num)d characters.", num=max_chars))
        if bracket_depth(raw.encode()) > max_depth:
            raise ValidationError(_l("The path must be a list of [latitude, longitude] points."))
    return check


class PathForm(VersionedForm):
    path = HiddenField(validators=[bounded_json(MAX_PATH_CHARS, MAX_PATH_DEPTH)])


class PathFileForm(VersionedForm):
    """A GPX track or GeoJSON line to use as the trail's walking path (app.trails.services.path_files)."""
    file = FileField(_l("GPX or GeoJSON file"))


class OrderForm(VersionedForm):
    order = HiddenField(validators=[InputRequired(), Length(max=2000), Regexp(r"^\d+(,\d+)*$")])


class VersionedButtonForm(VersionedForm):
    """Buttons that only need CSRF + version: publish, unpublish, move, remove, restore, delete."""
