"""Shop business rules. Every operation commits once; refusals raise ProblemError."""
from flask import abort
from flask_login import current_user

from app.extensions import db
from app.shops.models import Shop


def merchant_shop_or_404(shop_id: int) -> Shop:
    """The current user's own shop (admins may open any); anything else is a 404."""
    if not current_user.is_authenticated:
        abort(404)
    shop = db.session.get(Shop, shop_id)
    if shop is None or not (shop.owner_id == current_user.id or current_user.is_admin):
        abort(404)
    return shop
