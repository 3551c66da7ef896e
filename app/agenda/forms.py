"""The studio's and the merchant's event forms, and the recurrence form that writes the RRULE."""
from datetime import datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, FloatField, IntegerField, SelectField, SelectMultipleField, StringField
from wtforms import TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from app.agenda import recurrence
from app.agenda.models import EventKind
from app.agenda.presenters import KIND_LABELS
from app.core.clock import TZ
from app.core.forms import KickForm, TranslatedFields

WEEKDAY_LABELS = {"MO": _l("Monday"), "TU": _l("Tuesday"), "WE": _l("Wednesday"), "TH": _l("Thursday"),
                  "FR": _l("Friday"), "SA": _l("Saturday"), "SU": _l("Sunday")}
NTH_LABELS = {1: _l("first"), 2: _l("second"), 3: _l("third"), 4: _l("fourth"), -1: _l("last")}
REPEAT_LABELS = {"": _l("Does not repeat"), "weekly": _l("Every week on these days"),
                 "monthly": _l("Every month on the n-th weekday")}


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class EventForm(KickForm):
    title = TranslatedFields(_l("Title"), max_length=120, required=True)
    description = TranslatedFields(_l("Description (bold, lists and links are kept)"), max_length=4000,
                                   textarea=True)
    kind = SelectField(_l("Kind"), choices=[SelectChoice(k.value, KIND_LABELS[k]) for k in EventKind])
    day = DateField(_l("Day"), validators=[InputRequired()])
    start_time = TimeField(_l("Starts at"), validators=[Optional()])
    end_day = DateField(_l("Last day (if later)"), validators=[Optional()])
    end_time = TimeField(_l("Ends at"), validators=[Optional()])
    all_day = BooleanField(_l("All day"))
    place_name = StringField(_l("Place"), validators=[Length(max=120)])
    address = StringField(_l("Address"), validators=[Length(max=200)])
    lat = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(min=-90, max=90)])
    lon = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(min=-180, max=180)])
    is_free = BooleanField(_l("Free"), default=True)
    price = StringField(_l("Price"), validators=[Length(max=80)])
    url = StringField(_l("Web address for more information"), validators=[Length(max=300)])
    photo = FileField(_l("Photo"))
    repeat = SelectField(_l("Repeats"), choices=[SelectChoice(k, v) for k, v in REPEAT_LABELS.items()], default="", validate_choice=True)
    weekdays = CheckboxesField(_l("On"), choices=[SelectChoice(k, v) for k, v in WEEKDAY_LABELS.items()])
    nth = SelectField(_l("Which"), coerce=int, choices=[SelectChoice(k, v) for k, v in NTH_LABELS.items()], default=1)
    month_weekday = SelectField(_l("Weekday"), choices=[SelectChoice(k, v) for k, v in WEEKDAY_LABELS.items()], default="SA")
    until = DateField(_l("Until"), validators=[Optional()])
    count = IntegerField(_l("Or this many times"), validators=[Optional(), NumberRange(min=1, max=500)])
    exdates = TextAreaField(_l("Not on these days (one date per line, 2026-12-26)"), validators=[Length(max=1500)])
    cancelled_dates = TextAreaField(_l("Cancelled on these days (shown as cancelled)"),
                                    validators=[Length(max=1500)])

    def validate_end_time(self, field):
        if not self.all_day.data and (self.start_time.data is None or field.data is None):
            raise ValidationError(_l("Give the start and end time, or tick \"All day\"."))

    def validate_weekdays(self, field):
        if self.repeat.data == "weekly" and not field.data:
            raise ValidationError(_l("Choose at least one day."))

    def validate_exdates(self, field):
        try:
            recurrence.parse_days(field.data)
        except ValueError:
            raise ValidationError(_l("Write dates as 2026-12-26, one per line (at most 100).")) from None

    validate_cancelled_dates = validate_exdates


class ShopEventForm(EventForm):
    """A merchant's proposal: the place is their shop unless they say otherwise; no shop to choose."""


class StudioEventForm(EventForm):
    shop_id = SelectField(_l("At a shop"), coerce=int, default=0, validate_choice=False)


class ReviewForm(KickForm):
    note = TextAreaField(_l("Note to the merchant"), validators=[Length(max=1000)])


class EventActionForm(KickForm):
    """One action (cancel, publish): only the CSRF token."""


def event_values(form) -> dict:
    """The form as the services' values: local days and times -> aware instants, the recurrence -> RRULE."""
    from app.core.forms import translated_data
    day = form.day.data
    end_day = form.end_day.data or day
    if form.all_day.data:
        starts = datetime.combine(day, time(0), TZ)
        ends = datetime.combine(end_day + timedelta(days=1), time(0), TZ)
    else:
        starts = datetime.combine(day, form.start_time.data, TZ)
        ends = datetime.combine(end_day, form.end_time.data, TZ)
    rule = None
    if form.repeat.data:
        rule = recurrence.build_rule(form.repeat.data, weekdays=form.weekdays.data or (), nth=form.nth.data,
                                     weekday=form.month_weekday.data, until=form.until.data,
                                     count=None if form.until.data else form.count.data)
    values = {"title": translated_data(form, "title"), "description": translated_data(form, "description"),
              "kind": form.kind.data, "starts_at": starts, "ends_at": ends, "all_day": bool(form.all_day.data),
              "rrule": rule, "exdates": recurrence.parse_days(form.exdates.data),
              "cancelled_dates": recurrence.parse_days(form.cancelled_dates.data),
              "place_name": form.place_name.data, "address": form.address.data, "lat": form.lat.data,
              "lon": form.lon.data, "is_free": form.is_free.data, "price": form.price.data, "url": form.url.data}
    if "shop_id" in form:
        values["shop_id"] = form.shop_id.data or None
    return values


def fill_event_form(form, event) -> None:
    from app.core.forms import fill_translated
    fill_translated(form, "title", event.title)
    fill_translated(form, "description", event.description)
    start, end = event.local_start, event.local_end
    form.kind.data, form.all_day.data = event.kind, event.all_day
    form.day.data, form.start_time.data = start.date(), start.time().replace(tzinfo=None)
    last_day = (end - timedelta(days=1)).date() if event.all_day else end.date()
    form.end_day.data = last_day if last_day != start.date() else None
    form.end_time.data = end.time().replace(tzinfo=None)
    for name in ("place_name", "address", "lat", "lon", "is_free", "price", "url"):
        form[name].data = getattr(event, name)
    rule = recurrence.read_rule(event.rrule)
    form.repeat.data = rule["freq"] if rule["freq"] in ("weekly", "monthly") else ""
    form.weekdays.data = rule["weekdays"]
    form.nth.data, form.month_weekday.data = rule["nth"] or 1, rule["weekday"] or "SA"
    form.until.data, form.count.data = rule["until"], rule["count"]
    form.exdates.data = "\n".join(event.exdates or [])
    form.cancelled_dates.data = "\n".join(event.cancelled_dates or [])
    if "shop_id" in form:
        form.shop_id.data = event.shop_id or 0


# The services' field names -> the form's fields, for unit_of_work(form, fields=...).
FORM_FIELDS = {"starts_at": "day", "ends_at": "end_time", "rrule": "repeat", "title": "title_nl",
               "description": "description_nl", "photo": "photo"}
