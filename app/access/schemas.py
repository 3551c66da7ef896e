"""The API's shapes of the access places."""
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields, validate

from app.access.models import PlaceGroup
from app.core.schemas import UtcDateTime


class PlacesQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf([g.value for g in PlaceGroup], error=_l("Unknown kind of place.")),
                         metadata={"description": "parking (garages, car parks, short stay, park and ride), bike, "
                                                  "toilet, stop or charging; all kinds without it"})


class PlaceSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "parking, bike, toilet, stop or charging"})
    type = fields.String(required=True, metadata={"description": "parking, short_stay, park_ride, bike, toilet, "
                                                                 "charging or stop"})
    name = fields.String(required=True, metadata={"description": "In the asked language (Accept-Language)"})
    lat = fields.Float(required=True, metadata={"description": "The entrance, WGS84"})
    lon = fields.Float(required=True)
    distance_m = fields.Integer(required=True, metadata={"description": "From the city centre"})
    capacity = fields.Integer(allow_none=True, metadata={"description": "Places in total (the feed's when it has one)"})
    available = fields.Integer(allow_none=True, metadata={
        "description": "Parking: free places at `updated_at`, the last good count (null: never counted). When "
                       "`stale` is true it is not live: show it as \"last updated\" only"})
    updated_at = UtcDateTime(allow_none=True, metadata={"description": "Parking: when the feed counted `available`"})
    stale = fields.Boolean(metadata={"description": "Parking: no count, or older than the city's limit "
                                                    "(KICK_ACCESS_STALE_MINUTES, default 15)"})
    open = fields.Boolean(allow_none=True, metadata={"description": "Parking: open according to the feed"})
    accessible = fields.Boolean(metadata={"description": "Toilets: wheelchair accessible"})
    baby_changing = fields.Boolean(metadata={"description": "Toilets: with a baby changing table"})
