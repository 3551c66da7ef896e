"""API shapes for shops. Shape and length here; business rules in app.shops.rules."""

from flask_babel import lazy_gettext as _l
from flask_smorest.fields import Upload
from marshmallow import Schema, fields, validate

from app.core.schemas import TranslatedText
from app.core.text import street_of
from app.core.urls import external_url
from app.media.service import media_url
from app.shops.hours import DAYS
from app.shops.models import CATEGORIES, DOOR_WIDTH_MAX, DOOR_WIDTH_MIN, ProposalStatus, ShopStatus
from app.shops.rules import (ADDRESS_MAX, NAME_MAX, PHONE_MAX, REASON_MAX, SPOKEN_LANGUAGES, STORY_MAX,
                             TAGLINE_MAX, WEBSITE_MAX)

SEARCH_MAX = 100
HOURS_DOC = {"type": "object", "example": {
    "weekly": {"mon": [], "tue": [["10:00", "12:30"], ["13:30", "18:00"]]},
    "exceptions": [{"date": "2026-12-25", "closed": True, "note": "Kerstmis"}]}}


class PhotoSchema(Schema):
    url = fields.Function(lambda p: media_url(p.phone_key))
    thumb_url = fields.Function(lambda p: media_url(p.thumb_key))
    width = fields.Integer()
    height = fields.Integer()
    alt = TranslatedText()


class QuietHoursSchema(Schema):
    days = fields.List(fields.String(validate=validate.OneOf(DAYS)), required=True, validate=validate.Length(min=1, max=7),
                       metadata={"example": ["tue", "wed", "thu", "fri"]})
    from_ = fields.String(data_key="from", attribute="from", required=True, validate=validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$"),
                          metadata={"example": "09:00"})
    until = fields.String(required=True, validate=validate.Regexp(r"^([01]\d|2[0-3]):[0-5]\d$"),
                          metadata={"example": "11:00"})


class AccessibilitySchema(Schema):
    """Accessibility as the merchant keeps it. null = not given (unknown, which is not "no"). In a PATCH, the
    fields given change (null clears one) and the others stay; it is public at once, without review."""
    step_free = fields.Boolean(allow_none=True, metadata={"description": "the entrance has no step (or a ramp)"})
    door_width_cm = fields.Integer(allow_none=True, strict=True,
                                   validate=validate.Range(min=DOOR_WIDTH_MIN, max=DOOR_WIDTH_MAX),
                                   metadata={"description": "the narrowest door a visitor passes, in cm"})
    accessible_toilet = fields.Boolean(allow_none=True)
    seating = fields.Boolean(allow_none=True, metadata={"description": "somewhere to sit down in the shop"})
    quiet_hours = fields.Nested(QuietHoursSchema, allow_none=True,
                                metadata={"description": "hours with less music, light and people"})
    assistance_dogs = fields.Boolean(allow_none=True, metadata={"description": "assistance dogs welcome"})


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
    step_free = fields.Boolean(allow_none=True, metadata={"description": "step-free entrance; null: not given"})


class ShopDetailSchema(ShopSummarySchema):
    story = TranslatedText()
    address = fields.String()
    website = fields.String(allow_none=True)
    phone = fields.String(allow_none=True)
    languages = fields.List(fields.String())
    opening_hours = fields.Dict(metadata=HOURS_DOC)
    photos = fields.List(fields.Nested(PhotoSchema))
    accessibility = fields.Nested(AccessibilitySchema)


def listing_dump(listing) -> dict:
    shop = listing.shop
    cover = listing.cover
    return {"slug": shop.slug, "name": shop.name, "tagline": shop.tagline, "category": shop.category,
            "lat": shop.lat, "lon": shop.lon, "featured": listing.featured, "open_now": listing.open.open,
            "thumb_url": media_url(cover.thumb_key) if cover else None,
            "url": external_url("shops.detail", city=shop.city.slug, slug=shop.slug), "step_free": shop.step_free}


class ShopQuerySchema(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES, error=_l("Unknown category.")))
    open_now = fields.Boolean()
    step_free = fields.Boolean(metadata={"description": "only shops whose merchant says the entrance is step-free"})
    q = fields.String(validate=validate.Length(max=SEARCH_MAX, error=_l("The search is too long.")),
                      metadata={"description": "search: every word occurs in the name, tagline, story (any language) "
                                               "or the category's name; case and accents do not matter",
                                "example": "creme"})


class ShopPageQuerySchema(ShopQuerySchema):
    """The shop list page's query string: the API's filters (`open=1` in the page's links) and list or map."""
    open_now = fields.Boolean(data_key="open", load_default=False)
    view = fields.String(validate=validate.OneOf(("list", "map")), load_default="list")
    step_free = fields.Boolean(load_default=False)


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
    accessibility = fields.Nested(AccessibilitySchema)


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
    accessibility = fields.Nested(AccessibilitySchema)
    missing = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                          metadata={"description": "what still blocks sending the shop for review (content, "
                                                   "place, opening hours)"})
    advice = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                         metadata={"description": "what does not block a review but the city team will ask for "
                                                  "(`photos`: no photo yet)"})


def merchant_view(shop) -> dict:
    from app.shops.services.profiles import submission_advice, submission_checklist, working_photos, working_values
    values = working_values(shop)
    return {"id": shop.id, "slug": shop.slug, "city": shop.city.slug, "status": shop.status,
            "proposal_status": shop.proposal_status, "review_reason": shop.review_reason, "public": shop.is_public,
            **values, "street": street_of(values.get("address") or ""), "phone": shop.phone, "languages": shop.languages, "opening_hours": shop.opening_hours,
            "photos": [{"id": photo.id, "url": media_url(photo.phone_key), "thumb_url": media_url(photo.thumb_key),
                        "alt": alt, "pending": photo.pending} for photo, alt in working_photos(shop)],
            "accessibility": shop.accessibility,
            "missing": submission_checklist(shop), "advice": submission_advice(shop)}


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


# --- favourites (app.shops.services.favourites) -------------------------------------------------------------------

class FavouriteSchema(Schema):
    shop_id = fields.Integer()
    city = fields.String(metadata={"description": "the town's slug"})
    slug = fields.String()
    name = TranslatedText()
    url = fields.String(metadata={"description": "the shop's public page"})
    created_at = fields.DateTime(metadata={"description": "when the heart was set (UTC, with its offset)"})


def favourite_dump(favourite) -> dict:
    shop = favourite.shop
    return {"shop_id": shop.id, "city": shop.city.slug, "slug": shop.slug, "name": shop.name,
            "url": external_url("shops.detail", city=shop.city.slug, slug=shop.slug),
            "created_at": favourite.created_at}
