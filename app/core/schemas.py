"""Shared marshmallow pieces: translated text fields and the problem body for OpenAPI docs."""
from marshmallow import Schema, ValidationError, fields, validate

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES


class Translations(fields.Dict):
    """{"nl": "...", "en": "..."}: supported locales only; Dutch required unless `require_default=False`."""

    def __init__(self, *, max_length: int = 500, require_default: bool = True, **kwargs):
        super().__init__(keys=fields.String(validate=validate.OneOf(SUPPORTED_LOCALES)),
                         values=fields.String(validate=validate.Length(max=max_length)), **kwargs)
        self.require_default = require_default
        self.metadata.setdefault("example", {"nl": "Tekst", "en": "Text"})

    def _deserialize(self, value, attr, data, **kwargs):
        result = super()._deserialize(value, attr, data, **kwargs)
        cleaned = {k: v.strip() for k, v in result.items() if v and v.strip()}
        if self.require_default and not cleaned.get(DEFAULT_LOCALE):
            raise ValidationError(f"Dutch text ('{DEFAULT_LOCALE}') is required.")
        return cleaned


class ProblemSchema(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    code = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
