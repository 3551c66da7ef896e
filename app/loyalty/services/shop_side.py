"""Who is on a shop's side of the counter: they give stamps and rewards there, they never collect them.

Today that is the shop's owner; shop staff (a later issue) joins here, and every rule that asks
"is this person on the shop's side?" (scanning, merging cards, confirming rewards) follows.
"""


def is_shop_side(user, shop) -> bool:
    if user is None or shop is None or not getattr(user, "is_authenticated", True):
        return False
    return shop.owner_id is not None and shop.owner_id == user.id
