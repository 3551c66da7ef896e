"""Shared marshmallow pieces: translated text fields and the problem body for OpenAPI docs."""

from marshmallow import INCLUDE, Schema, ValidationError, fields, validate

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


class UtcDateTime(fields.DateTime):
    """An RFC 3339 timestamp with its offset ("2026-11-24T11:59:14+00:00"; a bare time would be read as the
    client's local time). Values come aware from UTCDateTime columns and app.core.clock; a naive one is a bug
    and is refused rather than guessed."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            raise ValueError(f"naive datetime for {attr!r}: times are aware UTC (app.core.clock)")
        return super()._serialize(value, attr, obj, **kwargs)


class ProblemSchema(Schema):
    """RFC 9457 problem details; some problems add members (e.g. `next_stamp_at` on a cooldown)."""

    class Meta:
        unknown = INCLUDE  # documented as additionalProperties: true

    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    code = fields.String()
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))
