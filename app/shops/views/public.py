"""Visitor pages: the shop list (with filters and a map) and a shop's own page."""
from flask import Blueprint, current_app, g, render_template, request, url_for

from app.accounts.sessions import current_actor
from app.core import clock
from app.core.registry import panels_for
from app.core.schemas import load_query
from app.core.urls import external_url
from app.security import allow_browser_features
from app.shops import SHOP_PAGE_PANELS
from app.shops.forms import CATEGORY_LABELS, DAY_LABELS, LANGUAGE_LABELS
from app.shops.schemas import ShopPageQuerySchema
from app.shops.services import favourites
from app.shops.services.public import (map_points, opening_status, public_shop_or_404, public_shops,
                                       upcoming_exceptions, week_hours)
from app.shops.structured_data import shop_json_ld

bp = Blueprint("shops", __name__)


def _favourites() -> dict:
    """Where this visitor's hearts are kept: a signed-in shopper's account (their ids in this town, one query),
    else the phone (static/js/shop-favourites.js); `api` is the prefix of PUT/DELETE .../<shop_id>."""
    actor = current_actor()
    account = bool(actor.is_authenticated and not getattr(actor, "is_anonymous_shopper", False))
    return {"account": account, "ids": favourites.favourite_ids(actor, g.city) if account else [],
            "api": url_for("shops_api.add_favourite", shop_id=0).rsplit("/", 1)[0] + "/"}


@bp.route("/<city>/shops/")
@allow_browser_features("geolocation")  # "Nearby" (static/js/shops-near.js)
def index():
    query = load_query(ShopPageQuerySchema(), request.args)
    category, open_now, view, step_free = query.get("category"), query["open_now"], query["view"], query["step_free"]
    q = (query.get("q") or "").strip() or None
    listings = public_shops(g.city, category=category, open_now=open_now, step_free=step_free, q=q)
    return render_template("shops/index.html", listings=listings, category=category, open_now=open_now, view=view,
                           step_free=step_free, q=q, favourites=_favourites(),
                           categories=CATEGORY_LABELS, points=map_points(listings))


@bp.route("/<city>/shops/<slug>")
def detail(slug):
    shop = public_shop_or_404(g.city, slug)
    images = [external_url("media.serve", key=photo.phone_key) for photo in shop.current_photos]
    json_ld = shop_json_ld(shop, url=external_url("shops.detail", slug=shop.slug), images=images,
                           city_name=g.city.name)
    return render_template("shops/detail.html", shop=shop, json_ld=json_ld, share_image=(images or [None])[0], open=opening_status(shop), week=week_hours(shop),
                           exceptions=upcoming_exceptions(shop), categories=CATEGORY_LABELS,
                           day_labels=DAY_LABELS, language_labels=LANGUAGE_LABELS, now=clock.now(),
                           panels=panels_for(current_app, SHOP_PAGE_PANELS, shop), favourites=_favourites())
