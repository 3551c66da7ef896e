"""Shared marshmallow pieces: translated text fields and the problem body for OpenAPI docs."""

from marshmallow import EXCLUDE, INCLUDE, Schema, ValidationError, fields, validate

from app.config import DEFAULT_LOCALE, SUPPORTED_LOCALES
from app.core.problem import ProblemError, flatten_messages


class TranslatedText(fields.Dict):
    """A text per language, {"nl": "...", "en": "..."}: the one API field for every translated text.

    Reading: the stored object as it is. Writing: keys are supported locales only (another key is a 422
    message on the field, as it has always been), values strings of at most `max_length` characters,
    blank ones dropped and the rest stripped; with `require_default` the Dutch text must be there.
    """

    def __init__(self, *, max_length: int | None = None, require_default: bool = False, **kwargs):
        text = fields.String(validate=validate.Length(max=max_length)) if max_length else fields.String()
        super().__init__(keys=fields.String(validate=validate.OneOf(SUPPORTED_LOCALES)), values=text, **kwargs)
        self.require_default = require_default
        self.metadata.setdefault("example", {"nl": "Tekst", "en": "Text"})
        self.metadata.setdefault("description", "Text per language; keys: " + ", ".join(SUPPORTED_LOCALES))

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


def load_query(schema: Schema, args) -> dict:
    """Read a page's query string with the schema its API list uses, so a filter the API refuses is refused
    on the page too (400, the field's message on the error page), and a valid one means the same on both.
    Blank values count as absent (an emptied filter form) and unknown parameters (utm_*, a cache buster)
    are ignored, as browsers and newsletters add them."""
    present = {key: value for key, value in args.items() if value != ""}
    try:
        return schema.load(present, unknown=EXCLUDE)
    except ValidationError as error:
        errors = flatten_messages(error.messages)
        field, messages = next(iter(errors.items()))
        raise ProblemError(400, f"{field}: {messages[0]}", code="bad_filter", errors=errors) from None


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
