"""API shapes for shops. Shape and length here; business rules in app.shops.rules."""

from flask_babel import lazy_gettext as _l
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText
from app.core.text import street_of
from app.core.urls import external_url
from app.media.service import media_url
from app.shops.models import CATEGORIES, ProposalStatus, ShopStatus
from app.shops.rules import (ADDRESS_MAX, NAME_MAX, PHONE_MAX, REASON_MAX, SPOKEN_LANGUAGES, STORY_MAX,
                             TAGLINE_MAX, WEBSITE_MAX)

HOURS_DOC = {"type": "object", "example": {
    "weekly": {"mon": [], "tue": [["10:00", "12:30"], ["13:30", "18:00"]]},
    "exceptions": [{"date": "2026-12-25", "closed": True, "note": "Kerstmis"}]}}


class PhotoSchema(Schema):
    url = fields.Function(lambda p: media_url(p.phone_key))
    thumb_url = fields.Function(lambda p: media_url(p.thumb_key))
    width = fields.Integer()
    height = fields.Integer()
    alt = TranslatedText()


class ShopSummarySchema(Schema):
    slug = fields.String()
    name = TranslatedText()
    tagline = TranslatedText()
    category = fields.String()
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    featured = fields.Boolean()
    open_now = fields.Boolean()
    thumb_url = fields.String(allow_none=True)
    url = fields.String()


class ShopDetailSchema(ShopSummarySchema):
    story = TranslatedText()
    address = fields.String()
    website = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    languages = fields.List(fields.String())
    opening_hours = fields.Dict(metadata=HOURS_DOC)
    photos = fields.List(fields.Nested(PhotoSchema))


def listing_dump(listing) -> dict:
    shop = listing.shop
    cover = listing.cover
    return {"slug": shop.slug, "name": shop.name, "tagline": shop.tagline, "category": shop.category,
            "lat": shop.lat, "lon": shop.lon, "featured": listing.featured, "open_now": listing.open.open,
            "thumb_url": media_url(cover.thumb_key) if cover else None,
            "url": external_url("shops.detail", city=shop.city.slug, slug=shop.slug)}


class ShopQuerySchema(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES, error=_l("Unknown category.")))
    open_now = fields.Boolean()


class ShopPageQuerySchema(ShopQuerySchema):
    """The shop list page's query string: the API's filters (`open=1` in the page's links) and list or map."""
    open_now = fields.Boolean(data_key="open", load_default=False)
    view = fields.String(validate=validate.OneOf(("list", "map")), load_default="list")


class ShopWriteSchema(Schema):
    """POST/PATCH body for merchants. Translatable fields are locale objects."""
    city = fields.String(validate=validate.Length(min=1, max=40), metadata={"example": "kortrijk"})
    name = TranslatedText(max_length=NAME_MAX, require_default=True)
    tagline = TranslatedText(max_length=TAGLINE_MAX)
    story = TranslatedText(max_length=STORY_MAX)
    category = fields.String(validate=validate.OneOf(CATEGORIES))
    address = fields.String(validate=validate.Length(max=ADDRESS_MAX))
    lat = fields.Float(allow_none=True, allow_nan=False)
    lon = fields.Float(allow_none=True, allow_nan=False)
    website = fields.String(allow_none=True, validate=validate.Length(max=WEBSITE_MAX))
    phone = fields.String(allow_none=True, validate=validate.Length(max=PHONE_MAX))
    languages = fields.List(fields.String(validate=validate.OneOf(SPOKEN_LANGUAGES)), validate=validate.Length(max=20))
    opening_hours = fields.Dict(metadata=HOURS_DOC)


class ShopCreateSchema(ShopWriteSchema):
    city = fields.String(required=True, validate=validate.Length(min=1, max=40), metadata={"example": "kortrijk"})
    name = TranslatedText(max_length=NAME_MAX, required=True, require_default=True)


class MerchantPhotoSchema(Schema):
    id = fields.Integer()
    url = fields.String()
    thumb_url = fields.String()
    alt = TranslatedText()
    pending = fields.Boolean(metadata={"description": "uploaded with changes still in review"})


class MerchantShopSchema(Schema):
    """A merchant's view of their own shop: the working copy plus where it stands in review."""
    id = fields.Integer()
    slug = fields.String()
    city = fields.String()
    status = fields.String(metadata={"enum": [status.value for status in ShopStatus]})
    proposal_status = fields.String(allow_none=True, metadata={"enum": [status.value for status in ProposalStatus]})
    review_reason = fields.String(allow_none=True)
    public = fields.Boolean()
    name = TranslatedText()
    tagline = TranslatedText()
    story = TranslatedText()
    category = fields.String()
    address = fields.String()
    street = fields.String(dump_only=True, metadata={
        "description": "the street of `address` as the city's news targets it (\"Christinastraat\"), read-only"})
    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    website = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    languages = fields.List(fields.String())
    opening_hours = fields.Dict(metadata=HOURS_DOC)
    photos = fields.List(fields.Nested(MerchantPhotoSchema))
    missing = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                          metadata={"description": "what still blocks sending the shop for review"})


def merchant_view(shop) -> dict:
    from app.shops.rules import submission_problems
    from app.shops.services.profiles import working_photos, working_values
    values = working_values(shop)
    return {"id": shop.id, "slug": shop.slug, "city": shop.city.slug, "status": shop.status,
            "proposal_status": shop.proposal_status, "review_reason": shop.review_reason, "public": shop.is_public,
            **values, "street": street_of(values.get("address") or ""), "phone": shop.phone, "languages": shop.languages, "opening_hours": shop.opening_hours,
            "photos": [{"id": photo.id, "url": media_url(photo.phone_key), "thumb_url": media_url(photo.thumb_key),
                        "alt": alt, "pending": photo.pending} for photo, alt in working_photos(shop)],
            "missing": submission_problems(values)}


class ReviewShopSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    status = fields.String()
    proposal_status = fields.String(allow_none=True)
    review_reason = fields.String(allow_none=True)


class ReasonSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=REASON_MAX))


class StaffInviteSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))


# --- imports (app.shops.services.imports) ------------------------------------------------------------------------------

class ImportFileSchema(Schema):
    """multipart/form-data with one file field."""
    file = Upload(required=True, metadata={"description": "CSV (UTF-8, comma or semicolon): the header "
                                                          "name,address,lat,lon,category,website,email"})


class ImportRejectedSchema(Schema):
    row = fields.Integer(metadata={"description": "Spreadsheet row number (the header is row 1)"})
    errors = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class ImportSkippedSchema(Schema):
    row = fields.Integer()
    name = fields.String()
    slug = fields.String(metadata={"description": "The city's shop with this name (already imported)"})


class ImportReportSchema(Schema):
    created = fields.Integer(metadata={"description": "Draft shops created"})
    rejected = fields.List(fields.Nested(ImportRejectedSchema))
    skipped = fields.List(fields.Nested(ImportSkippedSchema),
                          metadata={"description": "Rows the city already has: not imported again"})
