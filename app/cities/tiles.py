"""A town's map tiles: the one rule for a tile address and its credit (theme studio, admin console, API)."""
import re
from urllib.parse import urlsplit

import nh3
from flask_babel import lazy_gettext as _l

TILE_PLACEHOLDERS = ("{z}", "{x}", "{y}")
TILE_OPTIONAL = ("{s}", "{r}")  # Leaflet's subdomain and retina ("@2x") placeholders
# https://[{s}.]host[:port]/path[?query]: no user info, no fragment, no other placeholders.
TILE_TEMPLATE = re.compile(
    r"https://(?:\{s\}[.-])?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+(?::\d{1,5})?"
    r"/[A-Za-z0-9._~!$&()*+,;=:@%/{}-]*(?:\?[A-Za-z0-9._~!$&()*+,;=:@%/?{}-]*)?", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MAX_TILE_URL = 300
MAX_ATTRIBUTION = 300


def tile_url_error(url: str) -> str | None:
    """A map tile address is an https URL template: {z}, {x} and {y} once each, optionally {s} and
    {r}, nothing else in braces, no user info, quotes, spaces or angle brackets."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc:
        return str(_l("Use an https:// address."))
    if any(ch in url for ch in "\"'<> \\`"):
        return str(_l("The address contains characters that are not allowed."))
    placeholders = PLACEHOLDER.findall(url)
    if sorted(p for p in placeholders if p in TILE_PLACEHOLDERS) != sorted(TILE_PLACEHOLDERS):
        return str(_l("The address must contain {z}, {x} and {y}."))
    if any(p not in TILE_PLACEHOLDERS + TILE_OPTIONAL for p in placeholders) or len(placeholders) != len(
            set(placeholders)) or not TILE_TEMPLATE.fullmatch(url):
        return str(_l("Use a tile address like https://tile.example.org/{z}/{x}/{y}.png "
                      "(only {s} and {r} may be added)."))
    return None


def clean_attribution(text: str | None) -> str:
    """The tile provider's credit as Leaflet shows it (as HTML): plain text and https links only."""
    return nh3.clean(text or "", tags={"a"}, attributes={"a": {"href"}}, url_schemes={"https"},
                     link_rel="noopener noreferrer nofollow", strip_comments=True).strip()


def tile_errors(url: str | None, attribution: str | None) -> tuple[str, dict[str, list[str]]]:
    """The attribution as it is stored (cleaned), and {field: [message]} for a tile address or credit
    that cannot be kept."""
    errors: dict[str, list[str]] = {}
    url = url or ""
    error = tile_url_error(url) if len(url) <= MAX_TILE_URL else str(_l("At most %(num)d characters.",
                                                                       num=MAX_TILE_URL))
    if error:
        errors["tile_url"] = [error]
    cleaned = clean_attribution(attribution)
    if not cleaned or len(cleaned) > MAX_ATTRIBUTION:
        errors["tile_attribution"] = [str(_l("Give the map attribution (at most %(num)d characters).",
                                             num=MAX_ATTRIBUTION))]
    return cleaned, errors
