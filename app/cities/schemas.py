from marshmallow import Schema, fields, validate

from app.cities.models import CityStatus
from app.config import SUPPORTED_LOCALES
from app.core.schemas import TranslatedText


class ThemeSchema(Schema):
    primary = fields.String(attribute="primary_color")
    accent = fields.String(attribute="accent_color")
    background = fields.String(attribute="background_color")
    text = fields.String(attribute="text_color")
    on_primary = fields.String()


class CitySchema(Schema):
    slug = fields.String()
    name = TranslatedText(attribute="names", metadata={"example": {"nl": "Brugge", "en": "Bruges"}})
    tagline = TranslatedText()
    centre = fields.Method("_centre", metadata={"type": "object", "properties": {
        "lat": {"type": "number"}, "lon": {"type": "number"}}})
    default_locale = fields.String()
    theme = fields.Function(lambda city: ThemeSchema().dump(city), metadata={"type": "object"})

    def _centre(self, city):
        return {"lat": city.center_lat, "lon": city.center_lon}


class CentreInSchema(Schema):
    lat = fields.Float(required=True, allow_nan=False)
    lon = fields.Float(required=True, allow_nan=False)


LOCALE = fields.String(validate=validate.OneOf(SUPPORTED_LOCALES), metadata={"enum": list(SUPPORTED_LOCALES)})


class _CitySettingsSchema(Schema):
    names = TranslatedText(max_length=80, metadata={"example": {"nl": "Diksmuide", "fr": "Dixmude"}})
    center = fields.Nested(CentreInSchema)
    default_locale = LOCALE
    offered_locales = fields.List(LOCALE, validate=validate.Length(min=1, max=len(SUPPORTED_LOCALES)))
    tile_url = fields.String(validate=validate.Length(max=300),
                             metadata={"example": "https://tile.openstreetmap.org/{z}/{x}/{y}.png"})
    tile_attribution = fields.String(validate=validate.Length(max=300))
    privacy_contact = fields.String(allow_none=True, validate=validate.Length(max=200),
                                    metadata={"description": "An email address or an https web address"})


class CityPatchSchema(_CitySettingsSchema):
    """Fields an admin may change; only the ones sent change. `status`: draft (only its marketers and the
    admins see the town) or live (everyone)."""
    status = fields.String(validate=validate.OneOf([s.value for s in CityStatus]),
                           metadata={"enum": [s.value for s in CityStatus]})


class CityCreateSchema(_CitySettingsSchema):
    """A new town starts as a draft (set it live with PATCH); `slug` is its address (/<slug>/)."""
    slug = fields.String(required=True, validate=validate.Length(max=40), metadata={"example": "diksmuide"})
    names = TranslatedText(max_length=80, required=True, metadata={"example": {"nl": "Diksmuide", "fr": "Dixmude"}})
    center = fields.Nested(CentreInSchema, required=True)


class CityAdminSchema(CitySchema):
    """A town as its admins see it: the public fields plus its lifecycle and settings."""
    status = fields.String(metadata={"enum": [s.value for s in CityStatus]})
    offered_locales = fields.List(fields.String())
    tile_url = fields.String()
    tile_attribution = fields.String()
    privacy_contact = fields.String(allow_none=True)
