"""API shapes of city news."""
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText, UtcDateTime
from app.shops.models import CATEGORIES
from app.core import richtext
from app.voice.models import NewsKind
from app.voice.services.news import PUBLIC_LINE_MAX, TITLE_MAX
from app.voice.services.targeting import MAX_STREETS, STREET_MAX


class TargetSchema(Schema):
    streets = fields.List(fields.String(validate=validate.Length(max=STREET_MAX)), load_default=list,
                          validate=validate.Length(max=MAX_STREETS), metadata={
                              "description": "streets as written in shop addresses (a shop's `street`), e.g. "
                                             "\"Christinastraat\"; empty: every street"})
    categories = fields.List(fields.String(validate=validate.OneOf(CATEGORIES)), load_default=list,
                             metadata={"description": "shop categories; empty: every category"})


class NewsCreateSchema(Schema):
    title = TranslatedText(required=True, max_length=TITLE_MAX, require_default=True)
    body = TranslatedText(required=True, max_length=richtext.BODY_MAX, require_default=True, metadata={
        "description": "the text per language: paragraphs, bold, italic, lists and links (other HTML is removed)"})
    target = fields.Nested(TargetSchema, load_default=dict, metadata={"description": "who receives it; "
                           "both lists empty (or no target): every merchant of the city"})
    kind = fields.String(load_default=NewsKind.NEWS.value, validate=validate.OneOf([kind.value for kind in NewsKind]))
    starts = fields.Date(load_default=None, allow_none=True)
    ends = fields.Date(load_default=None, allow_none=True)
    lat = fields.Float(load_default=None, allow_none=True)
    lon = fields.Float(load_default=None, allow_none=True)
    public_map = fields.Boolean(load_default=False, metadata={
        "description": "road works or an event shown on the public city map while it runs (needs dates, a "
                       "place and `public_line`)"})
    public_line = TranslatedText(load_default=dict, max_length=PUBLIC_LINE_MAX, metadata={
        "description": "what shoppers read on the map (\"Werken tot 15 maart, winkels blijven open\")"})


class NewsCreatedSchema(Schema):
    id = fields.Integer()
    recipients = fields.Integer(metadata={"description": "how many people (shop owners) receive it"})
    sent_at = UtcDateTime()


class MerchantNewsSchema(Schema):
    id = fields.Integer()
    city = fields.String()
    kind = fields.String()
    title = TranslatedText()
    body = TranslatedText(metadata={"description": "sanitised HTML per language"})
    starts = fields.Date(allow_none=True)
    ends = fields.Date(allow_none=True)
    sent_at = UtcDateTime()
    read = fields.Boolean()


class PushKeysSchema(Schema):
    p256dh = fields.String(required=True, validate=validate.Length(min=1, max=200))
    auth = fields.String(required=True, validate=validate.Length(min=1, max=200))


class PushSubscriptionSchema(Schema):
    """A browser's PushSubscription as its toJSON() gives it (expirationTime is ignored)."""
    endpoint = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    keys = fields.Nested(PushKeysSchema, required=True)

    class Meta:
        unknown = "exclude"


class PushEndpointSchema(Schema):
    endpoint = fields.String(required=True, validate=validate.Length(min=1, max=1000))


class PushStateSchema(Schema):
    subscribed = fields.Boolean()
