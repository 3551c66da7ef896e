"""JSON shapes of trails for /api/v1 (dump) and for marketers' writes (load)."""

from flask_babel import lazy_gettext as _l
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText, UtcDateTime
from app.core.urls import external_url
from app.media.service import media_url
from app.trails.models import KINDS, SURFACES
from app.trails.services.reading import DURATION_FILTERS
from app.trails.services.validation import MAX_PATH_POINTS, MAX_STOPS

LAT = dict(validate=validate.Range(-90, 90), allow_nan=False)
LON = dict(validate=validate.Range(-180, 180), allow_nan=False)
POINT = fields.List(fields.Float(allow_nan=False), validate=validate.Length(equal=2),
                    metadata={"description": "[latitude, longitude]"})

def _image(phone, thumb, width, height, alt):
    if not phone:
        return None
    return {"phone": media_url(phone), "thumb": media_url(thumb), "width": width, "height": height, "alt": alt or {}}

class AccessibilitySchema(Schema):
    step_free = fields.Boolean()
    wheelchair = fields.Boolean()
    stroller = fields.Boolean()
    benches = fields.Boolean()
    toilets = fields.Boolean()
    surface = fields.String(validate=validate.OneOf(SURFACES))
    note = TranslatedText(attribute="access_note", data_key="note")

class StopSchema(Schema):
    id = fields.Integer()
    position = fields.Integer()
    title = TranslatedText()
    body = TranslatedText()
    lat = fields.Float()
    lon = fields.Float()
    image = fields.Method("_image", metadata={"type": "object", "nullable": True})
    shop = fields.Method("_shop", metadata={"type": "object", "nullable": True})

    def _image(self, stop):
        return _image(stop.image_phone_key, stop.image_thumb_key, stop.image_width, stop.image_height, stop.image_alt)

    def _shop(self, stop):
        shop = stop.public_shop
        return {"id": shop.id, "slug": shop.slug, "name": shop.name} if shop else None

class TrailSummarySchema(Schema):
    slug = fields.String()
    kind = fields.String()
    status = fields.String()
    title = TranslatedText()
    summary = TranslatedText()
    distance_m = fields.Integer()
    duration_min = fields.Integer()
    walking_minutes = fields.Integer(metadata={"description": "The part of duration_min spent walking"})
    stop_minutes = fields.Integer(metadata={"description": "The part of duration_min spent at the stops"})
    has_path = fields.Boolean(attribute="has_drawn_path",
                              metadata={"description": "False: distance and map use straight lines between stops"})
    stop_count = fields.Function(lambda trail: len(trail.stops))
    accessibility = fields.Function(lambda trail: AccessibilitySchema().dump(trail), metadata={"type": "object"})
    cover = fields.Method("_cover", metadata={"type": "object", "nullable": True})
    version = fields.Integer()
    links = fields.Method("_links", metadata={"type": "object"})

    def _cover(self, trail):
        return _image(trail.cover_phone_key, trail.cover_thumb_key, trail.cover_width, trail.cover_height,
                      trail.cover_alt)

    def _links(self, trail):
        links = {"self": external_url("trails_api.trail", slug=trail.slug)}
        if trail.is_published:  # drafts have no public page or downloads
            links.update(page=external_url("trails.detail", slug=trail.slug),
                         gpx=external_url("trails.gpx", slug=trail.slug),
                         geojson=external_url("trails.geojson", slug=trail.slug),
                         path_geojson=external_url("trails.path_geojson", slug=trail.slug))
        return links

class TrailSchema(TrailSummarySchema):
    body = TranslatedText()
    dwell_minutes = fields.Integer()
    path = fields.List(POINT)
    stops = fields.List(fields.Nested(StopSchema))
    published_at = UtcDateTime(allow_none=True)
    updated_at = UtcDateTime()

class TrailQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf(KINDS, error=_l("Unknown kind of trail.")))
    max_minutes = fields.Integer(validate=validate.OneOf(DURATION_FILTERS, error=_l("Unknown duration filter.")),
                                 error_messages={"invalid": _l("Unknown duration filter.")})


class TrailPageQuerySchema(TrailQuerySchema):
    """The trail list page's query string: the API's filters, with the shorter `max` the page's links use."""
    max_minutes = fields.Integer(data_key="max",
                                 validate=validate.OneOf(DURATION_FILTERS, error=_l("Unknown duration filter.")),
                                 error_messages={"invalid": _l("Unknown duration filter.")})

class StopWriteSchema(Schema):
    id = fields.Integer(metadata={"description": "Keep an existing stop (and its photo) at this place in the list"})
    title = TranslatedText(max_length=120, required=True, require_default=True)
    body = TranslatedText(max_length=2000)
    lat = fields.Float(required=True, **LAT)
    lon = fields.Float(required=True, **LON)
    shop_id = fields.Integer(allow_none=True)

class TrailWriteSchema(Schema):
    slug = fields.String(validate=[validate.Length(max=80), validate.Regexp(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")])
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    title = TranslatedText(max_length=120, required=True, require_default=True)
    summary = TranslatedText(max_length=300)
    body = TranslatedText(max_length=5000)
    access_note = TranslatedText(max_length=500)
    surface = fields.String(validate=validate.OneOf(SURFACES))
    dwell_minutes = fields.Integer(validate=validate.Range(0, 120))
    step_free = fields.Boolean()
    wheelchair = fields.Boolean()
    stroller = fields.Boolean()
    benches = fields.Boolean()
    toilets = fields.Boolean()
    path = fields.List(POINT, validate=validate.Length(max=MAX_PATH_POINTS))
    stops = fields.List(fields.Nested(StopWriteSchema), validate=validate.Length(max=MAX_STOPS))

class TrailPatchSchema(TrailWriteSchema):
    kind = fields.String(validate=validate.OneOf(KINDS))
    title = TranslatedText(max_length=120, require_default=True)
    version = fields.Integer(required=True, metadata={"description": "The version you last read; a stale one is a 409"})

class VersionSchema(Schema):
    version = fields.Integer(metadata={"description": "Optional: refuse with 409 when the trail changed since"})

class GpxFileSchema(Schema):
    """multipart/form-data with one file field."""
    file = Upload(required=True, metadata={"description": "A GPX 1.0/1.1 file: the first track (or route) becomes "
                                                          "the path, its waypoints the stops"})
