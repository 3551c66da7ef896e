"""Visitor pages: the shop list (with filters and a map) and a shop's own page."""
from flask import Blueprint, current_app, g, render_template, request

from app.core import clock
from app.core.registry import panels_for
from app.core.schemas import load_query
from app.core.urls import external_url
from app.shops import SHOP_PAGE_PANELS
from app.shops.forms import CATEGORY_LABELS, DAY_LABELS, LANGUAGE_LABELS
from app.shops.schemas import ShopPageQuerySchema
from app.shops.services.public import (map_points, opening_status, public_shop_or_404, public_shops,
                                       upcoming_exceptions, week_hours)
from app.shops.structured_data import shop_json_ld

bp = Blueprint("shops", __name__)


@bp.route("/<city>/shops/")
def index():
    query = load_query(ShopPageQuerySchema(), request.args)
    category, open_now, view, step_free = query.get("category"), query["open_now"], query["view"], query["step_free"]
    listings = public_shops(g.city, category=category, open_now=open_now, step_free=step_free)
    return render_template("shops/index.html", listings=listings, category=category, open_now=open_now, view=view,
                           step_free=step_free,
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
                           panels=panels_for(current_app, SHOP_PAGE_PANELS, shop))
