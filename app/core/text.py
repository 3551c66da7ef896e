"""Plain-text helpers shared by the features."""
import re
import unicodedata

SLUG_MAX = 60


def slugify(text: str, *, fallback: str) -> str:
    """A web-address part from a name: "Café 't Hoekje" -> "cafe-t-hoekje".

    Accents are dropped (NFKD, then ASCII only; a letter without an ASCII base such as "ß" goes away:
    "Straße" -> "strae"), every run of other characters becomes one hyphen, at most SLUG_MAX characters
    and never a hyphen at either end. `fallback` when nothing is left (a name in another script).
    Stored slugs never change: this only names new rows, so its output must stay stable.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:SLUG_MAX].strip("-") or fallback


_HOUSE_NUMBER = re.compile(r"\s+(?:nr\.?\s*)?\d+[\w/-]*(?:\s+(?:bus|b|box)\s*\w+)?$", re.IGNORECASE)


def street_of(address: str) -> str:
    """The street of a Belgian address: "Ooststraat 52, 8800 Roeselare" -> "Ooststraat". One rule for every
    feature that groups by street (figures, news targets, the vacancy register)."""
    first = (address or "").split(",", 1)[0].strip()
    return _HOUSE_NUMBER.sub("", first).strip() or first
