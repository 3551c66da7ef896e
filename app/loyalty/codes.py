"""Counter and poster codes for stamps (RFC 6238 idea, HMAC-SHA256).

A code is a 30-character base64url token (no padding) of 22 bytes::

    header(1) = version << 4 | kind   (kind 1 = counter, 2 = poster)
    shop_id(4), value(5)              (value = time step, or poster generation)
    mac(12)                           truncated HMAC-SHA256 over header, shop_id,
                                      value and the city slug

Counter codes rotate every `step_seconds` on the merchant's display; poster codes
are static and carry a generation number the merchant bumps to revoke a leaked
poster.

Refusal reasons (CodeError.reason):
    "invalid"  malformed, forged, wrong kind, future step, or made for another city
    "expired"  genuine counter/numeric code older than the grace window
    "revoked"  genuine poster code from an older generation

Cross-city codes: the city slug is inside the MAC, so a code presented at another
city's URL simply fails as "invalid". The Flask layer reports "wrong_city" by first
loading the shop by `parsed.shop_id` (no city filter) and comparing its city with
the URL's city *before* calling verify_*; only then does it verify against the
shop's own city slug.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import re
import secrets
import struct
from dataclasses import dataclass
from enum import StrEnum

VERSION = 1


class CodeKind(StrEnum):
    COUNTER = "counter"  # rotates every step on the counter display
    POSTER = "poster"  # static, revoked by bumping the programme's poster generation


KINDS: dict[CodeKind, int] = {CodeKind.COUNTER: 1, CodeKind.POSTER: 2}
_KIND_NAMES = {v: k for k, v in KINDS.items()}

MAC_BYTES = 12  # 96 bits: forging by guessing is hopeless even without rate limits
_BODY = struct.Struct(">BI5s")  # header, shop_id, 40-bit value
RAW_BYTES = _BODY.size + MAC_BYTES  # 22
CODE_LENGTH = 30  # base64url of 22 bytes, unpadded
MAX_INPUT_LENGTH = 100
MAX_SHOP_ID = 2**32 - 1
MAX_VALUE = 2**40 - 1

_CODE_RE = re.compile(r"[A-Za-z0-9_-]+")  # ASCII only; str.isalnum would accept any script
REDEEM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L
REDEEM_LENGTH = 6


class CodeError(Exception):
    """A code was refused; `reason` is one of "invalid", "expired", "revoked"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ParsedCode:
    kind: CodeKind
    shop_id: int
    step_or_generation: int
    mac: bytes


# --- building blocks ------------------------------------------------------------


def step_for(ts: float, step_seconds: int) -> int:
    """Time step number of a Unix timestamp (floor(ts / step_seconds))."""
    if not isinstance(step_seconds, int) or step_seconds <= 0:
        raise ValueError("step_seconds must be a positive integer")
    if not math.isfinite(ts) or ts < 0:
        raise ValueError("ts must be a finite, non-negative timestamp")
    return int(ts // step_seconds)


def _check_ids(shop_id: int, value: int) -> None:
    if not 1 <= shop_id <= MAX_SHOP_ID:
        raise ValueError("shop_id out of range")
    if not 0 <= value <= MAX_VALUE:
        raise ValueError("step/generation out of range")


def _body(kind: CodeKind, shop_id: int, value: int) -> bytes:
    header = VERSION << 4 | KINDS[kind]
    return _BODY.pack(header, shop_id, value.to_bytes(5, "big"))


def _mac(secret: bytes, city_slug: str, body: bytes) -> bytes:
    if not secret:
        raise ValueError("empty secret")  # an empty key would make every code forgeable
    slug = city_slug.encode("utf-8")
    # Length-prefixed slug keeps the message unambiguous; the body carries the kind.
    msg = b"kick-city/code\x00" + body + struct.pack(">H", len(slug)) + slug
    return hmac.new(secret, msg, hashlib.sha256).digest()[:MAC_BYTES]


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _make(secret: bytes, city_slug: str, kind: CodeKind, shop_id: int, value: int) -> str:
    _check_ids(shop_id, value)
    body = _body(kind, shop_id, value)
    return _encode(body + _mac(secret, city_slug, body))


def make_code(secret: bytes, city_slug: str, shop_id: int, step: int) -> str:
    """Rotating counter code for one time step."""
    return _make(secret, city_slug, CodeKind.COUNTER, shop_id, step)


def make_poster_code(secret: bytes, city_slug: str, shop_id: int, generation: int) -> str:
    """Static poster code; bumping `generation` revokes every older poster."""
    return _make(secret, city_slug, CodeKind.POSTER, shop_id, generation)


# --- parsing and verification -----------------------------------------------------


def parse_code(code: str) -> ParsedCode:
    """Decode a token without checking its MAC. Raises only CodeError("invalid")."""
    if not isinstance(code, str) or len(code) > MAX_INPUT_LENGTH:
        raise CodeError("invalid")
    if len(code) != CODE_LENGTH or not _CODE_RE.fullmatch(code):
        raise CodeError("invalid")
    try:
        raw = base64.urlsafe_b64decode(code + "==")
    except (binascii.Error, ValueError):
        raise CodeError("invalid") from None
    # Reject non-canonical spellings so one code has exactly one string form
    # (the Flask layer may key replay counters on the string).
    if len(raw) != RAW_BYTES or _encode(raw) != code:
        raise CodeError("invalid")
    header, shop_id, value = _BODY.unpack(raw[: _BODY.size])
    kind = _KIND_NAMES.get(header & 0x0F)
    if header >> 4 != VERSION or kind is None or shop_id == 0:
        raise CodeError("invalid")
    return ParsedCode(kind, shop_id, int.from_bytes(value, "big"), raw[_BODY.size :])


def _check_mac(secret: bytes, city_slug: str, parsed: ParsedCode) -> None:
    body = _body(parsed.kind, parsed.shop_id, parsed.step_or_generation)
    if not hmac.compare_digest(_mac(secret, city_slug, body), parsed.mac):
        raise CodeError("invalid")


def _check_window(step: int, now_ts: float, step_seconds: int, grace_steps: int) -> None:
    """Accept steps in [current - grace, current]; no future steps (display clock ahead)."""
    current = step_for(now_ts, step_seconds)
    if step > current:
        raise CodeError("invalid")
    if step < current - grace_steps:
        raise CodeError("expired")


def verify_counter(
    secret: bytes,
    city_slug: str,
    parsed: ParsedCode,
    now_ts: float,
    step_seconds: int,
    grace_steps: int = 1,
) -> None:
    """Raise CodeError unless `parsed` is a genuine, fresh counter code for this city.

    The MAC is checked first so a forged code is never reported as merely expired.
    A cross-city code fails as "invalid"; see the module docstring for "wrong_city".
    """
    if parsed.kind != CodeKind.COUNTER:
        raise CodeError("invalid")
    _check_mac(secret, city_slug, parsed)
    _check_window(parsed.step_or_generation, now_ts, step_seconds, grace_steps)


def verify_poster(secret: bytes, city_slug: str, parsed: ParsedCode, generation: int) -> None:
    """Raise CodeError unless `parsed` is a genuine poster code of the current generation."""
    if parsed.kind != CodeKind.POSTER:
        raise CodeError("invalid")
    _check_mac(secret, city_slug, parsed)
    if parsed.step_or_generation < generation:
        raise CodeError("revoked")
    if parsed.step_or_generation > generation:
        raise CodeError("invalid")  # never issued: only possible with a leaked secret


# --- numeric fallback ---------------------------------------------------------------

# Spaces, dashes and dots a person types when copying the counter's "548 752" or "548-752".
_TYPED_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212.·]+")


def typed_digits(text: str | None) -> str:
    """A typed numeric code as the counter shows it ("548 752", "548-752") -> "548752".

    The one rule for the form and the API: only separators go; anything else is left for the check
    to refuse."""
    return _TYPED_SEPARATORS.sub("", text or "")



def numeric_fallback(secret: bytes, city_slug: str, shop_id: int, step: int, digits: int = 6) -> str:
    """Typed code for when scanning fails (RFC 4226 dynamic truncation, zero padded)."""
    if not 6 <= digits <= 9:
        raise ValueError("digits must be between 6 and 9")
    _check_ids(shop_id, step)
    if not secret:
        raise ValueError("empty secret")
    slug = city_slug.encode("utf-8")
    # Own domain label: a numeric code never reveals anything about the QR MAC.
    msg = b"kick-city/numeric\x00" + struct.pack(">IQH", shop_id, step, len(slug)) + slug
    digest = hmac.new(secret, msg, hashlib.sha256).digest()
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def verify_numeric(
    secret: bytes,
    city_slug: str,
    shop_id: int,
    code: str,
    now_ts: float,
    step_seconds: int,
    grace_steps: int = 1,
    digits: int = 6,
    expired_lookback: int = 10,
) -> int:
    """Return the matched step, else raise CodeError("invalid" | "expired").

    Same window as verify_counter. A match among the `expired_lookback` steps before
    the window only changes the message (a slow typist gets "expired"). Six digits
    can be guessed: the caller MUST rate-limit attempts per shopper and per shop.
    """
    if not isinstance(code, str) or len(code) != digits or not code.isascii() or not code.isdigit():
        raise CodeError("invalid")
    current = step_for(now_ts, step_seconds)
    for step in range(current, max(current - grace_steps - expired_lookback, 0) - 1, -1):
        if hmac.compare_digest(numeric_fallback(secret, city_slug, shop_id, step, digits), code):
            if step < current - grace_steps:
                raise CodeError("expired")
            return step
    raise CodeError("invalid")


# --- redemption ---------------------------------------------------------------------


def redeem_code() -> str:
    """Short code a shopper shows at the till (31^6 ≈ 8.9e8 possibilities)."""
    return "".join(secrets.choice(REDEEM_ALPHABET) for _ in range(REDEEM_LENGTH))


def normalize_redeem_code(text: str) -> str | None:
    """Merchant input -> canonical code, or None. Tolerates case, spaces and dashes."""
    if not isinstance(text, str) or len(text) > 20:
        return None
    cleaned = text.strip().upper().replace(" ", "").replace("-", "")
    if len(cleaned) != REDEEM_LENGTH or any(c not in REDEEM_ALPHABET for c in cleaned):
        return None
    return cleaned
