"""Rate limits of the scan endpoints (HTML and API share the same buckets)."""
import re

from flask import request
from flask_login import current_user

from app.core.ratelimit import client_ip, config_limit
from app.extensions import limiter

_SHOP_ID = re.compile(r"\s*\+?(\d{1,9})\s*")


def parse_shop_id(value) -> int:
    """A typed shop id as the one integer it names: "010", " 10", "+10", 10 and 10.0 are shop 10.

    Anything else (a fraction, a bool, "1_0", "1e1", text) is a ValueError, which the form and the API
    answer with a 422. The rate-limit key and the scan use this same parse, so one shop is one bucket."""
    if isinstance(value, bool):
        raise ValueError("a shop id is a number")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError("a shop id is a whole number")
        number = int(value)
    elif isinstance(value, str) and _SHOP_ID.fullmatch(value):
        number = int(_SHOP_ID.fullmatch(value).group(1))
    else:
        raise ValueError("a shop id is a number")
    if not 1 <= number < 10**9:
        raise ValueError("no such shop id")
    return number


def account_key() -> str:
    # An anonymous first scan has no account yet: its IP stands in for it.
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{client_ip()}"


def _typed_shop_id():
    """The raw shop id a typed 6-digit code is tried against (None: a scanned QR code, not a typed one)."""
    if request.is_json:
        body = request.get_json(silent=True)
        return body.get("shop_id") if isinstance(body, dict) else None
    return request.form.get("shop_id")


def numeric_shop_key() -> str:
    try:
        return f"shop:{parse_shop_id(_typed_shop_id())}"
    except ValueError:
        return "shop:unparsed"  # refused with a 422 anyway; still counted, in one shared bucket


def numeric_limits(view):
    """Guessing six digits is cheap: cap typed attempts per shop, whoever sends them, and per shopper."""
    typed = {"methods": ["POST"], "exempt_when": lambda: _typed_shop_id() is None}
    view = limiter.shared_limit(config_limit("SCAN_NUMERIC_LIMIT_PER_ACCOUNT"), scope="scan-numeric-account",
                                key_func=account_key, **typed)(view)
    return limiter.shared_limit(config_limit("SCAN_NUMERIC_LIMIT_PER_SHOP"), scope="scan-numeric-shop",
                                key_func=numeric_shop_key, **typed)(view)


def scan_limits(view):
    """Per IP and per account, shared by every scan route; a breach is a 429 with Retry-After."""
    view = limiter.shared_limit(config_limit("SCAN_LIMIT_PER_ACCOUNT"), scope="scan-account",
                                key_func=account_key, methods=["POST"])(view)
    return limiter.shared_limit(config_limit("SCAN_LIMIT_PER_IP"), scope="scan-ip", key_func=client_ip,
                                methods=["POST"])(view)
