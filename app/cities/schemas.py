from marshmallow import Schema, fields

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
