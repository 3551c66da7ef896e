"""API shapes of the vacancy register for the city's marketers. Shape and type here; the register's rules in
app.premises.rules. These schemas carry the PRIVATE fields (owner_contact, the history's notes): a public
answer uses a schema of its own, never these."""
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText
from app.media.service import media_url
from app.premises.models import Condition, LeaseType, PremiseState
from app.premises.rules import (ADDRESS_MAX, AREA_MAX, CONTACT_MAX, DESCRIPTION_MAX, FLOORS_MAX, FRONTAGE_MAX,
                                NOTE_MAX, PREVIOUS_USE_MAX, RENT_MAX, USES_MAX)

STATES = [state.value for state in PremiseState]
LEASES = [lease.value for lease in LeaseType]
CONDITIONS = ["", *(condition.value for condition in Condition)]


class PremiseWriteSchema(Schema):
    """PATCH body: any of the register's fields; `state` with `changed_on` and `note` goes into the history."""
    address = fields.String(validate=validate.Length(min=1, max=ADDRESS_MAX))
    lat = fields.Float(allow_none=True, validate=validate.Range(-90, 90))
    lon = fields.Float(allow_none=True, validate=validate.Range(-180, 180))
    floor_area_m2 = fields.Float(allow_none=True, validate=validate.Range(1, AREA_MAX))
    sales_floor_m2 = fields.Float(allow_none=True, validate=validate.Range(0, AREA_MAX))
    frontage_m = fields.Float(allow_none=True, validate=validate.Range(0, FRONTAGE_MAX))
    floors = fields.Integer(allow_none=True, validate=validate.Range(0, FLOORS_MAX))
    state = fields.String(validate=validate.OneOf(STATES), metadata={"description": "vacant|option|let|repurposed"})
    vacant_since = fields.Date(allow_none=True)
    changed_on = fields.Date(metadata={"description": "The day a new `state` took effect (default today)"})
    note = fields.String(validate=validate.Length(max=NOTE_MAX), metadata={"description": "Kept in the history"})
    rent_min = fields.Integer(allow_none=True, validate=validate.Range(0, RENT_MAX),
                              metadata={"description": "EUR per month"})
    rent_max = fields.Integer(allow_none=True, validate=validate.Range(0, RENT_MAX),
                              metadata={"description": "EUR per month"})
    lease_types = fields.List(fields.String(validate=validate.OneOf(LEASES)), validate=validate.Length(max=3),
                              metadata={"description": "long|short|popup"})
    owner_contact = fields.String(validate=validate.Length(max=CONTACT_MAX),
                                  metadata={"description": "PRIVATE: never on a public page or answer"})
    permitted_uses = fields.String(validate=validate.Length(max=USES_MAX))
    previous_use = fields.String(validate=validate.Length(max=PREVIOUS_USE_MAX))
    condition = fields.String(validate=validate.OneOf(CONDITIONS))
    step_free = fields.Boolean(allow_none=True, metadata={"description": "Step-free entrance"})
    description = TranslatedText(max_length=DESCRIPTION_MAX)
    incentives = fields.List(fields.String(validate=validate.Length(max=60)), validate=validate.Length(max=50),
                             metadata={"description": "Codes of the city's incentives"})
    shop_id = fields.Integer(allow_none=True, metadata={"description": "The shop of the city in this premise"})
    version = fields.Integer(metadata={"description": "The version you read; a newer one on the server is a 409 "
                                                      "(or send it as If-Match)"})


class PremiseCreateSchema(PremiseWriteSchema):
    address = fields.String(required=True, validate=validate.Length(min=1, max=ADDRESS_MAX))


class PremisePhotoSchema(Schema):
    url = fields.Function(lambda p: media_url(p.phone_key))
    thumb_url = fields.Function(lambda p: media_url(p.thumb_key))
    width = fields.Integer()
    height = fields.Integer()
    alt = TranslatedText()


class StateChangeSchema(Schema):
    from_state = fields.String(allow_none=True)
    to_state = fields.String()
    changed_on = fields.Date()
    note = fields.String()


class PremiseStudioSchema(Schema):
    """A premise as the marketer's API shows it, private fields included."""
    id = fields.Integer()
    address = fields.String()
    street = fields.String()
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    floor_area_m2 = fields.Float(allow_none=True)
    sales_floor_m2 = fields.Float(allow_none=True)
    frontage_m = fields.Float(allow_none=True)
    floors = fields.Integer(allow_none=True)
    state = fields.String()
    vacant_since = fields.Date(allow_none=True)
    rent_min = fields.Integer(allow_none=True)
    rent_max = fields.Integer(allow_none=True)
    lease_types = fields.List(fields.String())
    owner_contact = fields.String()
    permitted_uses = fields.String()
    previous_use = fields.String()
    condition = fields.String()
    step_free = fields.Boolean(allow_none=True)
    description = TranslatedText()
    incentives = fields.Function(lambda p: [i.code for i in p.incentives])
    shop_id = fields.Integer(allow_none=True)
    photos = fields.List(fields.Nested(PremisePhotoSchema))
    history = fields.List(fields.Nested(StateChangeSchema), attribute="changes")
    version = fields.Integer()


class UnitsSchema(Schema):
    total = fields.Integer()
    vacant = fields.Integer()
    rate = fields.Float(allow_none=True, metadata={"description": "vacant ÷ total, 0..1"})


class AreaSchema(Schema):
    total_m2 = fields.Float()
    vacant_m2 = fields.Float()
    rate = fields.Float(allow_none=True)


class DurationSchema(Schema):
    friction = fields.Integer(metadata={"description": "Vacant up to 1 year"})
    long_term = fields.Integer(metadata={"description": "Vacant 1 to 3 years"})
    structural = fields.Integer(metadata={"description": "Vacant more than 3 years"})
    unknown = fields.Integer(metadata={"description": "No vacant_since known"})


class StreetRateSchema(Schema):
    street = fields.String()
    units = fields.Nested(UnitsSchema)
    floor_area = fields.Nested(AreaSchema)


class MonthRateSchema(Schema):
    date = fields.Date(metadata={"description": "The end of the month (today for this month)"})
    units = fields.Nested(UnitsSchema)
    floor_area = fields.Nested(AreaSchema)


class VacancySchema(Schema):
    units = fields.Nested(UnitsSchema)
    floor_area = fields.Nested(AreaSchema)
    duration = fields.Nested(DurationSchema)
    streets = fields.List(fields.Nested(StreetRateSchema))
    months = fields.List(fields.Nested(MonthRateSchema))
    assumed_area_m2 = fields.Float(allow_none=True, metadata={
        "description": "The floor area a unit without one counts with (the median of the measured premises)"})
