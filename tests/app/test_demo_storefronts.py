"""Demo shops do not all wear the same storefront: the drawing follows the shop's category (awning, windows,
goods in the window) and stays the same for the same shop."""
import random

from PIL import Image, ImageChops
from sqlalchemy import select

from app.extensions import db
from app.shops.demo import front_picture
from app.shops.demo_art import draw_front, storefront_style
from app.shops.models import Shop


def _front_photo(shop) -> Image.Image:
    """The demo's front photo of a shop, drawn as `flask demo load` draws it (same seed, same colours)."""
    return front_picture(shop, shop.display_name, shop.city.primary_color, random.Random(shop.slug)).convert("L")


def _share_differing(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a, b.resize(a.size)).point(lambda v: 255 if v > 24 else 0)
    return sum(1 for v in diff.getdata() if v) / (a.size[0] * a.size[1])


def test_the_demo_photos_of_two_shops_of_different_categories_differ(ctx):
    shops = db.session.execute(select(Shop).where(Shop.category.in_(("fashion", "books_music")))
                               .order_by(Shop.id)).scalars().all()
    fashion = next(s for s in shops if s.category == "fashion")
    books = next(s for s in shops if s.category == "books_music")
    assert storefront_style(fashion.slug, fashion.category).goods == "dresses"
    assert storefront_style(books.slug, books.category).goods == "books"
    assert _share_differing(_front_photo(fashion), _front_photo(books)) > .2


def test_the_category_alone_changes_the_drawing_and_a_shop_always_gets_the_same_one():
    colours = ("#1F3A5F", "#444444", "#EEEEEE")

    def draw(slug, category):
        return draw_front("Winkel", storefront_style(slug, category), *colours, random.Random(slug)).convert("L")

    assert _share_differing(draw("de-winkel", "fashion"), draw("de-winkel", "food_drink")) > .05
    assert ImageChops.difference(draw("de-winkel", "kids"), draw("de-winkel", "kids")).getbbox() is None
    styles = {storefront_style(f"shop-{n}", "home_living") for n in range(12)}
    assert len(styles) > 1  # shops of one category still vary (window layout, now and then the awning)
