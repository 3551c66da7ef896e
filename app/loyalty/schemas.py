"""JSON shapes of the loyalty API (documented in /api/v1/openapi.json)."""
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText, UtcDateTime
from app.loyalty.limits import parse_shop_id
from app.loyalty.models import CardKind, RedemptionStatus, StampSource
from app.loyalty.presenters import card_title


class ShopId(fields.Integer):
    """A shop id as limits.parse_shop_id reads it (the rate-limit key uses the same parse)."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return parse_shop_id(value)
        except ValueError:
            raise self.make_error("invalid") from None


class ScanRequestSchema(Schema):
    code = fields.String(required=True, validate=validate.Length(min=1, max=300), metadata={
        "description": "The token from a scanned URL, or the whole URL (…/<city>/s/<token>); "
                       "or the 6 digits shown under the QR code together with shop_id."})
    city = fields.String(validate=validate.Length(max=40), metadata={
        "description": "Slug of the city app doing the scan; a code of another city is refused (wrong_city)."})
    shop_id = ShopId(validate=validate.Range(min=1), metadata={
        "description": "Only with a typed 6-digit code: the shop whose counter shows it."})


class CardSchema(Schema):
    id = fields.Integer()
    kind = fields.Function(lambda c: c.kind.value, metadata={"enum": [kind.value for kind in CardKind]})
    city = fields.Function(lambda c: c.city.slug)
    shop_id = fields.Function(lambda c: None if c.is_pass else c.programme.shop_id, allow_none=True)
    pass_id = fields.Integer(allow_none=True)
    title = fields.Function(card_title)
    stamps = fields.Integer(metadata={"description": "Stamps on the card (pass: different shops visited)."})
    stamps_required = fields.Integer()
    full = fields.Boolean(attribute="is_full")
    rewards_received = fields.Integer(attribute="redeemed_count")
    reward = TranslatedText(metadata={"example": {"nl": "Gratis koffie", "en": "Free coffee"}})
    last_stamp_at = UtcDateTime(allow_none=True)


class StampSchema(Schema):
    id = fields.Integer()
    shop_id = fields.Integer()
    source = fields.String(metadata={"enum": [source.value for source in StampSource]})
    created_at = UtcDateTime()


class ScanResultSchema(Schema):
    stamp = fields.Nested(StampSchema)
    card = fields.Nested(CardSchema)
    pass_card = fields.Nested(CardSchema, allow_none=True)
    pass_counted = fields.Boolean(metadata={"description": "This stamp added a new shop to the city pass."})
    pass_pending = fields.Boolean(metadata={"description": "A poster stamp at a pass shop: it counts for the city "
                                                           "pass once the shop's counter code is scanned."})


class RedeemCodeSchema(Schema):
    redemption_id = fields.Integer(attribute="id")
    redeem_code = fields.String(attribute="code")
    expires_at = UtcDateTime()
    status = fields.String(metadata={"enum": [status.value for status in RedemptionStatus]})


class CounterCodeSchema(Schema):
    url = fields.String()
    code = fields.String()
    numeric_code = fields.String(attribute="numeric")
    step = fields.Integer()
    expires_at = UtcDateTime(metadata={"description": "When the display should show the next code."})
    image_url = fields.String()
    stamps_today = fields.Integer()
    last_stamp_at = UtcDateTime(allow_none=True)


class ConfirmRequestSchema(Schema):
    redeem_code = fields.String(required=True, validate=validate.Length(min=1, max=20))


class ConfirmResultSchema(Schema):
    redemption_id = fields.Integer(attribute="id")
    card_id = fields.Integer()
    shop_id = fields.Integer(allow_none=True)
    status = fields.String()
    confirmed_at = UtcDateTime()
    reward = fields.Function(lambda r: r.card.reward)
