"""HTML forms for merchants and marketers (Flask-WTF: CSRF and field limits).

Forms only check shape and length; the rules (story length, pin inside the city, hours) live in
app.shops.rules so the API and the pages refuse exactly the same things.
"""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (BooleanField, DateField, EmailField, FieldList, Form, FormField, IntegerField, RadioField,
                     SelectField, SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.accounts.forms import new_password_field, repeat_password_field
from app.core.forms import KickForm, TranslatedFields
from app.shops.hours import DAYS, MAX_EXCEPTIONS
from app.shops.models import DOOR_WIDTH_MAX, DOOR_WIDTH_MIN
from app.shops.rules import (ADDRESS_MAX, ALT_MAX, NAME_MAX, PHONE_MAX, REASON_MAX, STORY_MAX, TAGLINE_MAX,
                             WEBSITE_MAX)

CATEGORY_LABELS = {
    "fashion": _l("Fashion"), "food_drink": _l("Food & drink"), "design_crafts": _l("Design & crafts"),
    "books_music": _l("Books & music"), "home_living": _l("Home & living"), "beauty_health": _l("Beauty & health"),
    "kids": _l("Kids"), "sports": _l("Sports"), "second_hand_vintage": _l("Second-hand & vintage"),
    "services": _l("Services"), "other": _l("Other"),
}
LANGUAGE_LABELS = {
    "nl": "Nederlands", "fr": "Français", "en": "English", "de": "Deutsch", "es": "Español", "it": "Italiano",
    "pt": "Português", "pl": "Polski", "ro": "Română", "tr": "Türkçe", "ar": "العربية", "zh": "中文",
    "uk": "Українська", "ru": "Русский",
}
DAY_LABELS = {"mon": _l("Monday"), "tue": _l("Tuesday"), "wed": _l("Wednesday"), "thu": _l("Thursday"),
              "fri": _l("Friday"), "sat": _l("Saturday"), "sun": _l("Sunday")}
EXTRA_EXCEPTION_ROWS = 2


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def city_choices():
    from app.cities.services import live_cities
    return [(city.slug, city.name) for city in live_cities()]


class NewShopForm(KickForm):
    city = SelectField(_l("City"), validators=[DataRequired()])
    shop_name = StringField(_l("Name of your shop"), validators=[DataRequired(), Length(max=NAME_MAX)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A required select starts with an empty choice: nobody signs up in the first town on the list unawares.
        self.city.choices = [("", _l("Choose your city")), *city_choices()]


class JoinForm(NewShopForm):
    display_name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    password = new_password_field()
    confirm = repeat_password_field(_l("Repeat password"), "password")


class ProfileForm(KickForm):
    category = SelectField(_l("Category"), choices=[(k, v) for k, v in CATEGORY_LABELS.items()])
    address = StringField(_l("Street and number"), validators=[Optional(), Length(max=ADDRESS_MAX)])
    lat = StringField(_l("Latitude"), validators=[Optional(), Length(max=20)])
    lon = StringField(_l("Longitude"), validators=[Optional(), Length(max=20)])
    website = StringField(_l("Website"), validators=[Optional(), Length(max=WEBSITE_MAX)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=PHONE_MAX)])
    languages = MultiCheckboxField(_l("Languages spoken in the shop"),
                                   choices=[(k, v) for k, v in LANGUAGE_LABELS.items()])

    # All optional here: app.shops.rules requires the Dutch name (with the same message as the API).
    name = TranslatedFields(_l("Shop name"), max_length=NAME_MAX)
    tagline = TranslatedFields(_l("Tagline"), max_length=TAGLINE_MAX)
    story = TranslatedFields(_l("Your story"), max_length=STORY_MAX, textarea=True)

    TRANSLATED = ("name", "tagline", "story")


class DayForm(Form):
    open1 = StringField(_l("Opens"), validators=[Optional(), Length(max=5)])
    close1 = StringField(_l("Closes"), validators=[Optional(), Length(max=5)])
    open2 = StringField(_l("Opens again"), validators=[Optional(), Length(max=5)])
    close2 = StringField(_l("Closes"), validators=[Optional(), Length(max=5)])


class ExceptionForm(Form):
    date = DateField(_l("Date"), validators=[Optional()])
    closed = BooleanField(_l("Closed all day"), default=True)
    opens = StringField(_l("Opens"), validators=[Optional(), Length(max=5)])
    closes = StringField(_l("Closes"), validators=[Optional(), Length(max=5)])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=200)])


class HoursForm(KickForm):
    exceptions = FieldList(FormField(ExceptionForm), min_entries=0, max_entries=MAX_EXCEPTIONS + EXTRA_EXCEPTION_ROWS)


for _day in DAYS:
    setattr(HoursForm, _day, FormField(DayForm, label=DAY_LABELS[_day]))


class PhotoUploadForm(KickForm):
    photo = FileField(_l("Photo"), validators=[FileRequired(_l("Choose a photo."))])
    alt_nl = StringField(_l("What is in the photo?"), validators=[Optional(), Length(max=ALT_MAX)])


class MovePhotoForm(KickForm):
    """The hidden field of the up/down buttons on the photos page."""
    direction = SelectField(choices=[("up", "up"), ("down", "down")], validators=[DataRequired()])


class PhotoAltForm(KickForm):
    alt = TranslatedFields({"nl": _l("Description (Dutch)"), "en": _l("Description (English)"),
                            "fr": _l("Description (French)"), "de": _l("Description (German)")}, max_length=ALT_MAX)


class ReasonForm(KickForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give a reason, so the merchant knows what to change.")),
                                                     Length(max=REASON_MAX)])


class SpotlightForm(KickForm):
    featured_from = DateField(_l("From"), validators=[DataRequired()])
    featured_until = DateField(_l("Until"), validators=[DataRequired()])
    featured_rank = IntegerField(_l("Position"), default=0, validators=[Optional(), NumberRange(min=0, max=99)])


def hours_from_form(form: HoursForm) -> dict:
    """Form rows -> the stored hours format (validated later by rules.clean_changes)."""
    weekly = {}
    for day in DAYS:
        sub = form[day]
        intervals = []
        for opens, closes in (("open1", "close1"), ("open2", "close2")):
            start, end = (sub[opens].data or "").strip(), (sub[closes].data or "").strip()
            if start or end:
                intervals.append([start, end])
        weekly[day] = intervals
    exceptions = []
    for entry in form.exceptions:
        row = entry.form
        if not row.date.data:
            continue
        item = {"date": row.date.data.isoformat(), "note": row.note.data or ""}
        opens, closes = (row.opens.data or "").strip(), (row.closes.data or "").strip()
        if row.closed.data or not (opens or closes):
            item["closed"] = True
        else:
            item.update(closed=False, intervals=[[opens, closes]])
        exceptions.append(item)
    return {"weekly": weekly, "exceptions": exceptions}


def fill_hours_form(form: HoursForm, hours: dict) -> None:
    from datetime import date
    weekly = (hours or {}).get("weekly", {})
    for day in DAYS:
        intervals = weekly.get(day, [])
        for index, (opens, closes) in enumerate((("open1", "close1"), ("open2", "close2"))):
            if index < len(intervals):
                form[day][opens].data, form[day][closes].data = intervals[index]
    for exc in (hours or {}).get("exceptions", []):
        form.exceptions.append_entry()
        row = form.exceptions[-1].form
        row.date.data = date.fromisoformat(exc["date"])
        row.closed.data = exc["closed"]
        row.note.data = exc.get("note", "")
        if not exc["closed"]:
            row.opens.data, row.closes.data = exc["intervals"][0]
    for _ in range(EXTRA_EXCEPTION_ROWS):
        form.exceptions.append_entry()
        form.exceptions[-1].form.closed.data = True


class EmailInviteForm(KickForm):
    """An invitation to one address: the owner's to the shop's staff, the city team's to claim an imported shop."""
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])


# --- accessibility (live at once, like the hours: see app.shops.models.ACCESSIBILITY_FIELDS) -----------------

ACCESS_ANSWERS = [("", _l("Not filled in")), ("yes", _l("Yes")), ("no", _l("No"))]
ACCESS_FORM_FIELDS = {"accessibility.step_free": "step_free", "accessibility.door_width_cm": "door_width_cm",
                      "accessibility.accessible_toilet": "accessible_toilet", "accessibility.seating": "seating",
                      "accessibility.quiet_hours": "quiet_from", "accessibility.assistance_dogs": "assistance_dogs"}


def _answer(label):
    return RadioField(label, choices=ACCESS_ANSWERS, default="", validate_choice=True,
                      validators=[Optional()])


class AccessibilityForm(KickForm):
    step_free = _answer(_l("Step-free entrance (no step, or a ramp)"))
    door_width_cm = IntegerField(_l("Width of the narrowest door a visitor passes (cm)"),
                                 validators=[Optional(), NumberRange(
                                     min=DOOR_WIDTH_MIN, max=DOOR_WIDTH_MAX,
                                     message=_l("Give the door width in whole centimetres, from %(min)d to %(max)d."))])
    accessible_toilet = _answer(_l("Accessible toilet for visitors"))
    seating = _answer(_l("Somewhere to sit down"))
    assistance_dogs = _answer(_l("Assistance dogs welcome"))
    quiet_days = MultiCheckboxField(_l("Quiet hours: days"), choices=[(day, DAY_LABELS[day]) for day in DAYS])
    quiet_from = StringField(_l("From"), validators=[Optional(), Length(max=5)])
    quiet_until = StringField(_l("Until"), validators=[Optional(), Length(max=5)])

    FLAGS = ("step_free", "accessible_toilet", "seating", "assistance_dogs")


def fill_accessibility_form(form: AccessibilityForm, access: dict) -> None:
    for name in AccessibilityForm.FLAGS:
        value = access.get(name)
        form[name].data = "" if value is None else ("yes" if value else "no")
    form.door_width_cm.data = access.get("door_width_cm")
    quiet = access.get("quiet_hours") or {}
    form.quiet_days.data = list(quiet.get("days", []))
    form.quiet_from.data, form.quiet_until.data = quiet.get("from", ""), quiet.get("until", "")


def accessibility_from_form(form: AccessibilityForm) -> dict:
    """The whole accessibility as the form says it (an empty answer clears a fact)."""
    values = {name: {"yes": True, "no": False}.get(form[name].data) for name in AccessibilityForm.FLAGS}
    values["door_width_cm"] = form.door_width_cm.data
    days, start, end = form.quiet_days.data or [], (form.quiet_from.data or "").strip(), (form.quiet_until.data or "").strip()
    values["quiet_hours"] = {"days": days, "from": start, "until": end} if (days or start or end) else None
    return values
