from marshmallow import Schema, fields


class ThemeSchema(Schema):
    primary = fields.String(attribute="primary_color")
    accent = fields.String(attribute="accent_color")
    background = fields.String(attribute="background_color")
    text = fields.String(attribute="text_color")
    on_primary = fields.String()


class CitySchema(Schema):
    slug = fields.String()
    name = fields.Dict(attribute="names", keys=fields.String(), values=fields.String(),
                       metadata={"example": {"nl": "Brugge", "en": "Bruges"}})
    tagline = fields.Dict(keys=fields.String(), values=fields.String())
    centre = fields.Method("_centre", metadata={"type": "object", "properties": {
        "lat": {"type": "number"}, "lon": {"type": "number"}}})
    default_locale = fields.String()
    theme = fields.Function(lambda city: ThemeSchema().dump(city), metadata={"type": "object"})

    def _centre(self, city):
        return {"lat": city.center_lat, "lon": city.center_lon}
