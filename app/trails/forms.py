"""Studio forms (Flask-WTF: CSRF and field limits). Translated texts get one field per locale:
`title_nl` (required), `title_en`, `title_fr`, `title_de` (optional, fall back to Dutch)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FloatField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp, ValidationError

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES
from app.ops.input_guard import bracket_depth
from app.trails.models import KINDS, SURFACES

KIND_LABELS = {"heritage": _l("Heritage"), "shopping": _l("Shopping"), "green": _l("Green"), "family": _l("Family")}
SURFACE_LABELS = {"paved": _l("Paved"), "cobbles": _l("Cobblestones"), "mixed": _l("Mixed"),
                  "gravel": _l("Gravel"), "unpaved": _l("Unpaved paths")}
ACCESS_LABELS = {"step_free": _l("Step-free"), "wheelchair": _l("Wheelchair accessible"),
                 "stroller": _l("Stroller friendly"), "benches": _l("Benches on the way"),
                 "toilets": _l("Toilets on the way")}


def add_translated(form_cls, name: str, label, *, max_length: int, textarea: bool = False, required: bool = False):
    field_cls = TextAreaField if textarea else StringField
    for locale in SUPPORTED_LOCALES:
        needed = required and locale == DEFAULT_LOCALE
        validators = [DataRequired() if needed else Optional(), Length(max=max_length)]
        setattr(form_cls, f"{name}_{locale}", field_cls(label, validators=validators))
    return form_cls


def translated_data(form, name: str) -> dict:
    values = {}
    for locale in SUPPORTED_LOCALES:
        text = (form[f"{name}_{locale}"].data or "").strip()
        if text:
            values[locale] = text
    return values


def fill_translated(form, name: str, values: dict | None) -> None:
    for locale in SUPPORTED_LOCALES:
        form[f"{name}_{locale}"].data = (values or {}).get(locale, "")


class VersionedForm(FlaskForm):
    """Every studio write names the version it was made from (optimistic concurrency)."""
    version = HiddenField(validators=[InputRequired(), Regexp(r"^\d{1,9}$")])


class TrailForm(VersionedForm):
    slug = StringField(_l("Web address"), validators=[
        Optional(), Length(max=80),
        Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", message=_l("Use lowercase letters, digits and hyphens only."))])
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k, KIND_LABELS[k]) for k in KINDS])
    surface = SelectField(_l("Surface"), choices=[SelectChoice(s, SURFACE_LABELS[s]) for s in SURFACES])
    dwell_minutes = IntegerField(_l("Minutes spent at each stop"), default=5,
                                 validators=[InputRequired(), NumberRange(min=0, max=120)])
    step_free = BooleanField(ACCESS_LABELS["step_free"])
    wheelchair = BooleanField(ACCESS_LABELS["wheelchair"])
    stroller = BooleanField(ACCESS_LABELS["stroller"])
    benches = BooleanField(ACCESS_LABELS["benches"])
    toilets = BooleanField(ACCESS_LABELS["toilets"])


add_translated(TrailForm, "title", _l("Title"), max_length=120, required=True)
add_translated(TrailForm, "summary", _l("Summary"), max_length=300, textarea=True)
add_translated(TrailForm, "body", _l("Introduction"), max_length=5000, textarea=True)
add_translated(TrailForm, "access_note", _l("Accessibility notes"), max_length=500, textarea=True)


class NewTrailForm(TrailForm):
    version = HiddenField(default="0")  # nothing to conflict with yet


class StopForm(VersionedForm):
    lat = FloatField(_l("Latitude"), validators=[InputRequired(), NumberRange(min=-90, max=90)])
    lon = FloatField(_l("Longitude"), validators=[InputRequired(), NumberRange(min=-180, max=180)])
    shop_id = SelectField(_l("Linked shop"), coerce=int, default=0, validate_choice=False)
    image = FileField(_l("Photo"))
    remove_image = BooleanField(_l("Remove the photo"))


add_translated(StopForm, "title", _l("Name of the stop"), max_length=120, required=True)
add_translated(StopForm, "body", _l("What to see here"), max_length=2000, textarea=True)
add_translated(StopForm, "image_alt", _l("Photo description (alt text)"), max_length=200)


class CoverForm(VersionedForm):
    cover = FileField(_l("Cover photo"))


add_translated(CoverForm, "cover_alt", _l("Photo description (alt text)"), max_length=200)


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


class OrderForm(VersionedForm):
    order = HiddenField(validators=[InputRequired(), Length(max=2000), Regexp(r"^\d+(,\d+)*$")])


class ActionForm(VersionedForm):
    """Buttons that only need CSRF + version: publish, unpublish, move, remove, restore, delete."""
