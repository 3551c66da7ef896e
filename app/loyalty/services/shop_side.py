"""Who is on a shop's side of the counter: they give stamps and rewards there, they never collect them.

That is the shop's owner and its shop staff (issue 13); every rule that asks "is this person on the shop's
side?" (scanning, merging cards, confirming rewards) follows.
"""
from app.core.auth import staff_shop_ids


def is_shop_side(user, shop) -> bool:
    if user is None or shop is None or not getattr(user, "is_authenticated", True):
        return False
    # The owner, and the shop's staff (issue 13): they give stamps and rewards there, they do not collect them.
    return (shop.owner_id is not None and shop.owner_id == user.id) or shop.id in staff_shop_ids(user)
