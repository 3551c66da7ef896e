"""The agenda's API and page query schemas (marshmallow)."""
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from app.agenda.models import KINDS

MAX_API_DAYS = 92


class EventQuerySchema(Schema):
    """GET /api/v1/cities/<city>/events: a window (`from`, `to`: dates, Brussels days, `to` included) and a kind."""
    date_from = fields.Date(data_key="from", load_default=None,
                            metadata={"description": "First day (Brussels), default today."})
    date_to = fields.Date(data_key="to", load_default=None,
                          metadata={"description": "Last day included, default 30 days on; at most 92 days."})
    kind = fields.String(load_default=None, validate=validate.OneOf(KINDS))

    @validates_schema
    def check_window(self, data, **_kwargs):
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and (last < first or (last - first).days > MAX_API_DAYS):
            raise ValidationError(f"'to' must be on or after 'from', at most {MAX_API_DAYS} days later.", "to")


class AgendaPageQuerySchema(Schema):
    when = fields.String(load_default=None, validate=validate.OneOf(("week", "weekend")))
    kind = fields.String(load_default=None, validate=validate.OneOf(KINDS))


class EventPlaceSchema(Schema):
    name = fields.String()
    address = fields.String()
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)


class ShopRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    url = fields.String()


class OccurrenceSchema(Schema):
    id = fields.Integer(metadata={"description": "The event's id (every occurrence of a recurring event shares it)."})
    uid = fields.String(metadata={"description": "The iCalendar UID, as in agenda.ics."})
    title = fields.String()
    kind = fields.String()
    starts = fields.String(metadata={"description": "ISO 8601 with the Brussels offset."})
    ends = fields.String()
    all_day = fields.Boolean()
    cancelled = fields.Boolean()
    place = fields.Nested(EventPlaceSchema)
    shop = fields.Nested(ShopRefSchema, allow_none=True)
    url = fields.String(metadata={"description": "The event page."})
    is_free = fields.Boolean()
    price = fields.String()


class OccurrenceListSchema(Schema):
    items = fields.List(fields.Nested(OccurrenceSchema))
