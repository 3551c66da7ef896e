"""API shapes of the figures: shape and length here; the rules (which pages, which hours) in app.figures.services."""
from marshmallow import Schema, fields, validate

from app.figures.models import EventKind
from app.figures.services.footfall import CODE_MAX, COUNT_MAX


# ------------------------------------------------------------------ events (collecting)


class FigureEventSchema(Schema):
    city = fields.String(required=True, validate=validate.Length(min=1, max=40),
                         metadata={"example": "roeselare", "description": "The town's web address (slug)"})
    kind = fields.String(required=True, validate=validate.OneOf([kind.value for kind in EventKind]),
                         metadata={"example": "page_view"})
    ref = fields.String(required=True, validate=validate.Length(min=1, max=40), metadata={
        "example": "shop:12",
        "description": "page_view: home, shops, trails, green, stamps, shop:<id> or trail:<id>; "
                       "trail_start / trail_complete: trail:<id> (a published trail of the town)"})


# ------------------------------------------------------------------ footfall (collecting)


class FootfallRowSchema(Schema):
    point = fields.String(required=True, validate=validate.Length(min=1, max=CODE_MAX),
                          metadata={"example": "OOST-01", "description": "The counting point's code, as in the studio"})
    hour = fields.String(required=True, validate=validate.Length(min=1, max=40), metadata={
        "example": "2026-11-02T14:00:00+01:00",
        "description": "Start of the hour, ISO 8601 with its offset from UTC; not in the future"})
    count = fields.Integer(required=True, strict=True, validate=validate.Range(min=0, max=COUNT_MAX),
                           metadata={"example": 418, "description": "People counted in that hour"})


class FootfallResultSchema(Schema):
    imported = fields.Integer(metadata={"description": "Hours that were new"})
    replaced = fields.Integer(metadata={"description": "Hours the point had already: their count is replaced"})
