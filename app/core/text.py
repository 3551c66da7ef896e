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
