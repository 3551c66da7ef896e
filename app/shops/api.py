"""JSON API for shops: public reads, merchants' own shops, marketers' decisions."""
from flask import abort, g
from flask_login import current_user, login_required
from flask_smorest import Blueprint

from app.accounts import invitations
from app.accounts.schemas import InvitationSchema
from app.accounts.sessions import current_actor
from app.core.auth import Role
from app.cities.services import visible_city_by_slug
from app.core import clock
from app.core.auth import is_marketer_of, marketer_required
from app.core.problem import ProblemError
from app.core.schemas import ProblemSchema
from app.core.tenancy import get_in_city_or_404
from app.extensions import db
from app.shops.models import Shop
from app.shops.services import favourites, imports, profiles, review
from app.shops.services.public import Listing, opening_status, public_shop_or_404, public_shops
from app.shops.schemas import (FavouriteSchema, ImportFileSchema, ImportReportSchema, MerchantShopSchema, ReasonSchema, ReviewShopSchema, ShopCreateSchema,
                               ShopDetailSchema, ShopQuerySchema, ShopSummarySchema, ShopWriteSchema,
                               StaffInviteSchema, favourite_dump, listing_dump, merchant_view)

blp = Blueprint("shops_api", __name__, description="Unique shops: public list, merchants, review")


def _marketer_city_or_404():
    """The city of the URL, for its marketers; anybody else is told it does not exist."""
    if not is_marketer_of(current_user, g.city):
        abort(404)
    return g.city


# --- public ----------------------------------------------------------------------------------------


@blp.route("/cities/<city>/shops", methods=["GET"])
@blp.arguments(ShopQuerySchema, location="query")
@blp.response(200, ShopSummarySchema(many=True))
def list_shops(query):
    """Approved shops of a city; today's spotlights (featured) first. `q` searches them."""
    listings = public_shops(g.city, category=query.get("category"), open_now=query.get("open_now", False),
                            step_free=query.get("step_free", False), q=query.get("q"))
    return [listing_dump(listing) for listing in listings]


@blp.route("/cities/<city>/shops/<slug>", methods=["GET"])
@blp.response(200, ShopDetailSchema)
@blp.alt_response(404, schema=ProblemSchema, description="No approved shop with this slug in this city")
def get_shop(slug):
    """One approved shop with its story, address, contact, opening hours and photos."""
    shop = public_shop_or_404(g.city, slug)
    listing = Listing(shop, opening_status(shop), shop.is_featured_on(clock.today()))
    return {**listing_dump(listing), "story": shop.story, "address": shop.address, "website": shop.website,
            "phone": shop.phone, "languages": shop.languages, "opening_hours": shop.opening_hours,
            "photos": shop.current_photos, "accessibility": shop.accessibility}


# --- shoppers: favourite shops ------------------------------------------------------------------------


@blp.route("/me/favourites", methods=["GET"])
@login_required
@blp.response(200, FavouriteSchema(many=True))
def list_favourites():
    """My favourite shops in every town, newest first (only shops that are public now)."""
    return [favourite_dump(favourite) for favourite in favourites.favourites_of(current_actor())]


@blp.route("/cities/<city>/me/favourites/<int:shop_id>", methods=["PUT"])
@login_required
@blp.response(204)
@blp.alt_response(404, schema=ProblemSchema, description="No public shop with this id in this city")
@blp.alt_response(409, schema=ProblemSchema, description="Too many favourites (`too_many_favourites`)")
def add_favourite(shop_id):
    """Keep a public shop of this city as a favourite (again: nothing changes)."""
    favourites.add_favourite(current_actor(), g.city, shop_id)


@blp.route("/cities/<city>/me/favourites/<int:shop_id>", methods=["DELETE"])
@login_required
@blp.response(204)
@blp.alt_response(404, schema=ProblemSchema, description="No shop with this id in this city")
def remove_favourite(shop_id):
    """Remove a shop of this city from my favourites (not a favourite: nothing changes)."""
    favourites.remove_favourite(current_actor(), g.city, shop_id)


# --- merchants -------------------------------------------------------------------------------------


@blp.route("/merchant/shops", methods=["GET"])
@login_required
@blp.response(200, MerchantShopSchema(many=True))
def my_shops():
    """The current user's shops in every city (the working copy, with review status)."""
    return [merchant_view(shop) for shop in profiles.merchant_shops(current_user)]


@blp.route("/merchant/shops", methods=["POST"])
@login_required
@blp.arguments(ShopCreateSchema)
@blp.response(201, MerchantShopSchema)
def create_shop(body):
    """Start a shop as a draft in the given city (`city` is the city slug)."""
    city = visible_city_by_slug(body.pop("city"), current_user)
    if city is None:
        raise ProblemError(422, "Unknown city.", code="validation_error", errors={"city": ["Unknown city."]})
    if current_user.is_anonymous_shopper:
        raise ProblemError(403, "Create an account before you add a shop.", code="account_required")
    return merchant_view(profiles.create_shop(current_user._get_current_object(), city, body))


@blp.route("/merchant/shops/<int:shop_id>", methods=["PATCH"])
@login_required
@blp.arguments(ShopWriteSchema(partial=True))
@blp.response(200, MerchantShopSchema)
def update_shop(body, shop_id):
    """Change your shop. Changes to an approved shop's reviewed fields go back to review;
    the approved version stays public until a marketer approves them. Opening hours, phone, languages and
    `accessibility` (the fields given change, null clears one) are public at once."""
    shop = profiles.merchant_shop_or_404(current_actor(), shop_id)
    if "city" in body and body.pop("city") != shop.city.slug:
        raise ProblemError(422, "A shop cannot move to another city.", code="validation_error",
                           errors={"city": ["A shop cannot move to another city."]})
    return merchant_view(profiles.update_shop(shop, body))


@blp.route("/merchant/shops/<int:shop_id>/submit", methods=["POST"])
@login_required
@blp.response(200, MerchantShopSchema)
def submit_shop(shop_id):
    """Send a draft, rejected shop or rejected changes to the city's marketers."""
    return merchant_view(profiles.submit_shop(profiles.merchant_shop_or_404(current_actor(), shop_id)))


@blp.route("/merchant/shops/<int:shop_id>/staff", methods=["POST"])
@login_required
@blp.arguments(StaffInviteSchema)
@blp.response(201, InvitationSchema)
@blp.alt_response(404, schema=ProblemSchema, description="Not one of your shops")
@blp.alt_response(409, schema=ProblemSchema, description="The address is already staff of this shop")
def invite_staff(body, shop_id):
    """Invite an address to run this shop's counter display and confirm its rewards (shop staff): a
    single-use link, valid 7 days, is mailed."""
    shop = profiles.merchant_shop_or_404(current_actor(), shop_id)
    invitation = invitations.invite(current_actor(), email=body["email"], role=Role.STAFF, city=shop.city,
                                    shop_id=shop.id)
    db.session.commit()
    return invitation


# --- marketers -------------------------------------------------------------------------------------


@blp.route("/cities/<city>/shops/<int:shop_id>/approve", methods=["POST"])
@login_required
@blp.response(200, ReviewShopSchema)
def approve_shop(shop_id):
    """Approve a pending shop or its pending changes (marketers of the city)."""
    return review.approve(get_in_city_or_404(Shop, shop_id, _marketer_city_or_404()))


@blp.route("/cities/<city>/shops/<int:shop_id>/reject", methods=["POST"])
@login_required
@blp.arguments(ReasonSchema)
@blp.response(200, ReviewShopSchema)
def reject_shop(body, shop_id):
    """Send a pending shop or its changes back with a reason (marketers of the city)."""
    return review.reject(get_in_city_or_404(Shop, shop_id, _marketer_city_or_404()), body["reason"])


@blp.route("/cities/<city>/shops/import", methods=["POST"])
@marketer_required
@blp.arguments(ImportFileSchema, location="files")
@blp.response(200, ImportReportSchema)
@blp.alt_response(413, schema=ProblemSchema, description="The file is larger than the import limit")
@blp.alt_response(422, schema=ProblemSchema, description="Not a CSV with the expected header, or too many rows")
def import_shops(files):
    """Import shops from a CSV file (marketers of the city): every valid row becomes a draft shop without
    an owner, and a row's email address is invited to claim it. Rows that break a rule are listed in
    `rejected` (row number and reasons) and skipped; names the city already has are `skipped`, so the
    same file imported again creates nothing. One transaction per file."""
    return imports.import_shops(current_actor(), g.city, files["file"]).as_dict()
