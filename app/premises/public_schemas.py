"""The public side of the register (room match): the available premises as the public sees them (never the
owner contact, the shop link or a note), the list's filters, the interest request and the matchmaker's answers."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText
from app.premises.match_models import NOTE_MAX
from app.premises.models import LeaseType
from app.premises.schemas import PremisePhotoSchema  # one photo shape for the register and the public list
from app.premises.services.matching import MAX_WEIGHT, PARTS

LEASES = tuple(kind.value for kind in LeaseType)
LIMIT = {"validate": validate.Range(min=0, max=1_000_000, error=_l("Between 0 and %(num)d.", num=1_000_000)),
         "error_messages": {"invalid": _l("Type a whole number.")}}


class PremiseQuerySchema(Schema):
    """Filters of the public list (page and API alike)."""
    area_min = fields.Integer(metadata={"description": "Floor area of at least this many m²"}, **LIMIT)
    area_max = fields.Integer(metadata={"description": "Floor area of at most this many m²"}, **LIMIT)
    rent_max = fields.Integer(metadata={"description": "Asking rent from at most this (EUR a month)"}, **LIMIT)
    lease = fields.String(validate=validate.OneOf(LEASES, error=_l("Unknown lease type.")))
    use = fields.String(validate=validate.Length(max=60), metadata={"description": "A permitted use, in words"})
    street = fields.String(validate=validate.Length(max=120))


class IncentiveSchema(Schema):
    code = fields.String()
    name = TranslatedText()
    description = TranslatedText()


class PublicPremiseSchema(Schema):
    """An available premise without its private fields (owner contact, linked shop, history notes)."""
    id = fields.Integer()
    address = fields.String()
    street = fields.String()
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    floor_area_m2 = fields.Float(allow_none=True)
    sales_floor_m2 = fields.Float(allow_none=True)
    frontage_m = fields.Float(allow_none=True)
    floors = fields.Integer(allow_none=True)
    state = fields.String(metadata={"description": "vacant or option (under option)"})
    vacant_since = fields.Date(allow_none=True)
    rent_min = fields.Integer(allow_none=True)
    rent_max = fields.Integer(allow_none=True)
    lease_types = fields.List(fields.String())
    permitted_uses = fields.String()
    previous_use = fields.String()
    condition = fields.String()
    step_free = fields.Boolean(allow_none=True)
    description = TranslatedText()
    photos = fields.List(fields.Nested(PremisePhotoSchema))
    incentives = fields.List(fields.Nested(IncentiveSchema))


class InterestSchema(Schema):
    note = fields.String(load_default="", validate=validate.Length(max=NOTE_MAX))


class InterestAnswerSchema(Schema):
    id = fields.Integer()
    premise_id = fields.Integer()
    stage = fields.String()
    note = fields.String()
    has_profile = fields.Function(lambda match: match.profile_id is not None)


class MatchReasonSchema(Schema):
    part = fields.String()
    code = fields.String()
    text = fields.String()
    good = fields.Boolean()


class MatchAnswerSchema(Schema):
    """One ranked entrepreneur for a premise (marketers of the city only)."""
    score = fields.Integer(metadata={"description": "0-100"})
    reasons = fields.List(fields.Nested(MatchReasonSchema))
    profile_id = fields.Integer(allow_none=True)
    concept = fields.String(allow_none=True)
    category = fields.String(allow_none=True)
    entrepreneur = fields.String()
    match_id = fields.Integer(allow_none=True)
    stage = fields.String(allow_none=True, metadata={"description": "None: an open profile not proposed yet"})
    origin = fields.String(allow_none=True)
    version = fields.Integer(allow_none=True)


class StageSchema(Schema):
    stage = fields.String(required=True)
    version = fields.Integer(required=True)
    note = fields.String(load_default="", validate=validate.Length(max=NOTE_MAX))
    on = fields.Date(load_default=None)


class StageAnswerSchema(Schema):
    id = fields.Integer()
    stage = fields.String()
    stage_on = fields.Date()
    version = fields.Integer()


WeightsSchema = Schema.from_dict({part: fields.Integer(validate=validate.Range(min=0, max=MAX_WEIGHT))
                                  for part in PARTS}, name="MatchWeightsSchema")
