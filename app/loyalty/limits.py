"""Rate limits of the scan endpoints (HTML and API share the same buckets)."""
from flask import request
from flask_login import current_user

from app.core.ratelimit import client_ip, config_limit
from app.extensions import limiter


def account_key() -> str:
    # An anonymous first scan has no account yet: its IP stands in for it.
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{client_ip()}"


def _typed_shop_id():
    """The shop a typed 6-digit code is tried against (None: a scanned QR code, not a typed one)."""
    if request.is_json:
        body = request.get_json(silent=True)
        return body.get("shop_id") if isinstance(body, dict) else None
    return request.form.get("shop_id")


def numeric_shop_key() -> str:
    return f"shop:{str(_typed_shop_id())[:12]}"


def scan_limits(view):
    """Per IP and per account, shared by every scan route; a breach is a 429 with Retry-After."""
    view = limiter.shared_limit(config_limit("SCAN_LIMIT_PER_ACCOUNT"), scope="scan-account",
                                key_func=account_key, methods=["POST"])(view)
    return limiter.shared_limit(config_limit("SCAN_LIMIT_PER_IP"), scope="scan-ip", key_func=client_ip,
                                methods=["POST"])(view)


def numeric_limits(view):
    """Guessing six digits is cheap: cap typed attempts per shop, whoever sends them."""
    return limiter.shared_limit(config_limit("SCAN_NUMERIC_LIMIT_PER_SHOP"), scope="scan-numeric-shop",
                                key_func=numeric_shop_key, methods=["POST"],
                                exempt_when=lambda: _typed_shop_id() is None)(view)
